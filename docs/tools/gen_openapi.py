"""The HTTP API reference page, rendered from the service's OpenAPI document (docs/tools/openapi.mjs)."""

from __future__ import annotations

import json
from typing import Any

Schema = dict[str, Any]


def _key(schema: Schema) -> str:
    return json.dumps(schema, sort_keys=True)


class Renderer:
    """Markdown for one OpenAPI 3.1 document; inline schemas equal to a named one link to it."""

    def __init__(self, doc: dict[str, Any]):
        self.doc = doc
        self.schemas: dict[str, Schema] = doc.get("components", {}).get("schemas", {})
        self.names = {_key(schema): name for name, schema in self.schemas.items()}

    def name_of(self, schema: Schema, own: str | None = None) -> str | None:
        ref = schema.get("$ref", "")
        if ref.startswith("#/components/schemas/"):
            return ref.rsplit("/", 1)[1]
        name = self.names.get(_key(schema))
        return None if name == own else name

    def type_of(self, schema: Schema, own: str | None = None) -> str:
        """A one-line type: a link to a named schema, enum values, `array of T`, `A | B`."""
        name = self.name_of(schema, own)
        if name is not None:
            return f"[{name}](#{anchor(name)})"
        if "const" in schema:
            return f"`{json.dumps(schema['const'])}`"
        if "enum" in schema:
            return " | ".join(f"`{json.dumps(v)}`" for v in schema["enum"])
        for combiner in ("anyOf", "oneOf"):
            if combiner in schema:
                return " | ".join(self.type_of(s) for s in schema[combiner])
        kind = schema.get("type", "any")
        if isinstance(kind, list):
            return " | ".join(kind)
        if kind == "array":
            return f"array of {self.type_of(schema.get('items', {}))}"
        if kind == "object" and "properties" not in schema and "additionalProperties" in schema:
            extra = schema["additionalProperties"]
            return "object" if extra is True or extra == {} else f"map of {self.type_of(extra)}"
        return kind

    def limits(self, schema: Schema) -> str:
        words = []
        for key, label in (
            ("minimum", "≥"),
            ("maximum", "≤"),
            ("minLength", "length ≥"),
            ("maxLength", "length ≤"),
            ("maxItems", "items ≤"),
        ):
            if key in schema:
                words.append(f"{label} {schema[key]}")
        if "pattern" in schema:
            words.append(f"pattern `{schema['pattern']}`")
        if "default" in schema:
            words.append(f"default `{json.dumps(schema['default'])}`")
        return ", ".join(words)

    def rows(self, schema: Schema, prefix: str, own: str | None, depth: int = 0) -> list[list[str]]:
        """One row per property, nested objects flattened as `a.b` and arrays as `a[].b`."""
        out: list[list[str]] = []
        required = set(schema.get("required", []))
        for prop, sub in schema.get("properties", {}).items():
            path = f"{prefix}{prop}"
            description = "; ".join(x for x in (sub.get("description", ""), self.limits(sub)) if x)
            out.append([f"`{path}`", self.type_of(sub, own), "yes" if prop in required else "", description])
            if self.name_of(sub, own) is None and depth < 3:
                inner = sub.get("items", {}) if sub.get("type") == "array" else sub
                if "properties" in inner:
                    out += self.rows(inner, f"{path}{'[]' if inner is not sub else ''}.", own, depth + 1)
        return out

    def schema_block(self, schema: Schema, own: str | None = None) -> list[str]:
        if "properties" in schema:
            return table(["field", "type", "required", "description"], self.rows(schema, "", own))
        variants = schema.get("anyOf") or schema.get("oneOf")
        if variants and any("properties" in v for v in variants):
            lines = ["One of:", ""]
            for number, variant in enumerate(variants, 1):
                lines += [f"*Variant {number}*", ""] + self.schema_block(variant) + [""]
            return lines
        return [f"Type: {self.type_of(schema, own)}", ""]

    def operation(self, method: str, path: str, op: dict[str, Any]) -> list[str]:
        lines = [f"### `{method.upper()} {path}`", "", op.get("summary", ""), ""]
        if op.get("description"):
            lines += [op["description"], ""]
        auth = "none" if not op.get("security") else "`Authorization: token <token>` (or `Bearer <token>`)"
        lines += [f"Authentication: {auth}.", ""]
        params = op.get("parameters", [])
        if params:
            lines += table(
                ["parameter", "in", "type", "required", "description"],
                [
                    [
                        f"`{p['name']}`",
                        p["in"],
                        self.type_of(p.get("schema", {})),
                        "yes" if p.get("required") else "",
                        "; ".join(x for x in (p.get("description", ""), self.limits(p.get("schema", {}))) if x),
                    ]
                    for p in params
                ],
            )
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        if body is not None:
            lines += ["Request body (JSON):", ""]
            name = self.name_of(body)
            lines += [f"[{name}](#{anchor(name)})", ""] if name else self.schema_block(body)
        rows = []
        for status, response in op.get("responses", {}).items():
            content = response.get("content", {})
            bodies = [
                self.type_of(media["schema"]) if kind == "application/json" and "schema" in media else f"`{kind}`"
                for kind, media in content.items()
            ]
            rows.append([status, " or ".join(bodies) if bodies else "(no body)"])
        lines += table(["status", "body"], rows)
        return lines

    def page(self) -> str:
        info = self.doc["info"]
        lines = [
            f"Generated from `GET /openapi.json` of {info['title']} {info['version']} "
            f"(OpenAPI {self.doc['openapi']}). Every error answer is an [ErrorBody](#{anchor('ErrorBody')}).",
            "",
            "## Endpoints",
            "",
        ]
        for path, methods in self.doc["paths"].items():
            for method, op in methods.items():
                lines += self.operation(method, path, op)
        lines += ["## Schemas", ""]
        for name, schema in self.schemas.items():
            lines += [f"({anchor(name)})=", f"### {name}", ""]
            if schema.get("description"):
                lines += [schema["description"], ""]
            lines += self.schema_block(schema, own=name)
        return "\n".join(lines) + "\n"


def anchor(name: str) -> str:
    return f"schema-{name.lower()}"


def cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def render(doc: dict[str, Any]) -> str:
    return Renderer(doc).page()
