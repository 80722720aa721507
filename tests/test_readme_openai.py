"""README's "Coming from openai-python": both programs, as written there, against the local server.

The code blocks are read out of README.md, so the README cannot drift from what runs. The server
answers every call with the same JSON (its `content=` fault as the default), which the plain calls
print as text and parse() reads as an Event.
"""

from __future__ import annotations

import base64
import json
import re
import sys
import types
from pathlib import Path

import pytest

from aiml_chat.testing import LocalServer

README = Path(__file__).resolve().parent.parent / "README.md"
KEY = "sk-readme-3c2b1a"
ANSWER = json.dumps({"title": "Party", "day": "Friday"})


def section_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Coming from openai-python", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


@pytest.fixture(scope="module")
def server() -> object:
    content = base64.b64encode(ANSWER.encode()).decode()
    with LocalServer(api_key=KEY, faults=f"content={content}") as running:
        yield running


def run_program(code: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Run `code` as a module of its own (dataclasses look their module up in sys.modules)."""
    module = types.ModuleType("readme_program")
    monkeypatch.setitem(sys.modules, module.__name__, module)
    exec(compile(code, str(README), "exec"), module.__dict__)
    return capsys.readouterr().out.splitlines()


def test_the_readme_shows_both_programs() -> None:
    openai_form, aiml_form = section_blocks()
    assert "import openai" in openai_form
    assert "from aiml_chat import" in aiml_form


def test_the_aiml_chat_program_runs(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AIMLAPI_API_KEY", KEY)
    monkeypatch.setenv("AIMLAPI_BASE_URL", server.base_url)
    server.reset()
    lines = run_program(section_blocks()[1], monkeypatch, capsys)
    assert lines == [ANSWER, ANSWER, "Event(title='Party', day='Friday')"]
    assert [r.headers["x-team"] for r in server.requests] == ["search"] * 3
    assert server.requests[2].body["response_format"]["type"] == "json_schema"


def test_the_openai_program_runs_the_same(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    server.reset()
    code = section_blocks()[0].replace("https://api.aimlapi.com/v1", server.base_url + "/v1")
    lines = run_program(code, monkeypatch, capsys)
    assert lines == [ANSWER, ANSWER, "title='Party' day='Friday'"]
    assert [r.headers["x-team"] for r in server.requests] == ["search"] * 3
