"""The generated reference: variables found in the service code, stale entries refused,
troubleshooting messages checked against their files, OpenAPI schemas named and linked."""

from pathlib import Path

import gen_config
import gen_openapi
import gen_troubleshooting
import pytest


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_service_variables_are_found_in_every_form(tmp_path: Path) -> None:
    src = tmp_path / "service" / "src"
    write(
        src / "config.ts",
        "const m = value(env, 'LEAP_MODE') ?? 'local';\nconst g = parseList(env, 'LEAP_GROUPS');\n"
        "const s = seconds(env, 'LEAP_POLL_SECONDS', 60, problems);\n",
    )
    write(
        src / "other" / "x.ts",
        "const a = env.LEAP_A; const b = env['LEAP_B']; const c = process.env.LEAP_C;\nconst d = env[name];\n",
    )
    found = gen_config.service_variables(src)
    assert sorted(found) == ["LEAP_A", "LEAP_B", "LEAP_C", "LEAP_GROUPS", "LEAP_MODE", "LEAP_POLL_SECONDS"]
    assert found["LEAP_MODE"] == ("local", ["service/src/config.ts"])
    assert found["LEAP_GROUPS"] == (None, ["service/src/config.ts"])


def test_undocumented_and_stale_variables_fail(tmp_path: Path) -> None:
    src = tmp_path / "service" / "src"
    write(src / "config.ts", "value(env, 'LEAP_NEW'); value(env, 'LEAP_MODE') ?? 'local';\n")
    meanings = write(
        tmp_path / "docs" / "reference" / "service-env.yaml",
        "LEAP_MODE:\n  meaning: the mode\nLEAP_GONE:\n  meaning: removed\n",
    )
    with pytest.raises(gen_config.DocsError) as error:
        gen_config.service_env_page(src, meanings)
    assert str(error.value).splitlines() == [
        "LEAP_NEW is read by service/src/config.ts but has no entry in docs/reference/service-env.yaml: "
        "add its meaning there",
        "LEAP_GONE is described in docs/reference/service-env.yaml but the service no longer reads it: remove it there",
    ]


def test_service_env_page_lists_defaults_and_meanings(tmp_path: Path) -> None:
    src = tmp_path / "service" / "src"
    write(src / "config.ts", "value(env, 'LEAP_MODE') ?? 'local'; value(env, 'LEAP_PORT');\n")
    meanings = write(
        tmp_path / "docs" / "reference" / "service-env.yaml",
        "LEAP_PORT:\n  order: 2\n  default: '`8765`'\n  meaning: the port\n"
        "LEAP_MODE:\n  order: 1\n  meaning: the mode\n",
    )
    page = gen_config.service_env_page(src, meanings)
    assert page.split("\n", 2)[2] == (
        "`LEAP_MODE`\n: the mode\n\n  Default: `local`. Read in `service/src/config.ts`.\n\n"
        "`LEAP_PORT`\n: the port\n\n  Default: `8765`. Read in `service/src/config.ts`.\n"
    )


def test_settings_page_lists_settings_and_placed_commands(tmp_path: Path) -> None:
    write(
        tmp_path / "status.json",
        """{"title": "LEAP: status", "description": "Checks.",
      "jupyter.lab.menus": {"main": [{"id": "m", "label": "LEAP", "items": [{"command": "leap:check"}]}]},
      "jupyter.lab.shortcuts": [{"command": "leap:check", "keys": ["Alt Shift C"], "selector": "body"}],
      "properties": {"pollInterval": {"title": "Interval", "description": "Seconds.", "type": "number",
                                      "minimum": 1, "default": 15}}}""",
    )
    page = gen_config.settings_page(tmp_path, "jupyterlab-leap")
    assert "Plugin id `jupyterlab-leap:status` (`schema/status.json`)." in page
    assert "| `pollInterval` | Interval | number | `15` | Seconds. (≥ 1) |" in page
    assert "- menu *LEAP*: `leap:check`" in page
    assert "- shortcut `Alt Shift C`: `leap:check`" in page


def test_gateway_page_lists_every_configurable_trait() -> None:
    from jupyterlab_leap.app import LeapGateway

    page = gen_config.gateway_page()
    for name in LeapGateway.class_own_traits(config=True):
        assert f"\n`c.LeapGateway.{name}`\n: " in page
    assert "  Unicode, default computed (see above), environment `LEAP_SERVICE_URL`.\n" in page
    assert "  Float, default `60.0`.\n" in page


def test_troubleshooting_messages_must_still_be_in_their_files(tmp_path: Path) -> None:
    write(tmp_path / "src" / "a.ts", "trans.__('The LEAP service cannot be reached.')\n")
    entries = [
        {
            "title": "t",
            "messages": [
                {"text": "The LEAP service cannot be reached.", "file": "src/a.ts"},
                {"text": "Cannot reach it at http://x: refused", "match": "Cannot reach it at ", "file": "src/a.ts"},
                {"text": "gone", "file": "src/missing.ts"},
            ],
        }
    ]
    with pytest.raises(gen_config.DocsError) as error:
        gen_troubleshooting.check(entries, tmp_path, "troubleshooting.yaml")
    assert str(error.value).splitlines() == [
        "troubleshooting.yaml: \"t\": src/a.ts no longer contains 'Cannot reach it at '",
        'troubleshooting.yaml: "t": src/missing.ts does not exist',
    ]


OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "LEAP hub service", "version": "1.2.3"},
    "paths": {
        "/api/things/{id}": {
            "get": {
                "summary": "One thing",
                "security": [{"token": []}],
                "parameters": [
                    {"name": "id", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 9}}
                ],
                "responses": {
                    "200": {
                        "content": {
                            "application/json": {
                                "schema": {
                                    "type": "object",
                                    "required": ["name"],
                                    "properties": {
                                        "name": {"type": "string"},
                                        "kind": {"anyOf": [{"const": "a"}, {"const": "b"}]},
                                        "parts": {
                                            "type": "array",
                                            "items": {"type": "object", "properties": {"n": {"type": "integer"}}},
                                        },
                                    },
                                }
                            }
                        }
                    },
                    "404": {
                        "content": {
                            "application/json": {
                                "schema": {"type": "object", "properties": {"code": {"type": "string"}}}
                            }
                        }
                    },
                    "203": {"content": {"application/json": {"schema": {"type": "string"}}, "text/csv": {}}},
                    "204": {},
                },
            }
        }
    },
    "components": {
        "schemas": {
            "ErrorBody": {"type": "object", "properties": {"code": {"type": "string"}}},
        }
    },
}


def test_openapi_page_links_inline_schemas_equal_to_a_named_one() -> None:
    page = gen_openapi.render(OPENAPI)
    assert "### `GET /api/things/{id}`" in page
    assert "Authentication: `Authorization: token <token>` (or `Bearer <token>`)." in page
    assert "| `id` | path | string | yes | length ≤ 9 |" in page
    assert "| 404 | [ErrorBody](#schema-errorbody) |" in page
    assert "| 203 | string or `text/csv` |" in page
    assert "| 204 | (no body) |" in page
    assert "(schema-errorbody)=\n### ErrorBody" in page


def test_openapi_types_render_unions_arrays_and_nested_fields() -> None:
    renderer = gen_openapi.Renderer(OPENAPI)
    schema = OPENAPI["paths"]["/api/things/{id}"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    rows = renderer.rows(schema, "", None)
    assert [row[:3] for row in rows] == [
        ["`name`", "string", "yes"],
        ["`kind`", '`"a"` | `"b"`', ""],
        ["`parts`", "array of object", ""],
        ["`parts[].n`", "integer", ""],
    ]
    assert gen_openapi.table(["a"], [['`"a"` | `"b"`']])[2] == '| `"a"` \\| `"b"` |'


def test_manifest_reference_lists_every_key_of_the_schema() -> None:
    import json

    import gen_manifest

    schema_file = Path(__file__).resolve().parents[3] / "schemas" / "tutorial-manifest.schema.json"
    schema = json.loads(schema_file.read_text())
    page = gen_manifest.page(schema_file)
    step = schema["properties"]["steps"]["items"]["properties"]
    expected = [k for k in schema["properties"] if k not in ("files", "steps")]
    expected += [f"files.{k}" for k in schema["properties"]["files"]["properties"]]
    expected += list(step) + [f"{k}.{sub}" for k in ("doIt", "check") for sub in step[k]["properties"]]
    rows = [line.split(" | ")[0].lstrip("| ") for line in page.splitlines() if line.startswith("| `")]
    assert sorted(r.strip("`") for r in rows) == sorted(expected)
    # the level's choices and the cell's two forms are spelled out; <id> stays visible
    assert '`"beginner"` or `"intermediate"` or `"advanced"`' in page
    assert "whole number: 0-based cell index" in page
    assert "tutorials/\\<id\\>" in page


def test_manifest_reference_refuses_a_schema_it_cannot_describe(tmp_path: Path) -> None:
    import gen_manifest

    schema = write(
        tmp_path / "s.json",
        '{"title": "t", "properties": {"files": {"properties": {}}, "steps": {"items": {"properties": '
        '{"x": {"type": "null"}}}}}}',
    )
    with pytest.raises(gen_config.DocsError, match="cannot describe type 'null'"):
        gen_manifest.page(schema)
