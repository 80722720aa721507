"""Checks a request body against the spec's request schema before anything is sent.

A small validator for the JSON Schema subset OpenAPI 3.0 request schemas use (type, nullable,
enum, minimum/maximum, minItems, required, properties, additionalProperties, items, oneOf/anyOf).
Written here rather than depending on jsonschema: that costs ~40 ms of import time and a runtime
dependency, and its oneOf errors ("is not valid under any of the given schemas") do not name the
field; this one picks the oneOf/anyOf branch by the discriminator openapi.json declares for the
union (`role` for messages, `type` for parts) so the error says e.g. `messages[0].role`. The
server side uses the real jsonschema validator, and a test checks both agree.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from typing import Any

from ._exceptions import ValidationError, join_path
from ._spec import discriminator, request_schema
from .files import FileData

_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "object": (dict, Mapping),
    "array": (list, tuple),
}


def validate_request(body: Mapping[str, Any]) -> None:
    """Raise ValidationError naming the first field of `body` the spec does not allow."""
    # Nearly every body is valid: a compiled yes/no check answers that in ~1 us per message; only
    # a failing body takes the slower walk that builds paths and messages (bench: 118 -> 20 us
    # for 20 messages).
    if not _compiled_root()(body):
        _check(request_schema(), body, "")


# `format: uri` (image_url.url): an absolute URI, i.e. a scheme then something (`https://...`,
# `data:image/png;base64,...`). Shared with the local server's validator (FORMAT_CHECKS).
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S")


def is_uri(value: object) -> bool:
    return not isinstance(value, str) or _URI.match(value) is not None


FORMAT_CHECKS: dict[str, Callable[[object], bool]] = {"uri": is_uri}


@functools.cache
def _compiled_root() -> Callable[[Any], bool]:
    return _compile(request_schema())


def _compile(schema: Mapping[str, Any]) -> Callable[[Any], bool]:
    """A predicate equal to "`_check` raises nothing" for this schema, with the work done once.
    Exact dict/list/str types are tested before the ABCs (several times the cost), and common
    schemas compile to one function handling null itself (bench.micro, 20 messages: 27 -> 10 us)."""
    null_ok = _accepts_null(schema)
    checks: list[Callable[[Any], bool]] = []
    none_false = True  # every check in `checks` returns False for None
    variants = schema.get("oneOf") or schema.get("anyOf")
    if variants is not None:
        checks.append(_compile_variants(variants, discriminator(schema)))
    kind = schema.get("type")
    enum = schema.get("enum")
    if enum is not None and kind == "string":
        kind = None  # membership in a set of strings already implies the type
    is_object = "properties" in schema or "required" in schema or schema.get("additionalProperties") is False
    is_array = "items" in schema or "minItems" in schema
    if kind == "object" and is_object:
        checks.append(_compile_object(schema, typed=True))
        is_object = False
    elif kind == "array" and is_array:
        checks.append(_compile_array(schema, typed=True))
        is_array = False
    elif kind is not None:
        checks.append(_TYPE_CHECKS[kind])
    if enum is not None:
        allowed = frozenset(v for v in enum if v is not None)
        checks.append(lambda v: isinstance(v, _SCALARS) and v in allowed)
    format_check = FORMAT_CHECKS.get(schema.get("format", ""))
    if format_check is not None:
        checks.append(format_check)
        none_false = False
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None or high is not None:
        lo = float("-inf") if low is None else low
        hi = float("inf") if high is None else high
        checks.append(lambda v: not isinstance(v, int | float) or isinstance(v, bool) or lo <= v <= hi)
        none_false = False
    if is_object:
        checks.append(_compile_object(schema, typed=False))
        none_false = False
    if is_array:
        checks.append(_compile_array(schema, typed=False))
        none_false = False

    if not checks:
        return lambda value: value is not None or null_ok
    if len(checks) == 1:
        (only,) = checks
        if none_false:
            return (lambda value: value is None or only(value)) if null_ok else only
        return lambda value: only(value) if value is not None else null_ok
    if len(checks) == 2:
        first, second = checks
        return lambda value: (first(value) and second(value)) if value is not None else null_ok
    many = tuple(checks)

    def check(value: Any) -> bool:
        if value is None:
            return null_ok
        for c in many:  # noqa: SIM110 - a plain loop; all() over a generator costs more per call
            if not c(value):
                return False
        return True

    return check


_SCALARS = (str, int, float, bool)

# Each returns False for None (null is decided by the caller, from `nullable`).
_TYPE_CHECKS: dict[str, Callable[[Any], bool]] = {
    "string": lambda v: type(v) is str or isinstance(v, (str, FileData)),
    "integer": lambda v: type(v) is int or (isinstance(v, int) and not isinstance(v, bool)),
    "number": lambda v: (
        type(v) is float or type(v) is int or (isinstance(v, (int, float)) and not isinstance(v, bool))
    ),
    "boolean": lambda v: v is True or v is False,
    "object": lambda v: type(v) is dict or isinstance(v, Mapping),
    "array": lambda v: type(v) is list or isinstance(v, (list, tuple)),
}


def _compile_object(schema: Mapping[str, Any], *, typed: bool) -> Callable[[Any], bool]:
    """`typed`: the value must be an object (else any non-object passes, as in `_check`)."""
    required = tuple(schema.get("required", ()))
    properties = {name: _compile(sub) for name, sub in schema.get("properties", {}).items()}
    closed = schema.get("additionalProperties") is False
    checked = schema.get(_CHECKED)

    def check(value: Any) -> bool:
        if type(value) is not dict and not isinstance(value, Mapping):
            return not typed
        for name in required:
            if name not in value:
                return False
        for key, item in value.items():
            sub = properties.get(key)
            if sub is not None:
                if not sub(item):
                    return False
            elif closed and key != checked:
                return False
        return True

    return check


def _compile_array(schema: Mapping[str, Any], *, typed: bool) -> Callable[[Any], bool]:
    """`typed`: the value must be an array (else any non-array passes, as in `_check`)."""
    minimum = schema.get("minItems") or 0
    item = _compile(schema["items"]) if "items" in schema else None

    def check(value: Any) -> bool:
        if type(value) is not list and not isinstance(value, (list, tuple)):
            return not typed
        if len(value) < minimum:
            return False
        if item is not None:
            for v in value:
                if not item(v):
                    return False
        return True

    return check


def _compile_variants(variants: list[Mapping[str, Any]], tag: str | None) -> Callable[[Any], bool]:
    compiled = tuple(_compile(v) for v in variants)
    table = tuple(
        (name, {value: _compile(_without(variant, name)) for value, variant in by_value.items()})
        for name, by_value in _table(variants, tag).items()
    )
    # A branch that is any string (a message's `content`): a str is answered without a call.
    any_string = any(v.keys() <= {"type", "description"} and v.get("type") == "string" for v in variants)

    def check(value: Any) -> bool:
        kind = type(value)
        if kind is str and any_string:
            return True
        if table and (kind is dict or (kind is not str and isinstance(value, Mapping))):
            for name, by_value in table:
                if name in value:
                    chosen = by_value.get(value[name]) if isinstance(value[name], str) else None
                    return chosen is not None and chosen(value)
        for c in compiled:  # noqa: SIM110 - as above
            if c(value):
                return True
        return False

    return check


def _without(variant: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    """The branch chosen by its discriminator `name`, which the lookup by its value already checked."""
    properties = variant.get("properties", {})
    if name not in properties:
        return variant
    rest = {k: v for k, v in properties.items() if k != name}
    return {**variant, "properties": rest, _CHECKED: name}


_CHECKED = "x-aiml-chat-checked"  # a property left out of `properties` but still allowed


def _fail(path: str, value: Any, why: str) -> ValidationError:
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return ValidationError(f"{path or 'body'}: {shown} {why}", field=path or None, value=value)


def _accepts_null(schema: Mapping[str, Any]) -> bool:
    if schema.get("nullable") or None in (schema.get("enum") or ()):
        return True
    variants = schema.get("oneOf") or schema.get("anyOf")
    if variants is not None:
        return any(_accepts_null(v) for v in variants)
    return "type" not in schema and "enum" not in schema


def _check(schema: Mapping[str, Any], value: Any, path: str) -> None:
    if value is None:
        if not _accepts_null(schema):
            raise _fail(path, value, "is not allowed to be null")
        return
    variants = schema.get("oneOf") or schema.get("anyOf")
    if variants is not None:
        _check_variants(variants, discriminator(schema), value, path)
    kind = schema.get("type")
    if kind == "string" and isinstance(value, FileData):
        return  # a file streamed from disk at send time; files.py validated it
    if kind is not None:
        expected = _TYPES[kind]
        if (isinstance(value, bool) and kind != "boolean") or not isinstance(value, expected):
            raise _fail(path, value, f"is not of type {kind}")
        if kind == "integer" and isinstance(value, float):
            raise _fail(path, value, "is not of type integer")
    enum = schema.get("enum")
    if enum is not None and value not in enum:
        allowed = ", ".join(repr(v) for v in enum if v is not None)
        raise _fail(path, value, f"is not one of {allowed}")
    format_check = FORMAT_CHECKS.get(schema.get("format", ""))
    if format_check is not None and not format_check(value):
        raise _fail(path, value, f"is not a {schema['format']} (a scheme such as https: or data: first)")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        _check_range(schema, value, path)
    if isinstance(value, Mapping):
        _check_object(schema, value, path)
    elif isinstance(value, (list, tuple)):
        minimum = schema.get("minItems")
        if minimum is not None and len(value) < minimum:
            raise _fail(path, value, f"has {len(value)} items; at least {minimum} required")
        items = schema.get("items")
        if items is not None:
            for index, item in enumerate(value):
                _check(items, item, join_path(path, index))


def _check_range(schema: Mapping[str, Any], value: float, path: str) -> None:
    low, high = schema.get("minimum"), schema.get("maximum")
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            allowed = f"the allowed range is {low} to {high}"
        elif low is not None:
            allowed = f"the minimum is {low}"
        else:
            allowed = f"the maximum is {high}"
        raise _fail(path, value, f"is out of range: {allowed}")


def _check_object(schema: Mapping[str, Any], value: Mapping[str, Any], path: str) -> None:
    properties: Mapping[str, Any] = schema.get("properties", {})
    for name in schema.get("required", ()):
        if name not in value:
            field = join_path(path, name)
            raise ValidationError(f"{field}: the required field is missing", field=field)
    for key, item in value.items():
        sub = properties.get(key)
        if sub is not None:
            _check(sub, item, join_path(path, key))
        elif schema.get("additionalProperties") is False:
            allowed = ", ".join(properties)
            raise _fail(join_path(path, key), item, f"is not an allowed field here (allowed: {allowed})")


def _tag_value(variant: Mapping[str, Any], tag: str) -> Any:
    """The one value a variant allows for its union's discriminator, or None."""
    enum = variant.get("properties", {}).get(tag, {}).get("enum")
    return enum[0] if enum is not None and len(enum) == 1 else None


# Discriminator tables per oneOf/anyOf list, keyed by the list's id: the spec is loaded once and
# lives as long as the process, and rebuilding them per message cost most of the validation time.
_TABLES: dict[int, tuple[list[Mapping[str, Any]], dict[str, dict[Any, Mapping[str, Any]]]]] = {}


def _table(variants: list[Mapping[str, Any]], tag: str | None) -> dict[str, dict[Any, Mapping[str, Any]]]:
    """`{tag: {value: variant}}` for a union that declares its discriminator `tag`, else empty."""
    if tag is None:
        return {}
    entry = _TABLES.get(id(variants))
    if entry is None or entry[0] is not variants:
        table: dict[str, dict[Any, Mapping[str, Any]]] = {}
        for variant in variants:
            value = _tag_value(variant, tag)
            if value is not None:
                table.setdefault(tag, {})[value] = variant
        entry = _TABLES[id(variants)] = (variants, table)
    return entry[1]


def _check_variants(variants: list[Mapping[str, Any]], tag: str | None, value: Any, path: str) -> None:
    # Pick the branch by its discriminator when the value is an object that names one.
    if isinstance(value, Mapping):
        for name, by_value in _table(variants, tag).items():
            if name in value:
                variant = by_value.get(value[name]) if isinstance(value[name], str) else None
                if variant is not None:
                    _check(variant, value, path)
                    return
                allowed = ", ".join(repr(v) for v in by_value)
                raise _fail(join_path(path, name), value[name], f"is not one of {allowed}")
    errors: list[ValidationError] = []
    for variant in variants:
        try:
            _check(variant, value, path)
        except ValidationError as error:
            errors.append(error)
        else:
            return
    # No branch fits: report the error that got deepest into the value.
    raise max(errors, key=lambda e: len(e.field or ""))
