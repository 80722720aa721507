"""A small, valid instance of a JSON Schema: what the local server answers for ``json_schema`` output.

Written here rather than taken from a library because the server needs the same instance for the
same request, at once and without new dependencies: hypothesis-jsonschema and jsf generate random
instances (hypothesis searches, jsf needs faker), which suits fuzzing, not a predictable echo.

Covered: ``$ref`` (local), ``const``, ``enum``, ``anyOf``/``oneOf`` (the first branch), ``allOf``
(object branches merged), ``type`` (a list takes its first non-null type), objects (their
``required`` properties; ``additionalProperties`` as a schema), arrays (``items``,
``minItems``/``maxItems``), strings (``minLength``/``maxLength``), numbers and integers
(``minimum``/``maximum`` and their exclusive forms), booleans and null; a recursive schema ends in its
smallest instance a few levels down. Not honoured: ``pattern``, ``format``, ``multipleOf``,
``uniqueItems``, ``not``, conditionals: a schema that needs them may get an instance it rejects.
"""

from __future__ import annotations

import math
from typing import Any

MAX_DEPTH = 32  # a recursive schema ($ref to itself through required properties) stops here
# Past this depth the instance is the smallest one: arrays at minItems (maybe empty), and a union
# whose first branch recurses (a $ref being built) takes one that does not, so a recursive schema
# with a finite instance ends there.
SHALLOW = 8


def schema_instance(schema: Any, text: str) -> Any:
    """The instance of ``schema`` whose strings are ``text`` and whose numbers derive from its length."""
    return _Builder(schema if isinstance(schema, dict) else {}, text).build(schema, 0)


class _Builder:
    def __init__(self, root: dict[str, Any], text: str) -> None:
        self.root = root
        self.text = text
        self.active: list[str] = []  # the $refs being built, outermost first

    def _resolve(self, ref: str) -> Any:
        node: Any = self.root
        for part in ref.removeprefix("#").strip("/").split("/") if ref != "#" else ():
            part = part.replace("~1", "/").replace("~0", "~")
            node = node.get(part, {}) if isinstance(node, dict) else {}
        return node

    def build(self, schema: Any, depth: int) -> Any:
        if not isinstance(schema, dict) or depth > MAX_DEPTH:
            return None if depth > MAX_DEPTH else self.text
        if isinstance(schema.get("$ref"), str):
            self.active.append(schema["$ref"])
            try:
                return self.build(self._resolve(schema["$ref"]), depth + 1)
            finally:
                self.active.pop()
        if "const" in schema:
            return schema["const"]
        if isinstance(schema.get("enum"), list) and schema["enum"]:
            return schema["enum"][0]
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                branches = schema[key]
                if depth >= SHALLOW and self._recurses(branches[0]):
                    branches = [b for b in branches if not self._recurses(b)] or branches
                return self.build(branches[0], depth + 1)
        if isinstance(schema.get("allOf"), list):
            merged = {k: v for k, v in schema.items() if k != "allOf"}
            for part in schema["allOf"]:
                part = self._resolve(part["$ref"]) if isinstance(part, dict) and "$ref" in part else part
                if isinstance(part, dict):
                    merged["properties"] = {**merged.get("properties", {}), **part.get("properties", {})}
                    merged["required"] = [*merged.get("required", []), *part.get("required", [])]
                    merged.setdefault("type", part.get("type"))
            return self.build(merged, depth + 1)
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), "null")
        if kind is None:
            kind = "object" if "properties" in schema else "array" if "items" in schema else "string"
        return getattr(self, f"_{kind}", self._string)(schema, depth)

    def _recurses(self, branch: Any) -> bool:
        return isinstance(branch, dict) and branch.get("$ref") in self.active

    def _object(self, schema: dict[str, Any], depth: int) -> dict[str, Any]:
        props: dict[str, Any] = schema["properties"] if isinstance(schema.get("properties"), dict) else {}
        required = [name for name in schema.get("required", ()) if isinstance(name, str)]
        extra = schema.get("additionalProperties")
        other = extra if isinstance(extra, dict) else {}  # what a property not in `properties` must be
        if not required and not props and extra is not False:
            return {"echo": self.build(other, depth + 1)}  # a free-form object: still show what was asked
        return {name: self.build(props.get(name, other), depth + 1) for name in required}

    def _array(self, schema: dict[str, Any], depth: int) -> list[Any]:
        count = int(schema.get("minItems", 0))
        count = max(count, 1) if depth < SHALLOW else count
        if isinstance(schema.get("maxItems"), int):
            count = min(count, schema["maxItems"])
        return [self.build(schema.get("items", {}), depth + 1) for _ in range(count)]

    def _string(self, schema: dict[str, Any], depth: int) -> str:
        text = self.text
        if isinstance(schema.get("maxLength"), int):
            text = text[: schema["maxLength"]]
        if isinstance(schema.get("minLength"), int) and len(text) < schema["minLength"]:
            text += "." * (schema["minLength"] - len(text))
        return text

    def _number(self, schema: dict[str, Any], depth: int) -> float:
        value = float(len(self.text.split()))
        low, high = (
            _bound(schema, "minimum", "exclusiveMinimum"),
            _bound(schema, "maximum", "exclusiveMaximum"),
        )
        if low is not None and (value < low[0] or (low[1] and value == low[0])):
            value = (low[0] + high[0]) / 2 if high is not None else low[0] + (1.0 if low[1] else 0.0)
        if high is not None and (value > high[0] or (high[1] and value == high[0])):
            value = (low[0] + high[0]) / 2 if low is not None else high[0] - (1.0 if high[1] else 0.0)
        return value

    def _integer(self, schema: dict[str, Any], depth: int) -> int:
        value = len(self.text.split())
        low, high = (
            _bound(schema, "minimum", "exclusiveMinimum"),
            _bound(schema, "maximum", "exclusiveMaximum"),
        )
        if low is not None:
            value = max(value, math.floor(low[0]) + 1 if low[1] else math.ceil(low[0]))
        if high is not None:
            value = min(value, math.ceil(high[0]) - 1 if high[1] else math.floor(high[0]))
        return value

    def _boolean(self, schema: dict[str, Any], depth: int) -> bool:
        return True

    def _null(self, schema: dict[str, Any], depth: int) -> None:
        return None


def _bound(schema: dict[str, Any], inclusive: str, exclusive: str) -> tuple[float, bool] | None:
    """(limit, is_exclusive): draft 6+ gives the exclusive limit as a number, draft 4 as a flag."""
    flag = schema.get(exclusive)
    if isinstance(flag, int | float) and not isinstance(flag, bool):
        return float(flag), True
    limit = schema.get(inclusive)
    if isinstance(limit, int | float) and not isinstance(limit, bool):
        return float(limit), flag is True
    return None
