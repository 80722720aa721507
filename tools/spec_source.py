"""Reading an upstream spec: a path or URL, raw JSON or a Markdown docs page, normalised.

Shared by the update (spec_update) and the change report (spec_diff), so neither imports the other.
"""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any

# The operations the docs page documents; the raw upstream also carries aliases such as
# /chat/completions, which the page (and so the pristine copy) leaves out.
DOCUMENTED_PATHS = ("/v1/chat/completions",)
# Keys whose value maps names to schemas: their keys are names, not keywords or extensions.
NAME_MAPS = {"properties", "patternProperties", "schemas", "definitions", "$defs"}
# Keys whose value is data (a JSON value), never a schema: left exactly as written.
DATA_KEYS = {"enum", "default"}
DROPPED_KEYS = {"example", "examples"}


class SourceError(Exception):
    """The source could not be read, or holds no usable OpenAPI 3.0 document."""


# --- extraction ------------------------------------------------------------------------------------


def read_source(source: str) -> str:
    if re.match(r"https?://", source):
        try:
            with urllib.request.urlopen(source, timeout=60) as response:
                data: bytes = response.read()
        except OSError as error:
            raise SourceError(f"{source}: cannot fetch: {error}") from error
        return data.decode("utf-8")
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SourceError(f"{source}: cannot read: {error}") from error


_HEADING = re.compile(r"^#{1,6}\s*API Schema\s*$", re.MULTILINE | re.IGNORECASE)
_FENCE = re.compile(r"^```json[ \t]*\n(.*?)^```", re.MULTILINE | re.DOTALL | re.IGNORECASE)


def _parse_json(text: str, name: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(f"{name}: not valid JSON: {error}") from error


def extract_spec(text: str, name: str = "source") -> dict[str, Any]:
    """The OpenAPI document in `text`: the text itself when it is JSON, else the first ```json block
    after the "API Schema" heading of a Markdown docs page."""
    body = text.lstrip("\ufeff").lstrip()
    if body.startswith("{"):
        doc = _parse_json(body, name)
    else:
        heading = _HEADING.search(text)
        if heading is None:
            raise SourceError(f"{name}: neither JSON nor a Markdown page with an 'API Schema' heading")
        block = _FENCE.search(text, heading.end())
        if block is None:
            raise SourceError(f"{name}: no ```json block under the 'API Schema' heading")
        doc = _parse_json(block.group(1), f"{name} (the ```json block under 'API Schema')")
    if not isinstance(doc, dict) or "openapi" not in doc or "paths" not in doc:
        raise SourceError(f"{name}: not an OpenAPI document (no `openapi` and `paths` keys)")
    if not str(doc["openapi"]).startswith("3.0"):
        raise SourceError(f"{name}: OpenAPI {doc['openapi']}; the pipeline takes OpenAPI 3.0 documents")
    return doc


def load_source(source: str) -> dict[str, Any]:
    return extract_spec(read_source(source), source)


# --- normalisation ---------------------------------------------------------------------------------


def _nullable_type(types: list[Any]) -> dict[str, Any]:
    """`type: [T, "null"]` (3.1 style) as OpenAPI 3.0 says it: `type: T` + `nullable: true`."""
    plain = [t for t in types if t != "null"]
    out: dict[str, Any] = {}
    if len(plain) == 1:
        out["type"] = plain[0]
    elif plain:
        out["anyOf"] = [{"type": t} for t in plain]
    else:
        raise SourceError('type ["null"] has no OpenAPI 3.0 form')
    if "null" in types:
        out["nullable"] = True
    return out


def _clean(node: Any, names: bool = False) -> Any:
    if isinstance(node, list):
        return [_clean(item) for item in node]
    if not isinstance(node, dict):
        return node
    if names:  # property names, schema names: keep every key
        return {key: _clean(value) for key, value in node.items()}
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key.startswith("x-") or key in DROPPED_KEYS:
            continue
        if key == "const":
            if "enum" not in node:
                out["enum"] = [value]
        elif key == "type" and isinstance(value, list):
            out.update(_nullable_type(value))
        elif key == "nullable" and "nullable" in out:
            continue
        elif key in ("anyOf", "oneOf") and isinstance(value, list) and {"type": "null"} in value:
            # 3.1 style `anyOf: [X, {type: null}]`: the null branch becomes `nullable` on the others.
            out[key] = [_nullable(_clean(item)) for item in value if item != {"type": "null"}]
        elif key in DATA_KEYS:
            out[key] = value
        else:
            out[key] = _clean(value, names=key in NAME_MAPS)
    return out


def _nullable(schema: Any) -> Any:
    if not isinstance(schema, dict) or schema.get("nullable") is True:
        return schema
    out: dict[str, Any] = {}
    for key, value in schema.items():
        out[key] = value
        if key == "type":
            out["nullable"] = True
    if "nullable" not in out:
        out["nullable"] = True
    return out


def normalise(raw: dict[str, Any]) -> dict[str, Any]:
    """The raw upstream form -> the form the docs page shows (and spec/upstream.json keeps):

    - every `x-` extension key (`x-codeSamples`, ...) and every `example`/`examples` is dropped
      (names of properties and schemas are never touched, nor `enum`/`default` values);
    - `const: V` becomes `enum: [V]` in its place;
    - 3.1-style `type: [T, "null"]` becomes `type: T` + `nullable: true`, and an `anyOf`/`oneOf`
      branch `{type: "null"}` becomes `nullable: true` on the other branches;
    - only the documented paths (DOCUMENTED_PATHS) are kept, such that aliases like
      /chat/completions go.

    Key order is kept, so that normalising the raw form of the seed's spec gives the pristine copy
    byte for byte once dumped. Normalising an already normal document changes nothing.
    """
    if not isinstance(raw.get("paths"), dict):
        raise SourceError(f"`paths` is not an object (it is {type(raw.get('paths')).__name__})")
    doc: dict[str, Any] = _clean(raw)
    paths = doc.get("paths") or {}
    missing = [path for path in DOCUMENTED_PATHS if path not in paths]
    if missing:
        raise SourceError(f"the spec has no {', '.join(missing)} path")
    doc["paths"] = {path: item for path, item in paths.items() if path in DOCUMENTED_PATHS}
    return doc
