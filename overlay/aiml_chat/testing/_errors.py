"""Error answers in the OpenAI shape, as the local server sends them."""

from __future__ import annotations

from typing import Any, Final

_ERROR_TYPES: Final = {
    400: ("invalid_request_error", "invalid_request"),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("permission_error", "model_not_allowed"),
    404: ("not_found_error", "not_found"),
    405: ("invalid_request_error", "method_not_allowed"),
    408: ("timeout_error", "timeout"),
    413: ("invalid_request_error", "request_too_large"),
    429: ("rate_limit_error", "rate_limit_exceeded"),
}


class ErrorAnswer(Exception):
    """An error answer in the OpenAI shape, raised to send it (the client's own errors are APIError)."""

    def __init__(self, status: int, message: str, param: str | None = None, code: str | int | None = None):
        super().__init__(message)
        self.status, self.message, self.param = status, message, param
        self.type, default_code = _ERROR_TYPES.get(status, ("server_error", "server_error"))
        self.code = default_code if code is None else code

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}
