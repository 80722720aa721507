"""`aiml-chat batch --timeout N`: a deadline for each whole attempt of a job, against HostileServer.

As for `chat --timeout` and `Client(timeout=N)`, a server trickling bytes cannot stretch an
attempt; a streamed line's attempt ends by its deadline too; and a job waiting for a concurrency
slot before its retry does not spend that retry's deadline on the wait.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from hostile_server import Conn, HostileServer, chunk_event, completion, sse_head

from aiml_chat._cli import main as cli_main

KEY = "sk-batch-deadline-5c1d"
KEY_ENV = "AIML_BATCH_DEADLINE_KEY"
BODY = json.dumps(completion("x" * 200)).encode()


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, KEY)


Line = tuple[str, dict[str, Any]]  # a custom_id, and what its body holds besides its message


def run_batch_cli(
    server: HostileServer, tmp_path: Path, lines: list[Line], *args: str
) -> tuple[int, dict[str, Any]]:
    """Run `aiml-chat batch --timeout 1` over `lines` (each message is its custom_id); the exit
    status and the output records by custom_id."""
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    with source.open("w") as f:
        for custom_id, extra in lines:
            body = {"messages": [{"role": "user", "content": custom_id}], **extra}
            f.write(json.dumps({"custom_id": custom_id, "body": body}) + "\n")
    common = ["--base-url", server.base_url, "--api-key-env", KEY_ENV, "--progress", "none"]
    status = cli_main(["batch", str(source), "-o", str(output), *common, "--timeout", "1", *args])
    records = [json.loads(line) for line in output.read_text().splitlines()]
    return status, {record["custom_id"]: record for record in records}


def job_of(conn: Conn) -> str:
    """Which line the last request on `conn` is (its one message is the custom_id)."""
    return str(conn.requests[-1].json()["messages"][0]["content"])


async def trickle(conn: Conn, data: bytes, pause: float) -> None:
    for i in range(len(data)):
        await conn.send(data[i : i + 1])
        await asyncio.sleep(pause)  # the hostile behaviour itself: one byte, then a pause


async def trickled_answer(conn: Conn) -> None:
    """A whole completion, one byte every 50 ms (~20 s): each byte well within a 1 s read timeout."""
    head = f"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {len(BODY)}\r\n\r\n"
    await conn.send(head.encode())
    await trickle(conn, BODY, 0.05)


def assert_timed_out(record: dict[str, Any], attempts: int) -> None:
    assert "response" not in record
    assert record["error"]["type"] == "APITimeoutError"
    assert "timeout of 1 s" in record["error"]["message"]
    assert record["attempts"] == attempts


def test_batch_timeout_bounds_a_body_trickled_byte_by_byte(tmp_path: Path) -> None:
    async def script(conn: Conn) -> None:
        while await conn.read_request() is not None:
            await trickled_answer(conn)

    with HostileServer(script) as server:
        status, records = run_batch_cli(server, tmp_path, [("slow", {})], "--max-retries", "0")
    assert status == 1  # the run ended, with the job's error as its line
    assert list(records) == ["slow"]
    assert_timed_out(records["slow"], attempts=1)


def test_batch_timeout_bounds_a_streamed_line_whose_events_keep_coming(tmp_path: Path) -> None:
    async def script(conn: Conn) -> None:
        await conn.read_request()
        await conn.send(sse_head())
        for _ in range(60):  # an event every 200 ms (12 s in all): each within the read timeout
            await conn.send(chunk_event("x"))
            await asyncio.sleep(0.2)
        await conn.send(chunk_event("", "stop") + b"data: [DONE]\n\n")

    with HostileServer(script) as server:
        status, records = run_batch_cli(
            server, tmp_path, [("streamed", {"stream": True})], "--max-retries", "0"
        )
    assert status == 1
    assert list(records) == ["streamed"]
    assert_timed_out(records["streamed"], attempts=1)


def test_a_slot_wait_before_a_retry_does_not_use_up_its_deadline(tmp_path: Path) -> None:
    """Concurrency 1: "a" gets a 429 and gives its slot back; "b" then "c" each hold the slot for a
    whole attempt (a trickled body, cut at the 1 s deadline) before "a" gets it again, ~2 s after
    its backoff ended. The retry's deadline starts when it holds the slot, so it succeeds."""
    order: list[str] = []

    async def script(conn: Conn) -> None:
        while await conn.read_request() is not None:
            job = job_of(conn)
            order.append(job)
            if job != "a":
                await trickled_answer(conn)
            elif order.count("a") == 1:
                await conn.respond(b'{"error": {"message": "slow down"}}', 429, {"retry-after-ms": "200"})
            else:
                await conn.respond(BODY)

    with HostileServer(script) as server:
        ids: list[Line] = [("a", {}), ("b", {}), ("c", {})]
        status, records = run_batch_cli(server, tmp_path, ids, "--concurrency", "1", "--max-retries", "1")
    assert status == 1
    assert records["a"]["response"]["choices"][0]["message"]["content"] == "x" * 200
    assert records["a"]["attempts"] == 2
    for job in ("b", "c"):  # each attempt cut at the deadline, then retried once
        assert_timed_out(records[job], attempts=2)
    # "b" started while "a" waited out its backoff (the slot was given back); "a" went again only
    # once it held a slot again, after "c" had had its turn (waiters are served in order).
    assert order == ["a", "b", "c", "a", "b", "c"]
