"""The `aiml-chat` command line (chat, batch, serve) against the local server on 127.0.0.1.

Process behaviour (exit codes, SIGKILL, SIGINT) is tested on a real `python -m aiml_chat` subprocess;
the rest calls `main([...])` in-process.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aiml_chat import _spec
from aiml_chat._cli import build_parser, main
from aiml_chat.batch import _input, _limit, _output
from aiml_chat.testing import LocalServer
from aiml_chat.testing._pdf import make_pdf

ROOT = Path(__file__).resolve().parent.parent
KEY = "sk-cli-4b1e9f0a77c3"  # distinctive, so a leak is easy to spot
KEY_ENV = "AIML_CLI_TEST_KEY"
BIG = 10_000
BIG_CONCURRENCY = "128"
PROCESS_TIMEOUT = 600


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(api_key=KEY) as running:
        yield running


@pytest.fixture(autouse=True)
def _key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, KEY)
    monkeypatch.delenv("AIMLAPI_BASE_URL", raising=False)


def env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k != "AIMLAPI_BASE_URL"}
    return {**base, KEY_ENV: KEY, **extra}


def cli(*args: str, timeout: float = PROCESS_TIMEOUT, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("env", env())
    return subprocess.run(
        [sys.executable, "-m", "aiml_chat", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        **kwargs,
    )


def chat(server: LocalServer, *args: str) -> list[str]:
    return ["chat", "--base-url", server.base_url, "--api-key-env", KEY_ENV, *args]


def batch(server: LocalServer, source: Path, output: Path, *args: str) -> list[str]:
    return [
        "batch",
        str(source),
        "-o",
        str(output),
        "--base-url",
        server.base_url,
        "--api-key-env",
        KEY_ENV,
        *args,
    ]


def request_body(i: int) -> dict[str, Any]:
    return {"messages": [{"role": "user", "content": f"Translate to French: sentence number {i}"}]}


def write_batch(path: Path, n: int) -> list[str]:
    ids = [f"req-{i:05d}" for i in range(n)]
    with path.open("w") as f:
        for i, custom_id in enumerate(ids):
            f.write(json.dumps({"custom_id": custom_id, "body": request_body(i)}) + "\n")
    return ids


def read_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def count_lines(path: Path) -> int:
    try:
        with path.open("rb") as f:
            return sum(1 for _ in f)
    except FileNotFoundError:
        return 0


def wait_for_lines(path: Path, n: int, process: subprocess.Popen[str], timeout: float = 300) -> None:
    """Poll the output file until it has `n` lines (the condition), failing if the process ends first."""
    deadline = time.monotonic() + timeout
    while count_lines(path) < n:
        assert process.poll() is None, f"the batch ended before writing {n} lines: {process.communicate()}"
        assert time.monotonic() < deadline, f"no {n} lines in {path} after {timeout}s"
        time.sleep(0.02)


def assert_each_id_once(records: list[dict[str, Any]], ids: list[str]) -> None:
    counts = Counter(r["custom_id"] for r in records)
    twice = sorted(i for i, c in counts.items() if c > 1)
    assert not twice, f"ids written more than once: {twice[:10]}"
    assert set(counts) == set(ids), (
        f"missing {sorted(set(ids) - set(counts))[:10]}, unexpected {sorted(set(counts) - set(ids))[:10]}"
    )


# --------------------------------------------------------------------------- help, parser, coverage


def test_help_works_as_module_and_console_script() -> None:
    result = cli("--help")
    assert result.returncode == 0, result.stderr
    for command in ("chat", "batch", "serve"):
        assert command in result.stdout
    chat_help = cli("chat", "--help")
    assert chat_help.returncode == 0
    assert "--temperature" in chat_help.stdout
    assert "--no-parallel-tool-calls" in chat_help.stdout
    assert cli("batch", "--help").returncode == 0
    serve_help = cli("serve", "--help")
    assert serve_help.returncode == 0
    assert "--faults" in serve_help.stdout
    script = Path(sys.executable).with_name("aiml-chat")
    if script.exists():
        assert subprocess.run([str(script), "--help"], capture_output=True, check=False).returncode == 0


def test_cli_covers_every_spec_request_property() -> None:
    """CLI coverage drift test: every request property in openapi.json is a `chat` option."""
    schema = _spec.request_schema()
    chat_parser = next(action for action in build_parser()._actions if action.dest == "command").choices[
        "chat"
    ]  # type: ignore[union-attr,index]
    flags = {flag for action in chat_parser._actions for flag in action.option_strings}
    missing = sorted(name for name in schema["properties"] if "--" + name.replace("_", "-") not in flags)
    assert not missing, f"`aiml-chat chat` has no option for spec request properties: {missing}"


def test_usage_errors_exit_2(server: LocalServer) -> None:
    server.reset()
    assert main(chat(server, "--temperature", "warm", "hi")) == 2
    assert main(chat(server, "--reasoning-effort", "extreme", "hi")) == 2
    assert main(chat(server, "--tools", "[not json", "hi")) == 2
    assert main(chat(server)) == 2  # no prompt
    assert main(["chat", "--api-key-env", "AIML_CLI_TEST_UNSET_VARIABLE", "hi"]) == 2
    assert main(["frobnicate"]) == 2
    assert main([]) == 2
    assert server.requests == []


def test_spec_refusal_is_a_usage_error_with_a_clean_message(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.reset()
    assert main(chat(server, "--temperature", "5", "hi")) == 2
    err = capsys.readouterr().err
    assert "ValidationError" in err
    assert "temperature" in err
    assert "Traceback" not in err
    assert server.requests == []


# --------------------------------------------------------------------------- chat


def test_chat_prints_the_reply(server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(chat(server, "Translate to French: good morning")) == 0
    assert capsys.readouterr().out == "Echo: Translate to French: good morning\n"


def test_chat_reads_the_prompt_from_stdin(server: LocalServer) -> None:
    result = cli(*chat(server, "-"), input="Translate to French: good night\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Echo: Translate to French: good night\n"


def test_chat_passes_spec_options_to_the_request(server: LocalServer) -> None:
    tools = [
        {
            "type": "function",
            "function": {"name": "lookup", "parameters": {"type": "object", "properties": {}}},
        }
    ]
    server.reset()
    args = chat(
        server,
        "--temperature",
        "0.2",
        "--top-p",
        "0.9",
        "--seed",
        "7",
        "--max-completion-tokens",
        "64",
        "--no-parallel-tool-calls",
        "--reasoning-effort",
        "low",
        "--presence-penalty",
        "null",
        "--tools",
        json.dumps(tools),
        "--tool-choice",
        "none",
        "--messages",
        json.dumps([{"role": "user", "content": "earlier"}, {"role": "assistant", "content": "ok"}]),
        "now",
    )
    assert main(args) == 0
    body = server.requests[-1].body
    assert body["temperature"] == 0.2
    assert body["top_p"] == 0.9
    assert body["seed"] == 7
    assert body["max_completion_tokens"] == 64
    assert body["parallel_tool_calls"] is False
    assert body["reasoning_effort"] == "low"
    assert body["presence_penalty"] is None
    assert body["tools"] == tools
    assert body["tool_choice"] == "none"
    assert body["model"] == "google/gemini-2.5-flash-lite-preview"
    assert [m["content"] for m in body["messages"]] == ["earlier", "ok", "now"]
    assert "stream" not in body


def test_chat_tool_choice_object_and_tool_calls_output(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    tools = [
        {
            "type": "function",
            "function": {
                "name": "get_weather",
                "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
            },
        }
    ]
    choice = {"type": "function", "function": {"name": "get_weather"}}
    args = chat(server, "--tools", json.dumps(tools), "--tool-choice", json.dumps(choice), "Paris")
    assert main(args) == 0
    assert server.requests[-1].body["tool_choice"] == choice
    out = capsys.readouterr().out
    assert "get_weather(" in out


def test_chat_stream_prints_tokens_as_they_arrive(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each token is written (and flushed) while the server is still sending the rest."""
    prompt = "one two three four five six"
    with LocalServer(api_key=KEY, faults="chunk_delay=0.05") as slow:
        written: list[tuple[str, bool]] = []

        class Recorder:
            def write(self, text: str) -> int:
                written.append((text, slow.requests[-1].completed))
                return len(text)

            def flush(self) -> None:
                pass

        monkeypatch.setattr(sys, "stdout", Recorder())
        assert main(chat(slow, "--stream", prompt)) == 0
        assert slow.requests[-1].stream is True
    text = "".join(piece for piece, _ in written)
    assert text == f"Echo: {prompt}\n"
    tokens = [piece for piece, _ in written if piece.strip()]
    assert len(tokens) > 3
    assert not written[0][1], "the first token was printed only after the stream had ended"


def test_chat_stream_json_prints_chunks(server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(chat(server, "--stream", "--json", "hello there")) == 0
    chunks = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(chunks) > 1
    assert all(c["object"] == "chat.completion.chunk" for c in chunks)
    text = "".join((c["choices"][0]["delta"].get("content") or "") for c in chunks if c["choices"])
    assert text == "Echo: hello there"


def test_chat_attaches_pdf_files(
    server: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = make_pdf(["Quarterly report"]), make_pdf(["Annex", "Page two"])
    (tmp_path / "report.pdf").write_bytes(first)
    (tmp_path / "annex.pdf").write_bytes(second)
    args = chat(
        server, "--file", str(tmp_path / "report.pdf"), "-f", str(tmp_path / "annex.pdf"), "Summarise"
    )
    assert main(args) == 0
    out = capsys.readouterr().out
    assert f"file report.pdf: {len(first)} bytes sha256={hashlib.sha256(first).hexdigest()}" in out
    assert f"file annex.pdf: {len(second)} bytes sha256={hashlib.sha256(second).hexdigest()}" in out


def test_chat_refuses_a_file_that_is_not_a_pdf(
    server: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.reset()
    (tmp_path / "notes.txt").write_text("plain text")
    assert main(chat(server, "--file", str(tmp_path / "notes.txt"), "Summarise")) == 2
    assert "notes.txt" in capsys.readouterr().err
    assert server.requests == []


def test_chat_json_prints_the_full_response(server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(chat(server, "--json", "hello")) == 0
    response = json.loads(capsys.readouterr().out)
    assert response["object"] == "chat.completion"
    assert response["choices"][0]["message"]["content"] == "Echo: hello"
    assert response["usage"]["total_tokens"] > 0


def test_chat_bad_key_exits_1_without_printing_the_key(server: LocalServer) -> None:
    wrong = "sk-wrong-9d8c7b6a5f4e"
    result = cli(*chat(server, "hello"), env=env(**{KEY_ENV: wrong}))
    assert result.returncode == 1
    assert "AuthenticationError" in result.stderr
    assert "401" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    for secret in (wrong, KEY):
        assert secret not in result.stderr
        assert secret not in result.stdout


def test_chat_connection_error_exits_1(server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    with LocalServer(api_key=KEY) as gone:
        url = gone.base_url
    assert main(["chat", "--base-url", url, "--api-key-env", KEY_ENV, "--max-retries", "0", "hi"]) == 1
    assert "APIConnectionError" in capsys.readouterr().err


# --------------------------------------------------------------------------- serve


def test_serve_runs_the_local_server_until_interrupted() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "aiml_chat", "serve", "--port", "0", "--api-key", KEY],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:"), process.stderr.read() if process.stderr else ""
        result = cli("chat", "--base-url", url, "--api-key-env", KEY_ENV, "ping")
        assert result.returncode == 0, result.stderr
        assert result.stdout == "Echo: ping\n"
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0


# --------------------------------------------------------------------------- batch: the big runs


def test_batch_10k_with_429s_once_for_10_percent(tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_batch(source, BIG)
    with LocalServer(api_key=KEY, faults="status=429;times=1;rate=0.1") as limited:
        result = cli(*batch(limited, source, output, "--concurrency", BIG_CONCURRENCY, "--progress", "log"))
        seen = limited.requests
    assert result.returncode == 0, result.stderr[-2000:]
    records = read_records(output)
    assert_each_id_once(records, ids)
    assert [r for r in records if "error" in r] == []
    faulted = sum(1 for r in seen if r.faulted)
    assert 0.08 * BIG < faulted < 0.12 * BIG
    assert Counter(r["attempts"] for r in records) == {1: BIG - faulted, 2: faulted}
    assert sum(r["attempts"] for r in records) == len(seen)
    assert "slowed down" in result.stderr  # the pool backed off on 429s
    assert f"{BIG} ok, 0 errors" in result.stderr


def test_batch_10k_with_500s_once_for_5_percent(tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_batch(source, BIG)
    with LocalServer(api_key=KEY, faults="status=500;times=1;rate=0.05") as flaky:
        result = cli(*batch(flaky, source, output, "--concurrency", BIG_CONCURRENCY, "--progress", "none"))
        seen = flaky.requests
    assert result.returncode == 0, result.stderr[-2000:]
    records = read_records(output)
    assert_each_id_once(records, ids)
    assert [r for r in records if "error" in r] == []
    faulted = sum(1 for r in seen if r.faulted)
    assert 0.03 * BIG < faulted < 0.07 * BIG
    assert Counter(r["attempts"] for r in records) == {1: BIG - faulted, 2: faulted}
    assert "slowed down" not in result.stderr  # 500s are retried but do not throttle the pool


def test_batch_killed_half_way_resumes_without_losing_or_repeating_ids(tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_batch(source, BIG)
    with LocalServer(api_key=KEY, faults="status=429;times=1;rate=0.1") as limited:
        args = batch(limited, source, output, "--concurrency", BIG_CONCURRENCY, "--progress", "none")
        process = subprocess.Popen(
            [sys.executable, "-m", "aiml_chat", *args],
            env=env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_for_lines(output, BIG // 2, process)
            process.kill()  # SIGKILL: no cleanup at all
        finally:
            process.communicate(timeout=60)
        assert process.returncode == -signal.SIGKILL
        first_run = output.read_bytes()
        whole = first_run[: first_run.rfind(b"\n") + 1]
        done_before = {json.loads(line)["custom_id"] for line in whole.splitlines()}
        assert BIG // 2 <= len(done_before) < BIG

        result = cli(*args)
    assert result.returncode == 0, result.stderr[-2000:]
    records = read_records(output)  # also proves every line is whole JSON
    assert_each_id_once(records, ids)
    assert [r for r in records if "error" in r] == []
    assert f"{len(done_before)} skipped" in result.stderr
    assert f"{BIG - len(done_before)} ok" in result.stderr


# --------------------------------------------------------------------------- batch: input and resume


def test_batch_malformed_lines_become_error_lines(
    server: LocalServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    lines = [json.dumps({"custom_id": f"ok-{i}", "body": request_body(i)}) for i in range(10)]
    lines[2] = '{"custom_id": "broken", "body": {'  # line 3: invalid JSON
    lines[4] = "[1, 2, 3]"  # line 5: not an object
    lines[7] = json.dumps({"custom_id": "hot", "body": {**request_body(7), "temperature": 9}})  # line 8
    lines.insert(6, "")  # a blank line is not a request (the ones after it move down by one)
    source.write_text("\n".join(lines) + "\n")
    assert main(batch(server, source, output, "--progress", "none")) == 1
    records = read_records(output)
    errors = [r for r in records if "error" in r]
    assert len(errors) == 3
    by_line = {r["line"]: r for r in errors}
    assert set(by_line) == {3, 5, 9}
    for number, record in by_line.items():
        assert f"line {number}" in record["error"]["message"]
    assert by_line[3]["error"]["type"] == "InvalidJSON"
    assert by_line[3]["custom_id"] is None
    assert by_line[9]["error"]["type"] == "ValidationError"
    assert by_line[9]["custom_id"] == "hot"
    assert "temperature" in by_line[9]["error"]["message"]
    assert sorted(r["custom_id"] for r in records if "response" in r) == sorted(
        f"ok-{i}" for i in range(10) if i not in (2, 4, 7)
    )
    assert "7 ok, 3 errors" in capsys.readouterr().err

    # A rerun writes nothing new and still reports failure: those ids did not succeed.
    assert main(batch(server, source, output, "--progress", "none")) == 1
    assert read_records(output) == records
    assert "3 of the skipped had failed" in capsys.readouterr().err


def test_batch_plain_bodies_duplicates_and_unknown_properties(server: LocalServer, tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = [
        request_body(0),  # line 1: a bare body -> line-1
        {"custom_id": "a", "body": request_body(1)},
        {"custom_id": "a", "body": request_body(2)},  # line 3: duplicate id
        {
            "custom_id": "s",
            "method": "POST",
            "url": "/v1/chat/completions",
            "body": {**request_body(3), "stream": True},
        },
        {
            "custom_id": "x",
            "body": {**request_body(4), "provider_hint": "fast"},
        },  # not in the spec: sent as is
    ]
    source.write_text("".join(json.dumps(row) + "\n" for row in rows))
    server.reset()
    assert main(batch(server, source, output, "--progress", "none")) == 1  # the duplicate is an error
    records = {(r["custom_id"], r["line"]): r for r in read_records(output)}
    assert set(records) == {("line-1", 1), ("a", 2), (None, 3), ("s", 4), ("x", 5)}
    duplicate = records[(None, 3)]["error"]
    assert duplicate["type"] == "DuplicateCustomId"
    assert "line 3" in duplicate["message"]
    assert "line 2" in duplicate["message"]
    assert (
        records[("s", 4)]["response"]["choices"][0]["message"]["content"]
        == "Echo: " + (request_body(3)["messages"][0]["content"])
    )
    assert any(r.body and r.body.get("provider_hint") == "fast" for r in server.requests)
    assert len(server.requests) == 4

    before = output.read_bytes()
    assert main(batch(server, source, output, "--progress", "none")) == 1
    assert output.read_bytes() == before  # nothing written twice, not even the duplicate's error


def test_batch_repairs_a_partial_last_line(server: LocalServer, tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_batch(source, 20)
    assert main(batch(server, source, output, "--progress", "none")) == 0
    records = read_records(output)
    kept = records[:12]
    torn = json.dumps(records[12])[:40]  # what a kill in the middle of a write could leave
    output.write_text("".join(json.dumps(r) + "\n" for r in kept) + torn)
    server.reset()
    result = cli(*batch(server, source, output, "--progress", "none"))
    assert result.returncode == 0, result.stderr
    assert "removed a partial last line" in result.stderr
    assert "12 skipped" in result.stderr
    assert len(server.requests) == 8
    assert_each_id_once(read_records(output), ids)


def test_batch_keeps_a_whole_last_record_missing_its_newline(server: LocalServer, tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_batch(source, 5)
    assert main(batch(server, source, output, "--progress", "none")) == 0
    output.write_bytes(output.read_bytes().rstrip(b"\n"))
    server.reset()
    assert main(batch(server, source, output, "--progress", "none")) == 0
    assert server.requests == []
    assert_each_id_once(read_records(output), ids)


def test_batch_ctrl_c_exits_130_and_resumes(tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_batch(source, 400)
    with LocalServer(api_key=KEY, faults="delay=0.05") as slow:
        args = batch(slow, source, output, "--concurrency", "8", "--progress", "none")
        process = subprocess.Popen(
            [sys.executable, "-m", "aiml_chat", *args],
            env=env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            wait_for_lines(output, 40, process)
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == 130, err
        assert "interrupted" in err
        assert "Traceback" not in err
        partial = read_records(output)  # whole lines only
        assert 40 <= len(partial) < 400
        assert slow.counts["max_in_flight"] <= 8
        result = cli(*args)
    assert result.returncode == 0, result.stderr
    assert_each_id_once(read_records(output), ids)


def test_batch_refuses_an_output_another_run_is_writing(server: LocalServer, tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_batch(source, 3)
    holder = _output.ResultWriter(str(output))
    try:
        result = cli(*batch(server, source, output, "--progress", "none"))
    finally:
        holder.close()
    assert result.returncode == 1
    assert "another batch run" in result.stderr


def test_batch_bad_key_fails_every_line_and_exits_1(server: LocalServer, tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_batch(source, 4)
    wrong = "sk-wrong-1a2b3c4d5e"
    result = cli(*batch(server, source, output, "--progress", "none"), env=env(**{KEY_ENV: wrong}))
    assert result.returncode == 1
    records = read_records(output)
    assert {r["error"]["type"] for r in records} == {"AuthenticationError"}
    assert {r["error"]["status"] for r in records} == {401}
    assert wrong not in output.read_text() + result.stderr + result.stdout


def test_batch_progress_bar_with_rich(server: LocalServer, tmp_path: Path) -> None:
    pytest.importorskip("rich")
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_batch(source, 30)
    result = cli(*batch(server, source, output, "--progress", "bar"))
    assert result.returncode == 0, result.stderr
    assert "30/30" in result.stderr
    assert "errors" in result.stderr


def test_rich_is_optional(server: LocalServer, tmp_path: Path) -> None:
    """Without rich the CLI imports, and a requested bar falls back to log lines."""
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_batch(source, 5)
    code = (
        "import sys; sys.modules['rich'] = None\n"
        "from aiml_chat.__main__ import main\n"
        "assert 'rich' not in [m.split('.')[0] for m in sys.modules if sys.modules[m] is not None]\n"
        "sys.exit(main(sys.argv[1:]))"
    )
    args = batch(server, source, output, "--progress", "bar")
    result = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env(), check=False
    )
    assert result.returncode == 0, result.stderr
    assert "5 ok, 0 errors" in result.stderr


def test_batch_log_progress_lines(tmp_path: Path) -> None:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_batch(source, 60)
    with LocalServer(api_key=KEY, faults="delay=0.05") as slow:
        result = cli(*batch(slow, source, output, "-c", "4", "--progress", "log", "--log-interval", "0.1"))
    assert result.returncode == 0, result.stderr
    progress = [line for line in result.stderr.splitlines() if "req/s | ETA" in line]
    assert progress, result.stderr
    assert "/60 (" in progress[0]


# --------------------------------------------------------------------------- the adaptive limit


def test_adaptive_limit_halves_once_per_epoch_and_recovers_additively() -> None:
    limit = _limit.AdaptiveLimit(64)
    epoch = limit.epoch
    limit.rate_limited(epoch)
    assert limit.limit == 32
    limit.rate_limited(epoch)  # another 429 from an attempt sent before the cut: no second cut
    assert limit.limit == 32
    limit.rate_limited(limit.epoch)
    assert limit.limit == 16
    for _ in range(10):
        limit.succeeded()
    assert limit.limit == 26
    for _ in range(100):
        limit.succeeded()
    assert limit.limit == 64
    assert (limit.slowdowns, limit.lowest) == (2, 16)
    for _ in range(20):
        limit.rate_limited(limit.epoch)
    assert limit.limit == 1  # never below one


def test_adaptive_limit_bounds_holders_and_wakes_waiters_in_order() -> None:
    async def scenario() -> list[int]:
        limit = _limit.AdaptiveLimit(2)
        order: list[int] = []

        async def take(n: int) -> None:
            await limit.acquire()
            order.append(n)

        await limit.acquire()
        await limit.acquire()
        waiters = [asyncio.create_task(take(n)) for n in range(3)]
        await asyncio.sleep(0)
        assert order == []
        assert limit.in_flight == 2
        limit.rate_limited(limit.epoch)  # limit 1: releasing one slot frees nobody
        limit.release()
        await asyncio.sleep(0)
        assert order == []
        assert limit.in_flight == 1
        limit.succeeded()  # back to 2: the first waiter gets the slot
        await asyncio.sleep(0)
        assert order == [0]
        limit.release()
        limit.release()
        await asyncio.gather(*waiters)
        assert limit.in_flight == 2
        return order

    assert asyncio.run(scenario()) == [0, 1, 2]


def test_parse_line_shapes() -> None:
    assert _input.parse_line(4, '{"messages": []}') == _input.Job(4, "line-4", {"messages": []})
    assert _input.parse_line(1, '{"custom_id": "c", "body": {"a": 1}}') == _input.Job(1, "c", {"a": 1})
    bad_id = _input.parse_line(2, '{"custom_id": 5, "body": {}}')
    assert isinstance(bad_id, _input.InputError)
    assert bad_id.custom_id is None
    no_body = _input.parse_line(3, '{"custom_id": "d"}')
    assert isinstance(no_body, _input.InputError)
    assert no_body.custom_id == "d"
    assert "line 3" in no_body.message
