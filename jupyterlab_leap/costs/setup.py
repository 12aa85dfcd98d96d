"""Building the heartbeat for a running Jupyter server from the gateway's settings."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import Any

from jupyter_server.utils import url_path_join
from tornado.httpclient import AsyncHTTPClient

from ..target import ServiceTarget
from .dask_gateway import AuthKind, DaskGatewayAuth, DaskGatewayClient
from .heartbeat import CostHeartbeat, HeartbeatSettings
from .server_env import read_server_resources
from .usage import ProcessTreeUsage, ResourceUsageMetrics

# jupyter-resource-usage stores its settings under this key when its server extension is loaded
RESOURCE_USAGE_SETTINGS = "jupyter_resource_usage_display_config"


@dataclass(frozen=True)
class HeartbeatConfig:
    """The `c.LeapGateway.*` settings of the heartbeat (see jupyterlab_leap/app.py)."""

    interval: float
    dask_gateway_url: str
    dask_gateway_auth: AuthKind
    dask_gateway_username: str
    dask_gateway_password: str
    dask_scheduler_cores: float
    dask_scheduler_memory: int


def create_heartbeat(
    config: HeartbeatConfig, target: ServiceTarget, serverapp: Any, client: AsyncHTTPClient, log: logging.Logger
) -> CostHeartbeat:
    """The heartbeat of this server (not started)."""
    resources, problems = read_server_resources()
    for problem in problems:
        log.warning("LEAP cost heartbeat: %s; reporting it as not set", problem)
    tree = ProcessTreeUsage()
    read_usage: Any
    if RESOURCE_USAGE_SETTINGS in serverapp.web_app.settings and serverapp.connection_url.startswith("http"):
        metrics = ResourceUsageMetrics(
            url_path_join(serverapp.connection_url, "api/metrics/v1"),
            # the server's own token (JupyterHub's identity provider answers the hub API token here)
            serverapp.identity_provider.token or None,
            tree,
            log,
            client,
        )
        read_usage = metrics.read
    else:

        async def read_usage() -> Any:
            return tree.read()

    dask = None
    if config.dask_gateway_url:
        auth = DaskGatewayAuth(
            config.dask_gateway_auth,
            token=os.environ.get("JUPYTERHUB_API_TOKEN"),
            username=config.dask_gateway_username,
            password=config.dask_gateway_password,
        )
        dask = DaskGatewayClient(config.dask_gateway_url, auth, client)
    settings = HeartbeatSettings(
        interval=config.interval,
        server_name=os.environ.get("JUPYTERHUB_SERVER_NAME", ""),
        scheduler_cores=config.dask_scheduler_cores,
        scheduler_memory_bytes=config.dask_scheduler_memory,
    )
    return CostHeartbeat(target, resources, read_usage, dask, settings, log, client)
