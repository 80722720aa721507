"""The request validator: the fast compiled check and the error-reporting walk must agree."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiml_chat._exceptions import ValidationError
from aiml_chat._spec import inline_refs, request_schema
from aiml_chat._validation import _check, _compiled_root, compile_check
from aiml_chat.files import FileData, pdf_part

ROOT = Path(__file__).resolve().parent.parent
MODEL = "google/gemini-2.5-flash-lite-preview"


def sample(schema: dict[str, Any], every: bool = False) -> Any:
    """A valid instance of `schema`, built from the spec: the first branch of a union, the first
    enum value, a number inside its range, the required properties (all of them, at every depth,
    with `every`)."""
    for key in ("oneOf", "anyOf"):
        if key in schema:
            return sample(schema[key][0], every)
    if "enum" in schema:
        return next(value for value in schema["enum"] if value is not None)
    kind = schema.get("type")
    if kind == "object":
        props = schema.get("properties") or {}
        names = props if every else schema.get("required", [])
        return {name: sample(props[name], every) for name in names}
    if kind == "array":
        return [sample(schema.get("items") or {}, every) for _ in range(max(1, schema.get("minItems", 1)))]
    if kind in ("integer", "number"):
        low, high = schema.get("minimum", 1), schema.get("maximum", 100)
        return low if kind == "integer" else (low + high) / 2
    if schema.get("format") == "uri":
        return "https://example.com/x"
    return {"boolean": True, "string": "x"}.get(kind or "", "x")


def every_shape(schema: dict[str, Any]) -> list[Any]:
    """One instance per branch of each union in `schema` (every message role, every content part)."""
    branches = schema.get("oneOf") or schema.get("anyOf")
    if branches:
        return [shape for branch in branches for shape in every_shape(branch)]
    if schema.get("type") == "object":
        shapes = []
        for name, sub in (schema.get("properties") or {}).items():
            for shape in every_shape(sub)[1:]:  # the first is sample() itself
                shapes.append({**sample(schema, every=True), name: shape})
        return [sample(schema, every=True), *shapes]
    if schema.get("type") == "array":
        return [[shape] for shape in every_shape(schema.get("items") or {})]
    return [sample(schema)]


_REQUEST = request_schema()
VALID: dict[str, Any] = sample(_REQUEST, every=True)
VALID["messages"] = [shape for shape in every_shape(_REQUEST["properties"]["messages"]["items"])]
VALID["stream"] = False  # the body is validated as a non-stream call


def slow_accepts(body: Any) -> bool:
    try:
        _check(request_schema(), body, "")
    except ValueError:
        return False
    return True


def leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += leaves(item, (*path, index))
    return out


PATHS = leaves(VALID)[1:]
REPLACEMENTS = [
    None,
    True,
    0,
    -1,
    3,
    0.005,
    1.5,
    "",
    "user",
    "zzz",
    [],
    [1],
    {},
    {"role": "user"},
    {"type": "text"},
]


def test_a_body_using_every_property_is_valid() -> None:
    assert set(VALID) == set(request_schema()["properties"])
    assert _compiled_root()(VALID)
    assert slow_accepts(VALID)


@given(st.sampled_from(PATHS), st.sampled_from(REPLACEMENTS), st.booleans())
@settings(max_examples=600, deadline=None)
def test_compiled_check_agrees_with_the_reporting_walk(path: tuple[Any, ...], new: Any, delete: bool) -> None:
    body = copy.deepcopy(VALID)
    parent = body
    for key in path[:-1]:
        parent = parent[key]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    assert _compiled_root()(body) == slow_accepts(body)


def test_agrees_with_jsonschema_on_the_same_mutations() -> None:
    """Our subset validator and the reference implementation accept and reject the same bodies:
    the reporting walk, the generated check (`_request_check.py`) and the generator run now."""
    from jsonschema import FormatChecker
    from openapi_schema_validator import OAS30Validator

    from aiml_chat._validation import FORMAT_CHECKS

    formats = FormatChecker(formats=())
    for name, check in FORMAT_CHECKS.items():
        formats.checks(name)(check)
    reference = OAS30Validator(request_schema(), format_checker=formats)
    generated, fresh = _compiled_root(), compile_check(request_schema())
    disagreements = []
    for path in PATHS:
        for new in REPLACEMENTS:
            body = copy.deepcopy(VALID)
            parent = body
            for key in path[:-1]:
                parent = parent[key]
            parent[path[-1]] = new
            theirs = reference.is_valid(body)
            ours = (slow_accepts(body), generated(body), fresh(body))
            if ours != (theirs,) * 3:
                disagreements.append((path, new, ours, theirs))
    assert disagreements == []


def test_streamed_files_count_as_strings(tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    part = pdf_part(path)
    assert isinstance(part["file"]["file_data"], FileData)
    body = {"model": MODEL, "messages": [{"role": "user", "content": [part]}]}
    assert _compiled_root()(body)
    assert slow_accepts(body)


@pytest.mark.parametrize("value", [True, 1.0])
def test_booleans_and_floats_are_not_integers(value: Any) -> None:
    body = {**VALID, "seed": value}
    assert not _compiled_root()(body)
    assert not slow_accepts(body)


def _shape(kind: str, size: str) -> dict[str, Any]:
    props = {"kind": {"type": "string", "enum": [kind]}, size: {"type": "number"}}
    return {"type": "object", "properties": props, "required": ["kind", size], "additionalProperties": False}


# A union a spec update might add, told apart by a property no code names (`kind`), declared the
# way spec/names.yaml declares unions: oneOf of components, discriminator with a mapping.
NEW_UNION_SPEC: dict[str, Any] = {
    "components": {"schemas": {"Circle": _shape("circle", "radius"), "Square": _shape("square", "side")}},
}
CIRCLE, SQUARE = "#/components/schemas/Circle", "#/components/schemas/Square"
BY_KIND = {"propertyName": "kind", "mapping": {"circle": CIRCLE, "square": SQUARE}}
NEW_UNION = inline_refs(
    {
        "type": "object",
        "properties": {
            "shapes": {
                "type": "array",
                "items": {
                    "oneOf": [{"$ref": CIRCLE}, {"$ref": SQUARE}],
                    "discriminator": BY_KIND,
                },
            }
        },
    },
    NEW_UNION_SPEC,
)


def test_a_new_unions_discriminator_is_read_from_the_spec_by_the_client() -> None:
    """An unknown tag is named at the tag (not at the deepest error of some variant), and the
    compiled check agrees: the discriminator comes from the spec, whatever its name."""
    assert compile_check(NEW_UNION)({"shapes": [{"kind": "square", "side": 2}]})
    bad = {"shapes": [{"kind": "hexagon"}]}
    assert not compile_check(NEW_UNION)(bad)
    with pytest.raises(ValidationError) as caught:
        _check(NEW_UNION, bad, "")
    assert caught.value.field == "shapes[0].kind"
    assert "'circle', 'square'" in caught.value.message


def test_a_new_unions_discriminator_is_read_from_the_spec_by_the_local_server() -> None:
    from aiml_chat.testing._errors import ErrorAnswer
    from aiml_chat.testing._request_checks import RequestValidator

    validator = RequestValidator(NEW_UNION)
    validator.check({"shapes": [{"kind": "circle", "radius": 1}]})
    with pytest.raises(ErrorAnswer) as caught:
        validator.check({"shapes": [{"kind": "hexagon"}]})
    assert caught.value.param == "shapes[0].kind"
    with pytest.raises(ErrorAnswer) as caught:
        validator.check({"shapes": [{"kind": "square", "radius": 1}]})
    assert caught.value.param == "shapes[0].radius"  # judged as the square it names: no radius there
