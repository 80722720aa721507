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


def test_the_generator_reads_the_discriminator_where_inlining_writes_it() -> None:
    from aiml_chat import _checkgen, _inline

    assert _checkgen.DISCRIMINATOR == _inline.DISCRIMINATOR


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


def _reference() -> Any:
    from jsonschema import FormatChecker
    from openapi_schema_validator import OAS30Validator

    from aiml_chat._formats import FORMAT_CHECKS

    formats = FormatChecker(formats=())
    for name, check in FORMAT_CHECKS.items():
        formats.checks(name)(check)
    return OAS30Validator(request_schema(), format_checker=formats)


def _disagreements(bodies: list[tuple[Any, Any]]) -> list[Any]:
    """(label, body) pairs on which the reporting walk, the generated check (`_request_check.py`),
    a fresh generation and jsonschema do not all give the same answer."""
    reference, generated, fresh = _reference(), _compiled_root(), compile_check(request_schema())
    out = []
    for label, body in bodies:
        theirs = reference.is_valid(body)
        ours = (slow_accepts(body), generated(body), fresh(body))
        if ours != (theirs,) * 3:
            out.append((label, ours, theirs))
    return out


def _at(body: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        body = body[key]
    return body


def test_agrees_with_jsonschema_on_the_same_mutations() -> None:
    """Our subset validator and the reference implementation accept and reject the same bodies."""
    bodies = []
    for path in PATHS:
        for new in REPLACEMENTS:
            body = copy.deepcopy(VALID)
            _at(body, path[:-1])[path[-1]] = new
            bodies.append(((path, new), body))
    assert _disagreements(bodies) == []


def test_an_unknown_key_in_any_object_is_judged_alike() -> None:
    """Closed objects refuse a key they do not list, open ones take it: in every object of a body."""
    bodies = []
    for path in [(), *PATHS]:
        body = copy.deepcopy(VALID)
        target = _at(body, path)
        if isinstance(target, dict):
            target["zz_unknown"] = 1
            bodies.append((path, body))
    assert len(bodies) > 20
    assert _disagreements(bodies) == []


# Random schemas of the subset and random values: the generated check answers as the walk does.
_NAMES = st.sampled_from(["a", "b", "kind", "type", "q'\"\\\n", "é"])
_SCALAR_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(-3, 3, allow_nan=False),
    st.sampled_from(["x", "y", "a", "https://e.x", "no uri", "é"]),
)
_TYPES = st.sampled_from(["string", "integer", "number", "boolean", "object", "array"])
_LEAF_SCHEMAS = st.fixed_dictionaries(
    {},
    optional={
        "type": _TYPES,
        "nullable": st.booleans(),
        "enum": st.lists(_SCALAR_VALUES, min_size=1, max_size=3),
        "format": st.sampled_from(["uri", "date-time"]),
        "minimum": st.integers(-2, 2),
        "maximum": st.integers(-2, 2) | st.floats(-2, 2),
    },
)


def _schema_containers(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    objects = st.fixed_dictionaries(
        {"type": st.sampled_from(["object", "array"])},
        optional={
            "nullable": st.booleans(),
            "properties": st.dictionaries(_NAMES, children, max_size=10),
            "required": st.lists(_NAMES, max_size=2, unique=True),
            "additionalProperties": st.just(False),
            "items": children,
            "minItems": st.integers(0, 2),
        },
    )
    tagged = st.builds(
        lambda value, props, closed: {
            "type": "object",
            "properties": {"kind": {"type": "string", "enum": [value]}, **props},
            "required": ["kind"],
            **({"additionalProperties": False} if closed else {}),
        },
        st.sampled_from(["x", "y", "é"]),
        st.dictionaries(_NAMES, children, max_size=2),
        st.booleans(),
    )
    unions = st.builds(
        lambda key, variants, tag, extra: {
            key: variants,
            **({"x-discriminator": "kind"} if tag else {}),
            **extra,
        },
        st.sampled_from(["oneOf", "anyOf"]),
        st.lists(children | tagged | st.just({"type": "string"}), min_size=1, max_size=4),
        st.booleans(),
        st.fixed_dictionaries({}, optional={"enum": st.lists(_SCALAR_VALUES, min_size=1, max_size=3)}),
    )
    return objects | unions


_SCHEMAS = st.recursive(_LEAF_SCHEMAS, _schema_containers, max_leaves=10)


def _values_for(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Values built from the schema's own words: its property names as keys, its enum members
    (of any type) and tag values as leaves, so most values reach the interesting branches."""
    words: list[Any] = []

    def collect(node: Any) -> None:
        if isinstance(node, dict):
            words.extend(node.get("properties", {}))
            words.extend(node.get("enum") or [])
            for item in node.values():
                collect(item)
        elif isinstance(node, list):
            for item in node:
                collect(item)

    collect(schema)
    keys = st.sampled_from(sorted({w for w in words if isinstance(w, str)} | {"kind", "zz"}))
    leaves = _SCALAR_VALUES | st.sampled_from(words) if words else _SCALAR_VALUES
    return st.recursive(
        leaves,
        lambda children: st.lists(children, max_size=3) | st.dictionaries(keys, children, max_size=4),
        max_leaves=10,
    )


_UNION_WITH_A_STRING = {"anyOf": [{"type": "string"}, {"type": "integer"}], "enum": ["a", 1]}


@pytest.mark.parametrize(
    ("schema", "value"),
    [
        # a union with a string branch still applies its own enum and format to a string
        ({"properties": {"p": _UNION_WITH_A_STRING}}, {"p": "b"}),
        ({"type": "array", "items": _UNION_WITH_A_STRING}, ["b"]),
        (
            {"properties": {"p": {"anyOf": [{"type": "string"}, {"type": "array"}], "format": "uri"}}},
            {"p": "no"},
        ),
        # `type: string` with a member of another type: the type still applies
        ({"type": "string", "enum": ["a", 1]}, 1),
        ({"type": "string", "enum": [False]}, False),
        # JSON's Infinity in a bound
        ({"type": "number", "minimum": float("-inf"), "maximum": float("inf")}, 2.0),
    ],
)
def test_the_generated_check_on_edge_schemas(schema: dict[str, Any], value: Any) -> None:
    try:
        _check(schema, value, "")
        walk = True
    except ValidationError:
        walk = False
    assert compile_check(schema)(value) == walk


@given(st.data())
@settings(max_examples=500, deadline=None)
def test_the_generated_check_answers_as_the_walk_on_any_schema(data: st.DataObject) -> None:
    schema = data.draw(_SCHEMAS)
    check = compile_check(schema)
    for value in data.draw(st.lists(_values_for(schema), min_size=1, max_size=8)):
        try:
            _check(schema, value, "")
            walk = True
        except ValidationError:
            walk = False
        assert check(value) == walk, (schema, value)


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
