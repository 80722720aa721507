"""The shared OpenAPI document, read once and only when needed.

Wheels carry it as package data (`aiml_chat/openapi.json`); a source checkout reads the
repository's `openapi.json`, so both always see the spec the models were generated from.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

PATH = "/v1/chat/completions"


@functools.cache
def load_spec() -> dict[str, Any]:
    here = Path(__file__).resolve().parent
    for candidate in (here / "openapi.json", here.parent.parent / "openapi.json"):
        if candidate.is_file():
            spec: dict[str, Any] = json.loads(candidate.read_text(encoding="utf-8"))
            return spec
    raise FileNotFoundError("openapi.json is missing from the aiml_chat installation")


def operation() -> dict[str, Any]:
    op: dict[str, Any] = load_spec()["paths"][PATH]["post"]
    return op


def request_schema() -> dict[str, Any]:
    schema: dict[str, Any] = operation()["requestBody"]["content"]["application/json"]["schema"]
    return schema


def response_schema(media_type: str = "application/json") -> dict[str, Any]:
    schema: dict[str, Any] = operation()["responses"]["200"]["content"][media_type]["schema"]
    return schema


def default_model() -> str:
    model: str = request_schema()["properties"]["model"]["enum"][0]
    return model
