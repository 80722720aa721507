"""Client and AsyncClient: configuration, connection pool, retry loop, and the chat resource.

Request building, validation, retry decisions and error mapping live in `_request.py` and
`_retry.py`; the two retry loops below are the only sync/async twins, because only I/O differs.
"""

from __future__ import annotations

import collections
import copy
import logging
import time
import weakref
from collections.abc import Coroutine, Mapping
from typing import TYPE_CHECKING, Any, Generic, Literal, Self, TypedDict, TypeVar, Unpack, overload

import httpx2

from ._config import (
    DEFAULT_LIMITS,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    NOT_GIVEN,
    NotGiven,
    as_timeout,
    check_headers,
    check_http_client,
    check_max_response_bytes,
    check_max_retries,
    configure_logging_from_env,
    is_secret_header,
    logger,
    resolve_api_key,
    resolve_base_url,
    total_timeout,
)
from ._deadline import install as install_deadline
from ._deadline import scope as deadline_scope
from ._exceptions import APIError, ValidationError
from ._params import (
    DEFAULT_MODEL,
    PATH,
    REMOVED_PROPERTIES,
    REQUEST_DOC,
    REQUEST_PROPERTIES,
    MessagesParam,
    ParseRequestParams,
    RequestParams,
)
from ._redact import register, unregister
from ._request import (
    POOL_HEADERS,
    BodyLimit,
    Deadline,
    PreparedCall,
    base_headers,
    build_call,
    build_request,
    completions_url,
    connection_error,
    decode_completion,
    merge_headers,
    per_request,
    status_error,
    unexpected_error,
)
from ._retry import RetryState
from ._streaming import AsyncStream, Stream, json_stream_body

if TYPE_CHECKING:
    from aiml_api_client.models import ChatCompletion, ChatCompletionChunk

    from ._structured import AsyncParsedStream, ParsedChatCompletion, ParsedStream


_ResultT = TypeVar("_ResultT")
_StreamT = TypeVar("_StreamT")
_T = TypeVar("_T")


class _BaseClient:
    _http: httpx2.Client | httpx2.AsyncClient
    _owns_http: bool

    def __init__(
        self,
        *,
        api_key: str | None,
        base_url: str | httpx2.URL | None,
        timeout: float | httpx2.Timeout | None,
        max_retries: int,
        strict: bool,
        max_response_bytes: int,
        default_headers: Mapping[str, str] | None,
    ) -> None:
        configure_logging_from_env()
        self._api_key = resolve_api_key(api_key)
        self.base_url = resolve_base_url(base_url)
        self.timeout = as_timeout(timeout)
        self._deadline = total_timeout(timeout)
        self.max_retries = check_max_retries(max_retries)
        self.max_response_bytes = check_max_response_bytes(max_response_bytes)
        self.strict = strict
        self._url = completions_url(self.base_url)
        self._set_default_headers(check_headers(default_headers, "default_headers"))
        self._register()
        # Responses of streams dropped unread (garbage-collected), closed at the next call: closing
        # them inside the garbage collector could deadlock on the pool's lock. Shared with the
        # clients with_options() derives: they share the pool these responses hold connections of.
        self._dropped: collections.deque[httpx2.Response] = collections.deque()
        self._streams: weakref.WeakSet[Stream[Any] | AsyncStream[Any]] = weakref.WeakSet()

    def _set_default_headers(self, default_headers: dict[str, str]) -> None:
        self._default_headers = default_headers
        self._headers = merge_headers(base_headers(self._api_key), default_headers)
        # Secret values (an Authorization of a proxy, an X-Api-Key) are redacted like the key.
        self._secrets = tuple(v for k, v in default_headers.items() if is_secret_header(k) and v)

    def _register(self) -> None:
        """The one redactor for everything this client raises; its key (and the secret default
        header values) are also kept out of the httpx2/httpcore2 log records while it exists."""
        self._redactor = register(self._api_key)
        weakref.finalize(self, unregister, self._api_key)
        self._extra_redactors = tuple(register(secret) for secret in self._secrets)
        for secret in self._secrets:
            weakref.finalize(self, unregister, secret)

    def with_options(
        self,
        *,
        timeout: float | httpx2.Timeout | NotGiven | None = NOT_GIVEN,
        max_retries: int | NotGiven = NOT_GIVEN,
        default_headers: Mapping[str, str] | None = None,
    ) -> Self:
        """A client like this one with other settings, sharing its connection pool.

        `default_headers` are added to this client's (a name given again replaces its value).
        Closing the derived client leaves the pool open: it belongs to the client that made it.
        """
        derived = copy.copy(self)
        derived._owns_http = False
        if not isinstance(timeout, NotGiven):
            derived.timeout = as_timeout(timeout)
            derived._deadline = total_timeout(timeout)
        if not isinstance(max_retries, NotGiven):
            derived.max_retries = check_max_retries(max_retries)
        if default_headers is not None:
            added = check_headers(default_headers, "default_headers")
            derived._set_default_headers(merge_headers(self._default_headers, added))
        derived._register()
        derived._bind()
        return derived

    def _bind(self) -> None:
        """Attach the resources (`chat`) to this client."""
        raise NotImplementedError

    @property
    def api_key(self) -> str:
        return self._api_key

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={str(self.base_url)!r})"

    def _call(self, messages: Any, stream: Any, params: Mapping[str, Any]) -> PreparedCall:
        unknown = [name for name in params if name not in _KEYWORDS]
        removed = [name for name in unknown if name in REMOVED_PROPERTIES]
        if removed:
            name = removed[0]
            raise ValidationError(f"{name}: {REMOVED_PROPERTIES[name]}", field=name)
        if unknown:
            raise TypeError(f"create() got unexpected keyword arguments: {', '.join(sorted(unknown))}")
        extras = {name: value for name, value in params.items() if name in _PROPERTIES}
        extras["messages"] = messages
        if stream is not NOT_GIVEN:
            extras["stream"] = stream
        return build_call(
            extras,
            default_model=DEFAULT_MODEL,
            extra_headers=params.get("extra_headers"),
            extra_body=params.get("extra_body"),
            timeout=params.get("timeout", NOT_GIVEN),
            max_retries=params.get("max_retries", NOT_GIVEN),
            default_max_retries=self.max_retries,
            strict=params.get("strict", self.strict),
        )

    def _attempt(self, call: PreparedCall) -> tuple[Deadline, httpx2.Request]:
        deadline = Deadline(call.deadline if call.timeout is not None else self._deadline)
        return deadline, build_request(self._http, self._url, self._headers, call, self.timeout, deadline.at)

    def _held(self) -> int:
        """Connections held by this client's streams that are neither finished nor closed."""
        return sum(1 for stream in list(self._streams) if not stream.response.is_closed)

    def _stuck(self, error: Exception) -> bool:
        """A full pool held by unclosed streams: waiting again would free nothing, so no retry."""
        return isinstance(error, httpx2.PoolTimeout) and self._held() > 0

    def _wants_body(self, call: PreparedCall, response: httpx2.Response) -> bool:
        """Read the body now, unless it is the event stream asked for (a JSON answer is read whole)."""
        if not (call.stream and response.is_success):
            return True
        kind = response.headers.get("content-type", "")
        return kind.startswith("application/json") or "+json" in kind.split(";")[0]

    def _result(self, call: PreparedCall, response: httpx2.Response, body: bytes | None, raw: bool) -> Any:
        result: Any
        if call.stream:
            prefetched = None if body is None else json_stream_body(response, body)
            kind = AsyncStream if isinstance(self, AsyncClient) else Stream
            event_timeout = (call.timeout or self.timeout).read
            result = kind(
                response,
                redactor=self._redactor,
                max_event_bytes=self.max_response_bytes,
                event_timeout=event_timeout,
                prefetched=prefetched,
                on_drop=self._dropped.append,
            )
            self._streams.add(result)
        else:
            result = decode_completion(response, body or b"")
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("POST %s -> %d", response.request.url.path, response.status_code)
        return RawResponse(response, result) if raw else result

    def _failed(self, error: Exception, request: httpx2.Request | None) -> APIError | ValidationError:
        """Every error a call raises, as an APIError with the key redacted (the one place). A
        ValidationError stays itself: it is the caller's input (a file that changed before the
        send is found while the body streams), not the server's answer."""
        passes = (APIError, ValidationError)
        api_error = error if isinstance(error, passes) else unexpected_error(error, request)
        self._redactor.error(api_error)
        for redactor in self._extra_redactors:
            redactor.error(api_error)
        return api_error


class CallOptions(TypedDict, total=False):
    """The keywords of every call that are not request properties."""

    extra_headers: Mapping[str, str] | None
    extra_body: Mapping[str, Any] | None
    timeout: float | httpx2.Timeout | None
    max_retries: int
    strict: bool


class CreateParams(RequestParams, CallOptions, total=False):
    """create()'s keywords: the spec's request properties (generated) and the call options."""


class ParseParams(ParseRequestParams, CallOptions, total=False):
    """parse()'s keywords: create()'s without response_format (parse() derives it from a type)."""


_PROPERTIES = frozenset(REQUEST_PROPERTIES)
_KEYWORDS = _PROPERTIES | CreateParams.__optional_keys__ | CreateParams.__required_keys__


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


class Client(_BaseClient):
    """Synchronous client. Reuses connections; use `with Client() as client:` or close()."""

    _http: httpx2.Client

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx2.URL | None = None,
        timeout: float | httpx2.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx2.Client | None = None,
        strict: bool = True,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            strict=strict,
            max_response_bytes=max_response_bytes,
            default_headers=default_headers,
        )
        check_http_client(http_client, httpx2.Client)
        self._owns_http = http_client is None
        self._http = http_client or httpx2.Client(
            timeout=self.timeout, limits=DEFAULT_LIMITS, headers=POOL_HEADERS
        )
        if self._owns_http:
            self._headers = per_request(self._headers)
        install_deadline(self._http)
        self._bind()

    def _bind(self) -> None:
        self.chat = Chat(self)

    def _release_dropped(self) -> None:
        while self._dropped:
            self._dropped.popleft().close()

    def _read(self, response: httpx2.Response, deadline: Deadline) -> bytes:
        limit = BodyLimit(self.max_response_bytes)
        try:
            limit.check_declared(response)
            for data in response.iter_bytes():
                limit.add(response, data)
                deadline.check(response.request)
        except BaseException:
            response.close()
            raise
        return limit.done(response)

    def _send(self, call: PreparedCall) -> tuple[httpx2.Response, bytes | None]:
        retry = RetryState(call.max_retries)
        while True:
            if self._dropped:
                self._release_dropped()
            deadline, request = self._attempt(call)
            try:
                with deadline_scope(deadline.at):
                    response = self._http.send(request, stream=True)
                    body = self._read(response, deadline) if self._wants_body(call, response) else None
            except httpx2.TransportError as error:
                delay = None if self._stuck(error) else retry.after_error(error)
                if delay is None:
                    raise connection_error(error, request, deadline, self._held()) from error
                time.sleep(delay)
                continue
            if response.is_success:
                return response, body
            delay = retry.after_status(response)
            if delay is None:
                raise status_error(response, body or b"")
            time.sleep(delay)

    def _complete(self, call: PreparedCall, raw: bool = False) -> Any:
        try:
            response, body = self._send(call)
            return self._result(call, response, body, raw)
        except Exception as error:
            failure = self._failed(error, None)
            if failure is error:
                raise
            raise failure from error

    def close(self) -> None:
        self._release_dropped()
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncClient(_BaseClient):
    """Asynchronous client: `async with AsyncClient() as client:` and `await` its calls."""

    _http: httpx2.AsyncClient

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_url: str | httpx2.URL | None = None,
        timeout: float | httpx2.Timeout | None = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx2.AsyncClient | None = None,
        strict: bool = True,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        default_headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(
            api_key=api_key,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            strict=strict,
            max_response_bytes=max_response_bytes,
            default_headers=default_headers,
        )
        check_http_client(http_client, httpx2.AsyncClient)
        self._owns_http = http_client is None
        self._http = http_client or httpx2.AsyncClient(
            timeout=self.timeout, limits=DEFAULT_LIMITS, headers=POOL_HEADERS
        )
        if self._owns_http:
            self._headers = per_request(self._headers)
        install_deadline(self._http)
        self._bind()

    def _bind(self) -> None:
        self.chat = AsyncChat(self)

    async def _release_dropped(self) -> None:
        while self._dropped:
            await self._dropped.popleft().aclose()

    async def _read(self, response: httpx2.Response, deadline: Deadline) -> bytes:
        limit = BodyLimit(self.max_response_bytes)
        try:
            limit.check_declared(response)
            async for data in response.aiter_bytes():
                limit.add(response, data)
                deadline.check(response.request)
        except BaseException:
            await response.aclose()
            raise
        return limit.done(response)

    async def _send(self, call: PreparedCall) -> tuple[httpx2.Response, bytes | None]:
        import asyncio  # here, not at module level: it adds ~15 ms to `import aiml_chat` for sync users

        retry = RetryState(call.max_retries)
        while True:
            if self._dropped:  # no coroutine to create and await on every attempt otherwise
                await self._release_dropped()
            deadline, request = self._attempt(call)
            try:
                with deadline_scope(deadline.at):
                    response = await self._http.send(request, stream=True)
                    body = await self._read(response, deadline) if self._wants_body(call, response) else None
            except httpx2.TransportError as error:
                delay = None if self._stuck(error) else retry.after_error(error)
                if delay is None:
                    raise connection_error(error, request, deadline, self._held()) from error
                await asyncio.sleep(delay)
                continue
            if response.is_success:
                return response, body
            delay = retry.after_status(response)
            if delay is None:
                raise status_error(response, body or b"")
            await asyncio.sleep(delay)

    async def _complete(self, call: PreparedCall, raw: bool = False) -> Any:
        try:
            response, body = await self._send(call)
            return self._result(call, response, body, raw)
        except Exception as error:
            failure = self._failed(error, None)
            if failure is error:
                raise
            raise failure from error

    async def close(self) -> None:
        await self._release_dropped()
        if self._owns_http:
            await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()


class _Completions(Generic[_ResultT, _StreamT]):
    """`chat.completions`: one definition of create() for both clients (only the result type differs)."""

    def __init__(self, client: Client | AsyncClient, raw: bool = False) -> None:
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
        call = self._client._call(messages, stream, params)
        return self._client._complete(call, self._raw)  # type: ignore[return-value]

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
        raw: Any = client._complete(call, raw=True)
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
        raw = await client._complete(call, raw=True)
        return _structured.finish(raw, wanted, client._redactor)  # type: ignore[no-any-return]

    parse.__doc__ = _PARSE_DOC


class Chat:
    def __init__(self, client: Client) -> None:
        self.completions = Completions(client)


class AsyncChat:
    def __init__(self, client: AsyncClient) -> None:
        self.completions = AsyncCompletions(client)
