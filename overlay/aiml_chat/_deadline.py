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

import contextvars
import time
from collections.abc import Awaitable, Callable
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


class scope:
    """Run the block with socket operations bounded by `at` (time.monotonic()); None = no bound.

    A class rather than @contextmanager: it runs around every request, and a generator-based
    context manager costs about three times as much."""

    __slots__ = ("at", "token")

    def __init__(self, at: float | None) -> None:
        self.at = at

    def __enter__(self) -> None:
        self.token = DEADLINE.set(self.at)

    def __exit__(self, *exc_info: object) -> None:
        DEADLINE.reset(self.token)


_now = time.monotonic
_get = DEADLINE.get


def _clamp(timeout: float | None, error: str) -> float | None:
    """`timeout` shortened to what is left of the deadline; past it, httpcore's `error` (by name:
    httpcore2 is imported only then, so neither import time nor each read and write pays for it)."""
    at = _get()
    if at is None:
        return timeout
    left = at - _now()
    if left <= 0:
        import httpcore2

        raise getattr(httpcore2, error)("the call's deadline has passed")
    return left if timeout is None else min(timeout, left)


def _probe_from(sock: Any, inner: Callable[[str], Any]) -> Callable[[str], Any]:
    """`get_extra_info` answering "is_readable" from `sock` with httpcore2's own test; a closure,
    not a bound method, so the stream holds no reference cycle through itself."""
    from httpcore2._utils import is_socket_readable  # loaded with the pool that asks

    def get_extra_info(info: str) -> Any:
        return is_socket_readable(sock) if info == "is_readable" else inner(info)

    return get_extra_info


class _BoundedStream:
    get_extra_info: Callable[[str], Any]

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        # The inner stream's own method, no wrapper frame: the pool asks every idle connection
        # whether it is readable on each pass (~20 calls a request at 100 in flight).
        self.get_extra_info = inner.get_extra_info

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _clamp(timeout, "ReadTimeout"))  # type: ignore[no-any-return]

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _clamp(timeout, "WriteTimeout"))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> Any:
        return _BoundedStream(
            self._inner.start_tls(ssl_context, server_hostname, _clamp(timeout, "ConnectTimeout"))
        )


class _Backend:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, **kwargs: Any
    ) -> _BoundedStream:
        return _BoundedStream(
            self._inner.connect_tcp(host, port, _clamp(timeout, "ConnectTimeout"), **kwargs)
        )

    def connect_unix_socket(self, path: str, timeout: float | None = None, **kwargs: Any) -> _BoundedStream:
        return _BoundedStream(
            self._inner.connect_unix_socket(path, _clamp(timeout, "ConnectTimeout"), **kwargs)
        )

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class _AsyncBoundedStream:
    get_extra_info: Callable[[str], Any]

    def __init__(self, inner: Any) -> None:
        self._inner = inner
        # The pool asks every idle connection whether it is readable on each pass (~20 times a
        # request at 100 in flight). httpcore2's anyio stream looks the socket up through anyio's
        # typed attributes each time, which rebuilds a dict of lambdas: a seventh of the client's
        # CPU at 100 in flight (cProfile, bench.profile throughput). The socket is fixed for the
        # stream's life, so it is looked up once (asyncio hands out a TransportSocket, trio its own
        # socket; both have fileno()). A stream without a socket, or one that cannot say, keeps
        # the inner method.
        self.get_extra_info = inner.get_extra_info
        try:
            sock = inner.get_extra_info("socket")
        except Exception:  # a custom stream: its own answers, as before
            return
        if callable(getattr(sock, "fileno", None)):
            self.get_extra_info = _probe_from(sock, inner.get_extra_info)

    # Plain functions returning the inner stream's awaitable: no coroutine of our own per read and
    # write (the caller awaits the inner one); a passed deadline raises when called, as before.
    def read(self, max_bytes: int, timeout: float | None = None) -> Awaitable[bytes]:
        return self._inner.read(max_bytes, _clamp(timeout, "ReadTimeout"))  # type: ignore[no-any-return]

    def write(self, buffer: bytes, timeout: float | None = None) -> Awaitable[None]:
        return self._inner.write(buffer, _clamp(timeout, "WriteTimeout"))  # type: ignore[no-any-return]

    async def aclose(self) -> None:
        await self._inner.aclose()

    async def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> Any:
        inner = await self._inner.start_tls(ssl_context, server_hostname, _clamp(timeout, "ConnectTimeout"))
        return _AsyncBoundedStream(inner)


class _AsyncBackend:
    def __init__(self, inner: Any) -> None:
        self._inner = inner

    async def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, **kwargs: Any
    ) -> _AsyncBoundedStream:
        stream = await self._inner.connect_tcp(host, port, _clamp(timeout, "ConnectTimeout"), **kwargs)
        return _AsyncBoundedStream(stream)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, **kwargs: Any
    ) -> _AsyncBoundedStream:
        stream = await self._inner.connect_unix_socket(path, _clamp(timeout, "ConnectTimeout"), **kwargs)
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
