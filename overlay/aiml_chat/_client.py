"""Client and AsyncClient: the connection pool, the retry loop and the `chat` resource.

What does not depend on sync or async I/O is in `_base_client.py` (and `_request.py`, `_response.py`,
`_retry.py`);
the two retry loops below (and their `_backoff` waits) are the only sync/async twins, because only
I/O differs.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import httpx2

from ._base_client import _BaseClient
from ._completions import AsyncChat, Chat
from ._config import (
    DEFAULT_LIMITS,
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    check_http_client,
)
from ._deadline import Deadline
from ._deadline import install as install_deadline
from ._deadline import scope as deadline_scope
from ._request import POOL_HEADERS, PreparedCall
from ._response import BodyLimit
from ._retry import RetryState
from ._streaming import AsyncStream, Stream


class Client(_BaseClient):
    """Synchronous client. Reuses connections; use `with Client() as client:` or close()."""

    _http: httpx2.Client
    _stream_kind = Stream

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
            self._pool_headers = POOL_HEADERS
            self._set_default_headers(self._default_headers)
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

    def _send(self, call: PreparedCall) -> tuple[httpx2.Response, bytes | None, Deadline]:
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
                self._backoff(self._retry_after_error(retry, error, request, deadline))
                continue
            if response.is_success:
                return response, body, deadline
            self._backoff(self._retry_after_status(retry, response, body))

    def _backoff(self, delay: float) -> None:
        """Wait before the next attempt (whose deadline starts only once this returns)."""
        time.sleep(delay)

    def _execute(self, call: PreparedCall, raw: bool = False) -> Any:
        try:
            response, body, deadline = self._send(call)
            return self._result(call, response, body, raw, deadline)
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
    _stream_kind = AsyncStream

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
            self._pool_headers = POOL_HEADERS
            self._set_default_headers(self._default_headers)
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

    async def _send(self, call: PreparedCall) -> tuple[httpx2.Response, bytes | None, Deadline]:
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
                await self._backoff(self._retry_after_error(retry, error, request, deadline))
                continue
            if response.is_success:
                return response, body, deadline
            await self._backoff(self._retry_after_status(retry, response, body))

    async def _backoff(self, delay: float) -> None:
        """Wait before the next attempt (whose deadline starts only once this returns); batch's
        clients give their job's concurrency slot back meanwhile."""
        import asyncio  # here, not at module level: it adds ~15 ms to `import aiml_chat` for sync users

        await asyncio.sleep(delay)

    async def _execute(self, call: PreparedCall, raw: bool = False) -> Any:
        try:
            response, body, deadline = await self._send(call)
            return self._result(call, response, body, raw, deadline)
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
