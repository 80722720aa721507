"""create()'s keywords, docstring and message types follow openapi.json, read from the spec here."""

from __future__ import annotations

import inspect
import json
import typing
from pathlib import Path

from aiml_chat import _params, _request_schema
from aiml_chat._call_options import CreateParams
from aiml_chat._completions import _Completions
from aiml_chat._spec import inline_refs

ROOT = Path(__file__).resolve().parent.parent
CALL_OPTIONS = {"extra_headers", "extra_body", "timeout", "max_retries", "strict"}


def spec_request_properties(spec_path: Path = ROOT / "openapi.json") -> list[str]:
    spec = json.loads(spec_path.read_text())
    op = spec["paths"][_params.PATH]["post"]
    schema = inline_refs(op["requestBody"]["content"]["application/json"]["schema"], spec)
    return list(schema["properties"])


def create_keywords(params: type = CreateParams) -> list[set[str]]:
    """The keywords each create() overload takes: its named parameters plus its **params keys."""
    overloads = typing.get_overloads(_Completions.create)
    assert len(overloads) == 3
    keys = set(params.__required_keys__) | set(params.__optional_keys__)  # type: ignore[attr-defined]
    named = [set(inspect.signature(fn).parameters) - {"self", "params"} for fn in overloads]
    return [(names | keys) - CALL_OPTIONS for names in named]


def coverage_problems(spec_path: Path, keyword_sets: list[set[str]]) -> list[str]:
    """What create()'s keywords lack or keep against the spec at `spec_path`, naming each property."""
    spec = set(spec_request_properties(spec_path))
    problems: list[str] = []
    for keywords in keyword_sets:
        missing = sorted(spec - keywords)
        dropped = sorted(keywords - spec)
        if missing:
            problems.append(f"create() lacks spec properties: {missing} (run `nox -s generate`)")
        if dropped:
            problems.append(
                f"create() still takes properties the spec dropped: {dropped} (run `nox -s generate`)"
            )
    return problems


def test_create_accepts_every_spec_property_and_no_other() -> None:
    problems = coverage_problems(ROOT / "openapi.json", create_keywords())
    assert not problems, "; ".join(problems)


def test_request_property_list_follows_the_spec() -> None:
    assert list(_params.REQUEST_PROPERTIES) == spec_request_properties()


def test_the_generated_request_schema_is_the_inline_tree_of_openapi_json() -> None:
    """The validator reads _request_schema.py (no openapi.json parsing on the first call): it must
    be exactly what inlining the spec gives, so a stale generation fails here by name."""
    spec = json.loads((ROOT / "openapi.json").read_text())
    op = inline_refs(spec["paths"][_params.PATH]["post"], spec)
    expected = op["requestBody"]["content"]["application/json"]["schema"]
    generated = _request_schema.REQUEST_SCHEMA
    assert generated == expected


def test_the_overlays_generated_modules_are_not_stale() -> None:
    """What `nox -s check` checks, in the suite: _params.py, _request_schema.py and _request_check.py
    are what the generator writes from openapi.json now."""
    from tools import spectool

    assert spectool.stale_params(ROOT) == []


def test_create_docstring_documents_every_property() -> None:
    doc = _Completions.create.__doc__ or ""
    undocumented = [name for name in spec_request_properties() if f"{name}:" not in doc]
    assert undocumented == []


def test_every_message_role_of_the_spec_has_a_typed_dict() -> None:
    spec = json.loads((ROOT / "openapi.json").read_text())
    schema = inline_refs(spec["paths"][_params.PATH]["post"]["requestBody"], spec)
    variants = schema["content"]["application/json"]["schema"]["properties"]["messages"]["items"]["oneOf"]
    roles = {variant["properties"]["role"]["enum"][0] for variant in variants}
    typed = {
        typing.get_args(typing.get_type_hints(cls)["role"])[0]
        for cls in vars(_params).values()
        if isinstance(cls, type) and cls.__name__.endswith("MessageParam") and "role" in cls.__annotations__
    }
    assert roles == typed, f"message TypedDicts {sorted(typed)} != spec roles {sorted(roles)}"
