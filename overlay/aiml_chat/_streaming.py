"""Streamed completions: Stream and AsyncStream, the connection always released.

They only pull bytes -- each read bounded by the wait for the next event (DEADLINE), and by the
attempt's deadline when given it (batch jobs) -- and hand them to the shared ChunkDecoder
(`_chunks`), which turns them into typed chunks and builds the answer (`_accumulate`). Iterating
returns a fresh generator each time, not one kept on the stream, so a plain `for ... break` drops
the last reference, the generator closes and the response with it.
"""

from __future__ import annotations

import weakref
from collections.abc import AsyncIterator, Callable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import httpx2

from ._chunks import ChunkDecoder
from ._config import DEFAULT_MAX_RESPONSE_BYTES
from ._deadline import DEADLINE, Deadline
from ._exceptions import APIError
from ._redact import Redactor
from ._response import unexpected_error

if TYPE_CHECKING:
    from aiml_api_client.models import ChatCompletion

__all__ = ["AsyncStream", "Stream"]

_set_deadline = DEADLINE.set
_reset_deadline = DEADLINE.reset


def _text_of(chunk: Any) -> str | None:
    for choice in chunk.choices:
        if choice.index == 0 and choice.delta and isinstance(choice.delta.content, str):
            return choice.delta.content
    return None


# What a stream yields; `Stream[ChatCompletionChunk]` is what create(stream=True) returns, the
# parameter exists so that user code and type checkers name it the way the openai SDK does.
_ChunkT = TypeVar("_ChunkT")


class _BaseStream:
    """What Stream and AsyncStream share: the decoder, redaction, and release when dropped unread."""

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
        deadline: Deadline | None = None,
    ) -> None:
        self.response = response
        self._redactor = redactor or Redactor(secret)
        self._decoder = ChunkDecoder(response, max_event_bytes, event_timeout, deadline)
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

    def __iter__(self) -> Iterator[_ChunkT]:
        decoder = self._decoder
        try:
            if decoder.done:
                return
            decoder.start()
            source = self.response.iter_bytes() if self._prefetched is None else iter((self._prefetched,))
            try:
                while True:
                    token = _set_deadline(decoder.deadline)  # no single read may outlast the event wait
                    try:
                        data = next(source, None)
                    finally:
                        _reset_deadline(token)
                    if data is None:
                        break
                    for event in decoder.events(data):
                        chunk = decoder.chunk(event)
                        if decoder.done:
                            return
                        yield chunk
            except httpx2.TransportError as error:
                decoder.dropped(error)
                return
            decoder.end_of_body()
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
        return self._decoder.answer.completion()

    def close(self) -> None:
        self._released()
        self.response.close()

    def __enter__(self) -> Stream[_ChunkT]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncStream(_BaseStream, Generic[_ChunkT]):
    """The async twin of Stream: `async for chunk in stream`."""

    async def __aiter__(self) -> AsyncIterator[_ChunkT]:
        decoder = self._decoder
        try:
            if decoder.done:
                return
            decoder.start()
            source = self.response.aiter_bytes() if self._prefetched is None else _once(self._prefetched)
            try:
                while True:
                    token = _set_deadline(decoder.deadline)
                    try:
                        data = await anext(source, None)
                    finally:
                        _reset_deadline(token)
                    if data is None:
                        break
                    for event in decoder.events(data):
                        chunk = decoder.chunk(event)
                        if decoder.done:
                            return
                        yield chunk
            except httpx2.TransportError as error:
                decoder.dropped(error)
                return
            decoder.end_of_body()
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
        return self._decoder.answer.completion()

    async def close(self) -> None:
        self._released()
        await self.response.aclose()

    async def __aenter__(self) -> AsyncStream[_ChunkT]:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


async def _once(data: bytes) -> AsyncIterator[bytes]:
    yield data
