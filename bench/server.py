"""A minimal, fast HTTP/1.1 server with canned chat-completion answers, for the benchmark only.

Standard library only, so it runs as its own process (``python bench/server.py``): the client's
CPU is then measured apart from the server's. It prints ``PORT <n>`` on stdout once listening.

The first path segment picks the answer; the request body is read and discarded, never parsed:

    /json-SHAPE/...      a canned ``chat.completion`` (Content-Length) in SHAPE (see `SHAPES`)
    /json-SHAPE-D/...    the same, answered after D milliseconds (a model's latency)
    /sse-SHAPE-N-G/...   N ``chat.completion.chunk`` events in SHAPE then ``data: [DONE]``, one event
                         per chunked-encoding frame and per write; G = gap in milliseconds between
                         events (0: all written at once; e.g. 1: ``asyncio.sleep(0.001)`` between)
    /upload/...          a canned completion whose content is ``received <n> bytes`` (body size)

Keep-alive, Content-Length and chunked request bodies are supported; pipelining is not needed.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import os
import signal
import subprocess
import sys
from typing import Any

MODEL = "google/gemini-2.5-flash-lite-preview"
CREATED = 1_750_000_000
_WORDS = ("The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", ".")


SHAPES = ("openai", "openrouter", "minimal")
"""The answer shapes the server sends (first path segment ``json-SHAPE`` / ``sse-SHAPE-N-G``):

- ``openai``: what api.openai.com sends today: ``service_tier``, ``system_fingerprint``,
  ``refusal: null``, ``annotations: []``, ``logprobs: null``, detailed usage; stream chunks with
  ``usage: null`` (``stream_options.include_usage``) and a last chunk with no choices and the usage.
- ``openrouter``: an OpenRouter-style answer: ``provider``, ``native_finish_reason``,
  ``reasoning: null``; an SSE comment (``: OPENROUTER PROCESSING``) before the first event and the
  usage on the finishing chunk.
- ``minimal``: only the keys the spec requires (id, object, created, model, choices; index, delta
  or message, finish_reason).
"""


def completion(content: str, shape: str = "openai") -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    choice: dict[str, Any] = {"index": 0, "message": message, "finish_reason": "stop"}
    usage: dict[str, Any] = {"prompt_tokens": 57, "completion_tokens": 42, "total_tokens": 99}
    out: dict[str, Any] = {"id": "chatcmpl-bench-0001", "object": "chat.completion", "created": CREATED}
    out["model"] = MODEL
    if shape == "openai":
        message.update(refusal=None, annotations=[])
        choice["logprobs"] = None
        usage["prompt_tokens_details"] = {"cached_tokens": 0, "audio_tokens": 0}
        usage["completion_tokens_details"] = {
            "reasoning_tokens": 0,
            "audio_tokens": 0,
            "accepted_prediction_tokens": 0,
            "rejected_prediction_tokens": 0,
        }
        out.update(choices=[choice], usage=usage, service_tier="default", system_fingerprint="fp_bench01")
    elif shape == "openrouter":
        out = {"id": "gen-bench-0001", "provider": "Google", **{k: v for k, v in out.items() if k != "id"}}
        message.update(refusal=None, reasoning=None)
        choice.update(logprobs=None, native_finish_reason="STOP")
        out.update(choices=[choice], usage=usage)
    elif shape == "minimal":
        out["choices"] = [choice]
    else:
        raise ValueError(f"unknown shape {shape!r}")
    return out


_CONTENT = (
    "Bonjour ! Voici une réponse de longueur moyenne, comme en renvoie un modèle pour une question "
    "simple : quelques phrases, un peu de ponctuation et des caractères accentués."
)


@functools.cache
def canned(shape: str) -> bytes:
    return json.dumps(completion(_CONTENT, shape), separators=(",", ":"), ensure_ascii=False).encode()


def _chunk(index: int, count: int, shape: str) -> dict[str, Any]:
    """Chunk `index` of `count`: role first, text deltas, the finish; OpenAI's last one is usage."""
    last = index == count - 1
    delta: dict[str, Any] = {"content": _WORDS[index % len(_WORDS)]}
    if index == 0:
        delta = {"role": "assistant", **delta}
    choice: dict[str, Any] = {"index": 0, "delta": delta, "finish_reason": None}
    out: dict[str, Any] = {
        "id": "chatcmpl-bench-0001",
        "object": "chat.completion.chunk",
        "created": CREATED,
        "model": MODEL,
    }
    usage = {"prompt_tokens": 57, "completion_tokens": count, "total_tokens": 57 + count}
    if shape == "openai":
        if index == 0:
            delta.update(refusal=None)
        choice["logprobs"] = None
        out.update(service_tier="default", system_fingerprint="fp_bench01", choices=[choice], usage=None)
        if index == count - 2:
            choice.update(delta={}, finish_reason="stop")
        if last:
            out.update(choices=[], usage=usage)
    elif shape == "openrouter":
        out = {"id": "gen-bench-0001", "provider": "Google", **{k: v for k, v in out.items() if k != "id"}}
        choice.update(native_finish_reason=None, logprobs=None)
        out["choices"] = [choice]
        if last:
            choice.update(delta={"role": "assistant", "content": ""}, finish_reason="stop")
            choice["native_finish_reason"] = "STOP"
            out["usage"] = usage
    elif shape == "minimal":
        out["choices"] = [choice]
        if last:
            choice.update(delta={}, finish_reason="stop")
    else:
        raise ValueError(f"unknown shape {shape!r}")
    return out


def _frame(payload: bytes) -> bytes:
    return b"%x\r\n%s\r\n" % (len(payload), payload)


@functools.cache
def sse_frames(count: int, shape: str = "openai") -> tuple[bytes, ...]:
    """One chunked-encoding frame per SSE event: `count` chunks, then [DONE], then the last frame."""
    events = [
        b"data: " + json.dumps(_chunk(i, count, shape), separators=(",", ":")).encode() + b"\n\n"
        for i in range(count)
    ]
    if shape == "openrouter":
        events[0] = b": OPENROUTER PROCESSING\n\n" + events[0]
    events.append(b"data: [DONE]\n\n")
    return (*(_frame(e) for e in events), b"0\r\n\r\n")


def _head(status: str, headers: list[tuple[str, str]]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers), "", ""]
    return "\r\n".join(lines).encode("latin-1")


def _json_response(body: bytes, keep_alive: bool) -> bytes:
    head = _head(
        "200 OK",
        [
            ("Content-Type", "application/json"),
            ("Content-Length", str(len(body))),
            ("x-request-id", "req-bench"),
            ("Connection", "keep-alive" if keep_alive else "close"),
        ],
    )
    return head + body


_SSE_HEAD = _head(
    "200 OK",
    [
        ("Content-Type", "text/event-stream"),
        ("Cache-Control", "no-cache"),
        ("Transfer-Encoding", "chunked"),
        ("x-request-id", "req-bench"),
    ],
)


class _Request:
    __slots__ = ("body_bytes", "chunked", "keep_alive", "path", "remaining")

    def __init__(self, path: str, remaining: int, chunked: bool, keep_alive: bool) -> None:
        self.path = path
        self.remaining = remaining
        self.chunked = chunked
        self.keep_alive = keep_alive
        self.body_bytes = 0


class BenchProtocol(asyncio.Protocol):
    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.request: _Request | None = None
        self.busy = False  # a streamed answer is being written
        self.chunk_left = 0  # bytes left of the current chunked-body chunk (+2 for CRLF)
        self.paused = False
        self.can_write: asyncio.Event = asyncio.Event()
        self.can_write.set()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        self.can_write.set()

    def pause_writing(self) -> None:
        self.can_write.clear()

    def resume_writing(self) -> None:
        self.can_write.set()

    def data_received(self, data: bytes) -> None:
        request = self.request
        if request is not None and not request.chunked and not self.buffer:
            # The hot path for large uploads: count and drop the bytes, no copy.
            used = min(len(data), request.remaining)
            request.remaining -= used
            request.body_bytes += used
            if request.remaining:
                return
            data = data[used:]
            self._finish(request)
            if not data:
                return
        self.buffer += data
        self._process()

    def _process(self) -> None:
        while self.transport is not None and not self.busy:
            request = self.request
            if request is None:
                end = self.buffer.find(b"\r\n\r\n")
                if end < 0:
                    if len(self.buffer) > 65536:
                        self._bad("headers too long")
                    return
                head = bytes(self.buffer[:end]).decode("latin-1")
                del self.buffer[: end + 4]
                request = self._parse_head(head)
                if request is None:
                    return
                self.request = request
            if request.chunked:
                if not self._read_chunked(request):
                    return
            else:
                used = min(len(self.buffer), request.remaining)
                del self.buffer[:used]
                request.remaining -= used
                request.body_bytes += used
                if request.remaining:
                    return
            self._finish(request)

    def _read_chunked(self, request: _Request) -> bool:
        """Consume a chunked body from the buffer; True once the final chunk has been read."""
        while True:
            if self.chunk_left:
                used = min(len(self.buffer), self.chunk_left)
                del self.buffer[:used]
                self.chunk_left -= used
                request.body_bytes += max(0, used - 2)
                if self.chunk_left:
                    return False
            line_end = self.buffer.find(b"\r\n")
            if line_end < 0:
                return False
            size = int(bytes(self.buffer[:line_end]).split(b";")[0], 16)
            del self.buffer[: line_end + 2]
            if size == 0:
                end = self.buffer.find(b"\r\n")  # no trailers expected
                if end < 0:
                    return False
                del self.buffer[: end + 2]
                return True
            self.chunk_left = size + 2

    def _parse_head(self, head: str) -> _Request | None:
        lines = head.split("\r\n")
        try:
            _method, target, version = lines[0].split(" ", 2)
        except ValueError:
            self._bad("bad request line")
            return None
        length = 0
        chunked = False
        keep_alive = version == "HTTP/1.1"
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            value = value.strip()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding":
                chunked = "chunked" in value.lower()
            elif name == "connection":
                keep_alive = value.lower() != "close"
        return _Request(target.split("?", 1)[0], length, chunked, keep_alive)

    def _bad(self, why: str) -> None:
        body = json.dumps({"error": {"message": why}}).encode()
        if self.transport is not None:
            self.transport.write(
                _head("400 Bad Request", [("Content-Length", str(len(body))), ("Connection", "close")]) + body
            )
            self.transport.close()

    def _finish(self, request: _Request) -> None:
        self.request = None
        transport = self.transport
        if transport is None:
            return
        mode = request.path.lstrip("/").split("/", 1)[0]
        if mode.startswith("sse-"):
            _, shape, count, gap = mode.split("-")
            self.busy = True
            task = self._stream(shape, int(count), float(gap) / 1000.0, request)
            asyncio.get_running_loop().create_task(task)
            return
        delay = 0.0
        if mode == "upload":
            body = json.dumps(completion(f"received {request.body_bytes} bytes")).encode()
        else:
            _, shape, delay_ms = (mode + "--").split("-")[:3]
            body = canned(shape or "openai")
            delay = float(delay_ms or 0) / 1000.0
        if delay:  # a model's think time: the answer comes later, the connection stays busy
            self.busy = True
            asyncio.get_running_loop().call_later(delay, self._answer, body, request.keep_alive)
        else:
            self._answer(body, request.keep_alive)

    def _answer(self, body: bytes, keep_alive: bool) -> None:
        transport = self.transport
        if transport is None:
            return
        transport.write(_json_response(body, keep_alive))
        if not keep_alive:
            transport.close()
        elif self.busy:
            self.busy = False
            if self.buffer:
                self._process()

    async def _stream(self, shape: str, count: int, gap: float, request: _Request) -> None:
        transport = self.transport
        assert transport is not None
        frames = sse_frames(count, shape)
        transport.write(_SSE_HEAD)
        loop = asyncio.get_running_loop()
        start = loop.time()
        try:
            for index, frame in enumerate(frames):
                if self.transport is None:
                    return
                transport.write(frame)
                if gap:
                    # Absolute deadlines: the mean spacing is `gap` even though each sleep overshoots.
                    delay = start + gap * (index + 1) - loop.time()
                    if delay > 0:
                        await asyncio.sleep(delay)
                if not self.can_write.is_set():
                    await self.can_write.wait()
        finally:
            self.busy = False
        if not request.keep_alive:
            transport.close()
        elif self.buffer:
            self._process()


async def serve(host: str, port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(BenchProtocol, host, port, backlog=1024, reuse_address=True)
    sockname = server.sockets[0].getsockname()
    sys.stdout.write(f"PORT {sockname[1]}\n")
    sys.stdout.flush()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()


class ServerProcess:
    """Runs this module as a separate process; `base_url` once started. A context manager."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.host = host
        self.process: subprocess.Popen[str] | None = None
        self.base_url = ""

    def __enter__(self) -> ServerProcess:
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, os.path.abspath(__file__), "--host", self.host],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line.startswith("PORT "):
            self.process.kill()
            raise RuntimeError(f"the bench server did not start (said {line!r})")
        self.base_url = f"http://{self.host}:{int(line.split()[1])}"
        return self

    def cpu_seconds(self) -> float:
        """User + system CPU the server process has used so far (from /proc)."""
        assert self.process is not None
        try:
            with open(f"/proc/{self.process.pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            return float("nan")
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc_info: object) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args.host, args.port))
    os._exit(0)


if __name__ == "__main__":
    main()
