"""The cost meter's gateway side: the heartbeat to the LEAP service and the Dask Gateway client."""

from .dask_gateway import DaskCluster, DaskGatewayAuth, DaskGatewayClient, DaskGatewayError, DaskWorker
from .heartbeat import CostHeartbeat, HeartbeatSettings, heartbeat_body
from .server_env import ServerResources, read_server_resources
from .setup import HeartbeatConfig, create_heartbeat
from .usage import ProcessTreeUsage, ResourceUsageMetrics, Usage

__all__ = [
    "CostHeartbeat",
    "DaskCluster",
    "DaskGatewayAuth",
    "DaskGatewayClient",
    "DaskGatewayError",
    "DaskWorker",
    "HeartbeatConfig",
    "HeartbeatSettings",
    "ProcessTreeUsage",
    "ResourceUsageMetrics",
    "ServerResources",
    "Usage",
    "create_heartbeat",
    "heartbeat_body",
    "read_server_resources",
]
