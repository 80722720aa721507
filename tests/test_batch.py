"""The batch package's parts: bodies sent as given (against the local server), input and resume logic.

The end-to-end runs (10k lines, kills, Ctrl-C, progress) are in test_cli.py.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from aiml_chat._spec import default_model, request_schema
from aiml_chat.batch import BatchOptions, run_batch
from aiml_chat.batch._input import InputError, Job, parse_lines
from aiml_chat.batch._output import RecordedOutput
from aiml_chat.testing import LocalServer

KEY = "test-key"  # the shared `server` fixture's key (conftest.py)


def bounded_property() -> tuple[str, float]:
    """A numeric request property of the spec with a maximum, and that maximum."""
    for name, schema in request_schema()["properties"].items():
        if schema.get("type") in ("number", "integer") and "maximum" in schema:
            return name, schema["maximum"]
    raise AssertionError("the spec has no numeric request property with a maximum")


def run(server: LocalServer, tmp_path: Path, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    source, output = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("".join(json.dumps(row) + "\n" for row in rows))
    options = BatchOptions(
        input=str(source), output=str(output), api_key=KEY, base_url=server.base_url, progress="none"
    )
    asyncio.run(run_batch(options))
    return [json.loads(line) for line in output.read_text().splitlines()]


def test_each_body_goes_out_as_given(server: LocalServer, tmp_path: Path) -> None:
    name, maximum = bounded_property()
    messages = [{"role": "user", "content": "Bonjour"}]
    body = {name: maximum, "provider_hint": "fast", "messages": messages}  # not in spec order
    server.reset()
    records = run(server, tmp_path, [{"custom_id": "a", "body": body}])
    assert [r["custom_id"] for r in records if "response" in r] == ["a"]
    [sent] = [r.body for r in server.requests]
    assert sent == {"model": default_model(), **body}
    assert list(sent) == ["model", name, "provider_hint", "messages"]  # the line's order, model first


def test_an_invalid_body_is_refused_before_any_request(server: LocalServer, tmp_path: Path) -> None:
    name, maximum = bounded_property()
    body = {"messages": [{"role": "user", "content": "Bonjour"}], name: maximum + 1}
    server.reset()
    [record] = run(server, tmp_path, [{"custom_id": "hot", "body": body}])
    assert record["error"]["type"] == "ValidationError"
    assert record["error"]["message"].startswith(f"line 1: {name}")
    assert record["attempts"] == 0
    assert server.requests == []


def test_parse_lines_turns_a_reused_custom_id_into_an_error_without_id() -> None:
    lines = [
        (1, b'{"custom_id": "a", "body": {}}'),
        (2, b'{"custom_id": "b", "body": 5}'),  # an error, but it still uses the id "b"
        (4, b'{"custom_id": "a", "body": {}}'),
        (5, b'{"custom_id": "b", "body": {}}'),
    ]
    first, bad_body, again_a, again_b = parse_lines(lines)
    assert first == Job(1, "a", {})
    assert isinstance(bad_body, InputError)
    assert bad_body.custom_id == "b"
    for item, earlier in ((again_a, 1), (again_b, 2)):
        assert isinstance(item, InputError)
        assert item.custom_id is None
        assert item.kind == "DuplicateCustomId"
        assert f"line {item.line}" in item.message
        assert f"line {earlier}" in item.message


def test_recorded_output_knows_earlier_outcomes_by_id_and_by_line() -> None:
    recorded = RecordedOutput()
    recorded.add({"custom_id": "ok", "line": 1, "response": {}})
    recorded.add({"custom_id": "bad", "line": 2, "error": {}})
    recorded.add({"custom_id": None, "line": 3, "error": {}})
    assert recorded.earlier_outcome("ok", 1) is False
    assert recorded.earlier_outcome("bad", 2) is True
    assert recorded.earlier_outcome(None, 3) is True
    assert recorded.earlier_outcome("new", 3) is None  # an id is looked up by id, not by line
    assert recorded.earlier_outcome(None, 1) is None  # a line is looked up only for id-less records
