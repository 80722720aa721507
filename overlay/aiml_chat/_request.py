"""A call before it is sent: the checked body and headers (PreparedCall), and each attempt's request.

Building the body and headers and validating before I/O are written once here for both clients;
what the answer becomes is `_response.py`'s job.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import Any

import httpx2

from ._body import StreamingBody, encode_body
from ._config import (
    NOT_GIVEN,
    as_timeout,
    check_headers,
    check_max_retries,
    total_timeout,
)
from ._params import PATH
from ._strict_json import explain
from ._validation import validate_request
from ._version import __version__
from .files import validate_request_files

USER_AGENT = f"aiml-chat/{__version__}"


class PreparedCall:
    """A prepared call: the checked body and headers to send, and how to treat the answer."""

    __slots__ = (
        "body",
        "content",
        "deadline",
        "headers",
        "idempotency_key",
        "max_retries",
        "stream",
        "timeout",
    )

    def __init__(
        self,
        *,
        body: dict[str, Any],
        content: bytes | StreamingBody,
        headers: dict[str, str],
        timeout: httpx2.Timeout | None,
        max_retries: int,
        stream: bool,
        deadline: float | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        self.body = body
        self.content = content
        self.headers = headers
        self.timeout = timeout
        self.max_retries = max_retries
        self.stream = stream
        self.deadline = deadline  # seconds for a whole attempt (a bare-number timeout), or None
        # Sent with every attempt of this call unless the caller's headers name their own.
        self.idempotency_key = idempotency_key


_AS_IS = frozenset({str, int, float, bool, dict, type(None)})


def _plain(value: Any) -> Any:
    """Generated models (with to_dict) become plain JSON values; dicts pass through.
    Exact plain types are answered first: the ABC checks below cost ~1 us per message."""
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is list or kind is tuple:
        return [item if type(item) in _AS_IS else _plain(item) for item in value]
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None:
        return to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, Iterable) and not isinstance(value, (str, bytes, bytearray, memoryview, Mapping)):
        return [_plain(item) for item in value]  # a generator or other iterable: create() takes Iterable
    return value


def build_call(
    params: Mapping[str, Any],
    *,
    default_model: str,
    extra_headers: Mapping[str, str] | None,
    extra_body: Mapping[str, Any] | None,
    timeout: Any,
    max_retries: Any,
    default_max_retries: int,
    strict: bool,
) -> PreparedCall:
    body: dict[str, Any] = {"model": default_model}
    for name, value in params.items():
        if value is not NOT_GIVEN:
            body[name] = _plain(value)
    if extra_body:
        body.update(extra_body)
    if strict:
        validate_request(body)
    validate_request_files(body.get("messages") or ())
    stream = body.get("stream") is True
    # Non-stream calls keep httpx's `Accept: */*`: one header fewer to validate on every call.
    headers = {"Accept": "text/event-stream"} if stream else {}
    if extra_headers:
        headers.update(check_headers(extra_headers, "extra_headers"))
    own_key = bool(headers) and any(name.lower() == "idempotency-key" for name in headers)
    retries = default_max_retries if max_retries is NOT_GIVEN else check_max_retries(max_retries)
    try:
        content = encode_body(body)
    except (ValueError, UnicodeEncodeError, RecursionError) as error:
        # Strict writer: NaN/infinity, lone surrogates and runaway nesting never reach the wire.
        raise explain(body, error) from None
    return PreparedCall(
        body=body,
        content=content,
        headers=headers,
        timeout=None if timeout is NOT_GIVEN else as_timeout(timeout),
        max_retries=retries,
        stream=stream,
        deadline=None if timeout is NOT_GIVEN else total_timeout(timeout),
        idempotency_key=None if own_key else new_idempotency_key(),
    )


def new_idempotency_key() -> str:
    """A fresh key per call: every retry of the call repeats it, so a server can recognise the
    repeat of a request it already accepted (a timeout after acceptance would bill twice)."""
    return f"aiml-chat-{secrets.token_hex(16)}"


def build_call_from_body(
    body: Mapping[str, Any], *, default_model: str, default_max_retries: int, strict: bool
) -> PreparedCall:
    """A whole request body (a batch line) as a call, checked as create() checks its keywords.

    Every property goes out as given, known to the spec or not; `model` defaults as in create().
    """
    return build_call(
        body,
        default_model=default_model,
        extra_headers=None,
        extra_body=None,
        timeout=NOT_GIVEN,
        max_retries=NOT_GIVEN,
        default_max_retries=default_max_retries,
        strict=strict,
    )


def base_headers(api_key: str) -> dict[str, str]:
    """Headers every call sends; built once per client."""
    return {"Authorization": f"Bearer {api_key}", **POOL_HEADERS}


# The part of them a pool client we make ourselves sends with every request, so they are not
# merged into each request (~3 us a call); the key is not among them: it is only added per call.
POOL_HEADERS = {"Content-Type": "application/json", "User-Agent": USER_AGENT}


def per_request(headers: dict[str, str], pool: Mapping[str, str]) -> dict[str, str]:
    """`headers` without what the pool client already sends (`pool`; a changed value stays)."""
    return {name: value for name, value in headers.items() if pool.get(name) != value}


def completions_url(base_url: httpx2.URL) -> httpx2.URL:
    return base_url.copy_with(path=base_url.path.rstrip("/") + PATH)


def build_request(
    http: httpx2.Client | httpx2.AsyncClient,
    url: httpx2.URL,
    headers: dict[str, str],
    call: PreparedCall,
    timeout: httpx2.Timeout,
    deadline_at: float | None = None,
) -> httpx2.Request:
    """The request for one attempt; `timeout` (the call's or the client's) is sent per request, so
    it also applies to a caller-given http_client, and no operation may outlast `deadline_at`.

    `headers` are the client's (base and default headers); the call's own override them, whatever
    the spelling of their names, and the call's idempotency key goes out unless either names one."""
    headers = merge_headers(headers, call.headers)
    if call.idempotency_key is not None:
        for name in headers:  # a loop, not any(<generator>): this runs on every request
            if name.lower() == "idempotency-key":
                break
        else:
            headers["Idempotency-Key"] = call.idempotency_key
    content: Any = call.content
    if isinstance(content, bytes):
        if len(content) > _SLICE:
            # httpcore re-copies the unsent rest of one big bytes body after every socket send,
            # quadratic in its size (bench: 5.6 s of CPU for 341 MiB, 0.14 s in 1 MiB slices).
            headers["Content-Length"] = str(len(content))
            content = _slices(content) if isinstance(http, httpx2.Client) else _aslices(content)
    else:
        headers["Content-Length"] = str(content.content_length)
        if isinstance(http, httpx2.AsyncClient):
            content = aiter(content)  # httpx takes anything with __iter__ for a sync-only stream
    t = call.timeout or timeout
    if deadline_at is None:
        timeouts = t.as_dict()
    else:  # each bound shortened to what is left (written out: this runs on every request)
        left = max(deadline_at - time.monotonic(), 0.001)
        c, r, w, p = t.connect, t.read, t.write, t.pool
        timeouts = {
            "connect": left if c is None or c > left else c,
            "read": left if r is None or r > left else r,
            "write": left if w is None or w > left else w,
            "pool": left if p is None or p > left else p,
        }
    return http.build_request("POST", url, content=content, headers=headers, extensions={"timeout": timeouts})


def merge_headers(base: Mapping[str, str], override: Mapping[str, str]) -> dict[str, str]:
    """`base` with `override` on top, header names compared case-insensitively (one of each goes out)."""
    if not override:
        return dict(base)
    names = {name.lower() for name in override}
    merged = {name: value for name, value in base.items() if name.lower() not in names}
    merged.update(override)
    return merged


_SLICE = 1024 * 1024


def _slices(data: bytes) -> Iterator[memoryview]:
    view = memoryview(data)
    for start in range(0, len(view), _SLICE):
        yield view[start : start + _SLICE]


async def _aslices(data: bytes) -> AsyncIterator[memoryview]:
    for piece in _slices(data):
        yield piece
