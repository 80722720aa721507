"""The local server's JSON Schema instances (pure logic): every schema of the covered subset gets an
instance that a real validator (jsonschema) accepts, whatever the text it is built from."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aiml_chat.testing._schema_instance import schema_instance

scalars = st.sampled_from([True, False, None, 0, 1.5, "a", "long text"])


@st.composite
def strings(draw: st.DrawFn) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    low = draw(st.none() | st.integers(0, 40))
    high = draw(st.none() | st.integers(low or 0, 60))
    if low is not None:
        schema["minLength"] = low
    if high is not None:
        schema["maxLength"] = high
    return schema


@st.composite
def numbers(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["integer", "number"]))
    schema: dict[str, Any] = {"type": kind}
    low = draw(st.none() | st.integers(-1000, 1000))
    high = draw(st.none() | st.integers(low if low is not None else -1000, 1000))
    low_ex, high_ex = draw(st.booleans()), draw(st.booleans())
    if low is not None and high is not None and high - low < 2 and (low_ex or high_ex):
        high = low + 2  # keep a value strictly between the bounds
    if kind == "number" and draw(st.booleans()):
        low, high = (None if low is None else low + 0.25), (None if high is None else high + 0.25)
    if low is not None:
        schema["exclusiveMinimum" if low_ex else "minimum"] = low
    if high is not None:
        schema["exclusiveMaximum" if high_ex else "maximum"] = high
    return schema


leaves = st.one_of(
    st.just({"type": "boolean"}),
    st.just({"type": "null"}),
    strings(),
    numbers(),
    st.lists(scalars, min_size=1, max_size=3).map(lambda values: {"enum": values}),
    scalars.map(lambda value: {"const": value}),
    st.just({}),
)


def _containers(children: st.SearchStrategy[dict[str, Any]]) -> st.SearchStrategy[dict[str, Any]]:
    @st.composite
    def objects(draw: st.DrawFn) -> dict[str, Any]:
        props = draw(st.dictionaries(st.text(min_size=1, max_size=5), children, max_size=4))
        required = draw(st.lists(st.sampled_from(sorted(props)), unique=True)) if props else []
        schema: dict[str, Any] = {"type": "object", "properties": props, "required": required}
        extra = draw(st.sampled_from(["absent", "false", "schema"]))
        if extra == "false":
            schema["additionalProperties"] = False
        elif extra == "schema":
            schema["additionalProperties"] = draw(children)
            schema["required"] = [*required, *draw(st.lists(st.sampled_from(["x", "y"]), unique=True))]
        return schema

    @st.composite
    def arrays(draw: st.DrawFn) -> dict[str, Any]:
        low = draw(st.integers(0, 3))
        high = draw(st.none() | st.integers(low, 5))
        schema = {"type": "array", "items": draw(children), "minItems": low}
        return schema if high is None else {**schema, "maxItems": high}

    unions = st.lists(children, min_size=1, max_size=3).flatmap(
        lambda branches: st.sampled_from([{"anyOf": branches}, {"type": ["null", "string"]}])
    )
    return st.one_of(objects(), arrays(), unions)


schemas = st.recursive(leaves, _containers, max_leaves=12)


@given(schemas, st.text(max_size=30))
def test_instances_validate(schema: dict[str, Any], text: str) -> None:
    jsonschema.validate(schema_instance(schema, text), schema)


def _nested(inner: dict[str, Any], defs: dict[str, Any], depth: int = 9) -> dict[str, Any]:
    """`inner` as the required property `a` of `depth` nested objects, with `$defs`."""
    schema = inner
    for _ in range(depth):
        schema = {"type": "object", "properties": {"a": schema}, "required": ["a"]}
    return {"$defs": defs, **schema}


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "additionalProperties": {"type": "number"}},
        {"type": "object", "required": ["a"], "additionalProperties": {"type": "integer", "minimum": 7}},
        {  # a tree: the children array ends empty past a few levels
            "type": "object",
            "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}},
            "required": ["name", "children"],
        },
        {  # a linked list: `next` ends in its null branch
            "type": "object",
            "properties": {"next": {"anyOf": [{"$ref": "#"}, {"type": "null"}]}},
            "required": ["next"],
        },
        # deep but not recursive: the first branch stays the choice (another one would match both
        # branches of the oneOf, or need a pattern the builder does not honour)
        _nested(
            {
                "oneOf": [
                    {"$ref": "#/$defs/Any"},
                    {"type": "object", "required": ["a"], "properties": {"a": {"type": "string"}}},
                ]
            },
            {"Any": {"type": "object"}},
        ),
        _nested(
            {"anyOf": [{"$ref": "#/$defs/D"}, {"type": "string", "pattern": "^[0-9]+$"}]},
            {"D": {"type": "integer"}},
        ),
    ],
)
def test_extra_properties_and_recursive_schemas_validate(schema: dict[str, Any]) -> None:
    jsonschema.validate(schema_instance(schema, "some words"), schema)


def test_refs_and_recursion_stop() -> None:
    tree = {
        "type": "object",
        "properties": {"name": {"type": "string"}, "child": {"$ref": "#"}},
        "required": ["name"],
    }
    assert schema_instance(tree, "x") == {"name": "x"}
    defs = {"$defs": {"a/b": {"type": "integer", "minimum": 5}}, "$ref": "#/$defs/a~1b"}
    assert schema_instance(defs, "x") == 5
