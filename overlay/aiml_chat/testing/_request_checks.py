"""What the local server checks in a request body before answering: the spec's schema (errors
that name the failing path, the way the API's own 400s do) and the files it carries.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from jsonschema import FormatChecker  # type: ignore[import-untyped]  # no stubs shipped
from openapi_schema_validator import OAS30Validator

from aiml_chat import _spec
from aiml_chat._exceptions import FileValidationError
from aiml_chat._filecheck import Accept
from aiml_chat._formats import FORMAT_CHECKS
from aiml_chat.files import iter_file_data_blocks
from aiml_chat.testing import _replies
from aiml_chat.testing._errors import ErrorAnswer

_SchemaError = Any  # jsonschema.exceptions.ValidationError (jsonschema ships no stubs)
LONG_TEXT = 64 * 1024  # strings longer than this get a short repr in schema errors


def _path_text(path: Any) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _not_meant(errors: list[_SchemaError], tag: str | None) -> bool:
    """A oneOf/anyOf branch the instance evidently did not mean: its tag or its JSON type differs."""
    for e in errors:
        path = list(e.relative_path)
        if e.validator == "enum" and tag is not None and path == [tag]:
            return True
        if e.validator == "type" and not path:
            return True
    return False


def _discriminated(error: _SchemaError) -> _SchemaError:
    """Descend oneOf/anyOf errors into the branch the instance evidently meant: by the union's
    discriminator as openapi.json declares it (`role`, `type`), or by JSON type."""
    while error.validator in ("oneOf", "anyOf") and error.context:
        tag = _spec.discriminator(error.schema) if isinstance(error.schema, dict) else None
        branches: dict[Any, list[_SchemaError]] = {}
        for sub in error.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        meant = [errs for errs in branches.values() if not _not_meant(errs, tag)]
        if len(meant) == 1:
            error = min(meant[0], key=lambda e: (-len(e.absolute_path), str(e.validator)))
            continue
        tags = [
            e
            for errs in branches.values()
            for e in errs
            if e.validator == "enum" and tag is not None and list(e.relative_path) == [tag]
        ]
        if not meant and len(tags) == len(branches):
            allowed = sorted({str(v) for t in tags for v in t.validator_value})
            tags[0].message = f"{tags[0].instance!r} is not one of {allowed}"
            return tags[0]
        break
    return error


def _error_path(error: _SchemaError) -> list[Any]:
    """The instance path, extended by the offending property for required/additionalProperties errors."""
    path = list(error.absolute_path)
    instance = error.instance
    if error.validator == "required" and isinstance(instance, dict):
        missing = [name for name in error.validator_value if name not in instance]
        path += missing[:1]
    elif error.validator == "additionalProperties" and isinstance(instance, dict):
        known = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
        extra = [name for name in instance if name not in known]
        path += extra[:1]
    return path


class RequestValidator:
    """The request schema from openapi.json (or `schema`, an inline tree as `_spec` makes them),
    read once, with errors that name the failing path."""

    def __init__(self, schema: Mapping[str, Any] | None = None) -> None:
        formats = FormatChecker(formats=())
        for name, check in FORMAT_CHECKS.items():  # the client's own format checks, so both agree
            formats.checks(name)(check)
        schema = _spec.request_schema() if schema is None else schema
        self._validator = OAS30Validator(schema, format_checker=formats)

    def check(self, body: Any) -> None:
        errors = sorted(self._validator.iter_errors(body), key=lambda e: (len(e.absolute_path), e.message))
        if not errors:
            return
        error = _discriminated(errors[0])
        param = _path_text(_error_path(error)) or None
        where = f"{param}: " if param else ""
        raise ErrorAnswer(400, f"{where}{error.message}", param, "invalid_value")


def _decode_file(data: str, param: str, expect: Accept) -> tuple[int, str]:
    """Strictly decode a data-URL or bare base64 file block by block: (byte count, sha256 hex).

    The checks are the client's own (aiml_chat.files): one definition of a valid file part."""
    digest = hashlib.sha256()
    size = 0
    try:
        for raw in iter_file_data_blocks(data, label=param, expect=expect):
            digest.update(raw)
            size += len(raw)
    except FileValidationError as exc:
        raise ErrorAnswer(400, exc.message, param, "invalid_file") from None
    return size, digest.hexdigest()


def _file_reports(body: dict[str, Any]) -> list[_replies.FileReport]:
    reports: list[_replies.FileReport] = []
    for i, message in enumerate(body["messages"]):
        content = message.get("content")
        if message.get("role") != "user" or not isinstance(content, list):
            continue
        for j, part in enumerate(content):
            kind = part.get("type")
            if kind == "file":
                field, name, param = part["file"], str(part["file"].get("filename", "file.pdf")), "file_data"
            elif kind == "image_url" and str(part["image_url"].get("url", "")).startswith("data:"):
                field, name, param = part["image_url"], f"image{j}", "url"
            else:
                continue
            where = f"messages[{i}].content[{j}].{kind}.{param}"
            data = field.get(param)
            if not isinstance(data, str):
                raise ErrorAnswer(400, f"{where}: required for a {kind} part", where)
            size, sha = _decode_file(data, where, "pdf" if kind == "file" else "image")
            reports.append(_replies.FileReport(name, size, sha))
            if len(data) > 1024:  # the record keeps the body: do not keep big uploads alive
                field[param] = f"<{len(data)} characters, sha256 of decoded bytes {sha}>"
    return reports


class _LongText(str):
    """A long string with a short repr: schema errors repr their instance, once per failed oneOf/anyOf
    branch, which for a message holding a hundreds-of-MiB upload costs seconds and a copy each time."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<string of {len(self)} characters>"


def _short_reprs(data: Any) -> None:
    """Swap strings over LONG_TEXT characters in ``data`` for _LongText (in place, iteratively)."""
    stack = [data]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in list(items):
            if isinstance(value, str):
                if len(value) > LONG_TEXT:
                    node[key] = _LongText(value)
            elif isinstance(value, dict | list):
                stack.append(value)


def parse_body(
    body: bytearray, validator: RequestValidator
) -> tuple[dict[str, Any], list[_replies.FileReport]]:
    """Decode, validate and check files; frees ``body`` as soon as the text exists (large uploads)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ErrorAnswer(
            400, f"the body is not UTF-8: {exc.reason} at byte {exc.start}", None, "invalid_json"
        ) from None
    body.clear()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"the body is not valid JSON: {exc.msg} (line {exc.lineno} column {exc.colno})"
        raise ErrorAnswer(400, message, None, "invalid_json") from None
    except RecursionError:
        raise ErrorAnswer(400, "the body is nested too deeply", None, "invalid_json") from None
    del text
    _short_reprs(data)
    validator.check(data)
    if isinstance(data.get("n"), int) and data["n"] > _replies.MAX_CHOICES:
        message = f"n: {data['n']} is greater than the maximum of {_replies.MAX_CHOICES}"
        raise ErrorAnswer(400, message, "n", "invalid_value")
    return data, _file_reports(data)
