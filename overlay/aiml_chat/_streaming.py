"""Streamed completions: SSE events in, typed chunks out, the connection always released.

The event handling and the accumulation are shared; Stream and AsyncStream differ only in how
they pull bytes. Iterating returns a fresh generator each time, not one kept on the stream, so
a plain `for ... break` drops the last reference, the generator closes and the response with it.
"""

from __future__ import annotations

import functools
import json
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import httpx2

from ._exceptions import APIConnectionError, APIError, APIResponseValidationError, status_error_class
from ._request import connection_error, redact
from ._sse import ServerSentEvent, SSEDecoder

if TYPE_CHECKING:
    from aiml_api_client.models import ChatCompletion, ChatCompletionChunk

_DONE = "[DONE]"


_CHUNK_KEYS = frozenset({"id", "object", "created", "model", "choices"})
_CHOICE_KEYS = frozenset({"index", "delta", "finish_reason", "logprobs"})
_DELTA_KEYS = frozenset({"role", "content"})


_MISSING: Any = object()


@functools.cache
def _chunk_types() -> tuple[Any, ...]:
    from aiml_api_client import models
    from aiml_api_client.types import UNSET

    return (
        models.ChatCompletionChunk,
        models.ChatCompletionChunkObject,
        models.ChunkChoice,
        models.ChunkFinishReason,
        models.ChoiceDelta,
        models.ChoiceDeltaRole,
        UNSET,
    )


def fast_chunk(payload: dict[str, Any]) -> ChatCompletionChunk | None:
    """The plain text-delta chunk (most of any stream) built straight from the attrs classes.

    Equal to ``ChatCompletionChunk.from_dict(payload)`` (tests check both on every shape the
    local server sends), but about 5x cheaper: the generated from_dict re-imports and re-defines
    its helpers on every call, 12 of the 16 us per chunk we spent over raw httpx (BENCHMARKS.md).
    Anything else (tool calls, usage, logprobs, unknown fields, odd types) returns None and goes
    through from_dict.
    """
    if payload.keys() != _CHUNK_KEYS:
        return None
    chunk_cls, object_cls, choice_cls, finish_cls, delta_cls, role_cls, unset = _chunk_types()
    choices = []
    for choice in payload["choices"]:
        if not (isinstance(choice, dict) and choice.keys() <= _CHOICE_KEYS and "finish_reason" in choice):
            return None
        index, reason, delta = choice.get("index"), choice["finish_reason"], choice.get("delta", _MISSING)
        if not isinstance(index, int) or not (reason is None or isinstance(reason, str)):
            return None
        logprobs = choice.get("logprobs", unset)
        if logprobs is not None and logprobs is not unset:
            return None
        if delta is _MISSING:
            delta = unset
        else:
            if not isinstance(delta, dict) or not delta.keys() <= _DELTA_KEYS:
                return None
            content, role = delta.get("content", unset), delta.get("role", _MISSING)
            if not (content is None or content is unset or isinstance(content, str)):
                return None
            if role is _MISSING:
                role = unset
            elif isinstance(role, str):
                role = role_cls(role)
            else:
                return None
            delta = delta_cls(content=content, role=role)
        finish = None if reason is None else finish_cls(reason)
        choices.append(choice_cls(finish_reason=finish, index=index, delta=delta, logprobs=logprobs))
    return chunk_cls(  # type: ignore[no-any-return]
        id=payload["id"],
        choices=choices,
        created=payload["created"],
        model=payload["model"],
        object_=object_cls(payload["object"]),
    )


class _State:
    """Per-stream decoding state and the running accumulation of the answer."""

    def __init__(self, response: httpx2.Response, secret: str) -> None:
        from aiml_api_client.models import ChatCompletionChunk

        self.response = response
        self.secret = secret
        self.decoder = SSEDecoder()
        self.chunk_type = ChatCompletionChunk
        self.done = False
        self.finished = False  # a choice carried a finish_reason
        self.head: dict[str, Any] = {}
        self.choices: dict[int, dict[str, Any]] = {}
        self.usage: Any = None

    def handle(self, event: ServerSentEvent) -> ChatCompletionChunk | None:
        data = event.data
        if data == _DONE:
            self.done = True
            return None
        try:
            payload = json.loads(data)
        except ValueError as error:
            raise APIResponseValidationError(
                f"A stream event is not JSON: {error}", response=self.response, body=data
            ) from None
        if event.event == "error" or (isinstance(payload, dict) and "error" in payload):
            raise self._stream_error(payload)
        if not isinstance(payload, dict):
            raise APIResponseValidationError(
                "A stream event is not a JSON object", response=self.response, body=payload
            )
        self._accumulate(payload)
        try:
            return fast_chunk(payload) or self.chunk_type.from_dict(payload)
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise APIResponseValidationError(
                f"A stream chunk could not be read ({type(error).__name__}: {error})",
                response=self.response,
                body=payload,
            ) from None

    def _stream_error(self, payload: Any) -> APIError:
        error = payload.get("error") if isinstance(payload, dict) else None
        error = error if isinstance(error, dict) else {"message": str(error or payload)}
        code = error.get("code")
        status = code if isinstance(code, int) and 400 <= code < 600 else 500
        if "rate_limit" in str(code) or "rate_limit" in str(error.get("type")):
            status = 429
        message = redact(str(error.get("message") or "error"), self.secret)
        return status_error_class(status)(
            f"Error in the middle of the stream: {message}",
            status_code=status,
            body=payload,
            headers=self.response.headers,
            request=self.response.request,
            response=self.response,
        )

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


class Stream(Generic[_ChunkT]):
    """Chunks of a streamed completion. Iterate it, or call get_final_completion()."""

    def __init__(self, response: httpx2.Response, *, secret: str) -> None:
        self.response = response
        self._state = _State(response, secret)

    def __iter__(self) -> Iterator[_ChunkT]:
        state = self._state
        try:
            if state.done:
                return
            try:
                for data in self.response.iter_bytes():
                    for event in state.decoder.feed(data):
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
        self.response.close()

    def __enter__(self) -> Stream[_ChunkT]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncStream(Generic[_ChunkT]):
    """The async twin of Stream: `async for chunk in stream`."""

    def __init__(self, response: httpx2.Response, *, secret: str) -> None:
        self.response = response
        self._state = _State(response, secret)

    async def __aiter__(self) -> AsyncIterator[_ChunkT]:
        state = self._state
        try:
            if state.done:
                return
            try:
                async for data in self.response.aiter_bytes():
                    for event in state.decoder.feed(data):
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
        await self.response.aclose()

    async def __aenter__(self) -> AsyncStream[_ChunkT]:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
