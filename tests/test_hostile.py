"""Hostile servers and careless callers (issue 15), against the byte-level server in hostile_server.py.

Each test scripts what the server sends; none of them could be written against uvicorn, which
refuses to send gzip bombs, trickled headers or keys in escaped spellings.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import gzip
import json
import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

import httpx2
import pytest
from hostile_server import Conn, HostileServer, chunk_event, completion, sse_head

from aiml_chat import (
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AsyncClient,
    AuthenticationError,
    Client,
    RateLimitError,
    ValidationError,
)
from aiml_chat._cli import main as cli_main

KEY = "sk-hostile/9f+Qz7Lm"  # a `/` and a `+`: the characters servers escape
HELLO = [{"role": "user", "content": "Hello"}]
KINDS = pytest.mark.parametrize("kind", ["sync", "async"])


def call(kind: str, base_url: str, fn: Callable[[Any], Any], **client_kwargs: Any) -> Any:
    """`fn(client)` with a Client, or with an AsyncClient in an event loop (streams read whole)."""
    client_kwargs.setdefault("api_key", KEY)
    client_kwargs.setdefault("max_retries", 0)
    if kind == "sync":
        with Client(base_url=base_url, **client_kwargs) as client:
            result = fn(client)
            return list(result) if hasattr(result, "__next__") else result

    async def main() -> Any:
        async with AsyncClient(base_url=base_url, **client_kwargs) as client:
            result = fn(client)
            if asyncio.iscoroutine(result):
                result = await result
            if hasattr(result, "__anext__"):
                return [item async for item in result]
            return result

    return asyncio.run(main())


def create(**kwargs: Any) -> Callable[[Any], Any]:
    kwargs.setdefault("messages", HELLO)
    return lambda client: client.chat.completions.create(**kwargs)


def read_stream(**kwargs: Any) -> Callable[[Any], Any]:
    """Create a stream and read it whole (a list of chunks)."""

    def fn(client: Any) -> Any:
        result = client.chat.completions.create(messages=HELLO, stream=True, **kwargs)
        if isinstance(client, Client):
            return list(result)

        async def read() -> Any:
            return [chunk async for chunk in await result]

        return read()

    return fn


def answer(body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> Any:
    async def script(conn: Conn) -> None:
        while await conn.read_request() is not None:
            await conn.respond(body, status, headers)

    return script


def spellings(secret: str) -> list[str]:
    """The key as servers echo it: raw, PHP's `\\/`, .NET's `\\u002b`, and JSON in JSON."""
    php = secret.replace("/", "\\/")
    dotnet = secret.replace("+", "\\u002B")
    return [secret, php, dotnet, json.dumps(json.dumps(secret))[1:-1]]


def shows_key(text: str) -> bool:
    return any(form in text for form in spellings(KEY)) or "9f+Qz7Lm" in text or "9f\\u002B" in text


def everything_shown(error: BaseException) -> str:
    parts = [str(error), repr(error), "".join(traceback.format_exception(error))]
    for name in ("message", "body", "headers", "response"):
        value = getattr(error, name, None)
        parts += [str(value), repr(value)]
    for headers in (
        getattr(error, "headers", None),
        getattr(getattr(error, "response", None), "headers", None),
    ):
        if headers is not None:
            parts += [f"{k}: {v}" for k, v in headers.multi_items()]
    response = getattr(error, "response", None)
    if response is not None and hasattr(response, "_content"):
        parts.append(response.text)
    return "\n".join(parts)


# --------------------------------------------------------------------------- 1. redaction


ECHO_BODY = (
    '{"error": {"message": "invalid key \\"'
    + KEY.replace("/", "\\/")
    + '\\" (also '
    + KEY.replace("+", "\\u002b")
    + ')", "type": "auth", "key": "'
    + KEY.replace("+", "\\u002B")
    + '"}}'
).encode()


@KINDS
def test_a_key_echoed_escaped_is_redacted_in_every_error_attribute(kind: str) -> None:
    headers = {"content-type": "application/json", "x-echo": KEY}
    with (
        HostileServer(answer(ECHO_BODY, 401, headers)) as server,
        pytest.raises(AuthenticationError) as caught,
    ):
        call(kind, server.base_url, create())
    shown = everything_shown(caught.value)
    assert not shows_key(shown)
    assert "invalid key" in caught.value.message
    assert "[redacted]" in caught.value.message
    assert caught.value.body["error"]["key"] == "[redacted]"


@KINDS
def test_a_key_in_a_non_completion_body_is_redacted(kind: str) -> None:
    body = json.dumps({"echo": KEY, "escaped": KEY.replace("/", "\\/")}).encode()
    with HostileServer(answer(body)) as server, pytest.raises(APIResponseValidationError) as caught:
        call(kind, server.base_url, create())
    assert not shows_key(everything_shown(caught.value))


@KINDS
def test_a_key_in_a_mid_stream_error_is_redacted(kind: str) -> None:
    async def script(conn: Conn) -> None:
        await conn.read_request()
        error = {"error": {"message": f"bad key {KEY}", "key": KEY, "code": 401}}
        await conn.send(sse_head() + chunk_event("Hel") + b"data: " + json.dumps(error).encode() + b"\n\n")

    with HostileServer(script) as server, pytest.raises(AuthenticationError) as caught:
        call(kind, server.base_url, read_stream())
    assert not shows_key(everything_shown(caught.value))
    assert caught.value.body["error"]["key"] == "[redacted]"


@KINDS
def test_debug_logs_of_httpx_and_httpcore_never_show_the_key(
    kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    body = json.dumps(completion()).encode()
    with (
        HostileServer(answer(body, headers={"content-type": "application/json", "x-echo": KEY})) as server,
        caplog.at_level(logging.DEBUG),
    ):
        call(kind, server.base_url, create())
    messages = [record.getMessage() for record in caplog.records]
    assert any("x-echo" in m for m in messages), "httpcore2 logged the response headers"
    assert not any(shows_key(m) for m in messages)


@pytest.mark.parametrize("bad", ["sk-caf\u00e9-key", "sk-key\r\nX-Evil: 1", "sk key", "sk-\x00"])
def test_a_key_that_cannot_be_sent_is_refused_without_showing_it(bad: str) -> None:
    for cls in (Client, AsyncClient):
        with pytest.raises(ValidationError) as caught:
            cls(api_key=bad, base_url="http://127.0.0.1:9")
        assert caught.value.field == "api_key"
        assert bad not in str(caught.value)
        assert bad not in repr(caught.value)
        assert "position" in str(caught.value)


def test_batch_output_lines_never_show_the_key(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIML_HOSTILE_KEY", KEY)
    requests = tmp_path / "in.jsonl"
    requests.write_text(
        "".join(json.dumps({"custom_id": f"r{i}", "body": {"messages": HELLO}}) + "\n" for i in range(3))
    )
    out = tmp_path / "out.jsonl"
    with HostileServer(answer(ECHO_BODY, 400)) as server:
        status = cli_main(
            [
                "batch",
                str(requests),
                "-o",
                str(out),
                "--base-url",
                server.base_url,
                "--api-key-env",
                "AIML_HOSTILE_KEY",
                "--progress",
                "none",
                "--max-retries",
                "0",
            ]
        )
    assert status == 1
    lines = out.read_text().splitlines()
    assert len(lines) == 3
    assert all("BadRequestError" in line for line in lines)
    assert not any(shows_key(line) or shows_key(json.loads(line)["error"]["message"]) for line in lines)


# --------------------------------------------------------------------------- 2. bounded responses

LIMIT = 1024 * 1024


@KINDS
def test_a_gzip_bomb_is_refused_at_the_limit(kind: str) -> None:
    bomb = gzip.compress(b"[" + b" " * (64 * LIMIT) + b"]", 9)  # 64 MiB inflated from ~64 KiB
    headers = {"content-type": "application/json", "content-encoding": "gzip"}
    with (
        HostileServer(answer(bomb, headers=headers)) as server,
        pytest.raises(APIResponseValidationError) as caught,
    ):
        call(kind, server.base_url, create(), max_response_bytes=LIMIT)
    assert f"max_response_bytes={LIMIT}" in str(caught.value)


@KINDS
def test_a_body_declared_larger_than_the_limit_is_refused_before_reading(kind: str) -> None:
    async def script(conn: Conn) -> None:
        await conn.read_request()
        await conn.send(
            b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 1073741824\r\n\r\n{"
        )
        await conn.wait_closed_by_client()

    with HostileServer(script) as server, pytest.raises(APIResponseValidationError) as caught:
        call(kind, server.base_url, create(), max_response_bytes=LIMIT)
    assert "declares 1073741824 bytes" in str(caught.value)


@KINDS
def test_an_endless_sse_line_is_refused_at_the_limit(kind: str) -> None:
    async def script(conn: Conn) -> None:
        await conn.read_request()
        await conn.send(sse_head() + b"data: ")
        for _ in range(64):  # 4 MiB without a newline, 4x the limit
            await conn.send(b"x" * 65536)
        await conn.wait_closed_by_client()

    with HostileServer(script) as server, pytest.raises(APIResponseValidationError) as caught:
        call(kind, server.base_url, read_stream(), max_response_bytes=LIMIT)
    assert f"max_response_bytes={LIMIT}" in str(caught.value)


@KINDS
def test_an_event_of_many_data_lines_is_refused_at_the_limit(kind: str) -> None:
    async def script(conn: Conn) -> None:
        await conn.read_request()
        await conn.send(sse_head())
        for _ in range(64):
            await conn.send(b"data: " + b"y" * 65530 + b"\n")  # lines end, the event never does
        await conn.wait_closed_by_client()

    with HostileServer(script) as server, pytest.raises(APIResponseValidationError) as caught:
        call(kind, server.base_url, read_stream(), max_response_bytes=LIMIT)
    assert f"max_response_bytes={LIMIT}" in str(caught.value)


def test_max_response_bytes_is_checked() -> None:
    with pytest.raises(ValidationError, match="max_response_bytes"):
        Client(api_key=KEY, max_response_bytes=0)


# --------------------------------------------------------------------------- 3. a real deadline


async def _trickle(conn: Conn, data: bytes, pause: float) -> None:
    for i in range(len(data)):
        await conn.send(data[i : i + 1])
        await asyncio.sleep(pause)  # the hostile behaviour itself: one byte, then a pause


@KINDS
def test_a_number_timeout_bounds_a_body_trickled_byte_by_byte(kind: str) -> None:
    body = json.dumps(completion("x" * 200)).encode()

    async def script(conn: Conn) -> None:
        await conn.read_request()
        head = f"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {len(body)}\r\n\r\n"
        await conn.send(head.encode())
        await _trickle(conn, body, 0.05)  # ~15 s in all, each byte well within the read timeout

    with HostileServer(script) as server, pytest.raises(APITimeoutError) as caught:
        call(kind, server.base_url, create(), timeout=1)
    assert "timeout of 1 s" in str(caught.value)


@KINDS
def test_a_number_timeout_bounds_headers_trickled_byte_by_byte(kind: str) -> None:
    async def script(conn: Conn) -> None:
        await conn.read_request()
        await _trickle(conn, b"HTTP/1.1 200 OK\r\n" + b"x-pad: " + b"a" * 300 + b"\r\n\r\n{}", 0.05)

    with HostileServer(script) as server, pytest.raises(APITimeoutError):
        call(kind, server.base_url, create(), timeout=1)


@KINDS
def test_a_stream_of_keepalive_comments_times_out(kind: str) -> None:
    async def script(conn: Conn) -> None:
        await conn.read_request()
        await conn.send(sse_head() + chunk_event("Hel"))
        for _ in range(300):  # 15 s of comments, one every 50 ms: no event after the first
            await conn.send(b": keep-alive\n\n")
            await asyncio.sleep(0.05)

    timeout = httpx2.Timeout(10, read=1)
    with HostileServer(script) as server, pytest.raises(APITimeoutError) as caught:
        call(kind, server.base_url, read_stream(), timeout=timeout)
    assert "no stream event within the read timeout of 1 s" in str(caught.value)


# --------------------------------------------------------------------------- 4. no stuck connections


async def _hold_stream(conn: Conn) -> None:
    """Answer every request with the start of a stream that never goes on."""
    while await conn.read_request() is not None:
        await conn.send(
            b"HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ntransfer-encoding: chunked\r\n\r\n"
        )
        await conn.wait_closed_by_client()
        return


def test_streams_dropped_unread_release_their_connections() -> None:
    http = httpx2.Client(limits=httpx2.Limits(max_connections=3))
    with (
        HostileServer(_hold_stream) as server,
        Client(
            api_key=KEY,
            base_url=server.base_url,
            http_client=http,
            max_retries=0,
            timeout=httpx2.Timeout(5, pool=2),
        ) as client,
    ):
        for _ in range(10):  # 10 streams through a pool of 3, none read, none closed
            client.chat.completions.create(messages=HELLO, stream=True)
            gc.collect()
        busy = [c for c in http._transport._pool.connections if not c.is_idle() and not c.is_closed()]  # type: ignore[attr-defined]
        assert len(busy) <= 1  # only the last stream's, released at the next call
    http.close()


def test_a_full_pool_says_how_many_connections_unclosed_streams_hold() -> None:
    http = httpx2.Client(limits=httpx2.Limits(max_connections=3))
    with (
        HostileServer(_hold_stream) as server,
        Client(
            api_key=KEY,
            base_url=server.base_url,
            http_client=http,
            max_retries=2,
            timeout=httpx2.Timeout(5, pool=0.5),
        ) as client,
    ):
        held = [client.chat.completions.create(messages=HELLO, stream=True) for _ in range(3)]
        with pytest.raises(APITimeoutError) as caught:
            client.chat.completions.create(messages=HELLO, stream=True)
        assert "3 connection(s) are held by streams" in str(caught.value)
        assert server.accepted == 3  # not retried: waiting again would not free a stream's connection
        for stream in held:
            stream.close()
    http.close()


def test_async_streams_dropped_unread_release_their_connections() -> None:
    async def main() -> int:
        http = httpx2.AsyncClient(limits=httpx2.Limits(max_connections=3))
        async with AsyncClient(
            api_key=KEY,
            base_url=server.base_url,
            http_client=http,
            max_retries=0,
            timeout=httpx2.Timeout(5, pool=2),
        ) as client:
            for _ in range(10):
                await client.chat.completions.create(messages=HELLO, stream=True)
                gc.collect()
            busy = [c for c in http._transport._pool.connections if not c.is_idle() and not c.is_closed()]  # type: ignore[attr-defined]
        await http.aclose()
        return len(busy)

    with HostileServer(_hold_stream) as server:
        assert asyncio.run(main()) <= 1


def test_cancelled_calls_leave_no_connection_behind() -> None:
    """httpcore issue 1093: cancelling while connections open left them in state NEW forever."""

    async def slow(conn: Conn) -> None:
        while await conn.read_request() is not None:
            await asyncio.sleep(0.2)
            await conn.respond(json.dumps(completion()).encode())

    async def main() -> list[Any]:
        async with AsyncClient(api_key=KEY, base_url=server.base_url, max_retries=0) as client:
            gate = asyncio.Semaphore(50)

            async def one(i: int) -> None:
                async with gate:
                    # deadlines spread from "before connecting" to "after the answer"
                    with contextlib.suppress(TimeoutError, APIError):
                        await asyncio.wait_for(
                            client.chat.completions.create(messages=HELLO), (i % 25) * 0.01
                        )

            await asyncio.gather(*(one(i) for i in range(200)))
            pool = client._http._transport._pool  # type: ignore[attr-defined]
            return [c for c in pool.connections if not c.is_idle() and not c.is_closed()]

    with HostileServer(slow) as server:
        assert asyncio.run(main()) == []


@KINDS
def test_a_keep_alive_connection_the_server_closed_is_not_reused(kind: str) -> None:
    """The pool asks an idle connection whether it is readable before reusing it (the async
    transport answers that itself, _deadline._AsyncBoundedStream): one the server closed is
    dropped, so the next call opens a new one and succeeds with no retry to hide a reuse."""
    closed = threading.Event()

    async def answer_once_then_close(conn: Conn) -> None:
        await conn.read_request()
        await conn.respond(json.dumps(completion("one")).encode())
        conn.writer.close()
        await conn.writer.wait_closed()
        closed.set()

    def two_calls(client: Any) -> Any:
        if kind == "sync":
            first = client.chat.completions.create(messages=HELLO)
            assert closed.wait(10)
            return [first, client.chat.completions.create(messages=HELLO)]

        async def both() -> list[Any]:
            first = await client.chat.completions.create(messages=HELLO)
            assert await asyncio.to_thread(closed.wait, 10)
            return [first, await client.chat.completions.create(messages=HELLO)]

        return both()

    with HostileServer(answer_once_then_close) as server:
        answers = call(kind, server.base_url, two_calls)
        assert [a.choices[0].message.content for a in answers] == ["one", "one"]
        assert server.accepted == 2


@KINDS
def test_a_keep_alive_connection_the_server_keeps_is_reused(kind: str) -> None:
    """The other half of the probe above: an open idle connection counts as not readable and
    serves the next call (a probe that always said "readable" would open one per call)."""

    async def answer_every_request(conn: Conn) -> None:
        while await conn.read_request() is not None:
            await conn.respond(json.dumps(completion("one")).encode())

    def three_calls(client: Any) -> Any:
        if kind == "sync":
            return [client.chat.completions.create(messages=HELLO) for _ in range(3)]

        async def each() -> list[Any]:
            return [await client.chat.completions.create(messages=HELLO) for _ in range(3)]

        return each()

    with HostileServer(answer_every_request) as server:
        answers = call(kind, server.base_url, three_calls)
        assert [a.choices[0].message.content for a in answers] == ["one"] * 3
        assert server.accepted == 1


@KINDS
def test_the_client_timeout_applies_to_a_given_http_client(kind: str) -> None:
    async def script(conn: Conn) -> None:
        await conn.read_request()
        await asyncio.sleep(1)  # slower than the http client's own 0.2 s, within the client's 5 s
        await conn.respond(json.dumps(completion("late")).encode())

    http: Any = httpx2.Client(timeout=0.2) if kind == "sync" else httpx2.AsyncClient(timeout=0.2)
    with HostileServer(script) as server:
        result = call(kind, server.base_url, create(), http_client=http, timeout=httpx2.Timeout(5))
    assert result.choices[0].message.content == "late"


# --------------------------------------------------------------------------- 5. every error typed


@KINDS
def test_a_broken_gzip_body_is_an_api_error_with_its_cause(kind: str) -> None:
    headers = {"content-type": "application/json", "content-encoding": "gzip"}
    body = b"\x1f\x8b\x08\x00not gzip at all"
    with (
        HostileServer(answer(body, headers=headers)) as server,
        pytest.raises(APIResponseValidationError) as caught,
    ):
        call(kind, server.base_url, create())
    assert isinstance(caught.value.__cause__, httpx2.DecodingError)


@KINDS
@pytest.mark.parametrize(
    "choices", [[1], ["text"], [{"index": 0, "delta": 5}], [{"index": 0, "delta": {"tool_calls": [7]}}], 3]
)
def test_malformed_chunk_shapes_are_api_errors(kind: str, choices: Any) -> None:
    async def script(conn: Conn) -> None:
        await conn.read_request()
        chunk = {"id": "x", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": choices}
        await conn.send(sse_head() + b"data: " + json.dumps(chunk).encode() + b"\n\n")

    with HostileServer(script) as server, pytest.raises(APIResponseValidationError) as caught:
        call(kind, server.base_url, read_stream())
    assert caught.value.__cause__ is not None


@KINDS
def test_deeply_nested_json_is_an_api_error(kind: str) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    with (
        HostileServer(answer(deep)) as server,
        pytest.raises(APIResponseValidationError, match="nested too deeply"),
    ):
        call(kind, server.base_url, create())

    async def script(conn: Conn) -> None:
        await conn.read_request()
        await conn.send(sse_head() + b"data: " + deep + b"\n\n")

    with (
        HostileServer(script) as server,
        pytest.raises(APIResponseValidationError, match="nested too deeply"),
    ):
        call(kind, server.base_url, read_stream())


@KINDS
def test_a_stream_answered_with_a_json_completion_is_a_one_chunk_stream(kind: str) -> None:
    with HostileServer(answer(json.dumps(completion("Hello there")).encode())) as server:
        chunks = call(kind, server.base_url, read_stream())
    assert len(chunks) == 1
    assert chunks[0].choices[0].delta.content == "Hello there"
    assert chunks[0].choices[0].finish_reason == "stop"


@KINDS
def test_a_json_answer_to_a_stream_keeps_its_other_fields(kind: str) -> None:
    extras = {"system_fingerprint": "fp_9", "service_tier": "default", "provider": "Mock"}
    body = json.dumps({**completion("Hi"), **extras}).encode()
    with HostileServer(answer(body)) as server:
        [chunk] = call(kind, server.base_url, read_stream())
    wire = chunk.to_dict()
    assert {key: wire[key] for key in extras} == extras


@KINDS
def test_a_stream_answered_with_a_json_error_raises_it_typed(kind: str) -> None:
    body = json.dumps({"error": {"message": "Quota exceeded for the key", "code": 429}}).encode()
    with HostileServer(answer(body)) as server, pytest.raises(RateLimitError, match="Quota exceeded"):
        call(kind, server.base_url, read_stream())


@KINDS
def test_a_200_carrying_an_error_raises_the_providers_message(kind: str) -> None:
    body = json.dumps({"error": {"message": "Provider returned error", "code": 502, "metadata": {}}}).encode()
    with HostileServer(answer(body)) as server, pytest.raises(APIStatusError) as caught:
        call(kind, server.base_url, create())
    assert "Provider returned error" in str(caught.value)
    assert caught.value.status_code == 502


# --------------------------------------------------------------------------- 6. strict JSON out


def _nothing_sent(**kwargs: Any) -> ValidationError:
    """The ValidationError create(**kwargs) raises, checking that not a byte reached the server."""
    with HostileServer(answer(b"{}")) as server:
        with (
            Client(api_key=KEY, base_url=server.base_url) as client,
            pytest.raises(ValidationError) as caught,
        ):
            client.chat.completions.create(**{"messages": HELLO, **kwargs})
        assert server.accepted == 0
    return caught.value


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"temperature": float("nan")}, "temperature"),
        ({"temperature": float("inf"), "strict": False}, "temperature"),
        ({"extra_body": {"x": {"y": [1, float("-inf")]}}}, "x.y[1]"),
        (
            {
                "tools": [
                    {"type": "function", "function": {"name": "f", "parameters": {"maximum": float("nan")}}}
                ]
            },
            "tools[0].function.parameters.maximum",
        ),
    ],
)
def test_nan_and_infinity_are_refused_before_io(kwargs: dict[str, Any], field: str) -> None:
    error = _nothing_sent(**kwargs)
    assert error.field == field
    assert "finite" in str(error)


@pytest.mark.parametrize("name", ["X Bad", "X-Bad\r\nX-Evil", "X:Colon", "", "X-Caf\u00e9"])
def test_bad_header_names_are_refused_before_io(name: str) -> None:
    assert "not a valid header name" in str(_nothing_sent(extra_headers={name: "v"}))


def test_non_ascii_header_values_are_refused_before_io() -> None:
    error = _nothing_sent(extra_headers={"X-Note": "caf\u00e9"})
    assert error.field == "X-Note"
    assert "not ASCII" in str(error)


def test_a_lone_surrogate_is_named_with_its_field() -> None:
    error = _nothing_sent(messages=[{"role": "user", "content": "bad \udc80 text"}])
    assert error.field == "messages[0].content"
    assert "surrogate" in str(error)


def test_runaway_nesting_is_refused_with_a_clear_error() -> None:
    deep: Any = {}
    node = deep
    for _ in range(100_000):
        node["a"] = {}
        node = node["a"]
    error = _nothing_sent(tools=[{"type": "function", "function": {"name": "f", "parameters": deep}}])
    assert "nested more than" in str(error)
    assert (error.field or "").startswith("tools[0].function.parameters.a.a")


# --------------------------------------------------------------------------- 8. careless callers


@KINDS
def test_messages_may_be_any_iterable(kind: str) -> None:
    with HostileServer(answer(json.dumps(completion()).encode())) as server:
        messages = ({"role": "user", "content": text} for text in ("Hello", "again"))
        call(kind, server.base_url, create(messages=messages))
        [request] = server.requests
    assert [m["content"] for m in request.json()["messages"]] == ["Hello", "again"]


@pytest.mark.parametrize("suffix", ["/v1", "/v1/", "/proxy/v1"])
def test_a_base_url_ending_in_v1_names_the_same_server(suffix: str) -> None:
    with HostileServer(answer(json.dumps(completion()).encode())) as server:
        call("sync", server.base_url + suffix, create())
        [request] = server.requests
    assert request.path == suffix.removesuffix("/").removesuffix("/v1") + "/v1/chat/completions"


def test_a_nul_in_the_base_url_is_a_validation_error() -> None:
    with pytest.raises(ValidationError, match="base_url"):
        Client(api_key=KEY, base_url="http://127.0.0.1:9/a\x00b")


def test_the_cli_refuses_a_key_it_cannot_send_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = "sk-caf\u00e9-secret"
    monkeypatch.setenv("AIML_HOSTILE_KEY", bad)
    status = cli_main(["chat", "--api-key-env", "AIML_HOSTILE_KEY", "--base-url", "http://127.0.0.1:9", "hi"])
    err = capsys.readouterr().err
    assert status == 2
    assert "api_key" in err
    assert "Traceback" not in err
    assert bad not in err


def test_cli_chat_timeout_is_a_deadline(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    body = json.dumps(completion("x" * 200)).encode()

    async def script(conn: Conn) -> None:
        await conn.read_request()
        await conn.send(f"HTTP/1.1 200 OK\r\ncontent-length: {len(body)}\r\n\r\n".encode())
        await _trickle(conn, body, 0.05)

    monkeypatch.setenv("AIML_HOSTILE_KEY", KEY)
    with HostileServer(script) as server:
        status = cli_main(
            [
                "chat",
                "--api-key-env",
                "AIML_HOSTILE_KEY",
                "--base-url",
                server.base_url,
                "--timeout",
                "1",
                "--max-retries",
                "0",
                "hi",
            ]
        )
    assert status == 1
    assert "timeout of 1 s" in capsys.readouterr().err
