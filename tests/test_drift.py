"""Fail loudly, naming the property, when the spec and the hand-written overlay drift apart."""

from __future__ import annotations

import inspect
import json
import typing
from pathlib import Path

from aiml_chat import _request
from aiml_chat._client import _Completions

ROOT = Path(__file__).resolve().parent.parent
CALL_OPTIONS = {"extra_headers", "extra_body", "timeout", "max_retries", "strict"}


def spec_request_properties(spec_path: Path = ROOT / "openapi.json") -> list[str]:
    spec = json.loads(spec_path.read_text())
    schema = spec["paths"]["/v1/chat/completions"]["post"]["requestBody"]["content"]["application/json"][
        "schema"
    ]
    return list(schema["properties"])


def create_keywords() -> list[set[str]]:
    overloads = typing.get_overloads(_Completions.create)
    assert len(overloads) == 2
    return [set(inspect.signature(fn).parameters) - {"self"} - CALL_OPTIONS for fn in overloads]


def coverage_problems(spec_path: Path, keyword_sets: list[set[str]]) -> list[str]:
    """What create()'s keywords lack or keep against the spec at `spec_path`, naming each property."""
    spec = set(spec_request_properties(spec_path))
    problems: list[str] = []
    for keywords in keyword_sets:
        missing = sorted(spec - keywords)
        dropped = sorted(keywords - spec)
        if missing:
            problems.append(f"create() lacks spec properties: {missing}")
        if dropped:
            problems.append(f"create() still takes properties the spec dropped: {dropped}")
    return problems


def test_create_accepts_every_spec_property_and_no_other() -> None:
    problems = coverage_problems(ROOT / "openapi.json", create_keywords())
    assert not problems, "; ".join(problems)


def test_request_property_list_follows_the_spec() -> None:
    assert list(_request.REQUEST_PROPERTIES) == spec_request_properties()


def test_create_docstring_documents_every_property() -> None:
    doc = _Completions.create.__doc__ or ""
    undocumented = [name for name in spec_request_properties() if f"{name}:" not in doc]
    assert undocumented == []
