"""One stream's decoding: network bytes in, typed chunks out, and what the end of the body means.

Shared by Stream and AsyncStream, which only pull the bytes. Every event takes the same path:
SSE fields, JSON, `ChatCompletionChunk.from_dict` (unknown keys and nulls kept), the running
answer. The wait for each event is bounded by the read timeout (`deadline`), which the streams
apply to every read; keep-alive comments do not reset it. A stream given its attempt's Deadline
(batch jobs) must also end by it, events or not.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import httpx2

from ._deadline import Deadline
from ._exceptions import APIConnectionError, APIResponseValidationError, APITimeoutError
from ._response import connection_error, embedded_error
from ._sse import EventFields, SSEDecoder, SSELimitError

_DONE = "[DONE]"
# The scanner json.loads ends up in (C in CPython), called without json.loads' Python layers
_scan: Callable[[str, int], tuple[Any, int]] = json.JSONDecoder().scan_once  # type: ignore[attr-defined]


def loads(text: str) -> Any:
    """`json.loads(text)` at scanner cost: the same value, or the same error (via json.loads).

    json.loads strips whitespace around the value and reports what is wrong; only those rare
    texts (whitespace, bad or extra data) go through it. Nesting too deep is a ValueError too.
    """
    try:
        value, end = _scan(text, 0)
    except StopIteration:  # no value at 0: leading whitespace, or not JSON
        value, end = _json_loads(text), len(text)
    except RecursionError:
        raise ValueError("nested too deeply to parse") from None
    if end != len(text):  # trailing whitespace, or extra data
        value = _json_loads(text)
    return value


def _json_loads(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply to parse") from None


class ChunkDecoder:
    """The state of one stream: SSE decoder, event deadline, the answer so far, done or not."""

    def __init__(
        self,
        response: httpx2.Response,
        max_event_bytes: int,
        event_timeout: float | None,
        attempt: Deadline | None = None,
    ) -> None:
        from aiml_api_client.models import ChatCompletionChunk

        from ._accumulate import Accumulator

        self.response = response
        self.sse = SSEDecoder(max_event_bytes=max_event_bytes)
        self.event_timeout = event_timeout
        self.deadline: float | None = None
        # When the whole stream must be over (the attempt's deadline), if it must.
        self.until = None if attempt is None else attempt.at
        self.attempt = attempt
        self.from_dict = ChatCompletionChunk.from_dict
        self.answer = Accumulator()
        self.done = False

    def start(self) -> None:
        """(Re)start the wait for the next event: it must come within the read timeout."""
        if self.event_timeout is not None:
            self.deadline = time.monotonic() + self.event_timeout
        if self.until is not None:
            self._keep_until(self.until)

    def _keep_until(self, until: float) -> None:
        """The event wait cut to the attempt's deadline; past that deadline, its error."""
        if time.monotonic() >= until:
            raise self._timed_out()
        if self.deadline is None or self.deadline > until:
            self.deadline = until

    def events(self, data: bytes) -> list[EventFields]:
        """The events these bytes complete; an event restarts the wait, bytes alone do not."""
        try:
            events = self.sse.feed_fields(data)
        except SSELimitError as error:
            raise APIResponseValidationError(
                f"A stream event is larger than max_response_bytes={error.limit}; "
                "raise the limit on the client if this answer is legitimate",
                response=self.response,
                request=self.response.request,
            ) from error
        if events:
            if self.event_timeout is not None:  # start(), inline: this runs once per read
                self.deadline = time.monotonic() + self.event_timeout
            if self.until is not None:
                self._keep_until(self.until)
        elif self.deadline is not None and time.monotonic() >= self.deadline:
            # Bytes came, but no event: keep-alive comments do not keep a stream alive forever.
            raise self._timed_out()
        return events

    def _timed_out(self) -> APITimeoutError:
        """A stream past its deadline: the attempt's error if that came first, else the event wait's."""
        if self.attempt is not None and self.until is not None and time.monotonic() >= self.until - 0.01:
            return self.attempt.expired(self.response.request)
        return APITimeoutError(
            f"Request timed out: no stream event within the read timeout of {self.event_timeout:g} s "
            "(comments and keep-alives do not count)",
            request=self.response.request,
        )

    def chunk(self, event: EventFields) -> Any:
        """The typed chunk of one event (a ChatCompletionChunk); None, and `done`, at [DONE]."""
        name, data = event[0], event[1]
        if data == _DONE:
            self.done = True
            return None
        try:
            payload = loads(data)
        except ValueError as error:
            raise APIResponseValidationError(
                f"A stream event is not JSON: {error}", response=self.response, body=data
            ) from error
        if name == "error" or (isinstance(payload, dict) and "error" in payload):
            raise embedded_error(payload, self.response, "Error in the middle of the stream")
        if not isinstance(payload, dict):
            raise APIResponseValidationError(
                "A stream event is not a JSON object", response=self.response, body=payload
            )
        try:
            chunk = self.from_dict(payload)
            self.answer.add(chunk)
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as error:
            raise APIResponseValidationError(
                f"A stream chunk could not be read ({type(error).__name__}: {error})",
                response=self.response,
                body=payload,
            ) from error
        return chunk

    def end_of_body(self) -> None:
        """The body ended: fine after [DONE] or a finish_reason, a cut-off answer otherwise."""
        self.sse.close()
        if not self.done and not self.answer.finished:
            raise APIConnectionError(
                "The stream ended before the answer was complete (no [DONE], no finish_reason)",
                request=self.response.request,
            )
        self.done = True

    def dropped(self, error: Exception) -> None:
        """The connection broke: a cut-off answer unless a finish_reason already closed it."""
        if not self.answer.finished:
            late = self.deadline is not None and time.monotonic() >= self.deadline - 0.01
            if isinstance(error, httpx2.TimeoutException) and late:
                raise self._timed_out() from error
            raise connection_error(error, self.response.request) from error
        self.done = True
