"""The shared OpenAPI document, read once and only when needed.

Wheels carry it as package data (`aiml_chat/openapi.json`); a source checkout reads the
repository's `openapi.json`, so both always see the spec the models were generated from.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ._inline import DISCRIMINATOR, inline_refs
from ._params import DEFAULT_MODEL, PATH

__all__ = [
    "DISCRIMINATOR",
    "default_model",
    "discriminator",
    "inline_refs",
    "load_spec",
    "operation",
    "request_schema",
    "response_schema",
]


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


def discriminator(union: Mapping[str, Any]) -> str | None:
    """The property whose value picks a variant of this oneOf/anyOf of the inline tree, as
    openapi.json declares it (spec/names.yaml tags the unions); None for an undeclared union."""
    name = union.get(DISCRIMINATOR)
    return name if isinstance(name, str) else None


def request_schema() -> dict[str, Any]:
    """The request body's schema, inline: written at generate time (`_request_schema.py`), so
    neither the validator nor the CLI parses openapi.json for it."""
    from ._request_schema import REQUEST_SCHEMA

    return REQUEST_SCHEMA


def response_schema(media_type: str = "application/json") -> dict[str, Any]:
    schema: dict[str, Any] = operation()["responses"]["200"]["content"][media_type]["schema"]
    return schema


def default_model() -> str:
    return DEFAULT_MODEL
