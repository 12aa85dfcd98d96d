"""The tutorial manifest reference, rendered from schemas/tutorial-manifest.schema.json (itself
generated from the service's TypeBox schema), so the page lists exactly the keys the service
accepts: one table for the tutorial's keys, one for `files`, one for a step's keys."""

from __future__ import annotations

import json
from pathlib import Path

from gen_config import DocsError
from gen_openapi import table

# What a sub-schema is, in words, for the "type" column.
_TYPES = {"string": "text", "number": "number", "integer": "whole number", "array": "list", "object": "mapping"}


def describe_type(schema: dict) -> str:
    if "const" in schema:
        return f"`{json.dumps(schema['const'])}`"
    if "anyOf" in schema:
        return " or ".join(describe_type(branch) for branch in schema["anyOf"])
    kind = schema.get("type")
    if kind == "array":
        return f"list of {describe_type(schema.get('items', {}))}"
    if kind == "object" and "required" in schema and len(schema.get("properties", {})) == 1:
        (key,) = schema["properties"]
        return f"`{{{key}: …}}`"
    if kind not in _TYPES:
        raise DocsError(f"tutorial-manifest.schema.json: cannot describe type {kind!r}")
    return _TYPES[kind]


def prose(text: str) -> str:
    """A schema description as Markdown text: `<id>` stays visible instead of becoming an HTML tag."""
    return text.replace("<", "\\<").replace(">", "\\>")


def rules(schema: dict) -> str:
    """Limits of a value (length, bounds, pattern), also of each anyOf branch with its description."""
    out = []
    for key, text in (
        ("minLength", "not empty" if schema.get("minLength") == 1 else "at least {} characters"),
        ("maxLength", "at most {} characters"),
        ("minimum", "≥ {}"),
        ("maximum", "≤ {}"),
        ("minItems", "at least {} items"),
    ):
        if key in schema:
            out.append(text.format(schema[key]))
    if "pattern" in schema:
        out.append(f"matches `{schema['pattern']}`")
    for branch in schema.get("anyOf", []):
        if "description" in branch:
            out.append(f"{describe_type(branch)}: {prose(branch['description'])}")
        elif "properties" in branch:
            (key,) = branch["properties"]
            out.append(f"`{key}`: {prose(branch['properties'][key].get('description', ''))}".rstrip(": "))
    return "; ".join(out)


def rows(schema: dict, prefix: str) -> list[list[str]]:
    """One row per key; a mapping with keys of its own (doIt, check) is followed by a row per sub-key."""
    required = set(schema.get("required", []))
    out = []
    for name, prop in schema["properties"].items():
        limits = rules(prop)
        meaning = " ".join(x for x in (prose(prop.get("description", "")), f"({limits})" if limits else "") if x)
        out.append([f"`{prefix}{name}`", "yes" if name in required else "", describe_type(prop), meaning])
        if prop.get("type") == "object" and len(prop.get("properties", {})) > 1:
            out += rows(prop, f"{prefix}{name}.")
    return out


def page(schema_file: Path) -> str:
    schema = json.loads(schema_file.read_text())
    props = schema.get("properties", {})
    for key in ("files", "steps"):
        if key not in props:
            raise DocsError(f"{schema_file.name} has no `{key}`: update docs/tools/gen_manifest.py and the pages")
    step = props["steps"]["items"]
    header = ["key", "required", "type", "meaning"]
    top = {**schema, "properties": {k: v for k, v in props.items() if k not in ("files", "steps")}}
    lines = [
        f"Generated from `schemas/{schema_file.name}` ({schema['title']}). A key not listed here is refused "
        "(`additionalProperties: false` at every level).",
        "",
        "### The tutorial",
        "",
        *table(header, rows(top, "")),
        "",
        "### `files`: what the learner gets",
        "",
        *table(header, rows(props["files"], "files.")),
        "",
        f"### `steps[]`: each step (at least {props['steps'].get('minItems', 1)})",
        "",
        *table(header, rows(step, "")),
        "",
        "Defaults the service fills in: `id` a slug of the title, `level` `beginner`, a step's `id` "
        "`step-<n>` (1-based) and `minutes` 5, `duration` the sum of the steps' minutes, `files.dest` "
        "`tutorials/<id>`.",
        "",
    ]
    return "\n".join(lines)
