"""A JSON schema from a Python type, and a value of that type from decoded JSON.

Why our own: the libraries that do this (pydantic, msgspec, cattrs + a schema plugin) would be a
runtime dependency for one feature, and the subset structured output needs is small: dataclasses,
attrs classes and TypedDicts whose fields are str/int/float/bool/None, list[X], dict[str, X],
Optional/unions, Literal, enums and nested such classes. A pydantic model (when pydantic happens
to be installed) brings its own schema (`model_json_schema()`) and validation (`model_validate`).

The schemas follow the strict subset of structured output: every object lists all its
properties as required and forbids others; a field that may be missing is nullable instead.
Nested classes go to `$defs` (so recursive types work) and are referenced by name.
"""

from __future__ import annotations

import dataclasses
import enum
import sys
import types
import typing
from collections.abc import Mapping, Sequence
from typing import Any, Literal, Union, get_args, get_origin

__all__ = ["Mismatch", "build", "schema_for"]

_SCALARS: dict[type, str] = {str: "string", int: "integer", float: "number", bool: "boolean"}


class Mismatch(Exception):
    """A decoded JSON value that does not fit the type; `path` names where (`$.items[2].price`)."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


def _is_pydantic(tp: Any) -> bool:
    # Never imports pydantic: a model class is recognised by the methods we call on it.
    return isinstance(tp, type) and hasattr(tp, "model_json_schema") and hasattr(tp, "model_validate")


def _is_attrs(tp: Any) -> bool:
    return isinstance(tp, type) and hasattr(tp, "__attrs_attrs__")


def _is_typeddict(tp: Any) -> bool:
    return typing.is_typeddict(tp)


def _is_class(tp: Any) -> bool:
    """The types that become a JSON object with named properties."""
    return (
        (isinstance(tp, type) and dataclasses.is_dataclass(tp))
        or _is_attrs(tp)
        or _is_typeddict(tp)
        or _is_pydantic(tp)
    )


def _hints(tp: type) -> dict[str, Any]:
    module = sys.modules.get(tp.__module__)
    return typing.get_type_hints(tp, globalns=vars(module) if module else None, include_extras=True)


def _fields(tp: type) -> list[tuple[str, str, Any, bool]]:
    """(JSON name, constructor keyword, type, may be missing) for each field of a class."""
    hints = _hints(tp)
    if _is_typeddict(tp):
        # __optional_keys__ misses a NotRequired spelt as a string (`from __future__ import
        # annotations`) before Python 3.14; the resolved hint still says it.
        optional: frozenset[str] = getattr(tp, "__optional_keys__", frozenset())
        return [
            (name, name, hint, name in optional or get_origin(hint) is typing.NotRequired)
            for name, hint in hints.items()
        ]
    if dataclasses.is_dataclass(tp):
        return [
            (
                f.name,
                f.name,
                hints.get(f.name, Any),
                f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING,
            )
            for f in dataclasses.fields(tp)
            if f.init
        ]
    import attrs

    return [
        (f.name, f.alias or f.name, hints.get(f.name, f.type or Any), f.default is not attrs.NOTHING)
        for f in attrs.fields(tp)
        if f.init
    ]


_ALIAS: Any = getattr(typing, "TypeAliasType", None)  # `type X = ...` (Python 3.12+)


def _strip(tp: Any) -> Any:
    """`Annotated[X, ...]` and `NewType` are X; a type alias is its value."""
    while True:
        if get_origin(tp) in (typing.Annotated, typing.Required, typing.NotRequired):
            tp = get_args(tp)[0]
        elif hasattr(tp, "__supertype__"):
            tp = tp.__supertype__
        elif _ALIAS is not None and isinstance(tp, _ALIAS):
            tp = tp.__value__
        else:
            return tp


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


class _Schemas:
    """Builds one schema; classes met on the way land in `defs` under their names."""

    def __init__(self, root: type) -> None:
        self.root = root
        self.defs: dict[str, dict[str, Any]] = {}
        self.names: dict[Any, str] = {}

    def of(self, tp: Any) -> dict[str, Any]:
        tp = _strip(tp)
        if tp is Any or tp is object:
            return {}
        if tp is None or tp is type(None):
            return {"type": "null"}
        if tp in _SCALARS:
            return {"type": _SCALARS[tp]}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return self._named(tp, lambda: {"enum": [member.value for member in tp]})
        origin = get_origin(tp)
        if origin is Literal:
            return {"enum": list(get_args(tp))}
        if _is_union(tp):
            return {"anyOf": [self.of(arm) for arm in get_args(tp)]}
        if origin in (list, Sequence, tuple, set, frozenset) or tp in (list, tuple):
            args = get_args(tp)
            if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
                raise TypeError(f"{tp}: fixed-length tuples have no JSON schema here; use list[X]")
            return {"type": "array", "items": self.of(args[0]) if args else {}}
        if origin in (dict, Mapping) or tp is dict:
            args = get_args(tp)
            if args and _strip(args[0]) is not str:
                raise TypeError(f"{tp}: JSON object keys are strings; use dict[str, X]")
            return {"type": "object", "additionalProperties": self.of(args[1]) if args else {}}
        if _is_class(tp):
            if tp is self.root:
                return {"$ref": "#"}
            return self._named(tp, lambda: self.object(tp))
        raise TypeError(f"{tp!r}: no JSON schema for this type (supported: {_SUPPORTED})")

    def _named(self, tp: type, make: Any) -> dict[str, Any]:
        name = self.names.get(tp)
        if name is None:
            name = tp.__name__
            while name in self.defs:
                name += "_"
            self.names[tp] = name
            self.defs[name] = {}  # reserved before building: a recursive reference finds it
            self.defs[name] = make()
        return {"$ref": f"#/$defs/{name}"}

    def object(self, tp: type) -> dict[str, Any]:
        if _is_pydantic(tp):
            schema: dict[str, Any] = _strict(tp.model_json_schema())  # type: ignore[attr-defined]
            for name, sub in schema.pop("$defs", {}).items():
                self.defs.setdefault(name, sub)
            return schema
        properties: dict[str, Any] = {}
        for json_name, _, hint, may_be_missing in _fields(tp):
            sub = self.of(hint)
            if may_be_missing and not _nullable(hint):
                sub = {"anyOf": [sub, {"type": "null"}]}  # strict mode: missing is spelt null
            properties[json_name] = sub
        schema = {
            "type": "object",
            "properties": properties,
            "required": list(properties),
            "additionalProperties": False,
        }
        doc = getattr(tp, "__doc__", None)
        if doc and not doc.startswith(f"{tp.__name__}("):  # a dataclass's generated doc says nothing
            schema["description"] = " ".join(doc.split())
        return schema


def _strict(schema: Any) -> Any:
    """pydantic's schema in the strict subset, as openai-python does it: every object lists all its
    properties as required and forbids others (a defaulted field the model may not leave out).
    Walks the schema's structure (not every dict: a field may be called `properties`)."""
    if not isinstance(schema, dict):
        return schema
    strict = dict(schema)
    for key in ("properties", "$defs", "definitions"):
        if isinstance(strict.get(key), dict):
            strict[key] = {name: _strict(sub) for name, sub in strict[key].items()}
    for key in ("anyOf", "allOf", "oneOf", "prefixItems"):
        if isinstance(strict.get(key), list):
            strict[key] = [_strict(sub) for sub in strict[key]]
    for key in ("items", "additionalProperties"):
        if isinstance(strict.get(key), dict):
            strict[key] = _strict(strict[key])
    if isinstance(strict.get("properties"), dict):
        strict["required"] = list(strict["properties"])
        strict["additionalProperties"] = False
    return strict


def _nullable(tp: Any) -> bool:
    tp = _strip(tp)
    return tp is None or tp is type(None) or (_is_union(tp) and type(None) in get_args(tp))


_SUPPORTED = (
    "str, int, float, bool, None, list[X], dict[str, X], unions/Optional, Literal, enums, "
    "dataclasses, attrs classes, TypedDicts, pydantic models"
)


def schema_for(tp: type) -> dict[str, Any]:
    """The JSON schema of a class (the root of a structured answer must be an object)."""
    if not _is_class(tp):
        raise TypeError(
            f"response_format: {tp!r} is not a dataclass, attrs class, TypedDict or pydantic model "
            "(the answer of structured output is a JSON object)"
        )
    schemas = _Schemas(tp)
    schema = schemas.object(tp)
    if schemas.defs:
        schema["$defs"] = schemas.defs
    return schema


def build(tp: Any, value: Any, path: str = "$") -> Any:
    """`value` (decoded JSON) as an instance of `tp`; raises Mismatch naming the first misfit.

    A tolerant reader: properties the type does not know are ignored, and a missing or null
    property whose field has a default takes the default.
    """
    tp = _strip(tp)
    if tp is Any or tp is object:
        return value
    if tp is None or tp is type(None):
        if value is not None:
            raise Mismatch(path, f"expected null, got {_kind(value)}")
        return None
    if tp in _SCALARS:
        return _scalar(tp, value, path)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        try:
            return tp(value)
        except ValueError:
            raise Mismatch(path, f"{value!r} is not one of {[m.value for m in tp]}") from None
    origin = get_origin(tp)
    if origin is Literal:
        if not any(value == a and type(value) is type(a) for a in get_args(tp)):
            raise Mismatch(path, f"{value!r} is not one of {list(get_args(tp))}")
        return value
    if _is_union(tp):
        return _union(tp, value, path)
    if origin in (list, Sequence, tuple, set, frozenset) or tp in (list, tuple):
        if not isinstance(value, list):
            raise Mismatch(path, f"expected an array, got {_kind(value)}")
        args = get_args(tp)
        items = [build(args[0] if args else Any, item, f"{path}[{i}]") for i, item in enumerate(value)]
        return items if origin in (list, Sequence, None) else (origin or list)(items)
    if origin in (dict, Mapping) or tp is dict:
        if not isinstance(value, dict):
            raise Mismatch(path, f"expected an object, got {_kind(value)}")
        args = get_args(tp)
        return {k: build(args[1] if args else Any, v, f"{path}.{k}") for k, v in value.items()}
    if _is_pydantic(tp):
        try:
            return tp.model_validate(value)
        except ValueError as error:  # pydantic's ValidationError is a ValueError
            raise Mismatch(path, " ".join(str(error).split())) from None
    if _is_class(tp):
        return _object(tp, value, path)
    raise TypeError(f"{tp!r}: no JSON schema for this type (supported: {_SUPPORTED})")


def _scalar(tp: type, value: Any, path: str) -> Any:
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)  # JSON has one number type: 3 is a fine float
    if isinstance(value, tp) and (tp is bool or not isinstance(value, bool)):
        return value
    raise Mismatch(path, f"expected {_SCALARS[tp]}, got {_kind(value)}")


def _union(tp: Any, value: Any, path: str) -> Any:
    arms = get_args(tp)
    first: Mismatch | None = None
    for arm in arms:
        try:
            return build(arm, value, path)
        except Mismatch as error:
            first = first or error
    if len(arms) == 2 and type(None) in arms and first is not None:
        raise first  # Optional[X]: the X's complaint is the useful one
    raise Mismatch(path, f"{_kind(value)} fits none of {tp}")


def _object(tp: type, value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise Mismatch(path, f"expected an object ({tp.__name__}), got {_kind(value)}")
    kwargs: dict[str, Any] = {}
    for json_name, keyword, hint, may_be_missing in _fields(tp):
        here = f"{path}.{json_name}"
        item = value.get(json_name)
        if item is None and may_be_missing and not _nullable(hint):
            continue  # the field's default (strict schemas send null for "missing")
        if json_name not in value and not may_be_missing and not _nullable(hint):
            raise Mismatch(here, "missing")
        kwargs[keyword] = build(hint, item, here)
    if _is_typeddict(tp):
        return kwargs
    try:
        return tp(**kwargs)
    except (TypeError, ValueError) as error:  # a validator of the class refused the values
        raise Mismatch(path, f"{tp.__name__}(...) refused the values: {error}") from None


def _kind(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f"the number {value!r}"
    return names.get(type(value), type(value).__name__)
