"""Python source of a yes/no check of one JSON Schema: the request validator, written at generate time.

`nox -s generate` writes `render(request schema)` into `_request_check.py`, so the first call
imports compiled bytecode instead of building a checker, and every call runs straight-line code:
one function per distinct schema, string constants and property names in the code, a union's
variant picked by comparing its discriminator (20 messages: the closures it replaced 9.3 us, this 5.9).
`_validation.compile_check` runs the same source for any other schema (a test's synthetic union).

Standard library only and no package imports: the generator loads this file by path. The checks
are those `_validation._check` reports (the subset OpenAPI 3.0 request schemas use); the generated
functions read the names PRELUDE imports.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

DISCRIMINATOR = "x-discriminator"  # = _inline.DISCRIMINATOR (a test keeps them equal; no imports here)
CHECKED = "x-aiml-chat-checked"  # a variant's tag property, left out of `properties` but allowed
_INLINE_CHAIN = 8  # objects with more properties look theirs up in a dict rather than an if-chain
# Keywords that check a value besides a union's branches (as `body` applies them).
_OWN_CHECKS = frozenset(
    {"type", "enum", "format", "minimum", "maximum", "properties", "required", "additionalProperties"}
    | {"items", "minItems"}
)

# What the generated functions read besides the schema: the head of `_request_check.py`, and what
# `_validation.compile_check` runs before the functions.
PRELUDE = """\
from collections.abc import Mapping
from typing import Any

from aiml_chat._formats import FORMAT_CHECKS, SCALARS
from aiml_chat._formats import any_value as _any
from aiml_chat.files import FileData
"""

TYPE_TESTS = {
    "string": "(type({x}) is str or isinstance({x}, (str, FileData)))",
    "integer": "(type({x}) is int or (isinstance({x}, int) and not isinstance({x}, bool)))",
    "number": (
        "(type({x}) is float or type({x}) is int"
        " or (isinstance({x}, (int, float)) and not isinstance({x}, bool)))"
    ),
    "boolean": "({x} is True or {x} is False)",
    "object": "(type({x}) is dict or isinstance({x}, Mapping))",
    "array": "(type({x}) is list or isinstance({x}, (list, tuple)))",
}


def accepts_null(schema: Mapping[str, Any]) -> bool:
    if schema.get("nullable") or None in (schema.get("enum") or ()):
        return True
    variants = schema.get("oneOf") or schema.get("anyOf")
    if variants is not None:
        return any(accepts_null(v) for v in variants)
    return "type" not in schema and "enum" not in schema


def tag_table(variants: list[Mapping[str, Any]], tag: str | None) -> dict[str, Mapping[str, Any]]:
    """`{value: variant}` for a union that declares its discriminator `tag` (a variant's one enum
    value of that property), else empty."""
    table: dict[str, Mapping[str, Any]] = {}
    for variant in variants if tag is not None else ():
        enum = variant.get("properties", {}).get(tag, {}).get("enum")
        if enum is not None and len(enum) == 1:
            table[enum[0]] = variant
    return table


def without(variant: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """The branch chosen by its discriminator `name`, which the dispatch by its value checked."""
    properties = variant.get("properties", {})
    if name not in properties:
        return variant
    rest = {k: v for k, v in properties.items() if k != name}
    return {**variant, "properties": rest, CHECKED: name}


def render(schema: Mapping[str, Any], name: str = "valid") -> str:
    """The source of `name(value) -> bool` (and its helpers): True exactly when `_check` passes."""
    return _Writer().module(schema, name)


class _Writer:
    def __init__(self) -> None:
        self.functions: dict[str, str] = {}  # canonical schema -> function name
        self.sources: list[str] = []
        self.constants: list[str] = []

    def module(self, schema: Mapping[str, Any], name: str) -> str:
        root = self.function(schema)
        # Constants after the functions: a property table names them; functions read globals late.
        return "\n\n".join([*self.sources, *self.constants, f"{name} = {root}"]) + "\n"

    def constant(self, value: str) -> str:
        name = f"_K{len(self.constants)}"
        self.constants.append(f"{name} = {value}")
        return name

    # -- one function per distinct schema --------------------------------------------------------

    def function(self, schema: Mapping[str, Any]) -> str:
        key = json.dumps(schema, sort_keys=True, default=repr)
        found = self.functions.get(key)
        if found is not None:
            return found
        name = self.functions[key] = f"_c{len(self.functions)}"
        null = accepts_null(schema)
        lines = [f"def {name}(v: Any) -> bool:", "    if v is None:", f"        return {null}"]
        lines += ["    " + line for line in self.body(schema)]
        lines.append("    return True")
        self.sources.append("\n".join(lines))
        return name

    def body(self, schema: Mapping[str, Any]) -> list[str]:
        """Statements that `return False` unless the non-null value `v` passes, in `_compile` order."""
        out: list[str] = []
        variants = schema.get("oneOf") or schema.get("anyOf")
        if variants is not None:
            out += self.union(variants, schema.get(DISCRIMINATOR))
        kind, is_object, is_array = _shape(schema)
        if kind == "object" and is_object:
            out += self.obj(schema, typed=True)
            is_object = False
        elif kind == "array" and is_array:
            out += self.array(schema, typed=True)
            is_array = False
        elif kind is not None:
            out.append(f"if not {TYPE_TESTS[kind].format(x='v')}:\n    return False")
        out += [f"if not {test}:\n    return False" for test in self.scalar_tests(schema, "v")]
        if is_object:
            out += self.obj(schema, typed=False)
        if is_array:
            out += self.array(schema, typed=False)
        return [line for block in out for line in block.split("\n")]

    def scalar_tests(self, schema: Mapping[str, Any], x: str) -> list[str]:
        tests = []
        enum = schema.get("enum")
        if enum is not None:
            members = ", ".join(_number(v) for v in sorted((v for v in enum if v is not None), key=repr))
            allowed = self.constant(f"frozenset([{members}])")
            tests.append(f"(isinstance({x}, SCALARS) and {x} in {allowed})")
        format_name = schema.get("format", "")
        if isinstance(format_name, str) and format_name:
            tests.append(f"FORMAT_CHECKS.get({format_name!r}, _any)({x})")
        low, high = schema.get("minimum"), schema.get("maximum")
        if low is not None or high is not None:
            limits = ([f"{_number(low)} <= {x}"] if low is not None else []) + (
                [f"{x} <= {_number(high)}"] if high is not None else []
            )
            bounds = " and ".join(limits)
            tests.append(f"(not isinstance({x}, (int, float)) or isinstance({x}, bool) or ({bounds}))")
        return tests

    def union(self, variants: list[Mapping[str, Any]], tag: str | None) -> list[str]:
        table = tag_table(variants, tag)
        any_string = any(v.keys() <= {"type", "description"} and v.get("type") == "string" for v in variants)
        out = ["t = type(v)"]
        if any_string:
            out.append("if t is str:\n    pass")
            branch = "elif"
        else:
            branch = "if"
        if table:
            lines = [f"{branch} (t is dict or (t is not str and isinstance(v, Mapping))) and {tag!r} in v:"]
            lines.append(f"    tag = v[{tag!r}]")
            lines.append("    if not isinstance(tag, str):\n        return False")
            for i, (value, variant) in enumerate(table.items()):
                check = self.function(without(variant, tag or ""))
                lines.append(f"    {'if' if i == 0 else 'elif'} tag == {value!r}:")
                lines.append(f"        if not {check}(v):\n            return False")
            lines.append("    else:\n        return False")
            out.append("\n".join(lines))
            branch = "elif"
        alternatives = " or ".join(f"{self.function(v)}(v)" for v in variants)
        opener = "else" if branch == "elif" else "if True"
        out.append(f"{opener}:\n    if not ({alternatives}):\n        return False")
        return out

    def obj(self, schema: Mapping[str, Any], *, typed: bool) -> list[str]:
        """Typed: `v` must be an object. Untyped: the checks apply only when it is one."""
        required = list(schema.get("required", ()))
        properties: Mapping[str, Any] = schema.get("properties", {})
        closed = schema.get("additionalProperties") is False
        checked = schema.get(CHECKED)
        lines = []
        if required:
            missing = " or ".join(f"{name!r} not in v" for name in required)
            lines.append(f"if {missing}:\n    return False")
        if properties or closed:
            lines.append("for key, item in v.items():")
            branch = "if"
            if len(properties) > _INLINE_CHAIN:
                table = ", ".join(f"{k!r}: {self.function(sub)}" for k, sub in properties.items())
                lines.append(f"    check = {self.constant('{' + table + '}')}.get(key)")
                lines.append("    if check is not None:")
                lines.append("        if not check(item):\n            return False")
                branch = "elif"
            else:
                for prop, sub in properties.items():
                    lines.append(f"    {branch} key == {prop!r}:")
                    lines.append(f"        if not {self.expression(sub, 'item')}:\n            return False")
                    branch = "elif"
            if closed:
                allowed = f" and key != {checked!r}" if checked is not None else ""
                lines.append(f"    {branch} True{allowed}:\n        return False")
        return _guarded("type(v) is dict or isinstance(v, Mapping)", lines, typed)

    def array(self, schema: Mapping[str, Any], *, typed: bool) -> list[str]:
        """Typed: `v` must be an array. Untyped: the checks apply only when it is one."""
        lines = []
        minimum = schema.get("minItems") or 0
        if minimum:
            lines.append(f"if len(v) < {minimum!r}:\n    return False")
        if "items" in schema:
            lines.append("for item in v:")
            lines.append(f"    if not {self.expression(schema['items'], 'item')}:\n        return False")
        return _guarded("type(v) is list or isinstance(v, (list, tuple))", lines, typed)

    def expression(self, schema: Mapping[str, Any], x: str) -> str:
        """A test of `x` against `schema`: inline for a scalar schema, else its function's call."""
        variants = schema.get("oneOf") or schema.get("anyOf")
        kind, is_object, is_array = _shape(schema)
        if variants is not None or is_object or is_array or kind in ("object", "array"):
            call = f"{self.function(schema)}({x})"
            # A str needs no call when a branch is any string and the union checks nothing itself.
            strings = (
                variants is not None
                and not (schema.keys() & _OWN_CHECKS)
                and any(v.keys() <= {"type", "description"} and v.get("type") == "string" for v in variants)
            )
            return f"(type({x}) is str or {call})" if strings else call
        tests = ([TYPE_TESTS[kind].format(x=x)] if kind is not None else []) + self.scalar_tests(schema, x)
        null_ok = accepts_null(schema)
        if not tests:
            return "True" if null_ok else f"({x} is not None)"
        joined = " and ".join(tests)
        return f"({x} is None or ({joined}))" if null_ok else f"({x} is not None and {joined})"


def _number(value: Any) -> str:
    """`value` as Python source; a non-finite float (JSON's Infinity, NaN) has no literal."""
    if isinstance(value, float) and not math.isfinite(value):
        return f"float({str(value)!r})"
    return repr(value)


def _guarded(test: str, lines: list[str], typed: bool) -> list[str]:
    if typed:
        return [f"if not ({test}):\n    return False", *lines]
    if not lines:
        return []
    body = "\n".join(lines).replace("\n", "\n    ")
    return [f"if {test}:\n    {body}"]


def _shape(schema: Mapping[str, Any]) -> tuple[str | None, bool, bool]:
    """(type to test, untyped object checks apply, untyped array checks apply), as `_compile` has them."""
    kind = schema.get("type")
    enum = schema.get("enum")
    if enum is not None and kind == "string" and all(isinstance(v, str) for v in enum if v is not None):
        kind = None  # membership in a set of strings already implies the type
    is_object = "properties" in schema or "required" in schema or schema.get("additionalProperties") is False
    is_array = "items" in schema or "minItems" in schema
    return kind, is_object, is_array
