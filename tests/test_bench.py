"""The benchmark runs end to end at tiny sizes. Targets are never asserted here: see BENCHMARKS.md."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytest.importorskip("openai")


def test_bench_quick_runs_every_metric(tmp_path: Path) -> None:
    output = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    assert "| metric" in done.stdout
    results = json.loads(output.read_text())

    assert results["meta"]["versions"]["httpx"]
    assert results["meta"]["settings"]["quick"] is True
    metrics = {(s["metric"], s["client"]): s for s in results["series"]}
    for client in ("aiml_chat", "httpx", "openai"):
        for metric in (
            "call CPU, 2 msgs",
            "call CPU, 20 msgs",
            "stream CPU /1000 chunks, no gap",
            "stream chunks/s, gap 1 ms",
            "import time",
        ):
            series = metrics[(metric, client)]
            assert series["rounds"], (metric, client)
            assert all(value > 0 for value in series["rounds"]), (metric, client)
    for client in ("aiml_chat_async", "httpx_async", "openai_async"):
        assert metrics[("async req/s, 5 in flight", client)]["extra"].get("errors", 0) == 0
        assert metrics[("stream CPU /1000 chunks, no gap", client)]["rounds"]
    for client in ("aiml_chat (path)", "aiml_chat (bytes)", "openai", "httpx"):
        (sample,) = metrics[("upload 1 MiB PDF, peak RSS growth", client)]["samples"]
        assert sample["body_bytes"] >= sample["file_bytes"] * 4 // 3
    # Every target is evaluated (met or not), none is asserted.
    assert {t["client"] for t in results["targets"]} >= {"aiml_chat", "aiml_chat_async", "aiml_chat (path)"}


def test_bench_server_stream_shape() -> None:
    """The canned stream is what the clients expect: role first, finish_reason last, then [DONE]."""
    sys.path.insert(0, str(ROOT))
    try:
        from bench.server import sse_frames
    finally:
        sys.path.remove(str(ROOT))
    frames = sse_frames(3)
    assert len(frames) == 5  # 3 chunks, [DONE], the terminating empty chunk
    events = [frame.split(b"\r\n", 1)[1].removesuffix(b"\r\n") for frame in frames[:-1]]
    first = json.loads(events[0].removeprefix(b"data: "))
    last = json.loads(events[2].removeprefix(b"data: "))
    assert first["choices"][0]["delta"]["role"] == "assistant"
    assert last["choices"][0]["finish_reason"] == "stop"
    assert events[3] == b"data: [DONE]\n\n"
    assert frames[-1] == b"0\r\n\r\n"
