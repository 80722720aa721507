"""The benchmark runs end to end at tiny sizes. Targets are never asserted here: see BENCHMARKS.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("openai")

SYNC = ("aiml_chat", "httpx2", "httpx2_tuned", "httpx", "openai")
ASYNC = tuple(f"{k}_async" for k in SYNC)
SHAPES = ("openai", "openrouter", "minimal")


def test_bench_quick_runs_every_metric(tmp_path: Path) -> None:
    output = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert "| metric" in done.stdout
    results = json.loads(output.read_text())

    assert results["meta"]["versions"]["httpx2"]
    assert results["meta"]["versions"]["httpx"]
    assert results["meta"]["settings"]["quick"] is True
    metrics = {(s["metric"], s["client"]): s for s in results["series"]}

    def positive(metric: str, client: str) -> None:
        series = metrics[(metric, client)]
        assert series["rounds"], (metric, client)
        assert all(value > 0 for value in series["rounds"]), (metric, client)

    for shape in SHAPES:
        for kinds in (SYNC, ASYNC):
            for client in kinds:
                positive(f"call CPU, 2 msgs, {shape}", client)
                positive(f"stream CPU /1000 chunks, {shape}, no gap", client)
    for client in SYNC:
        positive("call CPU, 20 msgs, openai", client)
        positive("stream chunks/s, openai, gap 1 ms", client)
        positive("fresh process: construct + first call", client)
    for client in ASYNC:
        positive("call CPU, 20 msgs, openai", client)
        for metric in (
            "async req/s, warm client, 5 in flight",
            "async req/s, fresh client, 10 req at 5 in flight",
        ):
            positive(metric, client)
            assert metrics[(metric, client)]["extra"].get("errors", 0) == 0, (metric, client)
    for client in ("aiml_chat", "httpx2", "httpx", "openai", "aiml_chat+models"):
        positive("import time", client)
    for client in ("aiml_chat (path)", "aiml_chat (bytes)", "httpx2", "httpx", "openai"):
        (sample,) = metrics[("upload 1 MiB PDF, peak RSS growth", client)]["samples"]
        assert sample["body_bytes"] >= sample["file_bytes"] * 4 // 3
    # Every target of the table is evaluated (met or not), none is asserted.
    targets = {(t["metric"].split(",")[0], t["client"]) for t in results["targets"]}
    assert targets >= {
        ("call CPU", "aiml_chat"),
        ("call CPU", "aiml_chat_async"),
        ("stream CPU /1000 chunks", "aiml_chat"),
        ("stream CPU /1000 chunks", "aiml_chat_async"),
        ("async req/s", "aiml_chat_async"),
        ("fresh process: construct + first call", "aiml_chat"),
        ("import time", "aiml_chat"),
        ("upload 1 MiB PDF", "aiml_chat (path)"),
        ("upload 1 MiB PDF", "aiml_chat (bytes)"),
    }
    assert all(t["target"].endswith(("x httpx2", "x httpx2_async", " MiB")) for t in results["targets"])


def _events(frames: tuple[bytes, ...]) -> list[bytes]:
    return [frame.split(b"\r\n", 1)[1].removesuffix(b"\r\n") for frame in frames[:-1]]


@pytest.mark.parametrize("shape", SHAPES)
def test_bench_server_stream_shapes(shape: str) -> None:
    """Each canned stream is what real providers send: role first, a finish_reason, then [DONE]."""
    sys.path.insert(0, str(ROOT))
    try:
        from bench.server import sse_frames
    finally:
        sys.path.remove(str(ROOT))
    frames = sse_frames(4, shape)
    assert len(frames) == 6  # 4 chunks, [DONE], the terminating empty chunk
    assert frames[-1] == b"0\r\n\r\n"
    events = _events(frames)
    assert events[-1] == b"data: [DONE]\n\n"
    chunks = [json.loads(e.rsplit(b"data: ", 1)[1]) for e in events[:-1]]
    assert chunks[0]["choices"][0]["delta"]["role"] == "assistant"
    finishes = [c["choices"][0]["finish_reason"] for c in chunks if c["choices"]]
    assert finishes[-1] == "stop"
    assert finishes.count("stop") == 1
    if shape == "openai":
        assert all(c["usage"] is None and c["service_tier"] and c["system_fingerprint"] for c in chunks[:-1])
        assert chunks[0]["choices"][0]["delta"]["refusal"] is None
        assert all(c["choices"][0]["logprobs"] is None for c in chunks[:-1])
        assert chunks[-1]["choices"] == []
        assert chunks[-1]["usage"]["total_tokens"]
    elif shape == "openrouter":
        assert events[0].startswith(b": OPENROUTER PROCESSING\n\n")
        assert all(c["provider"] and "native_finish_reason" in c["choices"][0] for c in chunks)
        assert chunks[-1]["usage"]["total_tokens"]
    else:
        assert all(c.keys() == {"id", "object", "created", "model", "choices"} for c in chunks)
        assert all(c["choices"][0].keys() == {"index", "delta", "finish_reason"} for c in chunks)


@pytest.mark.parametrize("shape", SHAPES)
def test_bench_server_completion_shapes(shape: str) -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from bench.server import canned
    finally:
        sys.path.remove(str(ROOT))
    answer = json.loads(canned(shape))
    assert answer["choices"][0]["message"]["content"]
    if shape == "openai":
        assert answer["service_tier"]
        assert answer["system_fingerprint"]
        assert answer["choices"][0]["message"]["refusal"] is None
        assert answer["choices"][0]["logprobs"] is None
    elif shape == "openrouter":
        assert answer["provider"]
        assert answer["choices"][0]["native_finish_reason"] == "STOP"
    else:
        assert answer.keys() == {"id", "object", "created", "model", "choices"}
