"""RawResponse: what `with_raw_response` gives, the HTTP side of a call next to its result."""

from __future__ import annotations

from typing import Generic, TypeVar

import httpx2

_T = TypeVar("_T")


class RawResponse(Generic[_T]):
    """The HTTP side of a call (status, headers, request id) next to the parsed result."""

    def __init__(self, http_response: httpx2.Response, parsed: _T) -> None:
        self.http_response = http_response
        self.status_code = http_response.status_code
        self.headers = http_response.headers
        self.request_id = http_response.headers.get("x-request-id")
        self._parsed = parsed

    def parse(self) -> _T:
        return self._parsed

    def __repr__(self) -> str:
        return f"RawResponse(status_code={self.status_code}, request_id={self.request_id!r})"
