"""What this server asked Kubernetes for, read from the environment JupyterHub/KubeSpawner set.

JupyterHub's `Spawner.get_env` sets MEM_LIMIT / MEM_GUARANTEE (bytes, as an integer string) and
CPU_LIMIT / CPU_GUARANTEE (cores, as a float string) when configured; KubeSpawner adds
JUPYTER_IMAGE. Neither puts the chosen profile in the environment (it lives in the server's
`user_options`, which the service reads from the hub API), so the profile is taken from
LEAP_PROFILE when a deployment sets it (e.g. in a profile's `kubespawner_override.environment`).
GPUs: NVIDIA_VISIBLE_DEVICES lists device indices/UUIDs; `all` means every GPU the container can
see, counted from /dev/nvidia<N>; `none`/`void`/empty means none. The GPU type (as priced: t4,
a100) is LEAP_GPU_TYPE, else the driver's model name.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_BYTES = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*([KMGTPE]?)(i?)B?\s*$", re.IGNORECASE)
_POWERS = {"": 0, "K": 1, "M": 2, "G": 3, "T": 4, "P": 5, "E": 6}
_GPU_DEVICE = re.compile(r"^nvidia[0-9]+$")
_NO_GPU = ("", "none", "void")


class EnvValueError(ValueError):
    """An environment variable holds something that is not a size or a core count."""


@dataclass(frozen=True)
class ServerResources:
    """Requests (guarantees) and limits of this server; None where the spawner set nothing."""

    cpu_guarantee: float | None
    cpu_limit: float | None
    mem_guarantee: int | None
    mem_limit: int | None
    gpus: int
    gpu_type: str | None
    image: str | None
    profile: str | None


def parse_bytes(name: str, text: str) -> int:
    """`2147483648`, `2G`, `512Mi`, `1.5 GiB` → bytes (K/M/G/T are powers of 1024, like JupyterHub)."""
    match = _BYTES.match(text)
    if not match:
        raise EnvValueError(f"{name}={text!r} is not a size in bytes (like 2147483648, 2G or 512Mi)")
    number, unit, _ = match.groups()
    return int(float(number) * 1024 ** _POWERS[unit.upper()])


def parse_cores(name: str, text: str) -> float:
    """`2`, `0.5`, `500m` → cores."""
    value = text.strip()
    try:
        return float(value[:-1]) / 1000 if value.endswith("m") else float(value)
    except ValueError:
        raise EnvValueError(f"{name}={text!r} is not a number of CPU cores (like 2, 0.5 or 500m)") from None


def count_gpus(visible: str | None, dev: Path = Path("/dev")) -> int:
    """The number of GPUs NVIDIA_VISIBLE_DEVICES gives this container."""
    value = (visible or "").strip().lower()
    if value in _NO_GPU:
        return 0
    if value == "all":
        try:
            return sum(1 for entry in dev.iterdir() if _GPU_DEVICE.match(entry.name))
        except OSError:
            return 0
    return len([part for part in value.split(",") if part.strip()])


def gpu_model(proc: Path = Path("/proc/driver/nvidia/gpus")) -> str | None:
    """The priced GPU type of the first GPU the driver lists: `Tesla T4` → `t4`, `NVIDIA A100-SXM4-40GB` → `a100`."""
    try:
        infos = sorted(proc.glob("*/information"))
        lines = infos[0].read_text().splitlines() if infos else []
    except OSError:
        return None
    for line in lines:
        key, _, value = line.partition(":")
        if key.strip() == "Model":
            words = [w for w in re.split(r"[\s-]+", value.strip().lower()) if w not in ("nvidia", "tesla", "")]
            return words[0] if words else None
    return None


def read_server_resources(
    env: Mapping[str, str] | None = None, dev: Path = Path("/dev"), proc: Path = Path("/proc/driver/nvidia/gpus")
) -> tuple[ServerResources, list[str]]:
    """Read the spawner's variables; a malformed one counts as unset and its problem is returned."""
    env = os.environ if env is None else env
    problems: list[str] = []

    def optional(name: str, parse: Callable[[str, str], T]) -> T | None:
        text = env.get(name, "").strip()
        if not text:
            return None
        try:
            return parse(name, text)
        except EnvValueError as err:
            problems.append(str(err))
            return None

    gpus = count_gpus(env.get("NVIDIA_VISIBLE_DEVICES"), dev)
    resources = ServerResources(
        cpu_guarantee=optional("CPU_GUARANTEE", parse_cores),
        cpu_limit=optional("CPU_LIMIT", parse_cores),
        mem_guarantee=optional("MEM_GUARANTEE", parse_bytes),
        mem_limit=optional("MEM_LIMIT", parse_bytes),
        gpus=gpus,
        gpu_type=(env.get("LEAP_GPU_TYPE", "").strip().lower() or gpu_model(proc)) if gpus else None,
        image=env.get("JUPYTER_IMAGE") or None,
        profile=env.get("LEAP_PROFILE") or None,
    )
    return resources, problems
