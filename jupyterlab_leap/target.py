"""What the gateway forwards to: the service's address, the credential and what is known of its state."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from typing import Literal, Protocol

State = Literal["starting", "running", "restarting", "failed", "external"]


@dataclass(frozen=True)
class ServiceStatus:
    """The gateway's view of the service, as reported by `leap/gateway/info`."""

    state: State
    message: str | None = None
    restarts: int = 0

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class Endpoint:
    """Where to send a request and which token to present."""

    base_url: str
    credential: str | None


class ServiceTarget(Protocol):
    """A service the gateway can forward to (hub service or the locally launched one)."""

    mode: Literal["local", "hub"]

    def endpoint(self) -> Endpoint | None:
        """The endpoint when requests can be sent now; None while not running."""

    def status(self) -> ServiceStatus:
        """The current state, with a message saying what is wrong if anything is."""


class HubService:
    """Hub mode: a JupyterHub service at a fixed URL, called with the user's hub API token."""

    mode: Literal["local", "hub"] = "hub"

    def __init__(self, base_url: str, api_token: str | None = None) -> None:
        self._base_url = base_url.rstrip("/")
        self._api_token = api_token if api_token is not None else os.environ.get("JUPYTERHUB_API_TOKEN")

    def endpoint(self) -> Endpoint | None:
        if not self._base_url:
            return None
        return Endpoint(self._base_url, self._api_token or None)

    def status(self) -> ServiceStatus:
        if not self._base_url:
            return ServiceStatus(
                "failed", "Hub mode needs the service's URL: set LEAP_SERVICE_URL or c.LeapGateway.service_url."
            )
        if not self._api_token:
            return ServiceStatus(
                "external",
                "JUPYTERHUB_API_TOKEN is not set in this Jupyter server, so the hub service "
                "cannot tell who you are; start the server from JupyterHub.",
            )
        return ServiceStatus("external")
