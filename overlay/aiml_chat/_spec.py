"""The shared OpenAPI document, read once and only when needed.

Wheels carry it as package data (`aiml_chat/openapi.json`); a source checkout reads the
repository's `openapi.json`, so both always see the spec the models were generated from.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from ._params import DEFAULT_MODEL, PATH

# Where an inline tree keeps a union's `discriminator.propertyName` (see inline_refs).
DISCRIMINATOR: Final = "x-discriminator"


@functools.cache
def load_spec() -> dict[str, Any]:
    here = Path(__file__).resolve().parent
    for candidate in (here / "openapi.json", here.parent.parent / "openapi.json"):
        if candidate.is_file():
            spec: dict[str, Any] = json.loads(candidate.read_text(encoding="utf-8"))
            return spec
    raise FileNotFoundError("openapi.json is missing from the aiml_chat installation")


@functools.cache
def operation() -> dict[str, Any]:
    """The operation with every `$ref` replaced by its schema: readers walk one inline tree."""
    spec = load_spec()
    op: dict[str, Any] = inline_refs(spec["paths"][PATH]["post"], spec)
    return op


def inline_refs(node: Any, spec: dict[str, Any]) -> Any:
    """`node` with each `$ref` to `#/components/...` replaced by (a copy of) its target; an
    `allOf` of one schema, the form a nullable named schema takes, merges into its place.

    A union's `discriminator` becomes `x-discriminator: <propertyName>`: its `mapping` names
    components an inline tree no longer has (a validator would try to resolve them), while the
    property name is what readers need (`discriminator()`)."""
    if isinstance(node, list):
        return [inline_refs(item, spec) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return inline_refs(target, spec)
    out = {key: inline_refs(value, spec) for key, value in node.items() if key != "discriminator"}
    declared = node.get("discriminator")
    if isinstance(declared, dict) and isinstance(declared.get("propertyName"), str):
        out[DISCRIMINATOR] = declared["propertyName"]
    all_of = out.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1 and isinstance(all_of[0], dict):
        del out["allOf"]
        merged = {**all_of[0], **out}
        if merged.get("nullable") and "enum" in merged and None not in merged["enum"]:
            merged["enum"] = [*merged["enum"], None]  # OpenAPI 3.0.3: a nullable enum lists null
        return merged
    return out


def discriminator(union: Mapping[str, Any]) -> str | None:
    """The property whose value picks a variant of this oneOf/anyOf of the inline tree, as
    openapi.json declares it (spec/names.yaml tags the unions); None for an undeclared union."""
    name = union.get(DISCRIMINATOR)
    return name if isinstance(name, str) else None


def request_schema() -> dict[str, Any]:
    schema: dict[str, Any] = operation()["requestBody"]["content"]["application/json"]["schema"]
    return schema


def response_schema(media_type: str = "application/json") -> dict[str, Any]:
    schema: dict[str, Any] = operation()["responses"]["200"]["content"][media_type]["schema"]
    return schema


def default_model() -> str:
    return DEFAULT_MODEL
