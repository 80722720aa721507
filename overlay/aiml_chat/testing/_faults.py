"""Fault injection for the local server: a small grammar, parsed purely, and deterministic attempt counters.

A fault spec comes from the request header ``X-Mock-Fault`` or, for requests without that header,
from the server default (``LocalServer(faults=...)``). Grammar::

    spec  := item (";" item)*          blanks around items, keys and values are ignored
    item  := key "=" value

Failure faults. They apply on the first ``times`` attempts only (all attempts when ``times`` is
absent) and, with ``rate``, only to the chosen fraction of distinct requests:

    status=CODE             answer CODE (400-599) with an OpenAI-shaped error body instead of a reply
    retry_after=SECONDS     with status: ``Retry-After: SECONDS``
    retry_after_date=SECS   with status: ``Retry-After`` as an HTTP date SECS seconds from now
    retry_after_ms=MS       with status: ``retry-after-ms: MS``
    delay=SECONDS           wait before the first byte of the response
    chunk_delay=SECONDS     stream: wait before every event after the first
    drop=1                  abort the connection halfway: after half the body bytes (the response
                            declares its full Content-Length) or after half the stream's data events
    drop_after=K            abort after K body bytes (non-stream) or K data events (stream; no [DONE])
    malformed=N             non-stream: a 200 whose body is not JSON; stream: data event N (1-based)
                            carries broken JSON and the stream goes on
    stream_error=K          stream: after K data events, ``data: {"error": {...}}`` and the stream ends
    error_event=K           stream: after K data events, ``event: error`` + ``data: {"error": {...}}``, end
    barrier=N               hold the request until N requests with the same spec and key are waiting
                            (proves concurrency without timing; gives up after 30 s)

Attempt control:

    times=N                 failure faults apply to attempts 1..N of the same request, then it succeeds
    rate=P                  0 <= P <= 1: failure faults apply only to distinct requests (by body sha256)
                            whose hash falls in the lowest fraction P; deterministic, for batch tests

Shape faults (every attempt, the request still succeeds):

    keepalive=1             stream: a ``: keep-alive`` comment before every event
    weird=1                 unknown enum values (finish_reason "error", service_tier "on_demand"),
                            explicit nulls and extra provider fields (reasoning_content,
                            native_finish_reason, provider, system_fingerprint, usage.cost)
    eol=lf|cr|crlf          stream: the line ending of the event stream
    bom=1                   stream: a UTF-8 byte order mark before the first event
    replay=1                a request whose Idempotency-Key was answered before (non-stream) gets that
                            first answer again (header ``idempotent-replayed: true``), before any
                            failure fault: how a server deduplicates a retried request
    content=BASE64          the reply's text is the given (standard base64 of UTF-8) text instead of
                            the echo: an answer a test controls (say, JSON that fits a schema or not)

"Same request" means: the same spec text, the same ``X-Mock-Fault-Key`` header (optional, to keep
tests apart) and the same body sha256. Retries of one request therefore count 1, 2, 3, ...
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import hashlib
import threading
from dataclasses import dataclass
from typing import Literal

__all__ = ["AttemptCounter", "Fault", "FaultSpecError", "attempt_key", "rate_selects"]

Eol = Literal["lf", "cr", "crlf"]
EOL_BYTES: dict[str, str] = {"lf": "\n", "cr": "\r", "crlf": "\r\n"}


class FaultSpecError(ValueError):
    """A fault spec that does not follow the grammar; the message names the item."""


@dataclass(frozen=True)
class Fault:
    """A parsed fault spec. ``str(fault)`` renders the canonical header value; ``Fault.parse`` reads one."""

    status: int | None = None
    retry_after: int | None = None
    retry_after_date: int | None = None
    retry_after_ms: int | None = None
    times: int | None = None
    rate: float | None = None
    delay: float = 0.0
    chunk_delay: float = 0.0
    drop: bool = False
    drop_after: int | None = None
    malformed: int | None = None
    stream_error: int | None = None
    error_event: int | None = None
    barrier: int | None = None
    keepalive: bool = False
    weird: bool = False
    eol: Eol = "lf"
    bom: bool = False
    replay: bool = False
    content: str | None = None

    def __post_init__(self) -> None:
        if self.status is not None and not 400 <= self.status <= 599:
            raise FaultSpecError(f"status={self.status}: must be 400-599")
        if self.rate is not None and not 0.0 <= self.rate <= 1.0:
            raise FaultSpecError(f"rate={self.rate}: must be between 0 and 1")
        if self.eol not in EOL_BYTES:
            raise FaultSpecError(f"eol={self.eol}: must be lf, cr or crlf")
        for name in _NON_NEGATIVE:
            value = getattr(self, name)
            if value is not None and value < 0:
                raise FaultSpecError(f"{name}={value}: must not be negative")
        if self.malformed is not None and self.malformed < 1:
            raise FaultSpecError(f"malformed={self.malformed}: must be >= 1")
        if self.barrier is not None and self.barrier < 1:
            raise FaultSpecError(f"barrier={self.barrier}: must be >= 1")
        for name, most in _MAXIMA.items():
            value = getattr(self, name)
            if value is not None and value > most:
                raise FaultSpecError(f"{name}={value}: must be at most {most}")
        if self.content is not None:
            self.content_text  # noqa: B018 - decodes, so a bad value fails at parse time

    @property
    def content_text(self) -> str | None:
        """The text of ``content=``, decoded."""
        if self.content is None:
            return None
        try:
            return base64.b64decode(self.content, validate=True).decode("utf-8")
        except (ValueError, UnicodeDecodeError):
            raise FaultSpecError(f"content={self.content}: not base64 of UTF-8 text") from None

    @staticmethod
    def parse(text: str) -> Fault:
        """Parse a spec (see the module docstring); raises FaultSpecError naming the bad item."""
        return _parse(text.strip())

    def applies(self, attempt: int, body_sha256: str) -> bool:
        """Whether the failure faults apply to this attempt (1-based) of the request with this body hash."""
        if self.times is not None and attempt > self.times:
            return False
        return self.rate is None or rate_selects(self.rate, body_sha256)

    @property
    def eol_text(self) -> str:
        return EOL_BYTES[self.eol]

    def __str__(self) -> str:
        items: list[str] = []
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value == f.default:
                continue
            if isinstance(value, bool):
                value = int(value)
            items.append(f"{f.name}={value}")
        return ";".join(items)


_NON_NEGATIVE = (
    "retry_after",
    "retry_after_date",
    "retry_after_ms",
    "times",
    "delay",
    "chunk_delay",
    "drop_after",
    "stream_error",
    "error_event",
)
# Upper bounds: a Retry-After date must stay a date (year <= 9999), a delay must end in a test's
# lifetime, a barrier must be reachable. Beyond them the server used to fail with a 500.
_MAXIMA: dict[str, float] = {
    "retry_after": 10**9,
    "retry_after_date": 10**9,
    "retry_after_ms": 10**12,
    "times": 10**9,
    "delay": 86400.0,
    "chunk_delay": 3600.0,
    "drop_after": 10**12,
    "malformed": 10**9,
    "stream_error": 10**9,
    "error_event": 10**9,
    "barrier": 100_000,
}
_INT_KEYS = {
    "status",
    "retry_after",
    "retry_after_date",
    "retry_after_ms",
    "times",
    "drop_after",
    "malformed",
    "stream_error",
    "error_event",
    "barrier",
}
_FLOAT_KEYS = {"rate", "delay", "chunk_delay"}
_BOOL_KEYS = {"drop", "keepalive", "weird", "bom", "replay"}


@functools.lru_cache(maxsize=256)
def _parse(text: str) -> Fault:
    values: dict[str, object] = {}
    for raw in text.split(";"):
        item = raw.strip()
        if not item:
            continue
        key, sep, value = item.partition("=")
        key, value = key.strip().lower(), value.strip()
        if not sep or not value:
            raise FaultSpecError(f"{item!r}: expected key=value")
        if key in values:
            raise FaultSpecError(f"{key!r} given twice")
        values[key] = _convert(key, value)
    try:
        return Fault(**values)  # type: ignore[arg-type]
    except TypeError as exc:  # unreachable: _convert rejects unknown keys first
        raise FaultSpecError(str(exc)) from exc


def _convert(key: str, value: str) -> object:
    try:
        if key in _INT_KEYS:
            return int(value)
        if key in _FLOAT_KEYS:
            number = float(value)
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError(value)
            return number
    except ValueError:
        raise FaultSpecError(f"{key}={value}: not a number") from None
    if key in _BOOL_KEYS:
        if value not in ("0", "1"):
            raise FaultSpecError(f"{key}={value}: expected 0 or 1")
        return value == "1"
    if key == "eol":
        return value.lower()
    if key == "content":
        return value
    raise FaultSpecError(f"unknown fault {key!r}")


def rate_selects(rate: float, body_sha256: str) -> bool:
    """Deterministically choose a fraction ``rate`` of distinct requests by their body hash."""
    return int(body_sha256[:16], 16) / float(1 << 64) < rate


def attempt_key(spec_text: str, fault_key: str, body_sha256: str) -> str:
    """The identity of "the same request" for attempt counting."""
    return hashlib.sha256(f"{spec_text}\0{fault_key}\0{body_sha256}".encode()).hexdigest()


class AttemptCounter:
    """Thread-safe per-request attempt numbers (1, 2, 3, ...) so retries see a deterministic sequence."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}

    def next(self, key: str) -> int:
        with self._lock:
            count = self._counts.get(key, 0) + 1
            self._counts[key] = count
            return count

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()
