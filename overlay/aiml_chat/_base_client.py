"""What Client and AsyncClient share: configuration, redaction, and the I/O-free steps of a call.

A call is prepared (`_prepare`: keywords checked, body built and validated), then each attempt
gets its request (`_attempt`), a failed one a retry delay or the call's error (`_retry_after_error`,
`_retry_after_status`), and the answer becomes the result (`_result`) or an error (`_failed`); only
the sending, reading and waiting in between differ between the two clients.
"""

from __future__ import annotations

import collections
import copy
import logging
import weakref
from collections.abc import Mapping
from typing import Any, Self

import httpx2

from ._call_options import CreateParams
from ._config import (
    NOT_GIVEN,
    NotGiven,
    as_timeout,
    check_default_headers,
    check_max_response_bytes,
    check_max_retries,
    configure_logging_from_env,
    is_secret_header,
    logger,
    resolve_api_key,
    resolve_base_url,
    total_timeout,
)
from ._deadline import Deadline
from ._exceptions import APIError, ValidationError
from ._json_stream import json_stream_body
from ._params import DEFAULT_MODEL, REMOVED_PROPERTIES, REQUEST_PROPERTIES
from ._raw_response import RawResponse
from ._redact import Redactor, register, unregister
from ._request import (
    PreparedCall,
    base_headers,
    build_call,
    build_request,
    completions_url,
    merge_headers,
    per_request,
)
from ._response import connection_error, decode_completion, status_error, unexpected_error
from ._retry import RetryState
from ._streaming import AsyncStream, Stream

_PROPERTIES = frozenset(REQUEST_PROPERTIES)
_KEYWORDS = _PROPERTIES | CreateParams.__optional_keys__ | CreateParams.__required_keys__


class _BaseClient:
    _http: httpx2.Client | httpx2.AsyncClient
    _owns_http: bool
    _stream_kind: type[Stream[Any]] | type[AsyncStream[Any]]  # what a stream=True call returns
    # Whether a stream must also end by its attempt's deadline (a bare-number timeout). Off: a
    # caller reads a stream at its own pace, each event within the read timeout. A batch job
    # reads every stream to its end at once, so its clients turn this on.
    _streams_within_deadline = False

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
        # What the pool client sends with every request itself (our own pool: POOL_HEADERS), so
        # that each request carries only the rest; shared with the clients with_options() derives.
        self._pool_headers: Mapping[str, str] = {}
        self._set_default_headers(check_default_headers(default_headers))
        self._register()
        # Responses of streams dropped unread (garbage-collected), closed at the next call: closing
        # them inside the garbage collector could deadlock on the pool's lock. Shared with the
        # clients with_options() derives: they share the pool these responses hold connections of.
        self._dropped: collections.deque[httpx2.Response] = collections.deque()
        self._streams: weakref.WeakSet[Stream[Any] | AsyncStream[Any]] = weakref.WeakSet()

    def _set_default_headers(self, default_headers: dict[str, str]) -> None:
        self._default_headers = default_headers
        self._headers = per_request(
            merge_headers(base_headers(self._api_key), default_headers), self._pool_headers
        )
        # Secret values (an Authorization of a proxy, an X-Api-Key) are redacted like the key.
        self._secrets = tuple(v for k, v in default_headers.items() if is_secret_header(k) and v)

    def _register(self) -> None:
        """The one redactor for everything this client raises; its key (and the secret default
        header values) are also kept out of the httpx2/httpcore2 log records while it exists."""
        for secret in (self._api_key, *self._secrets):
            register(secret)
            weakref.finalize(self, unregister, secret)
        self._redactor = Redactor(self._api_key, *self._secrets)

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
            added = check_default_headers(default_headers)
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

    def _prepare(self, messages: Any, stream: Any, params: Mapping[str, Any]) -> PreparedCall:
        """create()'s keywords as a PreparedCall: checked, built and validated, before any I/O."""
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

    def _execute(self, call: PreparedCall, raw: bool = False) -> Any:
        """Send the call (retrying) and return its result; the client's own I/O, sync or async."""
        raise NotImplementedError

    def _attempt(self, call: PreparedCall) -> tuple[Deadline, httpx2.Request]:
        deadline = Deadline(call.deadline if call.timeout is not None else self._deadline)
        return deadline, build_request(self._http, self._url, self._headers, call, self.timeout, deadline.at)

    def _retry_after_error(
        self, retry: RetryState, error: Exception, request: httpx2.Request, deadline: Deadline
    ) -> float:
        """Seconds to wait before retrying after a transport error; the call's error if no retry."""
        delay = None if self._stuck(error) else retry.after_error(error)
        if delay is None:
            raise connection_error(error, request, deadline, self._held()) from error
        return delay

    def _retry_after_status(self, retry: RetryState, response: httpx2.Response, body: bytes | None) -> float:
        """Seconds to wait before retrying after an error status; the call's error if no retry."""
        delay = retry.after_status(response)
        if delay is None:
            raise status_error(response, body or b"")
        return delay

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

    def _result(
        self, call: PreparedCall, response: httpx2.Response, body: bytes | None, raw: bool, deadline: Deadline
    ) -> Any:
        """What the call returns; `deadline` is the last attempt's, which a stream may have to keep."""
        result: Any
        if call.stream:
            prefetched = None if body is None else json_stream_body(response, body)
            kind = self._stream_kind
            event_timeout = (call.timeout or self.timeout).read
            result = kind(
                response,
                redactor=self._redactor,
                max_event_bytes=self.max_response_bytes,
                event_timeout=event_timeout,
                prefetched=prefetched,
                on_drop=self._dropped.append,
                deadline=deadline if self._streams_within_deadline else None,
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
        return api_error
