"""`POST {base_url}leap/tutorials/fetch`: fetch a tutorial's files into the learner's home.

Body `{"tutorial": "<id>"}`. The tutorial (and so where its files come from) is read from the LEAP
service with the gateway's credential, never taken from the browser. The answer is a stream of JSON
lines (`application/x-ndjson`), one progress event per line, ending with `done` or `error`; problems
found before the stream starts are an ErrorBody with its status.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jupyter_server.base.handlers import APIHandler
from tornado.httpclient import AsyncHTTPClient
from tornado.iostream import StreamClosedError
from tornado.web import authenticated
from traitlets import Float, Int, List, Unicode
from traitlets.config import Configurable

from ..gateway.errors import error_body
from ..target import ServiceTarget
from .fetch import destination, fetch_files, ledger_file
from .git import GitReader
from .paths import UnsafePath
from .sources import FetchError, GitSource, ShippedSource, Source, service_get

FETCH_ROUTE = r"leap/tutorials/fetch"
TUTORIAL_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


class LeapTutorials(Configurable):
    """How the tutorial player's file fetcher works (`c.LeapTutorials.*`)."""

    git_protocols = List(
        Unicode(),
        default_value=["https"],
        help="URL schemes a tutorial's git repository may use (git's GIT_ALLOW_PROTOCOL). Add 'file' for "
        "repositories on this machine.",
    ).tag(config=True)
    git_timeout = Float(120.0, help="Seconds one git command of a fetch may take.").tag(config=True)
    max_fetch_bytes = Int(256 * 1024 * 1024, help="Largest total size of one tutorial's git files.").tag(config=True)


class TutorialFetchHandler(APIHandler):
    def initialize(
        self, target: ServiceTarget, client: AsyncHTTPClient, settings: LeapTutorials, root_dir: str, data_dir: str
    ) -> None:
        self.target = target
        self.client = client
        self.tutorial_settings = settings
        self.root_dir = root_dir
        self.data_dir = data_dir

    def _refuse(self, status: int, code: str, message: str, field: str | None = None) -> None:
        self.set_status(status)
        body = error_body(status, code, message)
        if field:
            body["field"] = field
        self.finish(body)

    @authenticated
    async def post(self) -> None:
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            self._refuse(400, "invalid_json", "The body is not JSON.")
            return
        tutorial_id = body.get("tutorial") if isinstance(body, dict) else None
        if not isinstance(tutorial_id, str) or not TUTORIAL_ID.match(tutorial_id):
            self._refuse(400, "invalid_request", "body/tutorial must be a tutorial id ([a-z0-9-]).", "body/tutorial")
            return
        endpoint = self.target.endpoint()
        if endpoint is None:
            self._refuse(503, "service_unavailable", self.target.status().message or "The LEAP service is not running.")
            return
        url = f"{endpoint.base_url}/api/tutorials/{quote(tutorial_id, safe='')}"
        try:
            tutorial = json.loads(await service_get(self.client, endpoint, url, f"tutorial {tutorial_id!r}"))
        except FetchError as err:
            status = 404 if " 404 " in f"{err} " else 502
            self._refuse(status, "not_found" if status == 404 else "bad_gateway", str(err))
            return
        self.set_header("Content-Type", "application/x-ndjson; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        try:
            async for event in self._events(tutorial_id, tutorial.get("files") or {"kind": "none"}, endpoint):
                self.write(json.dumps(event) + "\n")
                await self.flush()
        except StreamClosedError:
            return  # the browser went away; what was written is recorded in the ledger
        self.finish()

    async def _events(self, tutorial_id: str, files: dict[str, Any], endpoint: Any) -> Any:
        if files.get("kind") not in ("git", "shipped"):
            yield {"event": "done", "dest": None, "counts": {}, "files": []}
            return
        try:
            dest, folder = destination(self.root_dir, str(files.get("dest") or f"tutorials/{tutorial_id}"))
            source = self._source(files, endpoint)
        except (UnsafePath, FetchError) as err:
            yield {"event": "error", "message": str(err), "dest": files.get("dest")}
            return
        async for event in fetch_files(source, dest, folder, ledger_file(self.data_dir, folder)):
            yield event

    def _source(self, files: dict[str, Any], endpoint: Any) -> Source:
        settings = self.tutorial_settings
        if files["kind"] == "git":
            reader = GitReader(
                Path(self.data_dir) / "tutorials" / "git", list(settings.git_protocols), settings.git_timeout
            )
            return GitSource(
                reader,
                str(files.get("repo", "")),
                files.get("ref"),
                list(files.get("paths") or []),
                settings.max_fetch_bytes,
            )
        return ShippedSource(self.client, endpoint, str(files.get("url", "")), list(files.get("files") or []))


def tutorial_handlers(
    target: ServiceTarget, client: AsyncHTTPClient, settings: LeapTutorials, root_dir: str, data_dir: str
) -> list[tuple[str, type, dict[str, object]]]:
    kwargs = {"target": target, "client": client, "settings": settings, "root_dir": root_dir, "data_dir": data_dir}
    return [(FETCH_ROUTE, TutorialFetchHandler, kwargs)]
