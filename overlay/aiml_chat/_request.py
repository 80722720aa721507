"""Everything about one call that does not depend on sync or async I/O.

Building the body and headers, validating before I/O, mapping error answers and decoding
completions are written once here; `_client.py` only moves bytes.
"""

from __future__ import annotations

import functools
import json
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import httpx2

from ._body import StreamingBody, encode_body
from ._config import NOT_GIVEN, as_timeout, check_header_value, check_max_retries
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    status_error_class,
)
from ._params import PATH
from ._validation import validate_request
from ._version import __version__
from .files import validate_request_files

if TYPE_CHECKING:
    from aiml_api_client.models import ChatCompletion

USER_AGENT = f"aiml-chat/{__version__}"


class CallOptions:
    """A fully checked call: what to send, and how to treat the answer."""

    __slots__ = ("body", "content", "headers", "max_retries", "stream", "timeout")

    def __init__(
        self,
        *,
        body: dict[str, Any],
        content: bytes | StreamingBody,
        headers: dict[str, str],
        timeout: httpx2.Timeout | None,
        max_retries: int,
        stream: bool,
    ) -> None:
        self.body = body
        self.content = content
        self.headers = headers
        self.timeout = timeout
        self.max_retries = max_retries
        self.stream = stream


@functools.cache
def completion_model() -> type[ChatCompletion]:
    """Imported on first use: the generated models cost more import time than httpx itself."""
    from aiml_api_client.models import ChatCompletion

    return ChatCompletion


def _plain(value: Any) -> Any:
    """Generated models (attrs, with to_dict) become plain JSON values; dicts pass through."""
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None:
        return to_dict()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
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
) -> CallOptions:
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
        for name, value in extra_headers.items():
            check_header_value(name, value)
            headers[name] = value
    retries = default_max_retries if max_retries is NOT_GIVEN else check_max_retries(max_retries)
    return CallOptions(
        body=body,
        content=encode_body(body),
        headers=headers,
        timeout=None if timeout is NOT_GIVEN else as_timeout(timeout),
        max_retries=retries,
        stream=stream,
    )


def build_call_from_body(
    body: Mapping[str, Any], *, default_model: str, default_max_retries: int, strict: bool
) -> CallOptions:
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
    return {
        "Authorization": f"Bearer {api_key}",
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
    }


def completions_url(base_url: httpx2.URL) -> httpx2.URL:
    return base_url.copy_with(path=base_url.path.rstrip("/") + PATH)


def build_request(
    http: httpx2.Client | httpx2.AsyncClient, url: httpx2.URL, headers: dict[str, str], call: CallOptions
) -> httpx2.Request:
    headers = {**headers, **call.headers}
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
    extensions = {"timeout": call.timeout.as_dict()} if call.timeout is not None else None
    return http.build_request("POST", url, content=content, headers=headers, extensions=extensions)


_SLICE = 1024 * 1024


def _slices(data: bytes) -> Iterator[memoryview]:
    view = memoryview(data)
    for start in range(0, len(view), _SLICE):
        yield view[start : start + _SLICE]


async def _aslices(data: bytes) -> AsyncIterator[memoryview]:
    for piece in _slices(data):
        yield piece


def redact(text: str, secret: str) -> str:
    return text.replace(secret, "[redacted]") if secret and secret in text else text


def status_error(response: httpx2.Response, body_bytes: bytes, secret: str) -> APIStatusError:
    """The typed error for a non-2xx answer, with the server's message (never the key)."""
    text = redact(body_bytes.decode("utf-8", errors="replace"), secret)
    body: Any
    try:
        body = json.loads(text)
    except ValueError:
        body = text
    message = None
    if isinstance(body, dict):
        error = body.get("error")
        if isinstance(error, dict):
            message = error.get("message")
        elif isinstance(error, str):
            message = error
        message = message or body.get("message")
    if not isinstance(message, str) or not message:
        message = text.strip()[:500] or response.reason_phrase or "error"
    cls = status_error_class(response.status_code)
    return cls(
        f"HTTP {response.status_code}: {message}",
        status_code=response.status_code,
        body=body,
        headers=response.headers,
        request=response.request,
        response=response,
    )


def decode_completion(response: httpx2.Response, body_bytes: bytes) -> ChatCompletion:
    try:
        data = json.loads(body_bytes)
    except ValueError as error:
        raise APIResponseValidationError(
            f"The server answered {response.status_code} with a body that is not JSON: {error}",
            response=response,
            body=body_bytes.decode("utf-8", errors="replace"),
            request=response.request,
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
        raise APIResponseValidationError(
            "The server answered with JSON that is not a chat completion (no `choices` list)",
            response=response,
            body=data,
            request=response.request,
        )
    try:
        return completion_model().from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise APIResponseValidationError(
            f"The server's chat completion could not be read ({type(error).__name__}: {error})",
            response=response,
            body=data,
            request=response.request,
        ) from None


def connection_error(error: Exception, request: httpx2.Request | None) -> APIConnectionError:
    if isinstance(error, httpx2.TimeoutException):
        return APITimeoutError(f"Request timed out ({type(error).__name__})", request=request)
    detail = str(error) or type(error).__name__
    return APIConnectionError(f"Connection error: {detail}", request=request)
