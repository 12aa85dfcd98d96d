"""What the heartbeat reads of this server: the spawner's environment and psutil's process tree."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from jupyterlab_leap.costs import ProcessTreeUsage, ServerResources, read_server_resources
from jupyterlab_leap.costs.server_env import count_gpus, gpu_model, parse_bytes, parse_cores


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2147483648", 2 * 1024**3),  # what JupyterHub's Spawner.get_env writes (ByteSpecification → int)
        ("2G", 2 * 1024**3),
        ("512M", 512 * 1024**2),
        ("512Mi", 512 * 1024**2),
        ("1.5 GiB", 3 * 512 * 1024**2),
        ("64K", 64 * 1024),
    ],
)
def test_sizes(text: str, expected: int) -> None:
    assert parse_bytes("MEM_LIMIT", text) == expected


@pytest.mark.parametrize(("text", "expected"), [("2.0", 2.0), ("0.5", 0.5), ("500m", 0.5), ("4", 4.0)])
def test_cores(text: str, expected: float) -> None:
    assert parse_cores("CPU_LIMIT", text) == expected


def test_kubespawner_environment(tmp_path: Path) -> None:
    env = {
        "MEM_LIMIT": "8589934592",
        "MEM_GUARANTEE": "4294967296",
        "CPU_LIMIT": "4.0",
        "CPU_GUARANTEE": "1.0",
        "JUPYTER_IMAGE": "quay.io/leap-stc/base-image:2026.11.01",
        "LEAP_PROFILE": "large",
        "NVIDIA_VISIBLE_DEVICES": "GPU-1f3c,GPU-9a2b",
        "LEAP_GPU_TYPE": "A100",
    }
    resources, problems = read_server_resources(env, dev=tmp_path)
    assert problems == []
    assert resources == ServerResources(
        cpu_guarantee=1.0,
        cpu_limit=4.0,
        mem_guarantee=4 * 1024**3,
        mem_limit=8 * 1024**3,
        gpus=2,
        gpu_type="a100",
        image="quay.io/leap-stc/base-image:2026.11.01",
        profile="large",
    )


def test_nothing_set_is_all_unknown(tmp_path: Path) -> None:
    resources, problems = read_server_resources({}, dev=tmp_path)
    assert problems == []
    assert resources == ServerResources(None, None, None, None, 0, None, None, None)


def test_a_malformed_variable_is_named_and_counts_as_unset(tmp_path: Path) -> None:
    resources, problems = read_server_resources({"MEM_LIMIT": "lots", "CPU_LIMIT": "2"}, dev=tmp_path)
    assert problems == ["MEM_LIMIT='lots' is not a size in bytes (like 2147483648, 2G or 512Mi)"]
    assert (resources.mem_limit, resources.cpu_limit) == (None, 2.0)


def test_gpus_all_counts_the_devices_the_container_sees(tmp_path: Path) -> None:
    for name in ("nvidia0", "nvidia1", "nvidiactl", "nvidia-uvm", "null"):
        (tmp_path / name).touch()
    assert count_gpus("all", tmp_path) == 2
    assert count_gpus("none", tmp_path) == 0
    assert count_gpus("void", tmp_path) == 0
    assert count_gpus(None, tmp_path) == 0
    assert count_gpus("0", tmp_path) == 1


def test_gpu_type_from_the_driver(tmp_path: Path) -> None:
    info = tmp_path / "0000:00:04.0" / "information"
    info.parent.mkdir()
    info.write_text("Model: \t\t Tesla T4\nIRQ:   37\n")
    assert gpu_model(tmp_path) == "t4"
    info.write_text("Model: \t\t NVIDIA A100-SXM4-40GB\n")
    assert gpu_model(tmp_path) == "a100"
    assert gpu_model(tmp_path / "absent") is None
    (tmp_path / "nvidia0").touch()
    resources, _ = read_server_resources({"NVIDIA_VISIBLE_DEVICES": "all"}, dev=tmp_path, proc=tmp_path)
    assert (resources.gpus, resources.gpu_type) == (1, "a100")


BUSY_CHILD = """
import sys, time
block = bytearray(96 * 1024 * 1024)  # touched, so it is resident
for i in range(0, len(block), 4096):
    block[i] = 1
sys.stdout.write("ready\\n"); sys.stdout.flush()
end = time.monotonic() + 30
while time.monotonic() < end:
    pass
"""


def test_the_process_tree_counts_children_memory_and_cpu() -> None:
    usage = ProcessTreeUsage()
    alone = usage.read()
    assert alone.source == "psutil"
    assert alone.memory_bytes > 0
    child = subprocess.Popen([sys.executable, "-c", BUSY_CHILD], stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None and child.stdout.readline() == b"ready\n"
        usage.read()  # first sight of the child: its CPU baseline
        time.sleep(1.0)
        busy = usage.read()
        assert busy.memory_bytes >= alone.memory_bytes + 90 * 1024 * 1024
        assert busy.cpu_cores > 0.1, "a child spinning through the interval shows as CPU in use (idle: ~0)"
    finally:
        child.kill()
        child.wait()
    after = usage.read()
    assert after.memory_bytes < busy.memory_bytes - 90 * 1024 * 1024
