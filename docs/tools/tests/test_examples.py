"""The guide's examples are real: the commented tutorial manifest is valid for the published JSON
Schema and for the service's own importer, and the worked cost example's numbers are what the
service's arithmetic computes from the example pricing file."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parents[3]
DOCS = ROOT / "docs"
EXAMPLE = DOCS / "instructors" / "example-tutorial"
PRICING = ROOT / "examples" / "pricing" / "gcp-us-central1.yaml"


def node(script: str, *args: str) -> dict:
    run = subprocess.run(
        ["node", str(DOCS / "tools" / script), *args], capture_output=True, text=True, check=False, cwd=ROOT
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def test_example_manifest_is_valid_for_the_schema() -> None:
    schema = json.loads((ROOT / "schemas" / "tutorial-manifest.schema.json").read_text())
    manifest = yaml.safe_load((EXAMPLE / "tutorial.yaml").read_text())
    jsonschema.Draft202012Validator(schema).validate(manifest)
    # "full": it uses every key the schema has, at the top, in files and in steps
    steps = manifest["steps"]
    assert set(manifest) == set(schema["properties"])
    assert set(manifest["files"]) | {"repo", "ref"} == set(schema["properties"]["files"]["properties"])
    step_keys = set().union(*(set(s) for s in steps))
    assert step_keys == set(schema["properties"]["steps"]["items"]["properties"])


def test_service_imports_the_example_with_its_files_and_no_warning() -> None:
    report = node("read-tutorial.mjs", str(EXAMPLE))
    assert report == {
        "status": "ok",
        "id": "sst-anomalies",
        "steps": ["open", "series", "climatology", "anomalies", "plot"],
        "files": ["anomalies.ipynb"],
        "warnings": [],
    }
    # every step's cell exists in the notebook, by index or id
    notebook = json.loads((EXAMPLE / "anomalies.ipynb").read_text())
    ids = {c["id"] for c in notebook["cells"]}
    for step in yaml.safe_load((EXAMPLE / "tutorial.yaml").read_text())["steps"]:
        cell = step.get("cell")
        assert isinstance(cell, int) and cell < len(notebook["cells"]) or cell in ids, step["id"]


def test_a_broken_copy_is_refused_with_file_line_and_field(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    shutil.copytree(EXAMPLE, broken)
    manifest = broken / "tutorial.yaml"
    manifest.write_text(manifest.read_text().replace("    hints:                        #", "    hnits:   #", 1))
    report = node("read-tutorial.mjs", str(broken))
    assert report["status"] == "failed"
    assert len(report["errors"]) == 1
    assert re.fullmatch(r'tutorial\.yaml line \d+: steps\[1\]: unknown key "hnits" \(did you mean "hints"\?\)', report["errors"][0])


def test_worked_cost_example_matches_the_service_arithmetic() -> None:
    # a medium server and a Dask cluster of three workers at Dask Gateway's defaults
    # (1 core, 2 GiB each, and a scheduler of the same size)
    rate = node("rate.mjs", str(PRICING), "medium", "3", "1", "2", "1", "2")
    assert rate["currency"] == "USD"
    assert f"{rate['total']:.2f}" == "0.42"
    page = (DOCS / "users" / "why-this-cost.md").read_text()
    for amount in (rate["server"]["cpu"], rate["server"]["memory"], rate["dask"], rate["total"]):
        assert f"{amount:.6f}".rstrip("0") in page, f"{amount} is not on the page"
    small = node("rate.mjs", str(PRICING), "small")
    assert f"{small['total']:.6f}".rstrip("0") in page


def test_walkthrough_quotes_the_demo_tutorial_as_it_is() -> None:
    """docs/users/first-tutorial.md: its steps are the demo's, in order; each Python block is a code
    cell of the demo notebook; the check message it quotes is the one the check raises."""
    demo = ROOT / "examples" / "tutorials" / "sst-basics"
    manifest = yaml.safe_load((demo / "tutorial.yaml").read_text())
    notebook = json.loads((demo / "sst-basics.ipynb").read_text())
    page = (DOCS / "users" / "first-tutorial.md").read_text()
    headings = re.findall(r"^### Step (\d+): (.+)$", page, flags=re.M)
    assert headings == [(str(i + 1), s["title"]) for i, s in enumerate(manifest["steps"])]
    cells = {"".join(c["source"]).strip() for c in notebook["cells"] if c["cell_type"] == "code"}
    blocks = re.findall(r"```python\n(.*?)```", page, flags=re.S)
    assert len(blocks) == len(cells)
    for block in blocks:
        assert block.strip() in cells, block
    quoted = re.search(r"\*Not yet: (.+?)\*", page, flags=re.S).group(1).replace("\n", " ")
    assert quoted in manifest["steps"][1]["check"]["code"]
    assert f"*{manifest['title']}* (`{manifest['id']}`)" in page
