"""A local, spec-driven AI/ML API server for tests, demos and benchmarks (``pip install aiml-chat[server]``).

Nobody can reach the real API from CI, so this serves ``POST /v1/chat/completions`` on 127.0.0.1 as the
spec describes and real providers behave, and misbehaves on request (see ``Fault`` and the grammar in
``aiml_chat.testing._faults``)::

    with serve(api_key="test-key") as base_url:          # "http://127.0.0.1:PORT"
        ...                                                # Client(base_url=base_url, api_key="test-key")

    with LocalServer(faults="status=429;times=1;retry_after=1") as server:
        ...; server.requests[-1].attempt                   # what the server saw, for counting

In pytest, ``from aiml_chat.testing import aiml_server`` in a conftest gives a session-wide fixture.
From a shell: ``python -m aiml_chat.testing --port 8080 --api-key KEY``.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any, Final

import uvicorn

from aiml_chat._params import PATH
from aiml_chat.testing._app import create_app
from aiml_chat.testing._faults import Fault, FaultSpecError
from aiml_chat.testing._pdf import make_pdf
from aiml_chat.testing._protocol import guarded_protocol
from aiml_chat.testing._state import RequestRecord, ServerState

__all__ = [
    "Fault",
    "FaultSpecError",
    "LocalServer",
    "RequestRecord",
    "aiml_server",
    "fault",
    "make_pdf",
    "serve",
]

HOST: Final = "127.0.0.1"
STARTUP_TIMEOUT: Final = 10.0
# A request body larger than this is refused with 413 from its Content-Length, before it is read:
# it allows one 512 MiB PDF (683 MiB as base64) with room to spare.
MAX_BODY_BYTES: Final = 1024 * 1024 * 1024
HEADER_TIMEOUT: Final = 10.0  # seconds for a request's headers, from the connection or their first byte
IDLE_TIMEOUT: Final = 30.0  # seconds a request body may go without a byte


def fault(**items: Any) -> str:
    """The ``X-Mock-Fault`` header value for these items, e.g. ``fault(status=429, times=1)``."""
    return str(Fault(**items))


class _Uvicorn(uvicorn.Server):
    """uvicorn, reporting the moment its sockets listen (no polling, no sleeps)."""

    def __init__(self, config: uvicorn.Config, on_started: Callable[[int], None]) -> None:
        super().__init__(config)
        self._on_started = on_started

    async def startup(self, sockets: Any = None) -> None:
        await super().startup(sockets)
        if self.started:
            self._on_started(self.servers[0].sockets[0].getsockname()[1])


def make_config(
    app: Any, port: int, header_timeout: float = HEADER_TIMEOUT, idle_timeout: float = IDLE_TIMEOUT
) -> uvicorn.Config:
    """uvicorn settings for hundreds of concurrent clients, quiet logs and a quick, clean shutdown;
    silent and trickling clients are dropped (see _protocol.py)."""
    return uvicorn.Config(
        app,
        host=HOST,
        port=port,
        http=guarded_protocol(header_timeout, idle_timeout),
        loop="asyncio",
        ws="none",
        lifespan="off",
        log_level="warning",
        log_config=None,
        access_log=False,
        backlog=2048,
        limit_concurrency=None,
        timeout_keep_alive=30,
        timeout_graceful_shutdown=2,
    )


def _parse_faults(faults: Fault | str | None) -> Fault | None:
    if isinstance(faults, str):
        return Fault.parse(faults) if faults.strip() else None
    return faults


class LocalServer:
    """The server in a background thread on 127.0.0.1 and an OS-chosen port; a context manager.

    ``faults`` is the default fault spec for requests without an ``X-Mock-Fault`` header.
    ``max_body_bytes`` bounds a request body (413 beyond it); ``header_timeout`` and
    ``idle_timeout`` drop clients that send their headers too slowly or stall in their body.
    ``requests`` lists what the server saw (thread-safe snapshots), ``counts`` tallies statuses,
    disconnects and the peak number of requests in flight, ``reset()`` forgets everything.
    """

    def __init__(
        self,
        api_key: str = "test-key",
        faults: Fault | str | None = None,
        port: int = 0,
        *,
        max_body_bytes: int = MAX_BODY_BYTES,
        header_timeout: float = HEADER_TIMEOUT,
        idle_timeout: float = IDLE_TIMEOUT,
    ) -> None:
        self._state = ServerState(_parse_faults(faults))
        self._app = create_app(api_key, self._state, max_body_bytes=max_body_bytes)
        self._timeouts = (header_timeout, idle_timeout)
        self._port = port
        self._ready = threading.Event()
        self._server: _Uvicorn | None = None
        self._thread: threading.Thread | None = None
        self._error: BaseException | None = None
        self._started = False

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"LocalServer({self.base_url if self.running else 'port=' + str(self._port)!r}, {state})"

    @property
    def running(self) -> bool:
        return self._started and self._thread is not None and self._thread.is_alive()

    @property
    def port(self) -> int:
        if not self.running:
            raise RuntimeError("the server is not running")
        return self._port

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``; clients append ``/v1/chat/completions``."""
        return f"http://{HOST}:{self.port}"

    @property
    def chat_url(self) -> str:
        return self.base_url + PATH

    @property
    def faults(self) -> Fault | None:
        return self._state.faults

    @faults.setter
    def faults(self, value: Fault | str | None) -> None:
        self._state.faults = _parse_faults(value)

    @property
    def requests(self) -> list[RequestRecord]:
        return self._state.records

    @property
    def counts(self) -> Counter[str]:
        return self._state.counts

    def reset(self) -> None:
        self._state.reset()

    def wait_for(self, predicate: Callable[[list[RequestRecord]], bool], timeout: float = 10.0) -> bool:
        """Block until ``predicate(server.requests)`` holds; re-checked on every server update."""
        return self._state.wait_for(predicate, timeout)

    def start(self) -> LocalServer:
        if self._thread is not None:
            raise RuntimeError("the server was already started")

        def started(port: int) -> None:
            self._port = port
            self._started = True
            self._ready.set()

        self._server = _Uvicorn(make_config(self._app, self._port, *self._timeouts), started)
        self._thread = threading.Thread(target=self._run, name="aiml-chat-local-server", daemon=True)
        self._thread.start()
        if not self._ready.wait(STARTUP_TIMEOUT) or not self.running:
            self.stop()
            raise RuntimeError(f"the local server did not start: {self._error!r}")
        return self

    def _run(self) -> None:
        assert self._server is not None
        try:
            self._server.run()
        except BaseException as exc:  # SystemExit from a failed bind included
            self._error = exc
        finally:
            self._ready.set()

    def stop(self) -> None:
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=15)
        self._started = False

    def __enter__(self) -> LocalServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


@contextlib.contextmanager
def serve(api_key: str = "test-key", **kwargs: Any) -> Iterator[str]:
    """Run a LocalServer for the ``with`` block and yield its base URL."""
    with LocalServer(api_key, **kwargs) as server:
        yield server.base_url


def _aiml_server() -> Iterator[LocalServer]:
    """A LocalServer for the whole pytest session (key ``test-key``)."""
    with LocalServer() as server:
        yield server


try:  # a fixture when pytest is around; the server extra does not need pytest
    aiml_server: Callable[..., Any] = importlib.import_module("pytest").fixture(
        scope="session", name="aiml_server"
    )(_aiml_server)
except ImportError:  # pragma: no cover
    aiml_server = _aiml_server
