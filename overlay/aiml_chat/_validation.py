"""Checks a request body against the spec's request schema before anything is sent.

A small validator for the JSON Schema subset OpenAPI 3.0 request schemas use (type, nullable,
enum, minimum/maximum, minItems, required, properties, additionalProperties, items, oneOf/anyOf).
Written here rather than depending on jsonschema: that costs ~40 ms of import time and a runtime
dependency, and its oneOf errors ("is not valid under any of the given schemas") do not name the
field; this one picks the oneOf/anyOf branch by its discriminator (`role`, `type`) so the error
says e.g. `messages[0].role`. The server side uses the real jsonschema validator, and a test
checks both agree.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from ._exceptions import ValidationError
from ._spec import request_schema
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
    _check(_compiled_root(), body, "")


@functools.cache
def _compiled_root() -> dict[str, Any]:
    return request_schema()


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def _fail(path: str, value: Any, why: str) -> ValidationError:
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    return ValidationError(f"{path or 'body'}: {shown} {why}", field=path or None, value=value)


def _check(schema: Mapping[str, Any], value: Any, path: str) -> None:
    if value is None:
        if schema.get("nullable") or None in (schema.get("enum") or ()):
            return
        if "type" in schema or "enum" in schema or "oneOf" in schema or "anyOf" in schema:
            raise _fail(path, value, "is not allowed to be null")
        return
    variants = schema.get("oneOf") or schema.get("anyOf")
    if variants is not None:
        _check_variants(variants, value, path)
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
                _check(items, item, _join(path, index))


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
            field = _join(path, name)
            raise ValidationError(f"{field}: the required field is missing", field=field)
    for key, item in value.items():
        sub = properties.get(key)
        if sub is not None:
            _check(sub, item, _join(path, key))
        elif schema.get("additionalProperties") is False:
            allowed = ", ".join(properties)
            raise _fail(_join(path, key), item, f"is not an allowed field here (allowed: {allowed})")


def _discriminator(variant: Mapping[str, Any]) -> tuple[str, Any] | None:
    for name in ("role", "type"):
        enum = variant.get("properties", {}).get(name, {}).get("enum")
        if enum is not None and len(enum) == 1:
            return name, enum[0]
    return None


def _check_variants(variants: list[Mapping[str, Any]], value: Any, path: str) -> None:
    # Pick the branch by its discriminator when the value is an object that names one.
    if isinstance(value, Mapping):
        keyed = [(_discriminator(v), v) for v in variants]
        names = {d[0] for d, _ in keyed if d is not None}
        for name in names:
            if name in value:
                for disc, variant in keyed:
                    if disc is not None and disc == (name, value[name]):
                        _check(variant, value, path)
                        return
                allowed = ", ".join(repr(d[1]) for d, _ in keyed if d is not None and d[0] == name)
                raise _fail(_join(path, name), value[name], f"is not one of {allowed}")
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
