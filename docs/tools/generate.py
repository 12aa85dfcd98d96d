"""Writes the generated reference fragments into docs/_generated/ (git-ignored), which the
pages include: OpenAPI reference, JupyterLab settings, service environment, gateway traits,
tutorial manifest keys, troubleshooting entries. Exits 1 naming every disagreement between the docs and the code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import gen_config  # noqa: E402
import gen_manifest  # noqa: E402
import gen_openapi  # noqa: E402
import gen_troubleshooting  # noqa: E402

DOCS = Path(__file__).resolve().parent.parent
ROOT = DOCS.parent
OUT = DOCS / "_generated"


def openapi() -> dict:
    entry = ROOT / "service" / "dist" / "api" / "app.js"
    if not entry.is_file():
        raise gen_config.DocsError(f"{entry.relative_to(ROOT)} is missing: run `npm run build -w service` first")
    run = subprocess.run(["node", str(DOCS / "tools" / "openapi.mjs")], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        raise gen_config.DocsError(f"docs/tools/openapi.mjs failed:\n{run.stderr}")
    return json.loads(run.stdout)


def main() -> int:
    OUT.mkdir(exist_ok=True)
    package = json.loads((ROOT / "package.json").read_text())["name"]
    jobs = {
        "openapi.md": lambda: gen_openapi.render(openapi()),
        "settings.md": lambda: gen_config.settings_page(ROOT / "schema", package),
        "service-env.md": lambda: gen_config.service_env_page(
            ROOT / "service" / "src", DOCS / "reference" / "service-env.yaml"
        ),
        "gateway-traits.md": gen_config.gateway_page,
        "tutorial-manifest.md": lambda: gen_manifest.page(ROOT / "schemas" / "tutorial-manifest.schema.json"),
        "troubleshooting.md": lambda: gen_troubleshooting.page(DOCS / "reference" / "troubleshooting.yaml", ROOT),
    }
    failed = False
    for name, make in jobs.items():
        try:
            text = make()
        except gen_config.DocsError as error:
            print(f"docs: {name}: {error}", file=sys.stderr)
            failed = True
            continue
        target = OUT / name
        if not target.is_file() or target.read_text() != text:
            target.write_text(text)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
