"""The shared OpenAPI document, read once and only when needed.

Wheels carry it as package data (`aiml_chat/openapi.json`); a source checkout reads the
repository's `openapi.json`, so both always see the spec the models were generated from.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

from ._params import DEFAULT_MODEL, PATH


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
    `allOf` of one schema, the form a nullable named schema takes, merges into its place."""
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
    all_of = out.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1 and isinstance(all_of[0], dict):
        del out["allOf"]
        merged = {**all_of[0], **out}
        if merged.get("nullable") and "enum" in merged and None not in merged["enum"]:
            merged["enum"] = [*merged["enum"], None]  # OpenAPI 3.0.3: a nullable enum lists null
        return merged
    return out


def request_schema() -> dict[str, Any]:
    schema: dict[str, Any] = operation()["requestBody"]["content"]["application/json"]["schema"]
    return schema


def response_schema(media_type: str = "application/json") -> dict[str, Any]:
    schema: dict[str, Any] = operation()["responses"]["200"]["content"][media_type]["schema"]
    return schema


def default_model() -> str:
    return DEFAULT_MODEL
