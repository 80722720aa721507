"""The figures of RELIABILITY.md, "Hostile servers": run once, `python tools/hostile_figures.py`.

Each client-side case runs in a fresh child process (so its peak RSS is its own) against the
byte-level server of tests/hostile_server.py; the local-server cases run `python -m
aiml_chat.testing` in a child and attack it with raw sockets. Prints one line per figure.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import resource
import socket
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


from hostile_server import Conn, HostileServer, chunk_event, completion, sse_head  # noqa: E402

KEY = "sk-figures-1234"
HELLO = [{"role": "user", "content": "Hello"}]
GIB = 1024**3


def rss_mib() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------- the scripted servers


def gzip_bomb() -> bytes:
    """1 GiB of JSON whitespace, gzip-compressed to about 1 MiB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = b" " * (16 * 2**20)
    parts = [compressor.compress(b"[")]
    parts += [compressor.compress(block) for _ in range(GIB // len(block))]
    parts.append(compressor.compress(b"]") + compressor.flush())
    return b"".join(parts)


async def serve_bomb(conn: Conn) -> None:
    await conn.read_request()
    await conn.respond(BOMB, headers={"content-type": "application/json", "content-encoding": "gzip"})


async def serve_endless_line(conn: Conn) -> None:
    await conn.read_request()
    await conn.send(sse_head() + b"data: ")
    block = b"x" * 65536
    for _ in range(GIB // len(block)):
        await conn.send(block)


async def serve_trickle(conn: Conn) -> None:
    await conn.read_request()
    body = json.dumps(completion("x" * 100)).encode()
    await conn.send(f"HTTP/1.1 200 OK\r\ncontent-length: {len(body)}\r\n\r\n".encode())
    for byte in body:
        await conn.send(bytes([byte]))
        await asyncio.sleep(1)


async def serve_keepalive(conn: Conn) -> None:
    await conn.read_request()
    await conn.send(sse_head() + chunk_event("Hel"))
    while True:
        await conn.send(b": keep-alive\n\n")
        await asyncio.sleep(0.5)


async def serve_held_stream(conn: Conn) -> None:
    while await conn.read_request() is not None:
        await conn.send(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
        )
        await conn.wait_closed_by_client()
        return


async def serve_slow(conn: Conn) -> None:
    while await conn.read_request() is not None:
        await asyncio.sleep(0.2)
        await conn.respond(json.dumps(completion()).encode())


BOMB = b""


# --------------------------------------------------------------------------- the client-side cases


def child(case: str, base_url: str) -> dict[str, Any]:
    from aiml_chat import APIError, AsyncClient, Client

    gc.collect()
    before = rss_mib()
    started = time.monotonic()
    error: BaseException | None = None
    extra: dict[str, Any] = {}
    try:
        if case == "gzip_bomb":
            with Client(api_key=KEY, base_url=base_url, max_retries=0) as client:
                client.chat.completions.create(messages=HELLO)
        elif case == "endless_line":
            with Client(api_key=KEY, base_url=base_url, max_retries=0) as client:
                for _ in client.chat.completions.create(messages=HELLO, stream=True):
                    pass
        elif case == "trickle":
            with Client(api_key=KEY, base_url=base_url, max_retries=0, timeout=2) as client:
                client.chat.completions.create(messages=HELLO)
        elif case == "keepalive":
            import httpx2

            timeout = httpx2.Timeout(60, read=2)
            with Client(api_key=KEY, base_url=base_url, max_retries=0, timeout=timeout) as client:
                for _ in client.chat.completions.create(messages=HELLO, stream=True):
                    pass
        elif case == "unread_streams":
            with Client(api_key=KEY, base_url=base_url, max_retries=0) as client:
                for _ in range(1000):
                    client.chat.completions.create(messages=HELLO, stream=True)  # dropped unread
                client.chat.completions.create(messages=HELLO, stream=True).close()
                pool = client._http._transport._pool  # type: ignore[attr-defined]
                extra["busy_connections"] = sum(
                    not c.is_idle() and not c.is_closed() for c in pool.connections
                )
                extra["open_fds"] = len(os.listdir("/proc/self/fd"))
        elif case == "cancellations":

            async def main() -> int:
                async with AsyncClient(api_key=KEY, base_url=base_url, max_retries=0) as client:
                    gate = asyncio.Semaphore(50)

                    async def one(i: int) -> None:
                        async with gate:
                            with contextlib.suppress(TimeoutError, APIError):
                                await asyncio.wait_for(
                                    client.chat.completions.create(messages=HELLO), (i % 25) * 0.01
                                )

                    await asyncio.gather(*(one(i) for i in range(200)))
                    pool = client._http._transport._pool  # type: ignore[attr-defined]
                    return sum(not c.is_idle() and not c.is_closed() for c in pool.connections)

            extra["busy_connections"] = asyncio.run(main())
    except BaseException as exc:
        error = exc
    return {
        "case": case,
        "seconds": round(time.monotonic() - started, 2),
        "rss_growth_mib": round(peak_mib() - before, 1),
        "error": f"{type(error).__name__}: {str(error)[:160]}" if error else None,
        **extra,
    }


def run_child(case: str, script: Any) -> dict[str, Any]:
    with HostileServer(script) as server:
        out = subprocess.run(
            [sys.executable, __file__, "--child", case, server.base_url],
            capture_output=True,
            text=True,
            check=True,
        )
        result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
        result["server_open_connections_after"] = server.open_connections
    return result


# --------------------------------------------------------------------------- the local server cases


def server_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def local_server_cases() -> list[dict[str, Any]]:
    env = dict(os.environ, AIML_CHAT_SERVER_KEY=KEY)
    process = subprocess.Popen(
        [sys.executable, "-m", "aiml_chat.testing", "--port", "0"], env=env, stdout=subprocess.PIPE, text=True
    )
    results = []
    try:
        assert process.stdout is not None
        base = process.stdout.readline().strip()
        port = int(base.rsplit(":", 1)[1])
        head = (
            "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + KEY
            + "\r\nContent-Type: application/json\r\nContent-Length: 2000000000\r\n\r\n"
        ).encode()
        before = server_rss_mib(process.pid)
        socks = []
        statuses = []
        for _ in range(3):
            s = socket.create_connection(("127.0.0.1", port), timeout=30)
            s.sendall(head + b"{" * 65536)
            statuses.append(s.recv(12).decode())
            socks.append(s)
        from aiml_chat import Client

        started = time.monotonic()
        with Client(api_key=KEY, base_url=base) as client:
            client.chat.completions.create(messages=HELLO)
        other = time.monotonic() - started
        results.append(
            {
                "case": "local server: 3 requests declaring 2 GB",
                "statuses": statuses,
                "server_rss_growth_mib": round(server_rss_mib(process.pid) - before, 1),
                "other_client_seconds": round(other, 3),
            }
        )
        for s in socks:
            s.close()

        # 500 slowloris clients: half silent, half sending a header byte every second.
        clients = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(500)]
        started = time.monotonic()
        stop = threading.Event()

        def trickle() -> None:
            while not stop.is_set():
                for s in clients[::2]:
                    with contextlib.suppress(OSError):
                        s.send(b"X")
                stop.wait(1)

        threading.Thread(target=trickle, daemon=True).start()
        open_counts = {}
        for checkpoint in (5, 12, 40):
            time.sleep(max(0.0, checkpoint - (time.monotonic() - started)))
            alive = 0
            for s in clients:
                s.setblocking(False)
                try:
                    alive += s.recv(1) != b""
                except BlockingIOError:
                    alive += 1
                except OSError:
                    pass
            open_counts[f"after_{checkpoint}s"] = alive
        stop.set()
        results.append({"case": "local server: 500 slowloris clients still connected", **open_counts})
        for s in clients:
            s.close()
    finally:
        process.terminate()
        process.wait(30)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--child", nargs=2)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return
    global BOMB
    BOMB = gzip_bomb()
    print(json.dumps({"gzip_bomb_bytes": len(BOMB)}))
    for case, script in [
        ("gzip_bomb", serve_bomb),
        ("endless_line", serve_endless_line),
        ("trickle", serve_trickle),
        ("keepalive", serve_keepalive),
        ("unread_streams", serve_held_stream),
        ("cancellations", serve_slow),
    ]:
        print(json.dumps(run_child(case, script)), flush=True)
    for result in local_server_cases():
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
