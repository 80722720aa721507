"""The local server against hostile clients (issue 15, point 9): raw sockets on 127.0.0.1.

It runs in users' CI, so a client that declares a huge body, says nothing, trickles its headers
or stalls in its body must cost it nothing lasting.
"""

from __future__ import annotations

import contextlib
import os
import select
import socket
import subprocess
import sys
from collections.abc import Iterator

import pytest

from aiml_chat import AuthenticationError, BadRequestError, Client
from aiml_chat.testing import LocalServer

KEY = "sk-server-hostile"
GUARD = 20.0  # a bound for a socket wait, so a regression fails instead of hanging the suite


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(
        api_key=KEY, max_body_bytes=1024 * 1024, header_timeout=0.5, idle_timeout=0.5
    ) as running:
        yield running


def connect(server: LocalServer) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port), timeout=GUARD)
    return sock


def read_all(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection."""
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    return data


def head(length: int | None, extra: str = "") -> bytes:
    lines = [
        "POST /v1/chat/completions HTTP/1.1",
        "Host: 127.0.0.1",
        f"Authorization: Bearer {KEY}",
        "Content-Type: application/json",
    ]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n" + extra + "\r\n").encode()


def test_a_body_declared_too_large_gets_413_before_it_is_sent(server: LocalServer) -> None:
    with connect(server) as sock:
        sock.sendall(head(2_000_000_000))  # and not a byte of the body
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"declares 2000000000 bytes" in answer
    assert b"at most 1048576" in answer


def test_a_chunked_body_past_the_limit_gets_413(server: LocalServer) -> None:
    server.reset()
    piece = b"x" * 65536
    with connect(server) as sock:
        sock.sendall(head(None, "Transfer-Encoding: chunked\r\n"))
        with contextlib.suppress(OSError):  # the server may answer and close while we still send
            for _ in range(32):  # 2 MiB, twice the limit
                sock.sendall(b"%x\r\n" % len(piece) + piece + b"\r\n")
        # The 413 may be lost to the reset that closing on unread data causes: the record has it.
        with contextlib.suppress(ConnectionResetError):
            read_all(sock)
    assert server.wait_for(lambda records: any(r.status == 413 for r in records))


def test_a_client_that_says_nothing_is_dropped(server: LocalServer) -> None:
    with connect(server) as sock:
        assert read_all(sock) == b""  # closed by the server (a hang would raise socket.timeout)


def test_a_client_trickling_its_headers_is_dropped(server: LocalServer) -> None:
    request = head(2) + b"{}"
    closed = False
    with connect(server) as sock:
        for i in range(400):  # 400 bytes, one every 50 ms: 20 s if the server waited for all of them
            try:
                sock.send(request[i % 60 : i % 60 + 1] if i < 60 else b"x")
            except OSError:
                closed = True
                break
            readable, _, _ = select.select([sock], [], [], 0.05)  # the pace of the trickle
            if readable and sock.recv(65536) == b"":
                closed = True
                break
    assert closed


def test_a_client_stalling_in_its_body_is_dropped(server: LocalServer) -> None:
    with connect(server) as sock:
        sock.sendall(head(100) + b'{"model": ')  # 10 of 100 bytes, then silence
        assert read_all(sock) == b""


def test_ordinary_requests_on_a_kept_alive_connection_still_work(server: LocalServer) -> None:
    with Client(api_key=KEY, base_url=server.base_url) as client:
        for _ in range(3):
            client.chat.completions.create(messages=[{"role": "user", "content": "Hi"}])


@pytest.mark.parametrize(
    ("spec", "name"),
    [("status=503;retry_after_date=1000000000000", "retry_after_date"), ("delay=1e9", "delay")],
)
def test_fault_values_out_of_range_are_a_400_naming_the_fault(
    server: LocalServer, spec: str, name: str
) -> None:
    with (
        Client(api_key=KEY, base_url=server.base_url, max_retries=0) as client,
        pytest.raises(BadRequestError) as caught,
    ):
        client.chat.completions.create(
            messages=[{"role": "user", "content": "Hi"}], extra_headers={"X-Mock-Fault": spec}
        )
    assert f"X-Mock-Fault: {name}=" in str(caught.value)
    assert "must be at most" in str(caught.value)


def test_the_server_command_reads_aimlapi_api_key_like_the_client(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AIML_CHAT_SERVER_KEY", raising=False)
    monkeypatch.delenv("AIML_API_KEY", raising=False)
    monkeypatch.setenv("AIMLAPI_API_KEY", "sk-from-the-environment")
    env = dict(os.environ)
    process = subprocess.Popen(
        [sys.executable, "-m", "aiml_chat.testing", "--port", "0"],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        base_url = process.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        with Client(base_url=base_url) as client:  # the key from the same variable
            client.chat.completions.create(messages=[{"role": "user", "content": "Hi"}])
        with (
            Client(api_key="sk-other", base_url=base_url, max_retries=0) as client,
            pytest.raises(AuthenticationError),
        ):
            client.chat.completions.create(messages=[{"role": "user", "content": "Hi"}])
    finally:
        process.terminate()
        process.wait(GUARD)
