"""`client.chat.completions`: create() (and with_raw_response) and parse(), for both clients.

One definition of create() serves Client and AsyncClient (only the result type differs); the
keywords are the generated request properties plus the call options (`_call_options.py`).
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, Unpack, overload

from ._base_client import _BaseClient
from ._call_options import CreateParams, ParseParams
from ._config import NOT_GIVEN, NotGiven
from ._params import PATH, REQUEST_DOC, MessagesParam

if TYPE_CHECKING:
    from aiml_api_client.models import ChatCompletion, ChatCompletionChunk

    from ._streaming import AsyncStream, Stream  # noqa: F401  (named in the class bases' strings)
    from ._structured import AsyncParsedStream, ParsedChatCompletion, ParsedStream


_ResultT = TypeVar("_ResultT")
_StreamT = TypeVar("_StreamT")
_T = TypeVar("_T")


class _Completions(Generic[_ResultT, _StreamT]):
    """`chat.completions`: one definition of create() for both clients (only the result type differs)."""

    def __init__(self, client: _BaseClient, raw: bool = False) -> None:
        self._client = client
        self._raw = raw

    @overload
    def create(
        self,
        *,
        messages: MessagesParam,
        stream: Literal[False] | NotGiven = NOT_GIVEN,
        **params: Unpack[CreateParams],
    ) -> _ResultT: ...

    @overload
    def create(
        self, *, messages: MessagesParam, stream: Literal[True], **params: Unpack[CreateParams]
    ) -> _StreamT: ...

    @overload
    def create(
        self, *, messages: MessagesParam, stream: bool, **params: Unpack[CreateParams]
    ) -> _ResultT | _StreamT: ...

    def create(
        self, *, messages: MessagesParam, stream: bool | NotGiven = NOT_GIVEN, **params: Unpack[CreateParams]
    ) -> _ResultT | _StreamT:
        call = self._client._prepare(messages, stream, params)
        return self._client._execute(call, self._raw)  # type: ignore[no-any-return]

    create.__doc__ = f"""Create a chat completion (POST {PATH}).

        Request properties (from openapi.json; `model` defaults to the spec's only model):
{REQUEST_DOC}
        Call options:
            extra_headers / extra_body: sent as given (extra_body for properties the spec lacks).
            timeout: seconds or httpx2.Timeout for this call. max_retries: retries for this call.
            strict: False skips the spec validation for servers that accept more than the spec.
        """

    @property
    def with_raw_response(self) -> _Completions[Any, Any]:
        """The same create(), returning a RawResponse (status, headers, request id, parse())."""
        return _Completions(self._client, raw=True)


_PARSE_DOC = """Like create(), with `response_format` a type: the answer's `choices[i].message.parsed`
        is an instance of it (a dataclass, attrs class, TypedDict or pydantic model).

        Its JSON schema goes out as response_format={"type": "json_schema", ...}. Content that is
        not JSON of that type raises StructuredOutputError (holding the raw content); a choice
        without content (a refusal, tool calls) has parsed None. With stream=True, the stream's
        get_final_completion() gives the parsed form.
        """


class Completions(_Completions["ChatCompletion", "Stream[ChatCompletionChunk]"]):
    @overload
    def parse(
        self,
        *,
        messages: MessagesParam,
        response_format: type[_T],
        stream: Literal[False] | NotGiven = NOT_GIVEN,
        **params: Unpack[ParseParams],
    ) -> ParsedChatCompletion[_T]: ...

    @overload
    def parse(
        self,
        *,
        messages: MessagesParam,
        response_format: type[_T],
        stream: Literal[True],
        **params: Unpack[ParseParams],
    ) -> ParsedStream[_T]: ...

    def parse(
        self,
        *,
        messages: MessagesParam,
        response_format: type[_T],
        stream: bool | NotGiven = NOT_GIVEN,
        **params: Unpack[ParseParams],
    ) -> ParsedChatCompletion[_T] | ParsedStream[_T]:
        from . import _structured

        client = self._client
        call, wanted = _structured.prepare(client, messages, stream, params, response_format)
        raw: Any = client._execute(call, raw=True)
        return _structured.finish(raw, wanted, client._redactor)  # type: ignore[no-any-return]

    parse.__doc__ = _PARSE_DOC


class AsyncCompletions(
    _Completions[
        Coroutine[Any, Any, "ChatCompletion"], Coroutine[Any, Any, "AsyncStream[ChatCompletionChunk]"]
    ]
):
    @overload
    async def parse(
        self,
        *,
        messages: MessagesParam,
        response_format: type[_T],
        stream: Literal[False] | NotGiven = NOT_GIVEN,
        **params: Unpack[ParseParams],
    ) -> ParsedChatCompletion[_T]: ...

    @overload
    async def parse(
        self,
        *,
        messages: MessagesParam,
        response_format: type[_T],
        stream: Literal[True],
        **params: Unpack[ParseParams],
    ) -> AsyncParsedStream[_T]: ...

    async def parse(
        self,
        *,
        messages: MessagesParam,
        response_format: type[_T],
        stream: bool | NotGiven = NOT_GIVEN,
        **params: Unpack[ParseParams],
    ) -> ParsedChatCompletion[_T] | AsyncParsedStream[_T]:
        from . import _structured

        client = self._client
        call, wanted = _structured.prepare(client, messages, stream, params, response_format)
        raw = await client._execute(call, raw=True)
        return _structured.finish(raw, wanted, client._redactor)  # type: ignore[no-any-return]

    parse.__doc__ = _PARSE_DOC


class Chat:
    def __init__(self, client: _BaseClient) -> None:
        self.completions = Completions(client)


class AsyncChat:
    def __init__(self, client: _BaseClient) -> None:
        self.completions = AsyncCompletions(client)
