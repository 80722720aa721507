"""The input file: one JSON object per line, each a Job (a request to send) or an InputError.

A line is either a request body or the OpenAI batch-file shape ``{"custom_id": "...", "body": {...}}``
(``method``/``url`` are ignored). A body without a custom_id is named ``line-<n>`` after its 1-based
line number; blank lines are ignored. A line that cannot name itself (not JSON, not an object, a bad
or duplicate custom_id) becomes an InputError with ``custom_id=None``, identified by its line number.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ._options import BatchError


@dataclass(frozen=True, slots=True)
class Job:
    line: int
    custom_id: str
    body: dict[str, Any]


@dataclass(frozen=True, slots=True)
class InputError:
    line: int
    custom_id: str | None
    kind: str
    message: str


def parse_line(number: int, text: str | bytes) -> Job | InputError:
    """One input line as a Job, or an InputError naming the line."""
    try:
        value = json.loads(text)
    except ValueError as error:
        return InputError(number, None, "InvalidJSON", f"line {number}: not valid JSON ({error})")
    if not isinstance(value, dict):
        return InputError(
            number, None, "InvalidInput", f"line {number}: expected a JSON object, got {type(value).__name__}"
        )
    if "custom_id" not in value and "body" not in value:
        return Job(number, f"line-{number}", value)
    custom_id = value.get("custom_id", f"line-{number}")
    if not isinstance(custom_id, str) or not custom_id:
        return InputError(
            number, None, "InvalidInput", f"line {number}: custom_id must be a non-empty string"
        )
    body = value.get("body")
    if not isinstance(body, dict):
        return InputError(
            number, custom_id, "InvalidInput", f"line {number}: `body` must be a JSON object (a request body)"
        )
    return Job(number, custom_id, body)


def parse_lines(lines: Iterable[tuple[int, bytes]]) -> Iterator[Job | InputError]:
    """Every numbered line parsed; a custom_id seen on an earlier line makes an InputError without id."""
    first_line: dict[str, int] = {}
    for number, raw in lines:
        item = parse_line(number, raw)
        if item.custom_id is not None:
            first = first_line.setdefault(item.custom_id, number)
            if first != number:
                item = InputError(
                    number,
                    None,
                    "DuplicateCustomId",
                    f"line {number}: custom_id {item.custom_id!r} was already used on line {first}",
                )
        yield item


def read_input(path: str) -> tuple[int, Iterator[tuple[int, bytes]]]:
    """(number of non-blank lines, iterator of (line number, line)), reading a file twice or stdin once."""
    if path == "-":
        data = sys.stdin.buffer.read().splitlines()
        numbered = [(n, raw) for n, raw in enumerate(data, start=1) if raw.strip()]
        return len(numbered), iter(numbered)
    try:
        with open(path, "rb") as f:
            total = sum(1 for raw in f if raw.strip())
    except OSError as error:
        raise BatchError(f"cannot read {path}: {error.strerror or error}") from None

    def lines() -> Iterator[tuple[int, bytes]]:
        with open(path, "rb") as f:
            for n, raw in enumerate(f, start=1):
                if raw.strip():
                    yield n, raw

    return total, lines()
