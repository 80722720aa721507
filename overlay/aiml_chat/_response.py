"""What an answer becomes: a ChatCompletion, or the typed APIError for an error answer or a failure.

Shared by both clients and the streams: reading a body within its size limit, decoding a
completion, and mapping error answers (a non-2xx status, an error object inside a 2xx answer)
and transport failures to the exception hierarchy of `_exceptions.py`.
"""

from __future__ import annotations

import functools
import json
import time
from typing import TYPE_CHECKING, Any

import httpx2

from ._deadline import Deadline
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    status_error_class,
)

if TYPE_CHECKING:
    from aiml_api_client.models import ChatCompletion


@functools.cache
def completion_model() -> type[ChatCompletion]:
    """Imported on first use: the generated models cost more import time than httpx itself."""
    from aiml_api_client.models import ChatCompletion

    return ChatCompletion


def _loads(body_bytes: bytes | str) -> Any:
    """json.loads, with nesting too deep for Python's parser reported like any other bad JSON."""
    try:
        return json.loads(body_bytes)
    except RecursionError:
        raise ValueError("nested too deeply to parse") from None


def status_error(response: httpx2.Response, body_bytes: bytes) -> APIStatusError:
    """The typed error for a non-2xx answer, with the server's message (the client redacts the key)."""
    text = body_bytes.decode("utf-8", errors="replace")
    body: Any
    try:
        body = _loads(text)
    except ValueError:
        body = text
    message = error_message(body)
    if message is None:
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


def error_message(body: Any) -> str | None:
    """The provider's message from an OpenAI-shaped error body, if there is one."""
    if not isinstance(body, dict):
        return None
    error = body.get("error")
    message = None
    if isinstance(error, dict):
        message = error.get("message")
    elif isinstance(error, str):
        message = error
    message = message or body.get("message")
    return message if isinstance(message, str) and message else None


def embedded_error(payload: Any, response: httpx2.Response, where: str) -> APIStatusError:
    """An `{"error": {...}}` object inside a 2xx answer (a body or a stream event), typed by its code."""
    error = payload.get("error") if isinstance(payload, dict) else None
    error = error if isinstance(error, dict) else {"message": str(error or payload)}
    code = error.get("code")
    status = code if isinstance(code, int) and not isinstance(code, bool) and 400 <= code < 600 else 500
    if "rate_limit" in str(code) or "rate_limit" in str(error.get("type")):
        status = 429
    message = str(error.get("message") or "error")
    return status_error_class(status)(
        f"{where}: {message}",
        status_code=status,
        body=payload,
        headers=response.headers,
        request=response.request,
        response=response,
    )


def decode_completion(response: httpx2.Response, body_bytes: bytes) -> ChatCompletion:
    try:
        data = _loads(body_bytes)
    except ValueError as error:
        raise APIResponseValidationError(
            f"The server answered {response.status_code} with a body that is not JSON: {error}",
            response=response,
            body=body_bytes.decode("utf-8", errors="replace"),
            request=response.request,
        ) from error
    return completion_from(data, response)


def completion_from(data: Any, response: httpx2.Response) -> ChatCompletion:
    if isinstance(data, dict) and "error" in data and not isinstance(data.get("choices"), list):
        raise embedded_error(data, response, f"The server answered {response.status_code} with an error")
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
        raise APIResponseValidationError(
            "The server answered with JSON that is not a chat completion (no `choices` list)",
            response=response,
            body=data,
            request=response.request,
        )
    try:
        return completion_model().from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as error:
        raise APIResponseValidationError(
            f"The server's chat completion could not be read ({type(error).__name__}: {error})",
            response=response,
            body=data,
            request=response.request,
        ) from error


class BodyLimit:
    """Collects a response body piece by piece and stops at `limit` bytes (after decompression),
    so a hostile body (a gzip bomb, an endless stream) costs at most about `limit` of memory."""

    __slots__ = ("limit", "parts", "size")

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.parts: list[bytes] = []
        self.size = 0

    def check_declared(self, response: httpx2.Response) -> None:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit and "content-encoding" not in response.headers:
            raise body_too_large(response, self.limit, f"it declares {int(declared)} bytes")

    def add(self, response: httpx2.Response, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise body_too_large(response, self.limit, f"more than {self.limit} bytes arrived")
        self.parts.append(data)

    def done(self, response: httpx2.Response) -> bytes:
        content = b"".join(self.parts)
        self.parts = []
        # What Response.read() would have stored, so `.content` works for RawResponse users.
        response._content = content
        return content


def body_too_large(response: httpx2.Response, limit: int, detail: str) -> APIResponseValidationError:
    return APIResponseValidationError(
        f"The response body is larger than max_response_bytes={limit} ({detail}); "
        "raise the limit on the client if this answer is legitimate",
        response=response,
        request=response.request,
    )


def unexpected_error(error: Exception, request: httpx2.Request | None) -> APIError:
    """Anything httpx or decoding raised that is not a transport failure, as an APIError."""
    if isinstance(error, httpx2.DecodingError):
        return APIResponseValidationError(
            f"The response body could not be decoded ({error})", request=request, body=None
        )
    return APIError(
        f"Unexpected {type(error).__name__} while handling the response: {error}", request=request
    )


def connection_error(
    error: Exception, request: httpx2.Request | None, deadline: Deadline | None = None, held: int = 0
) -> APIConnectionError:
    if isinstance(error, httpx2.PoolTimeout) and held:
        return APITimeoutError(
            f"No free connection in the pool (PoolTimeout): {held} connection(s) are held by streams "
            "that were neither read to the end nor closed; close streams (`with` or .close()) "
            "or raise the pool's max_connections",
            request=request,
        )
    if isinstance(error, httpx2.TimeoutException):
        if deadline is not None and deadline.at is not None and time.monotonic() >= deadline.at - 0.01:
            return deadline.expired(request)
        return APITimeoutError(f"Request timed out ({type(error).__name__})", request=request)
    detail = str(error) or type(error).__name__
    return APIConnectionError(f"Connection error: {detail}", request=request)
