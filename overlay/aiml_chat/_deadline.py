"""A real deadline for one attempt: no socket operation may wait past it.

httpx timeouts bound each operation: a server sending one byte a second never trips a 2 s read
timeout, and httpcore reads the timeout once per phase (headers, body), so shrinking it between
reads is not possible from outside. Instead the pool's network backend is wrapped: while a call
runs with a deadline (a context variable, so sync and async share it), every connect, read and
write waits at most until the deadline, and past it fails with httpcore's own timeout errors,
which httpx maps to `httpx2.TimeoutException` like any other timeout. Outside our calls the
wrapper passes through, so a caller's `http_client` behaves as before for its own requests.

httpx gives no public hook for the backend (`HTTPTransport` does not take `network_backend`), so
`install` sets the pool's `_network_backend` attribute; where that is absent (a custom transport),
the client still checks the deadline between body chunks.
"""

from __future__ import annotations

import contextlib
import contextvars
import time
from collections.abc import Iterator
from typing import Any

import httpx2

from ._exceptions import APITimeoutError

DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("aiml_chat_deadline", default=None)


class Deadline:
    """When one attempt must be over (time.monotonic()), or None for per-operation timeouts only."""

    __slots__ = ("at", "seconds")

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.at = None if seconds is None else time.monotonic() + seconds

    def check(self, request: httpx2.Request | None) -> None:
        if self.at is not None and time.monotonic() >= self.at:
            raise self.expired(request)

    def expired(self, request: httpx2.Request | None) -> APITimeoutError:
        """The error of an attempt that outlived its deadline (a bare-number timeout)."""
        return APITimeoutError(
            f"Request timed out: the call took longer than its timeout of {self.seconds:g} s "
            "(a number bounds the whole attempt)",
            request=request,
        )


@contextlib.contextmanager
def scope(at: float | None) -> Iterator[None]:
    """Run the block with socket operations bounded by `at` (time.monotonic()); None = no bound."""
    token = DEADLINE.set(at)
    try:
        yield
    finally:
        DEADLINE.reset(token)


def _clamp(timeout: float | None, error: type[Exception]) -> float | None:
    at = DEADLINE.get()
    if at is None:
        return timeout
    left = at - time.monotonic()
    if left <= 0:
        raise error("the call's deadline has passed")
    return left if timeout is None else min(timeout, left)


class _BoundedStream:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        import httpcore2

        return self._inner.read(max_bytes, _clamp(timeout, httpcore2.ReadTimeout))  # type: ignore[no-any-return]

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        import httpcore2

        self._inner.write(buffer, _clamp(timeout, httpcore2.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> Any:
        import httpcore2

        return _BoundedStream(
            self._inner.start_tls(ssl_context, server_hostname, _clamp(timeout, httpcore2.ConnectTimeout))
        )

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, **kwargs: Any
    ) -> _BoundedStream:
        import httpcore2

        return _BoundedStream(
            self._inner.connect_tcp(host, port, _clamp(timeout, httpcore2.ConnectTimeout), **kwargs)
        )

    def connect_unix_socket(self, path: str, timeout: float | None = None, **kwargs: Any) -> _BoundedStream:
        import httpcore2

        return _BoundedStream(
            self._inner.connect_unix_socket(path, _clamp(timeout, httpcore2.ConnectTimeout), **kwargs)
        )

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _AsyncBoundedStream:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        import httpcore2

        return await self._inner.read(max_bytes, _clamp(timeout, httpcore2.ReadTimeout))  # type: ignore[no-any-return]

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        import httpcore2

        await self._inner.write(buffer, _clamp(timeout, httpcore2.WriteTimeout))

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> Any:
        import httpcore2

        inner = await self._inner.start_tls(
            ssl_context, server_hostname, _clamp(timeout, httpcore2.ConnectTimeout)
        )
        return _AsyncBoundedStream(inner)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _AsyncBackend:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    async def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, **kwargs: Any
    ) -> _AsyncBoundedStream:
        import httpcore2

        stream = await self._inner.connect_tcp(
            host, port, _clamp(timeout, httpcore2.ConnectTimeout), **kwargs
        )
        return _AsyncBoundedStream(stream)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, **kwargs: Any
    ) -> _AsyncBoundedStream:
        import httpcore2

        stream = await self._inner.connect_unix_socket(
            path, _clamp(timeout, httpcore2.ConnectTimeout), **kwargs
        )
        return _AsyncBoundedStream(stream)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def pools(http: httpx2.Client | httpx2.AsyncClient) -> list[Any]:
    """The httpcore pools behind an httpx client (its default transport and its mounts)."""
    transports = [getattr(http, "_transport", None), *getattr(http, "_mounts", {}).values()]
    return [pool for t in transports if (pool := getattr(t, "_pool", None)) is not None]


def install(http: httpx2.Client | httpx2.AsyncClient) -> None:
    """Wrap the network backend of every pool of `http` (idempotent)."""
    wrapper = _AsyncBackend if isinstance(http, httpx2.AsyncClient) else _Backend
    for pool in pools(http):
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, (_Backend, _AsyncBackend)):
            pool._network_backend = wrapper(backend)
