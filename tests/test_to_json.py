"""`to_json()` / `from_json()` on the generated models (issue 17 point 4), against the wire.

The wire is what the local server actually sent: a transport that keeps a copy of every response
body as it passes to the client (the HTTP is real; nothing is answered in its place). Every answer
shape the server has (plain, tools, `weird=1`, streams) must come back out of `to_json()` as the JSON
that came in: unknown fields included, unset fields left out, odd values kept.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx2
import pytest

from aiml_api_client.models import ChatCompletion, ChatCompletionChunk
from aiml_chat import AsyncClient, Client, user
from aiml_chat.testing import LocalServer

KEY = "sk-json-test-key"
MODEL = "google/gemini-2.5-flash-lite-preview"
HELLO = [user("Say something worth keeping")]
TOOLS = [
    {
        "type": "function",
        "function": {"name": f, "parameters": {"type": "object", "properties": {"q": {"type": "string"}}}},
    }
    for f in ("lookup", "translate")
]
SHAPES = {
    "plain": ({}, ""),
    "tools": ({"tools": TOOLS}, ""),
    "weird": ({}, "weird=1"),
    "weird tools": ({"tools": TOOLS}, "weird=1"),
}


class _Tee(httpx2.SyncByteStream):
    def __init__(self, inner: Any, copy: bytearray) -> None:
        self.inner, self.copy = inner, copy

    def __iter__(self) -> Iterator[bytes]:
        for part in self.inner:
            self.copy.extend(part)
            yield part

    def close(self) -> None:
        self.inner.close()


class RecordingTransport(httpx2.HTTPTransport):
    """httpx2's own transport, keeping a copy of each response body the client reads."""

    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[bytearray] = []

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        response = super().handle_request(request)
        self.bodies.append(bytearray())
        response.stream = _Tee(response.stream, self.bodies[-1])
        return response


class _AsyncTee(httpx2.AsyncByteStream):
    def __init__(self, inner: Any, copy: bytearray) -> None:
        self.inner, self.copy = inner, copy

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for part in self.inner:
            self.copy.extend(part)
            yield part

    async def aclose(self) -> None:
        await self.inner.aclose()


class AsyncRecordingTransport(httpx2.AsyncHTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.bodies: list[bytearray] = []

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        response = await super().handle_async_request(request)
        self.bodies.append(bytearray())
        response.stream = _AsyncTee(response.stream, self.bodies[-1])
        return response


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(api_key=KEY) as running:
        yield running


@pytest.fixture
def recorded(server: LocalServer) -> Iterator[tuple[Client, RecordingTransport]]:
    transport = RecordingTransport()
    with (
        httpx2.Client(transport=transport) as http,
        Client(api_key=KEY, base_url=server.base_url, http_client=http) as client,
    ):
        yield client, transport


def events(body: bytes) -> list[str]:
    """The data of each SSE event but [DONE] (the local server writes one `data:` line per event)."""
    lines = body.decode().splitlines()
    return [line[6:] for line in lines if line.startswith("data: ") and line != "data: [DONE]"]


def fault_headers(fault: str, chunks: int | None = None) -> dict[str, str]:
    out = {"X-Mock-Fault": fault} if fault else {}
    if chunks is not None:
        out["X-Mock-Chunks"] = str(chunks)
    return out


@pytest.mark.parametrize("shape", SHAPES)
def test_a_completion_to_json_is_the_wire_json(
    recorded: tuple[Client, RecordingTransport], shape: str
) -> None:
    client, transport = recorded
    params, fault = SHAPES[shape]
    completion = client.chat.completions.create(messages=HELLO, extra_headers=fault_headers(fault), **params)
    wire = json.loads(transport.bodies[-1])
    assert json.loads(completion.to_json()) == wire
    assert json.loads(completion.to_json(indent=2)) == wire
    assert completion.to_json(indent=2) == json.dumps(completion.to_dict(), indent=2)
    assert ChatCompletion.from_json(transport.bodies[-1]) == completion
    assert ChatCompletion.from_json(completion.to_json()) == completion
    if fault:  # what a lenient reader must keep: unknown fields and values, explicit nulls
        assert wire["provider"] == completion["provider"] == "Mock"
        assert json.loads(completion.to_json())["choices"][0]["finish_reason"] == "error"
        assert "system_fingerprint" in json.loads(completion.to_json())


@pytest.mark.parametrize("shape", SHAPES)
def test_every_stream_chunk_to_json_is_its_wire_event(
    recorded: tuple[Client, RecordingTransport], shape: str
) -> None:
    client, transport = recorded
    params, fault = SHAPES[shape]
    stream = client.chat.completions.create(
        messages=HELLO,
        stream=True,
        stream_options={"include_usage": True},
        extra_headers=fault_headers(fault, chunks=5),
        **params,
    )
    chunks = list(stream)
    wire = events(bytes(transport.bodies[-1]))
    assert len(chunks) == len(wire) >= 3
    for chunk, data in zip(chunks, wire, strict=True):
        assert json.loads(chunk.to_json()) == json.loads(data)
        assert ChatCompletionChunk.from_json(data) == chunk
        assert ChatCompletionChunk.from_json(chunk.to_json()) == chunk

    final = stream.get_final_completion()
    assert isinstance(final, ChatCompletion)
    assert json.loads(final.to_json()) == final.to_dict()
    assert ChatCompletion.from_json(final.to_json()) == final
    first = json.loads(wire[0])
    assert (final.id, final.created, final.model) == (first["id"], first["created"], first["model"])
    if not params:
        text = "".join(c["delta"].get("content") or "" for e in wire for c in json.loads(e)["choices"])
        assert json.loads(final.to_json())["choices"][0]["message"]["content"] == text


@pytest.mark.parametrize("fault", ["", "weird=1"])
def test_odd_chunk_values_survive_the_round_trip(server: LocalServer, fault: str) -> None:
    """Unknown enum values, wrong types and missing parts: from_json keeps them, to_json gives them back."""
    response = httpx2.post(
        server.chat_url,
        json={"model": MODEL, "messages": [{"role": "user", "content": "odd"}], "stream": True},
        headers={"Authorization": f"Bearer {KEY}", **fault_headers(fault, chunks=4)},
    )
    payloads = [json.loads(data) for data in events(response.content)]
    choice = payloads[1]["choices"][0]
    variants = [
        *payloads,
        payloads[1] | {"choices": [choice | {"delta": {}}]},
        payloads[1] | {"choices": [{"index": 0, "finish_reason": None}]},
        payloads[1] | {"choices": [choice | {"finish_reason": "brand_new"}]},
        payloads[1] | {"choices": [choice | {"delta": {"role": "robot", "content": None}}]},
        payloads[1] | {"choices": [choice | {"delta": {"content": 5, "role": 7}}]},
        payloads[1] | {"choices": [choice | {"delta": None, "logprobs": {"content": None, "extra": [1]}}]},
        payloads[1] | {"service_tier": ["not", "a", "tier"], "usage": "none"},
    ]
    for payload in variants:
        text = json.dumps(payload)
        chunk = ChatCompletionChunk.from_json(text)
        assert chunk == ChatCompletionChunk.from_dict(payload)
        assert json.loads(chunk.to_json()) == payload
        assert chunk.to_dict() == payload


def test_async_completion_and_stream_to_json_are_the_wire_json(server: LocalServer) -> None:
    async def main() -> None:
        transport = AsyncRecordingTransport()
        async with (
            httpx2.AsyncClient(transport=transport) as http,
            AsyncClient(api_key=KEY, base_url=server.base_url, http_client=http) as client,
        ):
            completion = await client.chat.completions.create(
                messages=HELLO, tools=TOOLS, extra_headers=fault_headers("weird=1")
            )
            assert json.loads(completion.to_json()) == json.loads(transport.bodies[-1])
            stream = await client.chat.completions.create(
                messages=HELLO, stream=True, extra_headers=fault_headers("weird=1", chunks=3)
            )
            chunks = [chunk async for chunk in stream]
            wire = events(bytes(transport.bodies[-1]))
            assert [json.loads(c.to_json()) for c in chunks] == [json.loads(data) for data in wire]
            final = await stream.get_final_completion()
            assert ChatCompletion.from_json(final.to_json()) == final

    asyncio.run(main())
