"""The local server (aiml_chat.testing) observed through a real HTTP client: httpx over 127.0.0.1.

Every fault in the grammar has a test here that sees it on the wire. Nothing sleeps to synchronise:
tests wait on the server's own record of events (`server.wait_for`).
"""

from __future__ import annotations

import asyncio
import base64
import email.utils
import hashlib
import json
import re
import signal
import subprocess
import sys
import time
from typing import Any

import httpx2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openapi_schema_validator import OAS30Validator

from aiml_chat import _spec
from aiml_chat.testing import Fault, FaultSpecError, LocalServer, fault, serve
from aiml_chat.testing._faults import AttemptCounter, attempt_key, rate_selects
from aiml_chat.testing._payloads import split_text

KEY = "test-key"
MODEL = _spec.default_model()
AUTH = {"Authorization": f"Bearer {KEY}"}
COMPLETION = OAS30Validator(_spec.response_schema())
CHUNK = OAS30Validator(_spec.response_schema("text/event-stream"))
ERROR = OAS30Validator({"allOf": [{"$ref": "#/components/schemas/ErrorResponse"}], **_spec.load_spec()})
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TOOLS = [
    {
        "type": "function",
        "function": {
            "name": name,
            "parameters": {
                "type": "object",
                "properties": {
                    "city": {"type": "string"},
                    "days": {"type": "integer"},
                    "unit": {"enum": ["C", "F"]},
                },
            },
        },
    }
    for name in ("get_weather", "get_time", "get_news")
]


def body(text: str = "hello world", **extra: Any) -> dict[str, Any]:
    return {"model": MODEL, "messages": [{"role": "user", "content": text}], **extra}


def post(
    server: LocalServer, payload: Any = None, headers: dict[str, str] | None = None, **kw: Any
) -> httpx2.Response:
    return httpx2.post(server.chat_url, json=payload or body(), headers={**AUTH, **(headers or {})}, **kw)


def events(raw: bytes, eol: bytes = b"\n") -> list[str]:
    """The `data:` payloads of an SSE byte stream (one data line per event, as the server sends)."""
    out = []
    for block in raw.split(eol + eol):
        for line in block.split(eol):
            if line.startswith(b"data: "):
                out.append(line[6:].decode())
    return out


def chunks_of(raw: bytes) -> list[dict[str, Any]]:
    payloads = events(raw)
    assert payloads[-1] == "[DONE]"
    return [json.loads(p) for p in payloads[:-1]]


def stream_raw(server: LocalServer, payload: dict[str, Any], headers: dict[str, str] | None = None) -> bytes:
    response = post(server, {**payload, "stream": True}, headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/event-stream")
    return response.content


def assert_error(response: httpx2.Response, status: int, param: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    data = response.json()
    ERROR.validate(data)
    assert set(data["error"]) == {"message", "type", "param", "code"}
    assert data["error"]["param"] == param
    assert data["error"]["message"]
    return dict(data["error"])


def read_into(buffer: bytearray, response: httpx2.Response) -> None:
    """Collect raw bytes until the body ends or the connection breaks (the bytes so far stay)."""
    for piece in response.iter_raw():
        buffer += piece


def pdf_part(data: bytes, filename: str = "report.pdf", data_url: bool = True) -> dict[str, Any]:
    encoded = base64.b64encode(data).decode()
    file_data = f"data:application/pdf;base64,{encoded}" if data_url else encoded
    return {"type": "file", "file": {"filename": filename, "file_data": file_data}}


@pytest.fixture
def fresh(server: LocalServer) -> LocalServer:
    """The session server with its records and attempt counters cleared."""
    server.reset()
    return server


# --- lifecycle -------------------------------------------------------------------------------------


def test_serve_yields_a_base_url_and_stops_cleanly() -> None:
    with serve(api_key="other-key") as base_url:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base_url)
        response = httpx2.post(base_url + "/v1/chat/completions", json=body(), headers=AUTH)
        assert_error(response, 401)
        ok = httpx2.post(
            base_url + "/v1/chat/completions", json=body(), headers={"Authorization": "Bearer other-key"}
        )
        assert ok.status_code == 200
    with pytest.raises(httpx2.ConnectError):
        httpx2.post(base_url + "/v1/chat/completions", json=body(), headers=AUTH)


def test_key_never_in_repr_records_or_logs(fresh: LocalServer, caplog: pytest.LogCaptureFixture) -> None:
    secret = "sk-very-secret-1234"
    with LocalServer(api_key=secret) as other:
        httpx2.post(other.chat_url, json=body(), headers={"Authorization": f"Bearer {secret}"})
        httpx2.post(other.chat_url, json=body(), headers={"Authorization": "Bearer wrong"})
        texts = [repr(other), str(other.requests), repr(other._app.routes)]
    texts += [r.getMessage() for r in caplog.records]
    assert not [t for t in texts if secret in t]
    assert "<redacted>" in texts[1]


def test_two_hundred_concurrent_connections(fresh: LocalServer) -> None:
    """barrier=200 holds every request until 200 are in flight at once: concurrency without timing."""

    async def main() -> list[int]:
        limits = httpx2.Limits(max_connections=250, max_keepalive_connections=250)
        async with httpx2.AsyncClient(limits=limits, timeout=60, headers=AUTH) as client:
            headers = {"X-Mock-Fault": "barrier=200", "X-Mock-Fault-Key": "concurrency"}
            calls = [client.post(fresh.chat_url, json=body(f"call {i}"), headers=headers) for i in range(200)]
            return [r.status_code for r in await asyncio.gather(*calls)]

    assert asyncio.run(main()) == [200] * 200
    assert fresh.counts["max_in_flight"] >= 200
    assert fresh.counts["status_200"] == 200


def test_command_line_server_prints_its_url_and_stops_on_ctrl_c() -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "aiml_chat.testing", "--port", "0", "--api-key", "cli-key"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        base_url = proc.stdout.readline().strip()
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", base_url)
        response = httpx2.post(
            base_url + "/v1/chat/completions", json=body("cli"), headers={"Authorization": "Bearer cli-key"}
        )
        assert response.json()["choices"][0]["message"]["content"] == "Echo: cli"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()


# --- the endpoint ----------------------------------------------------------------------------------


def test_plain_completion_is_schema_valid_and_echoes(fresh: LocalServer) -> None:
    response = post(fresh, body("Hello, local world!"))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.headers["x-request-id"]
    data = response.json()
    COMPLETION.validate(data)
    assert re.fullmatch(r"gen-\d+", data["id"])
    assert data["object"] == "chat.completion"
    assert data["model"] == MODEL
    assert isinstance(data["created"], int)
    [choice] = data["choices"]
    assert choice["message"] == {"role": "assistant", "content": "Echo: Hello, local world!", "refusal": None}
    assert choice["finish_reason"] == "stop"
    usage = data["usage"]
    assert usage["prompt_tokens"] == 5  # Hello , local world !
    assert usage["completion_tokens"] == 7  # Echo : Hello , local world !
    assert usage["total_tokens"] == 12
    [record] = fresh.requests
    assert (record.path, record.status, record.completed, record.stream) == (
        "/v1/chat/completions",
        200,
        True,
        False,
    )
    assert record.body == body("Hello, local world!")
    assert record.body_size == len(response.request.content)


def test_reply_is_deterministic(fresh: LocalServer) -> None:
    first, second = (post(fresh, body("same")).json() for _ in range(2))
    assert first["choices"] == second["choices"]
    assert first["usage"] == second["usage"]
    assert first["id"] != second["id"]


def test_array_content_and_multi_turn_use_the_last_user_text(fresh: LocalServer) -> None:
    messages = [
        {"role": "user", "content": "first"},
        {"role": "assistant", "content": "ok"},
        {"role": "user", "content": [{"type": "text", "text": "second"}, {"type": "text", "text": "part"}]},
    ]
    data = post(fresh, {"model": MODEL, "messages": messages}).json()
    assert data["choices"][0]["message"]["content"] == "Echo: second part"


def test_max_tokens_truncates_with_finish_reason_length(fresh: LocalServer) -> None:
    data = post(fresh, body("one two three four five", max_tokens=3)).json()
    COMPLETION.validate(data)
    assert data["choices"][0]["message"]["content"] == "Echo: one"
    assert data["choices"][0]["finish_reason"] == "length"
    assert data["usage"]["completion_tokens"] == 3


def test_stream_is_shaped_like_a_provider_stream(fresh: LocalServer) -> None:
    payload = body("stream me please", stream_options={"include_usage": True})
    raw = stream_raw(fresh, payload)
    assert raw.endswith(b"data: [DONE]\n\n")
    chunks = chunks_of(raw)
    for chunk in chunks:
        CHUNK.validate(chunk)
        assert chunk["object"] == "chat.completion.chunk"
        assert chunk["model"] == MODEL
    assert len({c["id"] for c in chunks}) == 1
    *choice_chunks, usage_chunk = chunks
    deltas = [c["choices"][0]["delta"] for c in choice_chunks]
    assert deltas[0]["role"] == "assistant"
    assert all("role" not in d for d in deltas[1:])
    finishes = [c["choices"][0]["finish_reason"] for c in choice_chunks]
    assert finishes == [None] * (len(finishes) - 1) + ["stop"]
    text = "".join(d.get("content") or "" for d in deltas)
    assert text == "Echo: stream me please"
    assert len([d for d in deltas if d.get("content")]) == 4  # word by word
    assert usage_chunk["choices"] == []
    plain = post(fresh, payload).json()
    assert usage_chunk["usage"] == plain["usage"]
    assert plain["choices"][0]["message"]["content"] == text
    assert fresh.requests[0].stream
    assert fresh.requests[0].events_sent == len(chunks) + 1


def test_stream_without_include_usage_has_no_usage_chunk(fresh: LocalServer) -> None:
    chunks = chunks_of(stream_raw(fresh, body("hi")))
    assert all(c["choices"] for c in chunks)
    assert all("usage" not in c for c in chunks)


@pytest.mark.parametrize("pieces", [1, 20, 1000])
def test_x_mock_chunks_sets_the_number_of_content_pieces(fresh: LocalServer, pieces: int) -> None:
    chunks = chunks_of(stream_raw(fresh, body("count the pieces"), {"X-Mock-Chunks": str(pieces)}))
    contents = [c["choices"][0]["delta"].get("content") for c in chunks]
    assert len([c for c in contents if c]) == pieces
    text = "".join(c or "" for c in contents)
    assert text.startswith("Echo: count the pieces")
    plain = post(fresh, body("count the pieces"), {"X-Mock-Chunks": str(pieces)}).json()
    assert plain["choices"][0]["message"]["content"] == text


def test_bad_x_mock_chunks_is_400(fresh: LocalServer) -> None:
    assert_error(post(fresh, body(), {"X-Mock-Chunks": "zero"}), 400, "X-Mock-Chunks")


# --- tools -----------------------------------------------------------------------------------------


def test_tools_answer_with_tool_calls(fresh: LocalServer) -> None:
    data = post(fresh, body("Paris", tools=TOOLS)).json()
    COMPLETION.validate(data)
    [choice] = data["choices"]
    assert choice["finish_reason"] == "tool_calls"
    assert choice["message"]["content"] is None
    calls = choice["message"]["tool_calls"]
    assert [c["function"]["name"] for c in calls] == ["get_weather", "get_time"]
    assert len({c["id"] for c in calls}) == 2
    assert all(c["type"] == "function" for c in calls)
    assert json.loads(calls[0]["function"]["arguments"]) == {"city": "Paris", "days": 1, "unit": "C"}


def test_tool_choice_none_named_and_tool_results(fresh: LocalServer) -> None:
    none = post(fresh, body("Paris", tools=TOOLS, tool_choice="none")).json()["choices"][0]
    assert (none["finish_reason"], none["message"]["content"]) == ("stop", "Echo: Paris")
    named = {"type": "function", "function": {"name": "get_news"}}
    calls = post(fresh, body("Paris", tools=TOOLS, tool_choice=named)).json()["choices"][0]["message"][
        "tool_calls"
    ]
    assert [c["function"]["name"] for c in calls] == ["get_news"]
    messages = [
        {"role": "user", "content": "Paris"},
        {"role": "assistant", "tool_calls": [calls[0]]},  # the spec does not allow "content": null here
        {"role": "tool", "content": "sunny, 21C", "tool_call_id": calls[0]["id"]},
    ]
    final = post(fresh, {"model": MODEL, "messages": messages, "tools": TOOLS}).json()["choices"][0]
    assert final["finish_reason"] == "stop"
    assert final["message"]["content"] == "Echo: tool results: sunny, 21C"


def test_tool_call_stream_is_shaped_like_a_provider_stream(fresh: LocalServer) -> None:
    chunks = chunks_of(stream_raw(fresh, body("Paris", tools=TOOLS)))
    for chunk in chunks:
        CHUNK.validate(chunk)
    deltas = [c["choices"][0]["delta"] for c in chunks]
    assert deltas[0]["role"] == "assistant"
    assert deltas[0]["content"] is None
    assert all("role" not in d for d in deltas[1:])
    assert chunks[-1]["choices"][0]["finish_reason"] == "tool_calls"
    calls: dict[int, dict[str, Any]] = {}
    for delta in deltas[:-1]:
        [call] = delta["tool_calls"]
        if call["index"] not in calls:
            assert set(call) == {"index", "id", "type", "function"}
            assert call["function"]["arguments"] == ""
            calls[call["index"]] = {"name": call["function"]["name"], "arguments": ""}
        else:
            assert set(call) == {"index", "function"}
            assert set(call["function"]) == {"arguments"}
            calls[call["index"]]["arguments"] += call["function"]["arguments"]
    plain = post(fresh, body("Paris", tools=TOOLS)).json()["choices"][0]["message"]["tool_calls"]
    assert [calls[i] for i in sorted(calls)] == [
        {"name": c["function"]["name"], "arguments": c["function"]["arguments"]} for c in plain
    ]


# --- errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("authorization", [None, "Bearer wrong", "Basic dGVzdC1rZXk=", f"bearer{KEY}"])
def test_401_without_the_right_bearer_key(fresh: LocalServer, authorization: str | None) -> None:
    headers = {} if authorization is None else {"Authorization": authorization}
    response = httpx2.post(fresh.chat_url, json=body(), headers=headers)
    error = assert_error(response, 401)
    assert error["code"] == "invalid_api_key"
    if authorization is not None:
        assert fresh.requests[-1].headers["authorization"] == "<redacted>"


def test_400_for_a_body_that_is_not_json(fresh: LocalServer) -> None:
    response = httpx2.post(
        fresh.chat_url, content=b'{"model": ', headers={**AUTH, "content-type": "application/json"}
    )
    error = assert_error(response, 400)
    assert "not valid JSON" in error["message"]


@pytest.mark.parametrize(
    ("payload", "param", "words"),
    [
        ({"messages": [{"role": "user", "content": "x"}]}, "model", "required"),
        (body(model="gpt-4"), "model", "is not one of"),
        ({"model": MODEL, "messages": [{"role": "robot", "content": "x"}]}, "messages[0].role", "'robot'"),
        ({"model": MODEL, "messages": []}, "messages", "should be non-empty"),
        (body(temperature=3), "temperature", "maximum"),
        (
            {"model": MODEL, "messages": [{"role": "user", "content": [{"type": "text", "text": 1}]}]},
            "messages[0].content[0].text",
            "is not of type 'string'",
        ),
        (
            {"model": MODEL, "messages": [{"role": "tool", "content": "x", "tool_call_id": "c", "extra": 1}]},
            "messages[0].extra",
            "Additional properties",
        ),
    ],
)
def test_400_names_the_failing_path(fresh: LocalServer, payload: Any, param: str, words: str) -> None:
    error = assert_error(post(fresh, payload), 400, param)
    assert error["message"].startswith(param + ": ")
    assert words in error["message"]


def test_404_and_405_in_the_error_shape(fresh: LocalServer) -> None:
    assert_error(httpx2.post(fresh.base_url + "/v1/completions", json=body(), headers=AUTH), 404)
    response = httpx2.get(fresh.chat_url, headers=AUTH)
    assert_error(response, 405)
    assert response.headers["allow"] == "POST"
    assert [r.status for r in fresh.requests] == [404, 405]


def test_bad_fault_header_is_400(fresh: LocalServer) -> None:
    error = assert_error(post(fresh, body(), {"X-Mock-Fault": "status=abc"}), 400, "X-Mock-Fault")
    assert "status=abc" in error["message"]


# --- files -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("data_url", [True, False])
def test_file_parts_are_reported_byte_exact(fresh: LocalServer, data_url: bool) -> None:
    second = PDF + bytes(range(256)) * 3
    content = [
        {"type": "text", "text": "Summarise"},
        pdf_part(PDF, "a.pdf", data_url),
        pdf_part(second, "b.pdf", data_url),
    ]
    data = post(fresh, {"model": MODEL, "messages": [{"role": "user", "content": content}]}).json()
    COMPLETION.validate(data)
    lines = data["choices"][0]["message"]["content"].split("\n")
    assert lines == [
        "Echo: Summarise",
        f"file a.pdf: {len(PDF)} bytes sha256={hashlib.sha256(PDF).hexdigest()}",
        f"file b.pdf: {len(second)} bytes sha256={hashlib.sha256(second).hexdigest()}",
    ]


def test_a_large_file_is_decoded_exactly(fresh: LocalServer) -> None:
    big = PDF + bytes(range(256)) * (40 * 4096)  # ~40 MiB: several base64 blocks, decoded off the event loop
    payload = {"model": MODEL, "messages": [{"role": "user", "content": [pdf_part(big, "big.pdf")]}]}
    response = post(fresh, payload, timeout=120)
    expected = f"file big.pdf: {len(big)} bytes sha256={hashlib.sha256(big).hexdigest()}"
    assert response.json()["choices"][0]["message"]["content"].split("\n")[1] == expected
    [record] = fresh.requests
    assert record.body_size > len(big)
    assert record.body["messages"][0]["content"][0]["file"]["file_data"].startswith("<")  # not kept in memory


@pytest.mark.parametrize(
    ("file_data", "words"),
    [
        (base64.b64encode(b"GIF89a not a pdf").decode(), "not a PDF"),
        ("JVBERi0x!!!", "not valid base64"),
        ("JVBERi0xLjQ", "not valid base64"),  # missing padding
        ("data:application/pdf,%PDF-1.4", "data URL"),
    ],
)
def test_bad_file_parts_are_400_naming_the_part(fresh: LocalServer, file_data: str, words: str) -> None:
    content = [
        {"type": "text", "text": "x"},
        {"type": "file", "file": {"filename": "x.pdf", "file_data": file_data}},
    ]
    error = assert_error(
        post(fresh, {"model": MODEL, "messages": [{"role": "user", "content": content}]}),
        400,
        "messages[0].content[1].file.file_data",
    )
    assert words in error["message"]


# --- faults: status, attempts, Retry-After ---------------------------------------------------------


def test_status_for_the_first_n_attempts_then_success(fresh: LocalServer) -> None:
    headers = {"X-Mock-Fault": "status=429;times=2;retry_after=1", "X-Mock-Fault-Key": "n-then-ok"}
    responses = [post(fresh, body("retry me"), headers) for _ in range(3)]
    assert [r.status_code for r in responses] == [429, 429, 200]
    for response in responses[:2]:
        assert response.headers["retry-after"] == "1"
        assert assert_error(response, 429)["type"] == "rate_limit_error"
    assert [r.attempt for r in fresh.requests] == [1, 2, 3]
    assert [r.faulted for r in fresh.requests] == [True, True, False]
    other_body = post(fresh, body("a different request"), headers)
    other_key = post(fresh, body("retry me"), {**headers, "X-Mock-Fault-Key": "another"})
    assert (other_body.status_code, other_key.status_code) == (429, 429)


def test_status_without_times_always_fails(fresh: LocalServer) -> None:
    statuses = [post(fresh, body(), {"X-Mock-Fault": "status=503"}).status_code for _ in range(4)]
    assert statuses == [503] * 4
    assert [r.attempt for r in fresh.requests] == [1, 2, 3, 4]


def test_retry_after_as_http_date(fresh: LocalServer) -> None:
    before = int(time.time())
    response = post(fresh, body(), {"X-Mock-Fault": "status=503;retry_after_date=30"})
    after = time.time()
    assert_error(response, 503)
    retry_at = email.utils.parsedate_to_datetime(response.headers["retry-after"]).timestamp()
    assert before + 30 <= retry_at <= after + 30  # the server's clock, 30 s ahead, at 1 s resolution


def test_retry_after_ms(fresh: LocalServer) -> None:
    response = post(fresh, body(), {"X-Mock-Fault": "status=429;retry_after_ms=250"})
    assert response.headers["retry-after-ms"] == "250"
    assert "retry-after" not in response.headers


def test_server_default_faults_and_header_override() -> None:
    with LocalServer(faults="status=500;times=1") as server:
        statuses = [post(server).status_code for _ in range(2)]
        assert statuses == [500, 200]
        assert post(server, body(), {"X-Mock-Fault": "status=418"}).status_code == 418
        server.faults = None
        assert post(server, body("fresh body")).status_code == 200


def test_rate_faults_a_deterministic_share_of_distinct_requests() -> None:
    payloads = [body(f"item {i}") for i in range(60)]
    with LocalServer(faults="status=429;times=1;rate=0.25") as server:
        first = [post(server, p).status_code for p in payloads]
        retried = [post(server, p).status_code for p, s in zip(payloads, first, strict=True) if s == 429]
        hashes = [r.body_sha256 for r in server.requests[:60]]
    expected = [429 if rate_selects(0.25, h) else 200 for h in hashes]
    assert first == expected
    assert 0 < first.count(429) < 30
    assert retried == [200] * first.count(429)


# --- faults: timing --------------------------------------------------------------------------------


def test_delay_before_the_first_byte(fresh: LocalServer) -> None:
    with pytest.raises(httpx2.ReadTimeout):
        post(fresh, body(), {"X-Mock-Fault": "delay=30"}, timeout=httpx2.Timeout(5, read=0.3))
    assert fresh.wait_for(lambda rs: rs[-1].client_disconnected)
    [record] = fresh.requests
    assert record.status is None  # nothing was sent before the client gave up
    assert post(fresh, body(), {"X-Mock-Fault": "delay=0.05"}).status_code == 200


def test_delay_between_stream_chunks(fresh: LocalServer) -> None:
    payload = {**body("a b c d"), "stream": True}
    with httpx2.stream(
        "POST", fresh.chat_url, json=payload, headers={**AUTH, "X-Mock-Fault": "chunk_delay=30"}, timeout=0.5
    ) as response:
        lines = (line for line in response.iter_lines() if line)
        assert next(lines).startswith("data: ")
        with pytest.raises(httpx2.ReadTimeout):
            next(lines)
    assert fresh.wait_for(lambda rs: rs[-1].client_disconnected)
    assert fresh.requests[-1].events_sent == 1


def test_client_disconnect_mid_stream_is_recorded(fresh: LocalServer) -> None:
    payload = {**body("long"), "stream": True}
    headers = {**AUTH, "X-Mock-Chunks": "1000", "X-Mock-Fault": "chunk_delay=0.01"}
    with httpx2.stream("POST", fresh.chat_url, json=payload, headers=headers) as response:
        lines = (line for line in response.iter_lines() if line)
        first = [next(lines) for _ in range(3)]
    assert all(line.startswith("data: {") for line in first)
    assert fresh.wait_for(lambda rs: rs[-1].client_disconnected)
    record = fresh.requests[-1]
    assert record.status == 200
    assert not record.completed
    assert record.events_sent < 1000
    assert fresh.counts["client_disconnects"] == 1


# --- faults: broken responses ----------------------------------------------------------------------


@pytest.mark.parametrize(("spec", "received"), [("drop=1", None), ("drop_after=10", 10)])
def test_connection_dropped_mid_body(
    fresh: LocalServer, spec: str, received: int | None, caplog: pytest.LogCaptureFixture
) -> None:
    got = bytearray()
    with httpx2.stream(
        "POST", fresh.chat_url, json=body(), headers={**AUTH, "X-Mock-Fault": spec}
    ) as response:
        assert response.status_code == 200
        declared = int(response.headers["content-length"])
        with pytest.raises(httpx2.RemoteProtocolError):
            read_into(got, response)
    assert len(got) == (received if received is not None else declared // 2)
    assert 0 < len(got) < declared
    [record] = fresh.requests
    assert record.aborted
    assert not record.completed
    assert not [r for r in caplog.records if "Exception in ASGI" in r.getMessage()]  # deliberate: not logged


@pytest.mark.parametrize("k", [0, 3])
def test_connection_dropped_mid_stream(fresh: LocalServer, k: int) -> None:
    got = bytearray()
    payload = {**body("one two three four five six"), "stream": True}
    with (
        httpx2.stream(
            "POST", fresh.chat_url, json=payload, headers={**AUTH, "X-Mock-Fault": f"drop_after={k}"}
        ) as response,
        pytest.raises(httpx2.RemoteProtocolError),
    ):
        read_into(got, response)
    payloads = events(bytes(got))
    assert len(payloads) == k
    assert "[DONE]" not in payloads
    assert fresh.requests[-1].aborted


def test_malformed_json_on_a_200(fresh: LocalServer) -> None:
    response = post(fresh, body(), {"X-Mock-Fault": "malformed=1"})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert int(response.headers["content-length"]) == len(response.content)
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.content)


def test_malformed_event_in_a_stream(fresh: LocalServer) -> None:
    payloads = events(stream_raw(fresh, body("a b c"), {"X-Mock-Fault": "malformed=2"}))
    assert payloads[-1] == "[DONE]"
    json.loads(payloads[0])
    with pytest.raises(json.JSONDecodeError):
        json.loads(payloads[1])
    for payload in payloads[2:-1]:
        json.loads(payload)


@pytest.mark.parametrize("spec", ["stream_error=2", "error_event=2"])
def test_error_in_the_middle_of_a_stream(fresh: LocalServer, spec: str) -> None:
    raw = stream_raw(fresh, body("a b c d e"), {"X-Mock-Fault": spec})
    blocks = [b for b in raw.decode().split("\n\n") if b]
    assert len(blocks) == 3
    assert all(json.loads(b.removeprefix("data: "))["object"] == "chat.completion.chunk" for b in blocks[:2])
    if spec.startswith("error_event"):
        assert blocks[2].startswith("event: error\ndata: ")
    else:
        assert blocks[2].startswith("data: ")
    error = json.loads(blocks[2].split("data: ", 1)[1])
    assert error["error"]["message"]
    assert fresh.requests[-1].completed  # a clean end of the response, without [DONE]


def test_keep_alive_comments_between_events(fresh: LocalServer) -> None:
    raw = stream_raw(fresh, body("a b c"), {"X-Mock-Fault": "keepalive=1"})
    assert raw.count(b": keep-alive\n\n") == raw.count(b"data: ") > 3
    assert chunks_of(raw)


def test_weird_responses_carry_unknown_enums_nulls_and_extras(fresh: LocalServer) -> None:
    data = post(fresh, body(), {"X-Mock-Fault": "weird=1"}).json()
    # The spec declares finish_reason open (spec/names.yaml), so what real providers send validates.
    assert [list(e.absolute_path) for e in COMPLETION.iter_errors(data)] == []
    choice = data["choices"][0]
    assert (choice["finish_reason"], choice["native_finish_reason"]) == ("error", "STOP")
    assert choice["message"]["reasoning_content"]
    assert choice["message"]["content"] == "Echo: hello world"
    assert choice["message"]["tool_calls"] is None
    assert data["system_fingerprint"] is None
    assert data["provider"]
    assert data["usage"]["cost"] > 0
    assert data["usage"]["completion_tokens_details"] is None
    chunks = chunks_of(stream_raw(fresh, body(), {"X-Mock-Fault": "weird=1"}))
    bad = {tuple(e.absolute_path) for c in chunks for e in CHUNK.iter_errors(c)}
    assert bad == set()  # open enums in the spec: what real providers stream validates
    assert chunks[0]["choices"][0]["delta"]["reasoning_content"]
    assert "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks) == "Echo: hello world"


@pytest.mark.parametrize(("eol", "sep"), [("cr", b"\r"), ("crlf", b"\r\n")])
def test_line_ending_variants(fresh: LocalServer, eol: str, sep: bytes) -> None:
    raw = stream_raw(fresh, body("a b"), {"X-Mock-Fault": f"eol={eol};keepalive=1"})
    assert raw.endswith(b"data: [DONE]" + sep + sep)
    if eol == "cr":
        assert b"\n" not in raw
    else:
        assert raw.count(b"\n") == raw.count(b"\r\n") == raw.count(b"\r")
    assert events(raw, sep)[-1] == "[DONE]"
    assert raw.count(b": keep-alive" + sep + sep) == len(events(raw, sep))


def test_leading_byte_order_mark(fresh: LocalServer) -> None:
    raw = stream_raw(fresh, body(), {"X-Mock-Fault": "bom=1"})
    assert raw.startswith(b"\xef\xbb\xbfdata: {")
    assert raw.count(b"\xef\xbb\xbf") == 1
    assert chunks_of(raw[3:])


# --- the grammar, purely ---------------------------------------------------------------------------


def test_fault_parsing() -> None:
    parsed = Fault.parse(" status=429 ; times=1;retry_after=2;; keepalive=1;eol=CRLF ")
    assert parsed == Fault(status=429, times=1, retry_after=2, keepalive=True, eol="crlf")
    assert str(parsed) == "status=429;retry_after=2;times=1;keepalive=1;eol=crlf"
    assert fault(status=500, times=2) == "status=500;times=2"
    assert Fault.parse("") == Fault()


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        ("status=200", "400-599"),
        ("status", "key=value"),
        ("bogus=1", "unknown fault"),
        ("times=x", "not a number"),
        ("keepalive=yes", "0 or 1"),
        ("status=500;status=502", "twice"),
        ("rate=2", "between 0 and 1"),
        ("eol=lfcr", "lf, cr or crlf"),
        ("delay=-1", "negative"),
        ("delay=nan", "not a number"),
        ("malformed=0", ">= 1"),
    ],
)
def test_fault_parsing_errors(spec: str, words: str) -> None:
    with pytest.raises(FaultSpecError, match=re.escape(words)):
        Fault.parse(spec)


faults = st.builds(
    Fault,
    status=st.none() | st.integers(400, 599),
    retry_after=st.none() | st.integers(0, 10**6),
    times=st.none() | st.integers(0, 100),
    rate=st.none() | st.sampled_from([0.0, 0.1, 0.5, 1.0]),
    delay=st.sampled_from([0.0, 0.25, 3.0]),
    drop=st.booleans(),
    drop_after=st.none() | st.integers(0, 50),
    malformed=st.none() | st.integers(1, 9),
    keepalive=st.booleans(),
    weird=st.booleans(),
    eol=st.sampled_from(["lf", "cr", "crlf"]),
    bom=st.booleans(),
)


@given(faults)
def test_fault_render_parse_round_trip(spec: Fault) -> None:
    assert Fault.parse(str(spec)) == spec


def test_attempts_and_rate_are_deterministic() -> None:
    spec = Fault.parse("status=500;times=2")
    assert [spec.applies(n, "00" * 32) for n in (1, 2, 3)] == [True, True, False]
    counter = AttemptCounter()
    key = attempt_key("status=500;times=2", "", "ab" * 32)
    assert [counter.next(key) for _ in range(3)] == [1, 2, 3]
    assert counter.next(attempt_key("status=500;times=2", "k", "ab" * 32)) == 1
    assert rate_selects(0.5, "0" * 64)
    assert not rate_selects(0.5, "f" * 64)
    hashes = [hashlib.sha256(str(i).encode()).hexdigest() for i in range(2000)]
    assert 150 < sum(rate_selects(0.1, h) for h in hashes) < 250


@given(st.text(), st.none() | st.integers(1, 50))
def test_split_text_loses_nothing(text: str, pieces: int | None) -> None:
    parts = split_text(text, pieces)
    assert "".join(parts) == text
    if pieces is not None and text:
        assert len(parts) == min(pieces, len(text))


def test_startup_is_measured_not_asserted(record_property: Any) -> None:
    started = time.perf_counter()
    with LocalServer():
        record_property("startup_seconds", round(time.perf_counter() - started, 4))
