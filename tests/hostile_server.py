"""A byte-level HTTP/1.1 server on 127.0.0.1 for hostile-server tests, scripted per test.

The local server (aiml_chat.testing) speaks HTTP through uvicorn and h11, which refuse to send
the things a hostile server sends: a gzip bomb, a header trickled a byte at a time, an endless
line, a key echoed in JSON-escaped forms. Here each connection is handed to a script, an
``async def script(conn)`` that reads the request and writes whatever bytes it likes::

    async def script(conn: Conn) -> None:
        await conn.read_request()
        await conn.send(b"HTTP/1.1 200 OK\\r\\ncontent-length: 2\\r\\n\\r\\n{}")

    with HostileServer(script) as server:
        Client(api_key=KEY, base_url=server.base_url, ...)

The server runs an asyncio loop in a daemon thread. ``accepted`` counts connections and
``open_connections`` the ones not yet closed by either side (what a leak would leave behind).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Conn:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    requests: list[Request] = field(default_factory=list)
    on_request: Callable[[Request], None] = lambda request: None

    async def read_request(self) -> Request | None:
        """The next request on this connection, or None if the client closed it."""
        try:
            head = await self.reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            return None
        lines = head.decode("latin-1").split("\r\n")
        method, path, _ = lines[0].split(" ", 2)
        headers = {}
        for line in lines[1:]:
            if line:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
        body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        request = Request(method, path, headers, body)
        self.requests.append(request)
        self.on_request(request)  # recorded before any answer, so a client that has one finds it
        return request

    async def send(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def respond(
        self, body: bytes, status: int = 200, headers: dict[str, str] | None = None, reason: str = "OK"
    ) -> None:
        """A whole response with a Content-Length, on a keep-alive connection."""
        lines = [f"HTTP/1.1 {status} {reason}", f"content-length: {len(body)}"]
        lines += [f"{k}: {v}" for k, v in (headers or {"content-type": "application/json"}).items()]
        await self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)

    async def wait_closed_by_client(self) -> None:
        """Block until the client closes the connection (reads and discards anything it sends)."""
        with contextlib.suppress(ConnectionError):
            while await self.reader.read(65536):
                pass


Script = Callable[[Conn], Awaitable[None]]


class HostileServer:
    """Runs `script(conn)` for every connection; the connection closes when the script returns."""

    def __init__(self, script: Script) -> None:
        self.script = script
        self.accepted = 0
        self.open_connections = 0
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.base_events.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="hostile-server", daemon=True)
        self.port = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with self._lock:
            self.accepted += 1
            self.open_connections += 1
        conn = Conn(reader, writer, on_request=self._record)
        try:
            await self.script(conn)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass  # the client went away, or the server is stopping
        finally:
            writer.close()
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await writer.wait_closed()
            with self._lock:
                self.open_connections -= 1

    def _record(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def start(self) -> HostileServer:
        self._thread.start()

        async def listen() -> None:
            self._server = await asyncio.start_server(self._handle, "127.0.0.1", 0, backlog=2048)
            self.port = self._server.sockets[0].getsockname()[1]

        asyncio.run_coroutine_threadsafe(listen(), self._loop).result(10)
        return self

    def stop(self) -> None:
        async def shutdown() -> None:
            if self._server is not None:
                self._server.close()
            tasks = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(shutdown(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def completion(content: str = "hi", **extra: Any) -> dict[str, Any]:
    """A minimal valid chat completion body."""
    return {
        "id": "gen-1",
        "object": "chat.completion",
        "created": 1,
        "model": "google/gemini-2.5-flash-lite-preview",
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}
        ],
        **extra,
    }


def sse_head(extra: str = "") -> bytes:
    """Response headers of an event stream without a length (the body ends when the server closes)."""
    return (
        "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\nconnection: close\r\n" + extra + "\r\n"
    ).encode()


def chunk_event(content: str, finish: str | None = None) -> bytes:
    chunk = {
        "id": "gen-1",
        "object": "chat.completion.chunk",
        "created": 1,
        "model": "google/gemini-2.5-flash-lite-preview",
        "choices": [{"index": 0, "delta": {"content": content}, "finish_reason": finish}],
    }
    return b"data: " + json.dumps(chunk).encode() + b"\n\n"
