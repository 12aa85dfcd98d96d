"""Knowledge-graph exports checked by real validators, offline, against the real service.

A record is published through the gateway (local mode: the real service with the demo catalog),
with catalog datasets, an outside store URL, two authors (one with an ORCID) and a cited DOI; then
- its RO-Crate (ro-crate-metadata.json) must pass roc-validator's RO-Crate 1.2 profile (MUST level);
- its DataCite JSON must pass Invenio's datacite-v4.5.json schema (jsonschema).
roc-validator runs in its offline mode: every document it asks for must be in its HTTP cache, which
the test fills from tests/python/fixtures/graph/ (the RO-Crate 1.2 JSON-LD context); any other
connection than to loopback fails the test.
"""

from __future__ import annotations

import asyncio
import io
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
import yaml
from jsonschema.validators import validator_for
from leap_testing import Fetch, json_body
from requests.structures import CaseInsensitiveDict
from requests_cache import CachedSession
from rocrate_validator import services
from rocrate_validator.models import Severity, ValidationSettings
from rocrate_validator.utils.http import HttpRequester
from urllib3.response import HTTPResponse

from jupyterlab_leap.app import LeapGateway
from jupyterlab_leap.launcher import LocateError, find_entry

FIXTURES = Path(__file__).parent / "fixtures" / "graph"
# what roc-validator fetches, served from the fixtures (URL → file, media type)
CACHED_DOCUMENTS = {
    "https://w3id.org/ro/crate/1.2/context": ("ro-crate-1.2-context.jsonld", "application/ld+json"),
}
ORCID = "0000-0002-1825-0097"


@pytest.fixture
def leap_config(tmp_path: Path) -> dict[str, Any]:
    try:
        entry = find_entry("")
    except LocateError as err:
        pytest.fail(f"{err} (build it with `npm run build -w service`)")
    return {"service_entry": entry, "restart_backoff": 0.1, "max_restarts": 1, "stop_grace": 3.0}


class FixtureAdapter(requests.adapters.BaseAdapter):
    """Answers the cached documents from files; anything else is an error (nothing goes out)."""

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:
        if request.url not in CACHED_DOCUMENTS:
            raise requests.ConnectionError(f"not a cached fixture: {request.url}")
        name, media_type = CACHED_DOCUMENTS[request.url]
        body = (FIXTURES / name).read_bytes()
        headers = {"Content-Type": media_type, "Content-Length": str(len(body))}
        raw = HTTPResponse(
            body=io.BytesIO(body), headers=headers, status=200, preload_content=False, request_url=request.url
        )
        response = requests.Response()
        response.status_code = 200
        response.url = request.url
        response.request = request
        response.headers = CaseInsensitiveDict(headers)
        response.raw = raw
        response._content = body
        response.encoding = "utf-8"
        return response

    def close(self) -> None:
        pass


@pytest.fixture
def offline_cache(tmp_path: Path) -> Iterator[Path]:
    """roc-validator's HTTP cache holding the fixtures, as its `cache warm` would leave it."""
    cache = tmp_path / "roc-http-cache"
    session = CachedSession(cache_name=str(cache), backend="sqlite", expire_after=-1, allowable_codes=(200,))
    session.mount("https://", FixtureAdapter())
    session.mount("http://", FixtureAdapter())
    for url in CACHED_DOCUMENTS:
        assert session.get(url).status_code == 200
    session.close()
    yield cache
    HttpRequester.reset()


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection other than to loopback raises (the validators must work offline)."""
    original = socket.socket.connect

    def connect(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("::1", "localhost")) and self.family != socket.AF_UNIX:
            raise OSError(f"network access during validation: {address}")
        return original(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


def validate_crate(crate: dict[str, Any], folder: Path, cache: Path) -> list[str]:
    """roc-validator, RO-Crate 1.2 profile, MUST requirements, offline; the issues in words."""
    folder.mkdir()
    (folder / "ro-crate-metadata.json").write_text(json.dumps(crate, indent=2))
    settings = ValidationSettings(
        rocrate_uri=str(folder),
        profile_identifier="ro-crate-1.2",
        requirement_severity=Severity.REQUIRED,
        offline=True,
        cache_path=cache,
    )
    result = services.validate(settings)
    return sorted(
        f"{issue.check.identifier} {issue.check.name} [{issue.violatingEntity or 'crate'}]: {issue.message}"
        for issue in result.get_issues()
    )


def validate_datacite(document: dict[str, Any]) -> list[str]:
    schema = json.loads((FIXTURES / "datacite-v4.5.json").read_text())
    cls = validator_for(schema)
    cls.check_schema(schema)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in cls(schema).iter_errors(document)]


async def _running(fetch: Fetch) -> None:
    deadline = time.monotonic() + 120
    while True:
        info = json_body(await fetch("leap", "gateway", "info"))
        if info["service"]["state"] == "running":
            return
        if info["service"]["state"] == "failed" or time.monotonic() > deadline:
            pytest.fail(f"the service did not start: {info}")
        await asyncio.sleep(0.2)


async def _api(fetch: Fetch, method: str, path: str, body: Any = None, params: dict[str, str] | None = None) -> Any:
    kwargs: dict[str, Any] = {"method": method, "params": params or {}}
    if body is not None:
        kwargs["body"] = json.dumps(body)
        kwargs["headers"] = {"Content-Type": "application/json"}
    response = await fetch("leap", "api", *path.split("/"), **kwargs)
    assert 200 <= response.code < 300, f"{method} {path}: {response.code} {response.body.decode()[:500]}"
    return response


async def _publish(fetch: Fetch) -> tuple[str, list[str]]:
    """Publish a notebook record using two catalog datasets; its id and the datasets' catalog ids."""
    search = json_body(await _api(fetch, "GET", "catalog/search", params={"limit": "2", "facets": ""}))
    catalog_ids = [item["id"] for item in search["items"]]
    assert len(catalog_ids) == 2, search
    detail = json_body(await _api(fetch, "GET", f"catalog/datasets/{catalog_ids[1]}"))
    store_url = detail["stores"][0]["url"]
    record = {
        "kind": "ProjectCode",
        "title": "Sea surface temperature trends <b>1982–2024</b>",
        "description": "Trends of **SST** from the LEAP catalog.\n\nSecond paragraph & <i>markup</i>.",
        "authors": [
            {"name": "Lovelace, Ada", "orcid": ORCID, "affiliation": "Columbia University"},
            {"name": "Hopper, Grace"},
        ],
        "license": "CC-BY-4.0",
        "keywords": ["ocean", "sea surface temperature"],
        "version": "1.0.0",
        "related": [{"doi": "10.5281/zenodo.3406497", "relationType": "Cites", "title": "RO-Crate"}],
        "datasets": [
            {"ref": catalog_ids[0]},
            {"ref": store_url, "relationType": "IsDerivedFrom"},
            {"ref": "gs://outside-bucket/not/in/the/catalog.zarr"},
        ],
        "files": [{"path": "sst-trends.ipynb", "sha256": "ab" * 32, "size": 1234}],
        "provenance": {"kernel": "python3 (Python 3.12.4)", "jupyterlab": "4.6.6", "packages": {"xarray": "2025.1.1"}},
        "draft": False,
    }
    published = json_body(await _api(fetch, "POST", "graph/records", record))
    return published["node"]["id"], catalog_ids


async def test_published_record_exports_pass_roc_validator_and_the_datacite_schema(
    started_gateway: LeapGateway, leap_fetch: Fetch, offline_cache: Path, tmp_path: Path, no_network: None
) -> None:
    await _running(leap_fetch)
    record_id, catalog_ids = await _publish(leap_fetch)

    crate_response = await _api(leap_fetch, "GET", f"graph/nodes/{record_id}/export/ro-crate")
    crate = json_body(crate_response)
    assert crate["@context"] == "https://w3id.org/ro/crate/1.2/context"
    entities = {entity["@id"]: entity for entity in crate["@graph"]}
    names = json.dumps(crate)
    assert ORCID in names and "Hopper" in names
    for catalog_id in catalog_ids:
        assert catalog_id in names, f"the crate names dataset {catalog_id}"
    assert "ro-crate-metadata.json" in entities
    issues = validate_crate(crate, tmp_path / "crate", offline_cache)
    datacite = json_body(await _api(leap_fetch, "GET", f"graph/nodes/{record_id}/export/datacite"))
    errors = validate_datacite(datacite)
    assert (issues, errors) == ([], []), (
        "roc-validator (RO-Crate 1.2, MUST):\n" + "\n".join(issues) + "\nDataCite 4.5 schema:\n" + "\n".join(errors)
    )
    relations = {(r["relationType"], r["relatedIdentifier"]) for r in datacite.get("relatedIdentifiers", [])}
    assert ("Cites", "10.5281/zenodo.3406497") in relations

    bibtex = (await _api(leap_fetch, "GET", f"graph/nodes/{record_id}/export/bibtex")).body.decode()
    assert bibtex.lstrip().startswith("@") and "Lovelace" in bibtex
    cff = yaml.safe_load((await _api(leap_fetch, "GET", f"graph/nodes/{record_id}/export/cff")).body.decode())
    assert cff["cff-version"].startswith("1.2") and cff["authors"][0]["orcid"] == f"https://orcid.org/{ORCID}"


def test_the_validators_catch_a_broken_export(offline_cache: Path, tmp_path: Path, no_network: None) -> None:
    """The same validators reject what is wrong, so a passing export means something."""
    crate = {
        "@context": "https://w3id.org/ro/crate/1.2/context",
        "@graph": [
            {
                "@id": "ro-crate-metadata.json",
                "@type": "CreativeWork",
                "about": {"@id": "./"},
                "conformsTo": {"@id": "https://w3id.org/ro/crate/1.2"},
            },
            {"@id": "./", "@type": "Dataset"},
        ],
    }
    issues = validate_crate(crate, tmp_path / "broken", offline_cache)
    for missing in ("name", "description", "license", "datePublished"):
        assert any(f"MUST have a `{missing}` property" in issue for issue in issues), issues
    errors = validate_datacite({"titles": [{"title": "x"}], "types": {"resourceTypeGeneral": "NotAType"}})
    assert any("NotAType" in e for e in errors), errors
