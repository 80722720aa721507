"""The spec pipeline: pristine upstream + declared fixes = openapi.json, valid, generated/ fresh,
and the generated models read what real providers send."""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from openapi_spec_validator import validate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tools import spectool  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"


def test_openapi_json_is_valid_openapi_30() -> None:
    spec = json.loads((ROOT / "openapi.json").read_text())
    assert spec["openapi"].startswith("3.0")
    validate(spec)


def test_declared_fixes_applied_to_upstream_give_openapi_json_exactly() -> None:
    text, stale = spectool.build()
    assert stale == []
    assert text == (ROOT / "openapi.json").read_text(encoding="utf-8")


def test_every_declared_fix_still_hits_its_target() -> None:
    upstream = json.loads(spectool.UPSTREAM.read_text())
    fixes = spectool.load_fixes()
    _, stale = spectool.apply_fixes(upstream, fixes)
    assert stale == []
    for action in fixes["actions"]:
        assert action.get("description"), f"fix for {action['target']} has no reason"
        assert ("update" in action) != ("remove" in action), action["target"]


def test_a_fix_whose_target_vanished_is_reported() -> None:
    upstream = json.loads(spectool.UPSTREAM.read_text())
    fixes = copy.deepcopy(spectool.load_fixes())
    fixes["actions"].append({"target": "$.paths['/v1/gone'].post", "update": {"summary": "x"}})
    _, stale = spectool.apply_fixes(upstream, fixes)
    assert len(stale) == 1
    assert "/v1/gone" in stale[0]


def test_upstream_copy_is_pretty_printed_for_review() -> None:
    text = spectool.UPSTREAM.read_text(encoding="utf-8")
    assert text == spectool.dump(json.loads(text))


def _regenerate(tmp_path: Path, spec: dict[str, Any] | None = None) -> list[str]:
    """Generate from openapi.json (or `spec`) into tmp_path; return the files that differ from generated/."""
    out = tmp_path / "aiml_api_client"
    spectool.regenerate(out, spec)
    return spectool.stale_files(out)


def test_generated_code_matches_spec_and_config(tmp_path: Path) -> None:
    stale = _regenerate(tmp_path)
    assert stale == [], f"generated/ is stale, run `nox -s generate`: {stale}"


def test_editing_a_description_without_regenerating_names_the_stale_file(tmp_path: Path) -> None:
    spec = json.loads((ROOT / "openapi.json").read_text())
    props = spec["components"]["schemas"]["ChatCompletionRequest"]["properties"]
    props["temperature"]["description"] = "Edited without regenerating."
    stale = _regenerate(tmp_path, spec)
    assert stale == ["generated/aiml_api_client/models/chat_completion_request.py"]


# --- the generated models against real traffic -------------------------------------------------


def test_seed_sample_response_parses_and_round_trips() -> None:
    from aiml_api_client.models import ChatCompletion

    data = json.loads((FIXTURES / "seed_response.json").read_text())
    completion = ChatCompletion.from_dict(data)
    assert completion.choices[0].message.content == "Hello there! How can I help you today?"
    assert completion.choices[0].message["reasoning_content"] is None  # unknown field, kept
    assert completion.to_dict() == data


def _completion(**message: Any) -> dict[str, Any]:
    return {
        "id": "gen-1",
        "object": "chat.completion",
        "created": 1752482994,
        "model": "google/gemini-2.5-flash-lite-preview",
        "choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", **message}}],
        "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5},
    }


def test_null_content_with_tool_calls_parses() -> None:
    from aiml_api_client.models import ChatCompletion, ToolCall

    data = _completion(
        content=None,
        tool_calls=[{"id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}],
    )
    data["choices"][0]["finish_reason"] = "tool_calls"
    completion = ChatCompletion.from_dict(data)
    assert completion.choices[0].message.content is None
    call = completion.choices[0].message.tool_calls[0]
    assert isinstance(call, ToolCall)
    assert call.function.name == "f"
    assert completion.to_dict() == data


@pytest.mark.parametrize("finish_reason", [None, "error", "stop"])
def test_null_and_unknown_finish_reason_parse(finish_reason: str | None) -> None:
    from aiml_api_client.models import ChatCompletion

    data = _completion(content="hi")
    data["choices"][0]["finish_reason"] = finish_reason
    completion = ChatCompletion.from_dict(data)
    assert completion.choices[0].finish_reason == finish_reason
    assert completion.to_dict()["choices"][0]["finish_reason"] == finish_reason


def test_null_usage_parses() -> None:
    from aiml_api_client.models import ChatCompletion

    data = _completion(content="hi")
    data["usage"] = None
    assert ChatCompletion.from_dict(data).usage is None


def test_missing_usage_and_provider_extras_parse_and_stay_reachable() -> None:
    from aiml_api_client.models import ChatCompletion

    data = _completion(content="hi", reasoning_content="thinking")
    del data["usage"]
    data["provider"] = "Google"
    data["system_fingerprint"] = "fp_1"
    data["cost"] = {"total": 0.0001}
    data["choices"][0]["native_finish_reason"] = "STOP"
    completion = ChatCompletion.from_dict(data)
    assert not completion.usage
    assert completion["provider"] == "Google"
    assert completion["cost"] == {"total": 0.0001}
    assert completion.choices[0]["native_finish_reason"] == "STOP"
    assert completion.choices[0].message["reasoning_content"] == "thinking"
    assert completion.to_dict() == data


STREAM = [
    {"choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": None}]},
    {"choices": [{"index": 0, "delta": {"content": "Hel"}, "finish_reason": None}]},
    {"choices": [{"index": 0, "delta": {"content": None}, "finish_reason": None}], "provider": "Google"},
    {
        "choices": [
            {
                "index": 0,
                "delta": {
                    "content": None,
                    "tool_calls": [
                        {
                            "index": 0,
                            "id": "call_1",
                            "type": "function",
                            "function": {"name": "f", "arguments": ""},
                        }
                    ],
                },
                "finish_reason": None,
            }
        ]
    },
    {
        "choices": [
            {
                "index": 0,
                "delta": {"tool_calls": [{"index": 0, "function": {"arguments": '{"a"'}}]},
                "finish_reason": None,
            }
        ]
    },
    {"choices": [{"index": 0, "delta": {}, "finish_reason": "tool_calls", "native_finish_reason": "STOP"}]},
    {"choices": [{"index": 0, "delta": {"content": None}, "finish_reason": "error"}]},
    {"choices": [], "usage": {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}},
]


@pytest.mark.parametrize("chunk", STREAM)
def test_real_stream_chunks_parse(chunk: dict[str, Any]) -> None:
    from aiml_api_client.models import ChatCompletionChunk

    data = {
        "id": "gen-1",
        "object": "chat.completion.chunk",
        "created": 1752482994,
        "model": "google/gemini-2.5-flash-lite-preview",
        **chunk,
    }
    parsed = ChatCompletionChunk.from_dict(data)
    assert parsed.to_dict() == data
