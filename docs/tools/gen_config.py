"""Configuration reference pages, read from the sources so they cannot drift from the code:
JupyterLab settings (schema/*.json), the service's environment (every variable the service code
reads, with the meanings in docs/reference/service-env.yaml) and the gateway's traits (traitlets)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from gen_openapi import table
from traitlets import Undefined

# A helper given the environment and a name, `value(env, 'NAME') ?? 'default'`, `parseList(env, 'NAME')`,
# `seconds(env, 'NAME', 60, problems)`
# (service/src/config.ts), and direct `env.NAME` / `env['NAME']` / `process.env.NAME` reads
_VALUE = re.compile(r"\w+\(env, '([A-Z][A-Z0-9_]*)'(?:\)\s*\?\?\s*'([^']*)')?")
_DIRECT = re.compile(r"\benv(?:\.([A-Z][A-Z0-9_]*)|\[['\"]([A-Z][A-Z0-9_]*)['\"]\])")


class DocsError(Exception):
    """The sources and the docs disagree; the message says what to fix."""


def settings_page(schema_dir: Path, package: str) -> str:
    lines = [
        "Each LEAP settings group is in *Settings → Settings Editor*, or as JSON in "
        f"`<jupyter config dir>/lab/user-settings/{package}/<file>.jupyterlab-settings`.",
        "",
    ]
    for path in sorted(schema_dir.glob("*.json")):
        schema = json.loads(path.read_text())
        plugin = f"{package}:{path.stem}"
        lines += [
            f"### {schema.get('title', plugin)}",
            "",
            schema.get("description", ""),
            "",
            f"Plugin id `{plugin}` (`schema/{path.name}`).",
        ]
        props = schema.get("properties", {})
        if props:
            rows = []
            for name, prop in props.items():
                bounds = ", ".join(
                    f"{label} {prop[key]}" for key, label in (("minimum", "≥"), ("maximum", "≤")) if key in prop
                )
                rows.append(
                    [
                        f"`{name}`",
                        prop.get("title", ""),
                        prop.get("type", ""),
                        f"`{json.dumps(prop['default'])}`" if "default" in prop else "",
                        " ".join(x for x in (prop.get("description", ""), f"({bounds})" if bounds else "") if x),
                    ]
                )
            lines += ["", *table(["setting", "title", "type", "default", "meaning"], rows)]
        else:
            lines += [" No settings of its own; it places commands:", ""]
        placed = []
        for menu in schema.get("jupyter.lab.menus", {}).get("main", []):
            placed += [
                f"menu *{menu['label']}*: `{item['command']}`" for item in menu.get("items", []) if "command" in item
            ]
        placed += [f"shortcut `{s['keys'][0]}`: `{s['command']}`" for s in schema.get("jupyter.lab.shortcuts", [])]
        lines += [f"- {p}" for p in placed] + [""]
    return "\n".join(lines) + "\n"


def service_variables(src_dir: Path) -> dict[str, tuple[str | None, list[str]]]:
    """Every environment variable the service reads: name → (default in code, files reading it)."""
    found: dict[str, tuple[str | None, list[str]]] = {}
    for path in sorted(src_dir.rglob("*.ts")):
        text = path.read_text()
        names = [(m.group(1), m.group(2)) for m in _VALUE.finditer(text)]
        names += [(m.group(1) or m.group(2), None) for m in _DIRECT.finditer(text)]
        for name, default in names:
            old_default, files = found.get(name, (None, []))
            where = str(path.relative_to(src_dir.parent.parent))
            found[name] = (old_default or default, files if where in files else [*files, where])
    return found


def service_env_page(src_dir: Path, meanings_file: Path) -> str:
    meanings: dict[str, dict[str, str]] = yaml.safe_load(meanings_file.read_text())
    found = service_variables(src_dir)
    undocumented = sorted(set(found) - set(meanings))
    stale = sorted(set(meanings) - set(found))
    where = f"docs/{meanings_file.parent.name}/{meanings_file.name}"
    problems = [
        f"{name} is read by {', '.join(found[name][1])} but has no entry in {where}: add its meaning there"
        for name in undocumented
    ]
    problems += [
        f"{name} is described in {where} but the service no longer reads it: remove it there" for name in stale
    ]
    if problems:
        raise DocsError("\n".join(problems))
    lines = [
        "The environment of `leap-hub-service serve|migrate|catalog`. A bad value stops the command with "
        "exit code 2 and a message naming every bad variable.",
        "",
    ]
    for name in sorted(found, key=lambda n: (meanings[n].get("order", 99), n)):
        default, files = found[name]
        shown = meanings[name].get("default") or (f"`{default}`" if default else "unset")
        lines += [
            f"`{name}`",
            f": {meanings[name]['meaning']}",
            "",
            f"  Default: {shown}. Read in {', '.join(f'`{f}`' for f in files)}.",
            "",
        ]
    return "\n".join(lines)


def gateway_page() -> str:
    from jupyterlab_leap.app import LeapGateway

    lines = [
        "Traits of the Jupyter server extension (`jupyterlab_leap.app.LeapGateway`), set in "
        "`jupyter_server_config.py` (`c.LeapGateway.<name> = …`) or on the command line "
        "(`jupyter lab --LeapGateway.<name>=…`). Where an environment variable is named, it is the "
        "default when the trait is not set.",
        "",
    ]
    for name, trait in sorted(LeapGateway.class_own_traits(config=True).items()):
        default = trait.default_value
        shown = "computed (see above)" if default in ("", None) or default is Undefined else f"`{default!r}`"
        env = re.search(r"Env: \$?([A-Z_]+)", trait.help or "")
        facts = [f"{type(trait).__name__}", f"default {shown}"] + ([f"environment `{env.group(1)}`"] if env else [])
        lines += [f"`c.LeapGateway.{name}`", f": {trait.help or ''}", "", f"  {', '.join(facts)}.", ""]
    return "\n".join(lines)
