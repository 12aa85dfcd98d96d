"""The Jupyter server extension: configuration, routes, and the local service's lifecycle."""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

from jupyter_core.paths import jupyter_data_dir
from jupyter_server.extension.application import ExtensionApp
from tornado.httpclient import AsyncHTTPClient
from traitlets import Enum, Float, Int, Unicode, default

from .costs import CostHeartbeat, HeartbeatConfig, create_heartbeat
from .gateway import ForwardLimits, gateway_handlers
from .launcher import LaunchSettings, LocalService
from .target import HubService, ServiceTarget
from .tutorials import LeapTutorials, tutorial_handlers

MAX_CONCURRENT_REQUESTS = 64


class LeapGateway(ExtensionApp):
    """Forwards `/leap/api/*` to the LEAP service; in local mode also runs that service."""

    name = "jupyterlab_leap"
    heartbeat: CostHeartbeat | None = None

    service_url = Unicode(help="URL of the LEAP hub service (hub mode). Unset: local mode. Env: LEAP_SERVICE_URL.").tag(
        config=True
    )
    mode = Enum(
        ["local", "hub"],
        help="'hub' forwards to service_url with the user's JupyterHub token; 'local' launches the "
        "service itself. Default: 'hub' when service_url is set, else 'local'.",
    ).tag(config=True)
    node = Unicode(help="Node.js executable for the local service. Env: LEAP_NODE.").tag(config=True)
    service_entry = Unicode(
        help="Service CLI script (default: the bundle in the package, else service/dist/cli.js of a "
        "checkout). Env: LEAP_SERVICE_ENTRY."
    ).tag(config=True)
    data_dir = Unicode(help="Local service data folder. Env: LEAP_DATA_DIR; default <jupyter data dir>/leap.").tag(
        config=True
    )
    startup_timeout = Float(60.0, help="Seconds for the local service to answer /api/health.").tag(config=True)
    migrate_timeout = Float(300.0, help="Seconds for the local service's `migrate` to finish.").tag(config=True)
    max_restarts = Int(5, help="Consecutive fast failures after which the local service is given up.").tag(config=True)
    restart_backoff = Float(0.5, help="First restart delay in seconds; doubles per fast failure.").tag(config=True)
    restart_backoff_max = Float(30.0, help="Longest restart delay in seconds.").tag(config=True)
    stop_grace = Float(5.0, help="Seconds between SIGTERM and SIGKILL when stopping the service.").tag(config=True)
    request_timeout = Float(60.0, help="Seconds a forwarded request may take.").tag(config=True)
    connect_timeout = Float(5.0, help="Seconds to connect to the service.").tag(config=True)
    max_body_size = Int(64 * 1024 * 1024, help="Largest forwarded request or response body, in bytes.").tag(config=True)
    heartbeat_interval = Float(
        60.0,
        help="Seconds between cost heartbeats to the LEAP service (jittered ±10%; the service's receipt "
        "may ask for another interval); 0 turns the heartbeat off.",
    ).tag(config=True)
    dask_gateway_url = Unicode(
        help="Dask Gateway address whose clusters of this user the heartbeat reports; empty: none. "
        "Env: DASK_GATEWAY__ADDRESS."
    ).tag(config=True)
    dask_gateway_auth = Enum(
        ["jupyterhub", "basic", "none"],
        help="How to authenticate to the Dask Gateway: 'jupyterhub' (JUPYTERHUB_API_TOKEN), 'basic' "
        "(dask_gateway_username/password) or 'none'. Env: DASK_GATEWAY__AUTH__TYPE; default 'jupyterhub' "
        "when JUPYTERHUB_API_TOKEN is set, else 'basic'.",
    ).tag(config=True)
    dask_gateway_username = Unicode(
        help="User for 'basic' Dask Gateway auth. Env: DASK_GATEWAY__AUTH__KWARGS__USERNAME; default the OS user."
    ).tag(config=True)
    dask_gateway_password = Unicode(
        help="Password for 'basic' Dask Gateway auth. Env: DASK_GATEWAY__AUTH__KWARGS__PASSWORD."
    ).tag(config=True)
    dask_scheduler_cores = Float(
        1.0, help="Cores of a Dask scheduler when the cluster options do not say (dask-gateway's default)."
    ).tag(config=True)
    dask_scheduler_memory = Int(
        2 * 1024**3, help="Memory of a Dask scheduler in bytes (dask-gateway's default, 2 GiB)."
    ).tag(config=True)

    @default("service_url")
    def _default_service_url(self) -> str:
        return os.environ.get("LEAP_SERVICE_URL", "")

    @default("mode")
    def _default_mode(self) -> str:
        return "hub" if self.service_url else "local"

    @default("dask_gateway_url")
    def _default_dask_gateway_url(self) -> str:
        return os.environ.get("DASK_GATEWAY__ADDRESS", "")

    @default("dask_gateway_auth")
    def _default_dask_gateway_auth(self) -> str:
        kind = os.environ.get("DASK_GATEWAY__AUTH__TYPE", "")
        if kind in ("jupyterhub", "basic", "none"):
            return kind
        return "jupyterhub" if os.environ.get("JUPYTERHUB_API_TOKEN") else "basic"

    @default("dask_gateway_username")
    def _default_dask_gateway_username(self) -> str:
        return os.environ.get("DASK_GATEWAY__AUTH__KWARGS__USERNAME") or getpass.getuser()

    @default("dask_gateway_password")
    def _default_dask_gateway_password(self) -> str:
        return os.environ.get("DASK_GATEWAY__AUTH__KWARGS__PASSWORD", "")

    @default("node")
    def _default_node(self) -> str:
        return os.environ.get("LEAP_NODE", "")

    @default("service_entry")
    def _default_service_entry(self) -> str:
        return os.environ.get("LEAP_SERVICE_ENTRY", "")

    @default("data_dir")
    def _default_data_dir(self) -> str:
        return os.environ.get("LEAP_DATA_DIR") or str(Path(jupyter_data_dir()) / "leap")

    def initialize_settings(self) -> None:
        self.target: ServiceTarget = self._make_target()
        self.client = AsyncHTTPClient(
            force_instance=True, max_clients=MAX_CONCURRENT_REQUESTS, max_body_size=self.max_body_size
        )
        self.log.info("LEAP gateway in %s mode", self.target.mode)

    def initialize_handlers(self) -> None:
        from . import __version__

        limits = ForwardLimits(self.max_body_size, self.request_timeout, self.connect_timeout)
        self.handlers.extend(gateway_handlers(self.target, self.client, limits, __version__))
        tutorials = LeapTutorials(parent=self)
        self.handlers.extend(
            tutorial_handlers(self.target, self.client, tutorials, self.serverapp.root_dir, self.data_dir)
        )

    async def _start_jupyter_server_extension(self, serverapp: Any) -> None:
        if isinstance(self.target, LocalService):
            self.target.start()
        if self.heartbeat_interval > 0:
            self.heartbeat = create_heartbeat(self._heartbeat_config(), self.target, serverapp, self.client, self.log)
            self.heartbeat.start()

    async def stop_extension(self) -> None:
        if self.heartbeat is not None:
            await self.heartbeat.stop()
        if isinstance(self.target, LocalService):
            await self.target.stop()
        self.client.close()

    def _heartbeat_config(self) -> HeartbeatConfig:
        return HeartbeatConfig(
            interval=self.heartbeat_interval,
            dask_gateway_url=self.dask_gateway_url,
            dask_gateway_auth=self.dask_gateway_auth,
            dask_gateway_username=self.dask_gateway_username,
            dask_gateway_password=self.dask_gateway_password,
            dask_scheduler_cores=self.dask_scheduler_cores,
            dask_scheduler_memory=self.dask_scheduler_memory,
        )

    def _make_target(self) -> ServiceTarget:
        if self.mode == "hub":
            return HubService(self.service_url)
        if self.service_url:
            self.log.warning("LEAP gateway: mode is 'local', so service_url %s is ignored", self.service_url)
        return LocalService(
            LaunchSettings(
                node=self.node,
                entry=self.service_entry,
                data_dir=self.data_dir,
                startup_timeout=self.startup_timeout,
                migrate_timeout=self.migrate_timeout,
                max_restarts=self.max_restarts,
                backoff_initial=self.restart_backoff,
                backoff_max=self.restart_backoff_max,
                stop_grace=self.stop_grace,
            ),
            self.log,
        )
