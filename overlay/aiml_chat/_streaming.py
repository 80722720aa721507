"""Streamed completions: SSE events in, typed chunks out, the connection always released.

The event handling and the accumulation are shared; Stream and AsyncStream differ only in how
they pull bytes. Iterating returns a fresh generator each time, not one kept on the stream, so
a plain `for ... break` drops the last reference, the generator closes and the response with it.
"""

from __future__ import annotations

import json
import time
import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import httpx2

from ._config import DEFAULT_MAX_RESPONSE_BYTES
from ._deadline import DEADLINE
from ._exceptions import APIConnectionError, APIError, APIResponseValidationError, APITimeoutError
from ._redact import Redactor
from ._response import _loads, completion_from, connection_error, embedded_error, unexpected_error
from ._sse import ServerSentEvent, SSEDecoder, SSELimitError

if TYPE_CHECKING:
    from aiml_api_client.models import ChatCompletion, ChatCompletionChunk

_DONE = "[DONE]"


def json_stream_body(response: httpx2.Response, body: bytes) -> bytes:
    """A stream asked for but answered with plain JSON, as the event stream it stands for.

    An error object raises its typed error; a completion becomes one chunk carrying the whole
    answer, then [DONE], so the caller's `for chunk in stream` works unchanged.
    """
    try:
        data = _loads(body)
    except ValueError as error:
        raise APIResponseValidationError(
            f"A stream was asked for; the server answered with JSON that does not parse: {error}",
            response=response,
            body=body.decode("utf-8", "replace"),
            request=response.request,
        ) from error
    completion_from(data, response)  # raises the typed error, or if it is not a completion
    choices = []
    for choice in data["choices"]:
        message = dict(choice.get("message") or {}) if isinstance(choice, dict) else {}
        if isinstance(message.get("tool_calls"), list):
            message["tool_calls"] = [
                {**call, "index": i} if isinstance(call, dict) else call
                for i, call in enumerate(message["tool_calls"])
            ]
        choices.append(
            {"index": choice.get("index", 0), "delta": message, "finish_reason": choice.get("finish_reason")}
        )
    chunk = {
        key: data[key] for key in ("id", "created", "model", "system_fingerprint", "usage") if key in data
    }
    chunk.update(object="chat.completion.chunk", choices=choices)
    return b"data: " + json.dumps(chunk).encode() + b"\n\ndata: [DONE]\n\n"


class _State:
    """Per-stream decoding state and the running accumulation of the answer."""

    def __init__(self, response: httpx2.Response, max_event_bytes: int, event_timeout: float | None) -> None:
        from aiml_api_client.models import ChatCompletionChunk

        self.response = response
        self.decoder = SSEDecoder(max_event_bytes=max_event_bytes)
        self.event_timeout = event_timeout
        self.deadline: float | None = None
        self.chunk_type = ChatCompletionChunk
        self.done = False
        self.finished = False  # a choice carried a finish_reason
        self.head: dict[str, Any] = {}
        self.choices: dict[int, dict[str, Any]] = {}
        self.usage: Any = None

    def start(self) -> None:
        """(Re)start the wait for the next event: it must come within the read timeout."""
        if self.event_timeout is not None:
            self.deadline = time.monotonic() + self.event_timeout

    def feed(self, data: bytes) -> list[ServerSentEvent]:
        try:
            events = self.decoder.feed(data)
        except SSELimitError as error:
            raise APIResponseValidationError(
                f"A stream event is larger than max_response_bytes={error.limit}; "
                "raise the limit on the client if this answer is legitimate",
                response=self.response,
                request=self.response.request,
            ) from error
        if events:
            self.start()
        elif self.deadline is not None and time.monotonic() >= self.deadline:
            # Bytes came, but no event: keep-alive comments do not keep a stream alive forever.
            raise self._no_event()
        return events

    def _no_event(self) -> APITimeoutError:
        return APITimeoutError(
            f"Request timed out: no stream event within the read timeout of {self.event_timeout:g} s "
            "(comments and keep-alives do not count)",
            request=self.response.request,
        )

    def handle(self, event: ServerSentEvent) -> ChatCompletionChunk | None:
        data = event.data
        if data == _DONE:
            self.done = True
            return None
        try:
            payload = _loads(data)
        except ValueError as error:
            raise APIResponseValidationError(
                f"A stream event is not JSON: {error}", response=self.response, body=data
            ) from error
        if event.event == "error" or (isinstance(payload, dict) and "error" in payload):
            raise embedded_error(payload, self.response, "Error in the middle of the stream")
        if not isinstance(payload, dict):
            raise APIResponseValidationError(
                "A stream event is not a JSON object", response=self.response, body=payload
            )
        try:
            self._accumulate(payload)
            return self.chunk_type.from_dict(payload)
        except (KeyError, TypeError, ValueError, AttributeError, RecursionError) as error:
            raise APIResponseValidationError(
                f"A stream chunk could not be read ({type(error).__name__}: {error})",
                response=self.response,
                body=payload,
            ) from error

    def _accumulate(self, payload: dict[str, Any]) -> None:
        for key in ("id", "created", "model", "system_fingerprint", "service_tier"):
            if key in payload and payload[key] is not None:
                self.head[key] = payload[key]
        if payload.get("usage") is not None:
            self.usage = payload["usage"]
        for choice in payload.get("choices") or ():
            index = choice.get("index", 0)
            acc = self.choices.get(index)
            if acc is None:
                acc = self.choices[index] = {"role": "assistant", "text": [], "tools": {}, "finish": None}
            delta = choice.get("delta") or {}
            if delta.get("role"):
                acc["role"] = delta["role"]
            if delta.get("content"):
                acc["text"].append(delta["content"])
            for call in delta.get("tool_calls") or ():
                slot = acc["tools"].setdefault(
                    call.get("index", 0), {"id": None, "type": "function", "name": [], "args": []}
                )
                if call.get("id"):
                    slot["id"] = call["id"]
                if call.get("type"):
                    slot["type"] = call["type"]
                function = call.get("function") or {}
                if function.get("name"):
                    slot["name"].append(function["name"])
                if function.get("arguments"):
                    slot["args"].append(function["arguments"])
            if choice.get("finish_reason") is not None:
                acc["finish"] = choice["finish_reason"]
                self.finished = True

    def end_of_body(self) -> None:
        """The body ended: fine after [DONE] or a finish_reason, a cut-off answer otherwise."""
        self.decoder.close()
        if not self.done and not self.finished:
            raise APIConnectionError(
                "The stream ended before the answer was complete (no [DONE], no finish_reason)",
                request=self.response.request,
            )

    def dropped(self, error: Exception) -> None:
        """The connection broke: a cut-off answer unless a finish_reason already closed it."""
        if not self.finished:
            late = self.deadline is not None and time.monotonic() >= self.deadline - 0.01
            if isinstance(error, httpx2.TimeoutException) and late:
                raise self._no_event() from error
            raise connection_error(error, self.response.request) from error
        self.done = True

    def final_completion(self) -> ChatCompletion:
        from aiml_api_client.models import ChatCompletion

        choices = []
        for index in sorted(self.choices):
            acc = self.choices[index]
            message: dict[str, Any] = {"role": acc["role"], "content": "".join(acc["text"]) or None}
            if acc["tools"]:
                message["tool_calls"] = [
                    {
                        "id": slot["id"],
                        "type": slot["type"],
                        "function": {"name": "".join(slot["name"]), "arguments": "".join(slot["args"])},
                    }
                    for _, slot in sorted(acc["tools"].items())
                ]
            elif message["content"] is None:
                message["content"] = ""
            choices.append({"index": index, "message": message, "finish_reason": acc["finish"]})
        data: dict[str, Any] = {
            "id": self.head.get("id", ""),
            "object": "chat.completion",
            "created": self.head.get("created", 0),
            "model": self.head.get("model", ""),
            "choices": choices,
        }
        if self.usage is not None:
            data["usage"] = self.usage
        return ChatCompletion.from_dict(data)


def _text_of(chunk: Any) -> str | None:
    for choice in chunk.choices:
        if choice.index == 0 and choice.delta and isinstance(choice.delta.content, str):
            return choice.delta.content
    return None


# What a stream yields; `Stream[ChatCompletionChunk]` is what create(stream=True) returns, the
# parameter exists so that user code and type checkers name it the way the openai SDK does.
_ChunkT = TypeVar("_ChunkT")


class _BaseStream:
    """What Stream and AsyncStream share: state, redaction, and release when dropped unread."""

    def __init__(
        self,
        response: httpx2.Response,
        *,
        redactor: Redactor | None = None,
        secret: str = "",
        max_event_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        event_timeout: float | None = None,
        prefetched: bytes | None = None,
        on_drop: Callable[[httpx2.Response], object] | None = None,
    ) -> None:
        self.response = response
        self._redactor = redactor or Redactor(secret)
        self._state = _State(response, max_event_bytes, event_timeout)
        self._prefetched = prefetched
        # Dropped without being read or closed: hand the response back to the client to close.
        self._finalizer = weakref.finalize(self, on_drop, response) if on_drop is not None else None

    def _failed(self, error: Exception) -> BaseException:
        api_error = error if isinstance(error, APIError) else unexpected_error(error, self.response.request)
        return self._redactor.error(api_error)

    def _released(self) -> None:
        if self._finalizer is not None:
            self._finalizer.detach()


class Stream(_BaseStream, Generic[_ChunkT]):
    """Chunks of a streamed completion. Iterate it, or call get_final_completion()."""

    def _raw(self) -> Iterator[bytes]:
        if self._prefetched is not None:
            yield self._prefetched
            return
        source = self.response.iter_bytes()
        while True:
            token = DEADLINE.set(self._state.deadline)  # no single read may outlast the event wait
            try:
                data = next(source, None)
            finally:
                DEADLINE.reset(token)
            if data is None:
                return
            yield data

    def __iter__(self) -> Iterator[_ChunkT]:
        state = self._state
        try:
            if state.done:
                return
            state.start()
            try:
                for data in self._raw():
                    for event in state.feed(data):
                        chunk = state.handle(event)
                        if state.done:
                            return
                        if chunk is not None:
                            yield cast(_ChunkT, chunk)
            except httpx2.TransportError as error:
                state.dropped(error)
                return
            state.end_of_body()
            state.done = True
        except Exception as error:
            failure = self._failed(error)
            if failure is error:
                raise
            raise failure from error
        finally:
            self.close()

    def text(self) -> Iterator[str]:
        """Only the text as it arrives (choice 0), for the print-as-it-comes case."""
        for chunk in self:
            text = _text_of(chunk)
            if text:
                yield text

    def get_final_completion(self) -> ChatCompletion:
        """The whole answer as a ChatCompletion; reads the rest of the stream if needed."""
        for _ in self:
            pass
        return self._state.final_completion()

    def close(self) -> None:
        self._released()
        self.response.close()

    def __enter__(self) -> Stream[_ChunkT]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncStream(_BaseStream, Generic[_ChunkT]):
    """The async twin of Stream: `async for chunk in stream`."""

    async def _raw(self) -> AsyncIterator[bytes]:
        if self._prefetched is not None:
            yield self._prefetched
            return
        source = self.response.aiter_bytes()
        while True:
            token = DEADLINE.set(self._state.deadline)
            try:
                data = await anext(source, None)
            finally:
                DEADLINE.reset(token)
            if data is None:
                return
            yield data

    async def __aiter__(self) -> AsyncIterator[_ChunkT]:
        state = self._state
        try:
            if state.done:
                return
            state.start()
            try:
                async for data in self._raw():
                    for event in state.feed(data):
                        chunk = state.handle(event)
                        if state.done:
                            return
                        if chunk is not None:
                            yield cast(_ChunkT, chunk)
            except httpx2.TransportError as error:
                state.dropped(error)
                return
            state.end_of_body()
            state.done = True
        except Exception as error:
            failure = self._failed(error)
            if failure is error:
                raise
            raise failure from error
        finally:
            await self.close()

    async def text(self) -> AsyncIterator[str]:
        async for chunk in self:
            text = _text_of(chunk)
            if text:
                yield text

    async def get_final_completion(self) -> ChatCompletion:
        async for _ in self:
            pass
        return self._state.final_completion()

    async def close(self) -> None:
        self._released()
        await self.response.aclose()

    async def __aenter__(self) -> AsyncStream[_ChunkT]:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
