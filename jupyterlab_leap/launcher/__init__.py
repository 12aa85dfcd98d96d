"""Local mode: find Node and the service, run it, keep it healthy, stop it with the server."""

from .locate import LocateError, find_entry, find_node
from .supervisor import LaunchSettings, LocalService

__all__ = ["LaunchSettings", "LocalService", "LocateError", "find_entry", "find_node"]
