"""Streaming over real HTTP: SSE rules, truncation, mid-stream errors, accumulation, release."""

from __future__ import annotations

import asyncio
import http.server
import json
import re
import threading
from collections.abc import Callable, Iterator
from typing import Any

import httpx2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiml_chat import (
    APIConnectionError,
    APIResponseValidationError,
    AsyncClient,
    AsyncStream,
    Client,
    InternalServerError,
    RateLimitError,
    Stream,
    user,
)
from aiml_chat._chunks import loads
from aiml_chat.testing import LocalServer

KEY = "sk-stream-test-key"
HELLO = [user("Tell me a story about streaming")]
TOOLS = [
    {
        "type": "function",
        "function": {"name": f, "parameters": {"type": "object", "properties": {"q": {"type": "string"}}}},
    }
    for f in ("lookup", "translate")
]


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(api_key=KEY) as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh(server: LocalServer) -> None:
    server.reset()


@pytest.fixture
def client(server: LocalServer) -> Iterator[Client]:
    with Client(api_key=KEY, base_url=server.base_url) as c:
        yield c


def headers(fault: str = "", chunks: int | None = None) -> dict[str, str]:
    out = {}
    if fault:
        out["X-Mock-Fault"] = fault
    if chunks is not None:
        out["X-Mock-Chunks"] = str(chunks)
    return out


def collect(client: Client, **kwargs: Any) -> tuple[list[Any], Stream]:
    stream = client.chat.completions.create(messages=HELLO, stream=True, **kwargs)
    return list(stream), stream


def test_stream_yields_typed_chunks_and_matches_the_plain_answer(client: Client) -> None:
    from aiml_api_client.models import ChatCompletionChunk

    plain = client.chat.completions.create(messages=HELLO)
    chunks, stream = collect(client, extra_headers=headers(chunks=12))
    assert isinstance(stream, Stream)
    assert all(isinstance(c, ChatCompletionChunk) for c in chunks)
    assert len(chunks) == 12 + 1  # 12 content pieces, then the finish chunk
    assert chunks[0].choices[0].delta.role == "assistant"
    assert all(not c.choices[0].delta.role for c in chunks[1:])
    assert [c.choices[0].finish_reason for c in chunks[:-1]] == [None] * 12
    assert chunks[-1].choices[0].finish_reason == "stop"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert text == plain.choices[0].message.content
    assert stream.response.is_closed


@pytest.mark.parametrize(
    "fault", ["eol=cr", "eol=crlf", "eol=lf", "bom=1", "keepalive=1", "bom=1;eol=cr;keepalive=1"]
)
def test_line_endings_bom_and_comments_decode_the_same(client: Client, fault: str) -> None:
    expected = "".join(
        client.chat.completions.create(messages=HELLO, stream=True, extra_headers=headers(chunks=9)).text()
    )
    got = "".join(
        client.chat.completions.create(
            messages=HELLO, stream=True, extra_headers=headers(fault, chunks=9)
        ).text()
    )
    assert got == expected
    assert got


def test_usage_chunk_with_empty_choices(client: Client) -> None:
    chunks, stream = collect(client, stream_options={"include_usage": True}, extra_headers=headers(chunks=5))
    assert chunks[-1].choices == []
    assert chunks[-1].usage.total_tokens > 0
    final = stream.get_final_completion()
    assert final.usage.total_tokens == chunks[-1].usage.total_tokens


def test_get_final_completion_rebuilds_two_parallel_tool_calls_split_across_20_chunks(client: Client) -> None:
    plain = client.chat.completions.create(messages=HELLO, tools=TOOLS, tool_choice="auto")
    assert len(plain.choices[0].message.tool_calls) == 2
    stream = client.chat.completions.create(
        messages=HELLO,
        tools=TOOLS,
        tool_choice="auto",
        stream=True,
        stream_options={"include_usage": True},
        extra_headers=headers(chunks=20),
    )
    chunks = list(stream)
    assert len([c for c in chunks if c.choices]) >= 20
    later = [tc for c in chunks[1:] if c.choices for tc in (c.choices[0].delta.tool_calls or []) if not tc.id]
    assert later, "later tool-call deltas carry only index and arguments"
    final = stream.get_final_completion()
    message = final.choices[0].message
    assert message.content is None
    # ids are per request; names and the concatenated arguments must match the plain answer
    assert [(t.function.name, t.function.arguments) for t in message.tool_calls] == [
        (t.function.name, t.function.arguments) for t in plain.choices[0].message.tool_calls
    ]
    first_ids = [tc.id for c in chunks if c.choices for tc in (c.choices[0].delta.tool_calls or []) if tc.id]
    assert [t.id for t in message.tool_calls] == first_ids
    assert len(set(first_ids)) == 2
    assert final.choices[0].finish_reason == "tool_calls"
    assert final.usage.to_dict() == plain.usage.to_dict()


def test_get_final_completion_without_iterating_first(client: Client) -> None:
    plain = client.chat.completions.create(messages=HELLO)
    stream = client.chat.completions.create(messages=HELLO, stream=True, extra_headers=headers(chunks=30))
    final = stream.get_final_completion()
    assert final.choices[0].message.content == plain.choices[0].message.content
    assert final.choices[0].finish_reason == "stop"
    # the same types as the JSON answer's message: the role a plain str, not the chunk's enum
    assert type(final.choices[0].message.role) is type(plain.choices[0].message.role) is str
    assert final.id == plain.id or final.id.startswith("gen-")


def test_dropped_stream_raises_after_yielding_what_arrived(client: Client, server: LocalServer) -> None:
    got = []
    stream = client.chat.completions.create(
        messages=HELLO, stream=True, extra_headers=headers("drop_after=4", chunks=10)
    )
    with pytest.raises(APIConnectionError):
        for chunk in stream:
            got.append(chunk)
    assert len(got) == 4
    assert len(server.requests) == 1  # never retried once the body started
    assert stream.response.is_closed


@pytest.mark.parametrize(
    ("fault", "error"), [("stream_error=3", InternalServerError), ("error_event=2", InternalServerError)]
)
def test_mid_stream_error_raises_after_the_chunks_before_it(client: Client, fault: str, error: type) -> None:
    got = []
    with pytest.raises(error) as caught:
        for chunk in client.chat.completions.create(
            messages=HELLO, stream=True, extra_headers=headers(fault, chunks=8)
        ):
            got.append(chunk)
    assert len(got) == int(fault.split("=")[1])
    assert "stream" in str(caught.value)
    assert caught.value.message


def test_error_status_raises_before_the_first_chunk_and_retries_first(
    client: Client, server: LocalServer
) -> None:
    stream = client.chat.completions.create(
        messages=HELLO, stream=True, extra_headers=headers("status=503;times=1;retry_after=0")
    )
    assert list(stream)
    assert [r.status for r in server.requests] == [503, 200]
    server.reset()
    with pytest.raises(RateLimitError):
        client.chat.completions.create(
            messages=HELLO, stream=True, max_retries=0, extra_headers=headers("status=429")
        )


def test_malformed_event_is_a_response_validation_error(client: Client) -> None:
    with pytest.raises(APIResponseValidationError):
        list(
            client.chat.completions.create(
                messages=HELLO, stream=True, extra_headers=headers("malformed=2", chunks=5)
            )
        )


def test_weird_chunks_never_raise(client: Client) -> None:
    chunks, stream = collect(client, extra_headers=headers("weird=1", chunks=6))
    assert chunks
    final = stream.get_final_completion()
    assert final.choices[0].finish_reason is not None


def test_text_yields_only_text(client: Client) -> None:
    pieces = list(
        client.chat.completions.create(messages=HELLO, stream=True, extra_headers=headers(chunks=7)).text()
    )
    assert all(isinstance(p, str) and p for p in pieces)
    assert "".join(pieces) == client.chat.completions.create(messages=HELLO).choices[0].message.content


def test_context_manager_and_close_release_the_connection(client: Client, server: LocalServer) -> None:
    with client.chat.completions.create(
        messages=HELLO, stream=True, extra_headers=headers("chunk_delay=0.01", chunks=500)
    ) as stream:
        next(iter(stream))
    assert stream.response.is_closed
    assert server.wait_for(lambda reqs: len(reqs) == 1 and reqs[0].client_disconnected)


def test_breaking_out_of_1000_streams_neither_hangs_nor_exhausts_the_pool(server: LocalServer) -> None:
    http = httpx2.Client(limits=httpx2.Limits(max_connections=10, max_keepalive_connections=10), timeout=10)
    with Client(api_key=KEY, base_url=server.base_url, http_client=http) as client:
        for _ in range(1000):
            for _chunk in client.chat.completions.create(
                messages=HELLO, stream=True, extra_headers=headers("chunk_delay=0.05", chunks=50)
            ):
                break
    http.close()
    assert server.wait_for(lambda reqs: sum(r.client_disconnected for r in reqs) == 1000, timeout=30)


def test_async_breaking_out_of_1000_streams(server: LocalServer) -> None:
    async def main() -> None:
        http = httpx2.AsyncClient(
            limits=httpx2.Limits(max_connections=10, max_keepalive_connections=10), timeout=10
        )
        async with AsyncClient(api_key=KEY, base_url=server.base_url, http_client=http) as client:
            for _ in range(1000):
                stream = await client.chat.completions.create(
                    messages=HELLO, stream=True, extra_headers=headers("chunk_delay=0.05", chunks=50)
                )
                async for _chunk in stream:
                    break
        await http.aclose()

    asyncio.run(main())
    assert server.wait_for(lambda reqs: sum(r.client_disconnected for r in reqs) == 1000, timeout=30)


def test_async_stream_accumulates_like_sync(server: LocalServer, client: Client) -> None:
    expected = client.chat.completions.create(
        messages=HELLO, tools=TOOLS, stream=True, extra_headers=headers(chunks=20)
    )
    expected_final = expected.get_final_completion()

    async def main() -> Any:
        async with AsyncClient(api_key=KEY, base_url=server.base_url) as aclient:
            stream = await aclient.chat.completions.create(
                messages=HELLO, tools=TOOLS, stream=True, extra_headers=headers(chunks=20)
            )
            assert isinstance(stream, AsyncStream)
            async with stream:
                chunks = [c async for c in stream]
            return chunks, await stream.get_final_completion()

    chunks, final = asyncio.run(main())
    assert len(chunks) >= 20

    def strip_ids(completion: Any) -> Any:
        data = completion.to_dict()["choices"]
        for choice in data:
            for call in choice["message"].get("tool_calls") or []:
                call.pop("id")
        return data

    assert strip_ids(final) == strip_ids(expected_final)


def test_async_dropped_stream_raises(server: LocalServer) -> None:
    async def main() -> int:
        got = 0
        async with AsyncClient(api_key=KEY, base_url=server.base_url) as aclient:
            stream = await aclient.chat.completions.create(
                messages=HELLO, stream=True, extra_headers=headers("drop_after=3", chunks=10)
            )
            with pytest.raises(APIConnectionError):
                async for _ in stream:
                    got += 1
        return got

    assert asyncio.run(main()) == 3


# --- SSE rules the local server does not produce, over a raw HTTP server --------------------------

CHUNK = (
    b'{"id":"gen-1","object":"chat.completion.chunk","created":1,"model":"m",'
    b'"choices":[{"index":0,"delta":{"content":"%s"},"finish_reason":%s}]}'
)


class _RawHandler(http.server.BaseHTTPRequestHandler):
    """Answers every POST with `pieces` (bytes, or a function yielding them), flushed one by one."""

    pieces: list[bytes] | Callable[[], Iterator[bytes]] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Connection", "close")
        self.end_headers()
        for piece in self.pieces() if callable(self.pieces) else self.pieces:
            self.wfile.write(piece)
            self.wfile.flush()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def raw_server() -> Iterator[tuple[str, type[_RawHandler]]]:
    handler = type("Handler", (_RawHandler,), {"pieces": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    httpd.shutdown()
    httpd.server_close()


def _pieces(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64])
def test_rules_through_a_raw_http_stream(raw_server: tuple[str, type[_RawHandler]], size: int) -> None:
    base_url, handler = raw_server
    body = (
        b": OPENROUTER PROCESSING\r\n\r\n"
        + b"event: message\nid: 7\nretry: 100\ndata:"
        + CHUNK % (b"h\xc3\xa9", b"null")
        + b"\n\n"
        + b'data: {"id":"gen-1","object":"chat.completion.chunk","created":1,\r\n'
        + b'data: "model":"m","choices":[{"index":0,\r\n'
        + b'data: "delta":{"content":"\xe2\x82\xac\xf0\x9f\x98\x80"},"finish_reason":null}]}\r\r'
        + b": keep-alive\n\n"
        + b"data: "
        + CHUNK % (b"!", b'"stop"')
        + b"\r\n\r\n"
        + b"data: [DONE]\n\n"
    )
    handler.pieces = _pieces(b"\xef\xbb\xbf" + body, size)
    with Client(api_key=KEY, base_url=base_url) as client:
        stream = client.chat.completions.create(messages=HELLO, stream=True)
        texts = [c.choices[0].delta.content for c in stream]
    assert texts == ["h\u00e9", "\u20ac\U0001f600", "!"]
    assert stream.get_final_completion().choices[0].message.content == "h\u00e9\u20ac\U0001f600!"


def test_clean_end_before_done_and_finish_reason_is_truncation(
    raw_server: tuple[str, type[_RawHandler]],
) -> None:
    base_url, handler = raw_server
    handler.pieces = [b"data: " + CHUNK % (b"partial", b"null") + b"\n\n"]
    with Client(api_key=KEY, base_url=base_url) as client:
        got = []
        with pytest.raises(APIConnectionError, match="ended before"):
            for chunk in client.chat.completions.create(messages=HELLO, stream=True):
                got.append(chunk)
    assert len(got) == 1


def test_finish_reason_without_done_is_complete(raw_server: tuple[str, type[_RawHandler]]) -> None:
    base_url, handler = raw_server
    handler.pieces = [b"data: " + CHUNK % (b"all", b'"stop"') + b"\n\n"]
    with Client(api_key=KEY, base_url=base_url) as client:
        final = client.chat.completions.create(messages=HELLO, stream=True).get_final_completion()
    assert final.choices[0].message.content == "all"


@pytest.mark.parametrize(("finish", "complete"), [(b'"stop"', True), (b"null", False)])
def test_connection_dropped_after_the_finish_reason_is_not_an_error(
    raw_server: tuple[str, type[_RawHandler]], finish: bytes, complete: bool
) -> None:
    """The body promises more bytes than it sends (a broken connection), after the last chunk or not."""
    base_url, handler = raw_server
    event = b"data: " + CHUNK % (b"done", finish) + b"\n\n"

    def do_post(self: Any) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Content-Length", str(len(event) + 1000))
        self.end_headers()
        self.wfile.write(event)
        self.wfile.flush()

    handler.do_POST = do_post  # type: ignore[method-assign]
    with Client(api_key=KEY, base_url=base_url) as client:
        stream = client.chat.completions.create(messages=HELLO, stream=True)
        if complete:
            assert stream.get_final_completion().choices[0].message.content == "done"
        else:
            with pytest.raises(APIConnectionError):
                stream.get_final_completion()
    assert stream.response.is_closed


def test_event_dispatched_at_its_blank_line_not_later(raw_server: tuple[str, type[_RawHandler]]) -> None:
    """The first chunk must reach the caller while the server still holds the rest back."""
    base_url, handler = raw_server
    release = threading.Event()

    def pieces() -> Iterator[bytes]:
        yield b"data: " + CHUNK % (b"now", b"null") + b"\n\n"
        release.wait(10)
        yield b"data: " + CHUNK % (b"later", b'"stop"') + b"\n\ndata: [DONE]\n\n"

    handler.pieces = staticmethod(pieces)  # type: ignore[assignment]
    with Client(api_key=KEY, base_url=base_url) as client:
        iterator = iter(client.chat.completions.create(messages=HELLO, stream=True))
        assert next(iterator).choices[0].delta.content == "now"  # would block 10 s if dispatch waited
        release.set()
        assert [c.choices[0].delta.content for c in iterator] == ["later"]


def _event(payload: dict[str, Any]) -> bytes:
    head = {"id": "gen-2", "object": "chat.completion.chunk", "created": 5, "model": "m"}
    return b"data: " + json.dumps({**head, **payload}).encode() + b"\n\n"


def test_tool_calls_without_an_index_and_odd_usage_still_make_the_final_answer(
    raw_server: tuple[str, type[_RawHandler]],
) -> None:
    """A provider that omits the tool call's index (the model keeps the raw dicts) and sends a usage
    the spec's model does not fit: the chunks pass through as sent, the answer is still joined."""
    base_url, handler = raw_server
    call = {"id": "call_1", "type": "function", "function": {"name": "look", "arguments": '{"q":'}}
    delta = {"role": "assistant", "tool_calls": [call]}
    handler.pieces = [
        _event({"choices": [{"index": 0, "delta": delta, "finish_reason": None}]}),
        _event(
            {
                "choices": [
                    {
                        "index": 0,
                        "delta": {"tool_calls": [{"function": {"arguments": "1}"}}]},
                        "finish_reason": "tool_calls",
                    }
                ]
            }
        ),
        _event({"choices": [], "usage": {"total_tokens": 9, "cost": 0.5}}),
        b"data: [DONE]\n\n",
    ]
    with Client(api_key=KEY, base_url=base_url) as client:
        stream = client.chat.completions.create(messages=HELLO, stream=True)
        chunks = list(stream)
    assert chunks[1].choices[0].delta.tool_calls == [{"function": {"arguments": "1}"}}]  # kept raw
    final = stream.get_final_completion()
    (tool_call,) = final.choices[0].message.tool_calls
    assert (tool_call.id, tool_call.function.name, tool_call.function.arguments) == (
        "call_1",
        "look",
        '{"q":1}',
    )
    assert final.choices[0].finish_reason == "tool_calls"
    assert (final.id, final.created, final.model) == ("gen-2", 5, "m")
    usage = final.to_dict()["usage"]
    assert usage == {"total_tokens": 9, "cost": 0.5}  # as sent: not made up, unknown key kept


def test_events_in_one_read_are_handled_one_at_a_time(raw_server: tuple[str, type[_RawHandler]]) -> None:
    """Whitespace around the JSON is fine; extra data is not JSON; and a bad event does not cost the
    caller the good chunk that arrived in the same read before it."""
    base_url, handler = raw_server
    handler.pieces = [
        b"data:  "
        + CHUNK % (b"spaced", b"null")
        + b" \t\n\n"
        + b"data: "
        + CHUNK % (b"x", b"null")
        + b" {}\n\n"
    ]
    with Client(api_key=KEY, base_url=base_url) as client:
        iterator = iter(client.chat.completions.create(messages=HELLO, stream=True))
        assert next(iterator).choices[0].delta.content == "spaced"
        with pytest.raises(APIResponseValidationError, match="not JSON: Extra data"):
            next(iterator)


# --- the event JSON parser: json.loads' result and errors, at scanner cost (pure logic) ----------

_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner, max_size=3),
    max_leaves=8,
)
_padding = st.sampled_from(["", " ", "\n\t ", "x", " {}", ",", "\ufeff"])


@settings(max_examples=300)
@given(value=_json_values, before=_padding, after=_padding, cut=st.integers(0, 3))
def test_event_json_parses_like_json_loads(value: Any, before: str, after: str, cut: int) -> None:
    text = before + json.dumps(value) + after
    text = text[: len(text) - cut] if cut and len(text) > cut else text
    try:
        expected: Any = json.loads(text)
    except ValueError as error:
        with pytest.raises(type(error), match=re.escape(str(error))):
            loads(text)
    else:
        assert loads(text) == expected


def test_event_json_nested_too_deeply_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="nested too deeply"):
        loads("[" * 100_000 + "]" * 100_000)


def test_a_streamed_refusal_reaches_the_final_message() -> None:
    from aiml_api_client.models import ChatCompletionChunk
    from aiml_chat._accumulate import Accumulator

    answer = Accumulator()
    for delta, finish in (
        ({"role": "assistant", "refusal": "I can't "}, None),
        ({"refusal": "help."}, "stop"),
    ):
        chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}
        chunk["choices"] = [{"index": 0, "delta": delta, "finish_reason": finish}]
        answer.add(ChatCompletionChunk.from_dict(chunk))
    message = answer.completion().choices[0].message
    assert message.refusal == "I can't help."
    assert message.content is None  # as a JSON answer gives it: parse() then reads no content


def test_the_final_completion_keeps_the_fields_the_chunks_carry_besides_the_answer() -> None:
    from aiml_api_client.models import ChatCompletionChunk
    from aiml_chat._accumulate import Accumulator

    answer = Accumulator()
    head = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m"}
    extras = {"system_fingerprint": "fp_1", "service_tier": "default", "provider": "Mock"}
    for delta, finish in (({"role": "assistant", "content": "Hi"}, None), ({}, "stop")):
        chunk = {**head, **extras, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
        answer.add(ChatCompletionChunk.from_dict(chunk))
    final = answer.completion().to_dict()
    assert {key: final[key] for key in extras} == extras  # a provider's own key too
    assert final["object"] == "chat.completion"
    assert final["choices"][0]["message"]["content"] == "Hi"
