"""One exception hierarchy for everything the client can raise.

APIError
├── APIConnectionError          the request or the response body did not get through
│   └── APITimeoutError
├── APIStatusError              the server answered non-2xx (subclass per status)
└── APIResponseValidationError  a 2xx body that is not JSON or not what the spec says
ValidationError (also a ValueError)  refused before any I/O: bad parameters, files, keys
"""

from __future__ import annotations

from typing import Any

import httpx2

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "FileValidationError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "ValidationError",
]


class ValidationError(ValueError):
    """Raised before anything is sent: names the field, the value and what is allowed."""

    def __init__(self, message: str, *, field: str | None = None, value: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.value = value


def join_path(path: str, key: object) -> str:
    """`path` and one more step, as ValidationError.field spells it: `messages[0].content`."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


class FileValidationError(ValidationError):
    """A file part that cannot be sent: not a PDF, empty, too large, unreadable, too many."""

    def __init__(self, message: str, *, filename: str | None = None, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.filename = filename


class APIError(Exception):
    """Base of every error that comes from talking to the API."""

    message: str
    request: httpx2.Request | None
    body: Any

    def __init__(self, message: str, *, request: httpx2.Request | None = None, body: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = body

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"


class APIConnectionError(APIError):
    """The request did not reach the server, or the answer was cut off."""

    def __init__(self, message: str = "Connection error.", *, request: httpx2.Request | None = None) -> None:
        super().__init__(message, request=request)


class APITimeoutError(APIConnectionError):
    def __init__(self, message: str = "Request timed out.", *, request: httpx2.Request | None = None) -> None:
        super().__init__(message, request=request)


class APIResponseValidationError(APIError):
    """A 2xx answer whose body is not JSON or not a completion; `body` holds the raw text."""

    def __init__(
        self,
        message: str,
        *,
        response: httpx2.Response | None = None,
        body: Any = None,
        request: httpx2.Request | None = None,
    ) -> None:
        super().__init__(message, request=request, body=body)
        self.response = response
        self.status_code = response.status_code if response is not None else None


class APIStatusError(APIError):
    """A non-2xx answer. `body` is the parsed error body (or the raw text)."""

    status_code: int
    code: Any
    type: str | None
    param: str | None

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: Any = None,
        headers: httpx2.Headers | None = None,
        request: httpx2.Request | None = None,
        response: httpx2.Response | None = None,
    ) -> None:
        super().__init__(message, request=request, body=body)
        self.status_code = status_code
        self.response = response
        self.headers = headers if headers is not None else httpx2.Headers()
        self.request_id = self.headers.get("x-request-id")
        error = body.get("error") if isinstance(body, dict) else None
        error = error if isinstance(error, dict) else {}
        self.code = error.get("code")
        self.type = error.get("type")
        self.param = error.get("param")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code}, message={self.message!r})"


class BadRequestError(APIStatusError):
    pass


class AuthenticationError(APIStatusError):
    pass


class PermissionDeniedError(APIStatusError):
    pass


class NotFoundError(APIStatusError):
    pass


class ConflictError(APIStatusError):
    pass


class UnprocessableEntityError(APIStatusError):
    pass


class RateLimitError(APIStatusError):
    pass


class InternalServerError(APIStatusError):
    pass


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status_code: int) -> type[APIStatusError]:
    if status_code >= 500:
        return InternalServerError
    return _BY_STATUS.get(status_code, APIStatusError)
