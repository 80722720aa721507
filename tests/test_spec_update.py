"""Taking a spec update: extraction and normalisation, the change report, the surface file, and the
whole `nox -s update_spec` flow run on a temporary copy of the repository (never on the real tree).

The fixtures in tests/fixtures/specs/ are written by make_fixtures.py there from spec/upstream.json.
"""

from __future__ import annotations

import copy
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SPECS = Path(__file__).parent / "fixtures" / "specs"
sys.path.insert(0, str(ROOT))

from tools import spec_diff, spec_source, spec_surface, spec_update, spectool  # noqa: E402
from tools import spec_names as names  # noqa: E402
from tools.spec_diff import Change, diff_specs  # noqa: E402

REFRESH = "the fixtures describe another pristine copy: run `python tests/fixtures/specs/make_fixtures.py`"
OP = ("paths", "/v1/chat/completions", "post")


# --- helpers -----------------------------------------------------------------------------------------


def _copy_repo(tmp_path: Path) -> Path:
    """The part of the repository the update reads and writes, copied into tmp_path/repo."""
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("openapi.json", "generator-config.yaml", "API_SURFACE.md"):
        shutil.copy(ROOT / name, repo / name)
    ignore = shutil.ignore_patterns("__pycache__", ".ruff_cache")
    shutil.copytree(ROOT / "spec", repo / "spec", ignore=ignore)
    shutil.copytree(ROOT / "templates", repo / "templates", ignore=ignore)
    shutil.copytree(
        ROOT / "generated" / "aiml_api_client", repo / "generated" / "aiml_api_client", ignore=ignore
    )
    shutil.copytree(ROOT / "overlay" / "aiml_chat", repo / "overlay" / "aiml_chat", ignore=ignore)
    return repo


def _snapshot(repo: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(repo)): path.read_bytes()
        for path in sorted(repo.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts and ".ruff_cache" not in path.parts
    }


def _run_update(source: Path, repo: Path, **options: Any) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = spec_update.update(str(source), repo, out=out, err=err, **options)
    return status, out.getvalue(), err.getvalue()


def _kinds(changes: list[Change]) -> set[tuple[str, str, str, bool]]:
    return {(change.side, change.kind, change.path, change.breaking) for change in changes}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return _copy_repo(tmp_path)


# --- extraction and normalisation --------------------------------------------------------------------


def test_normalising_the_raw_upstream_form_of_the_seed_gives_the_pristine_copy_exactly() -> None:
    raw = spec_source.load_source(str(SPECS / "seed.raw.json"))
    assert "/chat/completions" in raw["paths"]  # the raw form really is raw
    assert "x-codeSamples" in raw["paths"]["/v1/chat/completions"]["post"]
    text = spectool.dump(spec_source.normalise(raw))
    assert text == spectool.UPSTREAM.read_text(encoding="utf-8"), REFRESH


def test_the_docs_page_form_extracts_to_the_pristine_copy_and_is_already_normal() -> None:
    doc = spec_source.load_source(str(SPECS / "seed.md"))
    assert spectool.dump(doc) == spectool.UPSTREAM.read_text(encoding="utf-8"), REFRESH
    assert spec_source.normalise(doc) == doc


def test_raw_and_markdown_forms_of_the_newer_spec_agree() -> None:
    raw = spec_source.normalise(spec_source.load_source(str(SPECS / "newer.raw.json")))
    page = spec_source.normalise(spec_source.load_source(str(SPECS / "newer.md")))
    assert spectool.dump(raw) == spectool.dump(page)


def test_normalise_rewrites_keywords_but_never_names_or_data() -> None:
    raw = {
        "openapi": "3.0.0",
        "info": {"title": "t", "version": "1", "x-logo": {"url": "u"}},
        "paths": {
            "/chat/completions": {"post": {"responses": {}}},
            "/v1/chat/completions": {
                "post": {
                    "x-codeSamples": [{"lang": "curl", "source": "curl"}],
                    "requestBody": {
                        "content": {
                            "application/json": {
                                "example": {"a": 1},
                                "schema": {
                                    "type": "object",
                                    "properties": {
                                        "x-custom": {"type": ["string", "null"], "example": "s"},
                                        "example": {"const": "only", "default": {"x-keep": 1}},
                                        "mode": {"type": "string", "enum": ["a", "x-b"]},
                                        "either": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
                                    },
                                },
                            }
                        }
                    },
                    "responses": {},
                }
            },
        },
    }
    doc = spec_source.normalise(raw)
    assert list(doc["paths"]) == ["/v1/chat/completions"]
    assert "x-logo" not in doc["info"]
    op = doc["paths"]["/v1/chat/completions"]["post"]
    assert "x-codeSamples" not in op
    media = op["requestBody"]["content"]["application/json"]
    assert "example" not in media
    props = media["schema"]["properties"]
    assert props["x-custom"] == {"type": "string", "nullable": True}
    assert props["example"] == {"enum": ["only"], "default": {"x-keep": 1}}
    assert props["mode"] == {"type": "string", "enum": ["a", "x-b"]}
    assert props["either"] == {"anyOf": [{"type": "integer", "nullable": True}]}
    assert spec_source.normalise(doc) == doc


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"openapi": "3.0.0", "paths": {', "not valid JSON"),
        ("# A page\n\nno schema here\n", "API Schema"),
        ("# A page\n\n## API Schema\n\n```python\nprint()\n```\n", "no ```json block"),
        ('{"openapi": "3.1.0", "info": {}, "paths": {}}', "OpenAPI 3.0"),
        ('{"swagger": "2.0"}', "not an OpenAPI document"),
    ],
)
def test_unusable_sources_are_refused_with_the_reason(text: str, reason: str) -> None:
    with pytest.raises(spec_source.SourceError, match=reason.replace("`", ".")):
        spec_source.extract_spec(text, "page.md")


# --- the declared fixes against a new upstream -------------------------------------------------------


def test_fixes_whose_target_vanished_or_that_change_nothing_are_reported() -> None:
    upstream = json.loads(spectool.UPSTREAM.read_text())
    newer = copy.deepcopy(upstream)
    op = newer["paths"]["/v1/chat/completions"]["post"]
    choice = op["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["choices"]["items"]
    choice["properties"]["message"]["properties"]["content"]["nullable"] = True  # the upstream fixed it
    del op["responses"]["200"]["content"]["application/json"]["schema"]["properties"][
        "usage"
    ]  # a fix's target
    report = spectool.apply_fixes_report(newer, spectool.load_fixes())
    assert report.stale
    assert all("schema.properties.usage matches nothing" in line for line in report.stale), report.stale
    assert len(report.unnecessary) == 1
    assert "message.properties.content changes nothing" in report.unnecessary[0]
    # today's upstream needs every fix
    assert spectool.apply_fixes_report(upstream, spectool.load_fixes()).unnecessary == []


# --- the change report (pure functions) --------------------------------------------------------------


def _spec(request: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    return {
        "openapi": "3.0.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/v1/chat/completions": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": request}}},
                    "responses": {
                        "200": {"description": "ok", "content": {"application/json": {"schema": response}}}
                    },
                }
            }
        },
    }


def _message(role: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {"role": {"type": "string", "enum": [role]}, "content": {"type": "string"}, **extra},
        "required": ["role"],
    }


def _part(kind: str) -> dict[str, Any]:
    return {"type": "object", "properties": {"type": {"type": "string", "enum": [kind]}}}


OLD_REQUEST: dict[str, Any] = {
    "type": "object",
    "required": ["model"],
    "properties": {
        "model": {"type": "string"},
        "gone": {"type": "string"},
        "temperature": {"type": "number", "minimum": 0, "maximum": 2},
        "top_p": {"type": "number", "minimum": 0, "maximum": 1},
        "effort": {"type": "string", "enum": ["low", "medium", "high"]},
        "mode": {"type": "string", "enum": ["a", "b"]},
        "seed": {"type": "integer"},
        "n": {"type": "integer"},
        "messages": {
            "type": "array",
            "items": {
                "oneOf": [_message("user", parts={"type": "array", "items": {"anyOf": [_part("text")]}})]
            },
        },
    },
}
OLD_RESPONSE: dict[str, Any] = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": "string"},
        "legacy": {"type": "string"},
        "finish_reason": {"type": "string", "enum": ["stop", "length"]},
        "tool_calls": {"type": "array", "items": {"oneOf": [_part("function")]}},
    },
}


def test_every_kind_of_change_is_reported_with_its_breaking_flag() -> None:
    request = copy.deepcopy(OLD_REQUEST)
    props = request["properties"]
    del props["gone"]
    props["required_new"] = {"type": "string"}
    request["required"].append("required_new")
    props["optional_new"] = {"type": "boolean"}
    props["temperature"]["maximum"] = 1  # narrowed
    props["top_p"]["minimum"] = -1  # widened
    props["effort"]["enum"] = ["low", "high"]  # narrowed
    props["mode"]["enum"] = ["a", "b", "c"]  # widened
    props["seed"]["type"] = "string"  # changed
    props["n"]["type"] = "number"  # integer -> number: every old value still valid
    variants = props["messages"]["items"]["oneOf"]
    variants.append(_message("developer"))
    variants[0]["properties"]["parts"]["items"]["anyOf"] = [_part("image_url")]
    response = copy.deepcopy(OLD_RESPONSE)
    rprops = response["properties"]
    del rprops["legacy"]
    rprops["provider"] = {"type": "string"}
    rprops["finish_reason"]["enum"].append("error")
    rprops["tool_calls"]["items"]["oneOf"].append(_part("custom"))

    found = _kinds(diff_specs(_spec(OLD_REQUEST, OLD_RESPONSE), _spec(request, response)))
    parts = "messages[](role=user).parts[]"
    assert found == {
        ("request", "property-removed", "gone", True),
        ("request", "required-property-added", "required_new", True),
        ("request", "optional-property-added", "optional_new", False),
        ("request", "range-narrowed", "temperature", True),
        ("request", "range-widened", "top_p", False),
        ("request", "enum-narrowed", "effort", True),
        ("request", "enum-widened", "mode", False),
        ("request", "type-changed", "seed", True),
        ("request", "type-changed", "n", False),
        ("request", "variant-added", "messages[]", False),
        ("request", "variant-removed", parts, True),
        ("request", "variant-added", parts, False),
        ("response", "field-removed", "legacy", True),
        ("response", "field-added", "provider", False),
        ("response", "enum-value-added", "finish_reason", False),
        ("response", "variant-added", "tool_calls[]", False),
    }


def test_variant_reports_name_each_variant_by_its_discriminator_value() -> None:
    request = copy.deepcopy(OLD_REQUEST)
    request["properties"]["messages"]["items"]["oneOf"].append(_message("developer"))
    parts = request["properties"]["messages"]["items"]["oneOf"][0]["properties"]["parts"]["items"]["anyOf"]
    parts.append(_part("file"))
    text = spec_diff.render_text(diff_specs(_spec(OLD_REQUEST, OLD_RESPONSE), _spec(request, OLD_RESPONSE)))
    assert "variant `role=developer` added" in text
    assert "variant `type=file` added" in text
    assert "0 breaking" in text


def _shape(kind: str) -> dict[str, Any]:
    """A variant fixing two properties: `type` (the same in every variant) and `kind` (its own)."""
    fixed = {"type": {"type": "string", "enum": ["shape"]}, "kind": {"type": "string", "enum": [kind]}}
    return {"type": "object", "properties": fixed, "required": ["type", "kind"]}


def test_variants_are_named_by_the_declared_discriminator_whatever_its_name() -> None:
    """A union a spec update adds with a discriminator no code names is reported by it; a union
    that declares none is keyed by the property most of its variants fix (a raw upstream)."""
    old_union = {"oneOf": [_shape("circle")], "discriminator": {"propertyName": "kind"}}
    new_union = {"oneOf": [_shape("circle"), _shape("square")], "discriminator": {"propertyName": "kind"}}
    old = _spec({"type": "object", "properties": {"shape": old_union}}, OLD_RESPONSE)
    new = _spec({"type": "object", "properties": {"shape": new_union}}, OLD_RESPONSE)
    text = spec_diff.render_text(diff_specs(old, new))
    assert "variant `kind=square` added" in text
    assert spec_diff.variant_keys(new_union, new_union["oneOf"]) == ["kind=circle", "kind=square"]
    raw = {"oneOf": [_shape("circle"), _shape("square"), _part("text")]}  # `type` fixed in all three
    assert spec_diff.variant_keys(raw, raw["oneOf"]) == ["type=shape", "type=shape#1", "type=text"]


def test_response_side_nullability_and_optionality_are_breaking_for_readers() -> None:
    response = copy.deepcopy(OLD_RESPONSE)
    response["properties"]["id"]["nullable"] = True
    response["required"] = []
    found = _kinds(diff_specs(_spec(OLD_REQUEST, OLD_RESPONSE), _spec(OLD_REQUEST, response)))
    assert found == {
        ("response", "may-be-null", "id", True),
        ("response", "field-became-optional", "id", True),
    }


def test_no_change_and_the_json_report() -> None:
    spec = json.loads((ROOT / "openapi.json").read_text())
    assert diff_specs(spec, copy.deepcopy(spec)) == []
    assert spec_diff.render_text([]) == "No API change.\n"
    changes = diff_specs(_spec(OLD_REQUEST, OLD_RESPONSE), _spec(OLD_REQUEST, {"type": "object"}))
    report = json.loads(spec_diff.render_json(changes))
    assert report["breaking"] == 4
    assert {entry["path"] for entry in report["changes"]} == {"id", "legacy", "finish_reason", "tool_calls"}


def test_spec_diff_exits_non_zero_on_breaking_changes_unless_allowed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(_spec(OLD_REQUEST, OLD_RESPONSE)))
    request = copy.deepcopy(OLD_REQUEST)
    del request["properties"]["gone"]
    new.write_text(json.dumps(_spec(request, OLD_RESPONSE)))
    assert spec_diff.main([str(old), str(new)]) == 1
    assert spec_diff.main([str(old), str(new), "--allow-breaking"]) == 0
    assert spec_diff.main([str(old), str(old)]) == 0
    assert spec_diff.main([str(old), str(new), "--json", "--allow-breaking"]) == 0
    printed = capsys.readouterr().out
    assert "BREAKING  property removed `gone`" in printed
    assert '"kind": "property-removed"' in printed


def test_spec_diff_normalises_raw_forms_so_code_samples_and_aliases_are_no_change(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert spec_diff.main([str(SPECS / "seed.raw.json"), str(SPECS / "noop.raw.json")]) == 0
    assert spec_diff.main([str(SPECS / "seed.md"), str(SPECS / "seed.raw.json")]) == 0
    assert capsys.readouterr().out == "No API change.\nNo API change.\n"
    assert spec_diff.main([str(SPECS / "seed.md"), str(SPECS / "seed.raw.json"), "--no-normalise"]) == 0
    assert "operation added" in capsys.readouterr().out  # the /chat/completions alias


# --- the API surface file ----------------------------------------------------------------------------


def test_api_surface_file_matches_openapi_json() -> None:
    expected = spec_surface.render_surface(json.loads((ROOT / "openapi.json").read_text()))
    actual = (ROOT / "API_SURFACE.md").read_text(encoding="utf-8")
    assert actual == expected, (
        "API_SURFACE.md does not match openapi.json: run `nox -s surface` (or take spec updates "
        "through `nox -s update_spec`) and review its diff"
    )


def test_api_surface_lists_every_request_property_with_type_constraints_and_required_ness() -> None:
    text = (ROOT / "API_SURFACE.md").read_text(encoding="utf-8")
    assert "| `temperature` | number | no | minimum: 0; maximum: 2 |" in text
    assert '| `model` | string | yes | enum: "google/gemini-2.5-flash-lite-preview" |' in text
    assert "| `choices[].message.content` | string \\| null | yes |  |" in text
    assert "| `messages[](role=user).content(array)[](type=file).file.filename` | string | no |  |" in text


# --- the whole update flow, on a copy of the repository ----------------------------------------------


def test_a_no_op_update_reports_no_api_change_and_leaves_the_repo_byte_identical(repo: Path) -> None:
    before = _snapshot(repo)
    status, out, err = _run_update(SPECS / "noop.raw.json", repo)
    assert status == 0, err
    assert "No API change." in out
    assert "stale fix" not in out
    assert "unnecessary fix" not in out
    assert _snapshot(repo) == before  # generated/ included: the regeneration is byte-identical


CHANGES = json.loads((SPECS / "newer.changes.json").read_text())


def test_an_update_is_taken_with_no_hand_edit(repo: Path) -> None:
    """The synthetic next version (a property removed, two added, a role and a content part added
    before the others, a response field) through the update flow, and nothing else: the stale
    checks pass, create() takes the new property and role against the local server, the removed
    property is refused before any I/O naming the change, mypy sees the new keyword, and no
    Python class changed its name."""
    removed, added, role, part = CHANGES["removed"], CHANGES["added"], CHANGES["role"], CHANGES["part"]
    old_spec = json.loads((repo / "openapi.json").read_text())
    old_models = _model_names(repo)
    status, out, err = _run_update(SPECS / "newer.md", repo, allow_breaking=True)
    assert status == 0, err
    new_spec = json.loads((repo / "openapi.json").read_text())

    # the report says exactly that
    kinds = _kinds(diff_specs(old_spec, new_spec))
    assert ("request", "property-removed", removed, True) in kinds
    for name in added:
        assert ("request", "optional-property-added", name, False) in kinds
    field = f"choices[].message.{CHANGES['response_field']}"
    assert ("response", "field-added", field, False) in kinds
    assert f"BREAKING  property removed `{removed}`" in out
    assert f"variant `role={role}` added" in out
    assert f"variant `type={part}` added" in out

    # the repo took it: pristine copy, openapi.json = pristine + fixes + names, surface, params
    newer = spec_source.normalise(spec_source.load_source(str(SPECS / "newer.raw.json")))
    assert (repo / "spec" / "upstream.json").read_text() == spectool.dump(newer)
    assert (repo / "openapi.json").read_text() == spectool.dump(spectool.build_report(newer, repo).doc)
    assert (repo / "API_SURFACE.md").read_text() == spec_surface.render_surface(new_spec)
    assert spectool.stale_params(repo) == []
    with tempfile.TemporaryDirectory() as tmp:
        spectool.regenerate(Path(tmp) / "aiml_api_client", root=repo)
        assert (
            spectool.stale_files(Path(tmp) / "aiml_api_client", repo / "generated" / "aiml_api_client") == []
        )

    # no Python class changed its name; the new role and part got names of what they are
    new_models = _model_names(repo)
    assert old_models <= new_models, sorted(old_models - new_models)
    assert {f"{names.pascal(role)}Message", f"{names.pascal(part)}Part"} <= new_models

    # the copy's client against the copy's local server: new keyword and role work, the removed
    # property is refused before anything is sent
    result = _run_in_copy(repo, _CLIENT_SCRIPT, role, added[0], removed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.split() == ["accepted", "refused-before-io"], result.stdout

    # mypy on user code sees the new keyword and role (and still refuses the removed one)
    code = repo / "user_code.py"
    code.write_text(
        "from aiml_chat import Client, MessageParam\n"
        "def f(client: Client) -> None:\n"
        f"    messages: list[MessageParam] = [{{'role': {role!r}, 'content': 'x'}}]\n"
        f"    client.chat.completions.create(messages=messages, {added[0]}=0.5)\n"
        f"    client.chat.completions.create(messages=[], {removed}=0.5)  # type: ignore[call-overload]\n"
    )
    # as if installed: the generated package's own lint is not the user's (mypy skips site-packages)
    (repo / "mypy.ini").write_text("[mypy]\n[mypy-aiml_api_client.*]\nignore_errors = True\n")
    env = {"MYPYPATH": f"{repo / 'overlay'}:{repo / 'generated'}", "PATH": os.environ["PATH"]}
    command = [sys.executable, "-m", "mypy", "--strict", "--warn-unused-ignores", "--no-incremental"]
    typing = subprocess.run(
        [*command, "--config-file", str(repo / "mypy.ini"), str(code)],
        capture_output=True,
        text=True,
        check=False,
        cwd=repo,
        env=env,
    )
    assert typing.returncode == 0, typing.stdout + typing.stderr


_CLIENT_SCRIPT = """
import sys
from aiml_chat import Client, ValidationError, user
from aiml_chat.testing import serve

role, added, removed = sys.argv[1:4]
with serve(api_key="k") as base_url, Client(api_key="k", base_url=base_url, max_retries=0) as client:
    answer = client.chat.completions.create(
        messages=[{"role": role, "content": "be brief"}, user("hi")], **{added: 0.5}
    )
    assert answer.choices[0].message.content, answer
    print("accepted")
    try:
        client.chat.completions.create(messages=[user("hi")], **{removed: 0.5})
    except ValidationError as error:
        assert removed in str(error) and "extra_body" in str(error), str(error)
        print("refused-before-io")
"""


def _model_names(repo: Path) -> set[str]:
    text = (repo / "generated" / "aiml_api_client" / "models" / "__init__.py").read_text()
    return set(re.findall(r'^\s+"(\w+)",$', text.split("__all__", 1)[1], re.MULTILINE))


def _run_in_copy(repo: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Python with the copy's overlay and generated code first on the path (and its openapi.json)."""
    env = {**os.environ, "PYTHONPATH": f"{repo / 'overlay'}{os.pathsep}{repo / 'generated'}"}
    env.pop("AIMLAPI_API_KEY", None)
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, check=False, cwd=repo, env=env
    )


def test_a_new_response_field_is_parsed_by_the_regenerated_models(repo: Path) -> None:
    status, _out, err = _run_update(SPECS / "newer.md", repo, allow_breaking=True)
    assert status == 0, err
    field = CHANGES["response_field"]
    script = f"""
import json, sys
from aiml_api_client.models import ChatCompletion
data = json.loads(sys.argv[1])
completion = ChatCompletion.from_dict(data)
message = completion.choices[0].message
assert message.{field} == "because", message.{field}
assert "{field}" not in message.additional_properties
assert completion.to_dict() == data
print("parsed")
"""
    response = {
        "id": "gen-1",
        "object": "chat.completion",
        "created": 1752482994,
        "model": "google/gemini-2.5-flash-lite-preview",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": "hi", field: "because"},
            }
        ],
    }
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(response)],
        env={"PYTHONPATH": str(repo / "generated"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
        cwd=repo,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "parsed"


def test_json_mode_prints_exactly_one_json_document(repo: Path) -> None:
    status, out, err = _run_update(SPECS / "newer.md", repo, allow_breaking=True, dry_run=True, as_json=True)
    assert status == 0, err
    report = json.loads(out)  # the whole of stdout, nothing else
    assert any(change["kind"] == "property-removed" for change in report["changes"])
    assert "lint: skipped" in err
    assert "dry run" in err


def _written(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "upstream.json"
    path.write_text(json.dumps(doc))
    return path


def test_a_spec_whose_paths_is_not_an_object_fails_with_that_reason_first(repo: Path, tmp_path: Path) -> None:
    doc = spec_source.load_source(str(SPECS / "newer.raw.json"))
    doc["paths"] = [doc["paths"]]
    before = _snapshot(repo)
    status, _out, err = _run_update(_written(tmp_path, doc), repo, allow_breaking=True)
    assert status == 1
    assert "`paths` is not an object (it is list)" in err
    assert _snapshot(repo) == before


def test_an_operation_moved_from_post_fails_with_that_reason_first(repo: Path, tmp_path: Path) -> None:
    doc = spec_source.normalise(spec_source.load_source(str(SPECS / "newer.raw.json")))
    item = doc["paths"]["/v1/chat/completions"]
    item["put"] = item.pop("post")
    status, _out, err = _run_update(_written(tmp_path, doc), repo, allow_breaking=True)
    assert status == 1
    assert "/v1/chat/completions has no POST operation (it has PUT)" in err


def test_an_update_leaving_redocly_errors_is_refused_and_changes_nothing(repo: Path, tmp_path: Path) -> None:
    redocly = os.environ.get("AIML_REDOCLY")
    assert redocly, "run through `nox -s tests` (it installs the Redocly CLI) or set AIML_REDOCLY"
    doc = spec_source.normalise(spec_source.load_source(str(SPECS / "newer.raw.json")))
    props = doc["paths"]["/v1/chat/completions"]["post"]["requestBody"]["content"]["application/json"]
    props["schema"]["properties"]["fixture_stop"] = {"anyOf": [{"type": "string"}, {"nullable": True}]}
    before = _snapshot(repo)
    status, _out, err = _run_update(_written(tmp_path, doc), repo, allow_breaking=True, redocly=redocly)
    assert status == 1
    assert "1 Redocly error(s)" in err
    assert (
        "nullable-type-sibling at #/components/schemas/ChatCompletionRequest/properties/fixture_stop" in err
    )
    assert _snapshot(repo) == before
    # and the same spec with the declared-fix-shaped repair goes through, lint clean
    props["schema"]["properties"]["fixture_stop"] = {"type": "string", "nullable": True}
    status, out, err = _run_update(_written(tmp_path, doc), repo, allow_breaking=True, redocly=redocly)
    assert status == 0, err
    assert "lint: Redocly recommended rules, 0 error(s)" in out


def test_a_breaking_update_is_refused_without_allow_breaking_and_changes_nothing(repo: Path) -> None:
    before = _snapshot(repo)
    status, out, err = _run_update(SPECS / "newer.raw.json", repo)
    assert status == 1
    assert f"BREAKING  property removed `{CHANGES['removed']}`" in out
    assert "--allow-breaking" in err
    assert "nothing was changed" in err
    assert _snapshot(repo) == before


def test_broken_json_exits_non_zero_with_the_reason_and_changes_nothing(repo: Path) -> None:
    before = _snapshot(repo)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tools.spec_update",
            str(SPECS / "broken.json"),
            "--root",
            str(repo),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "broken.json: not valid JSON" in result.stderr
    assert "nothing was changed" in result.stderr
    assert _snapshot(repo) == before


def test_an_invalid_spec_exits_non_zero_with_the_reason_and_changes_nothing(repo: Path) -> None:
    before = _snapshot(repo)
    status, _, err = _run_update(SPECS / "invalid.raw.json", repo, allow_breaking=True)
    assert status == 1
    assert "not valid OpenAPI 3.0" in err
    assert "properties.temperature.type: 'strng' is not one of" in err
    assert _snapshot(repo) == before


def test_a_failing_regeneration_changes_nothing(repo: Path) -> None:
    (repo / "generator-config.yaml").write_text("class_overrides: [not, a, mapping]\n")
    before = _snapshot(repo)
    status, _, err = _run_update(SPECS / "noop.raw.json", repo)
    assert status == 1
    assert "regenerating generated/ failed" in err
    assert _snapshot(repo) == before
