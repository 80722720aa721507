"""The official `openai` SDK, pointed at the local server, works as it does against a real provider.

This is the proof that the server speaks the real wire format: the SDK's own parsing, SSE decoding
and retry logic (it honours `retry-after-ms`) run unchanged against it.
"""

from __future__ import annotations

import openai
import pytest

from aiml_chat import _spec
from aiml_chat.testing import LocalServer

MODEL = _spec.default_model()
TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "parameters": {"type": "object", "properties": {"city": {"type": "string"}}},
    },
}


def sdk(server: LocalServer, max_retries: int = 0) -> openai.OpenAI:
    return openai.OpenAI(base_url=server.base_url + "/v1", api_key="test-key", max_retries=max_retries)


def test_plain_call(server: LocalServer) -> None:
    completion = sdk(server).chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "Hello from the SDK"}]
    )
    assert completion.object == "chat.completion"
    assert completion.model == MODEL
    [choice] = completion.choices
    assert choice.message.role == "assistant"
    assert choice.message.content == "Echo: Hello from the SDK"
    assert choice.finish_reason == "stop"
    assert completion.usage is not None
    assert (
        completion.usage.total_tokens
        == completion.usage.prompt_tokens + completion.usage.completion_tokens
        > 0
    )


def test_streamed_call(server: LocalServer) -> None:
    stream = sdk(server).chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Stream this to me"}],
        stream=True,
        stream_options={"include_usage": True},
    )
    pieces: list[str] = []
    finish: list[str | None] = []
    usage = None
    for chunk in stream:
        assert chunk.object == "chat.completion.chunk"
        if chunk.usage is not None:
            usage = chunk.usage
        for choice in chunk.choices:
            pieces += [choice.delta.content] if choice.delta.content else []
            finish.append(choice.finish_reason)
    assert "".join(pieces) == "Echo: Stream this to me"
    assert len(pieces) > 1
    assert finish[-1] == "stop"
    assert set(finish[:-1]) == {None}
    assert usage is not None
    assert usage.completion_tokens > 0


def test_streamed_tool_calls_accumulate(server: LocalServer) -> None:
    stream = sdk(server).chat.completions.create(
        model=MODEL, messages=[{"role": "user", "content": "Paris"}], tools=[TOOL], stream=True
    )
    name, arguments = "", ""
    for chunk in stream:
        for choice in chunk.choices:
            for call in choice.delta.tool_calls or []:
                name += (call.function and call.function.name) or ""
                arguments += (call.function and call.function.arguments) or ""
    assert (name, arguments) == ("get_weather", '{"city": "Paris"}')


def test_errors_and_retries_as_the_sdk_expects(server: LocalServer) -> None:
    server.reset()
    with pytest.raises(openai.AuthenticationError) as caught:
        openai.OpenAI(
            base_url=server.base_url + "/v1", api_key="wrong", max_retries=0
        ).chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "x"}])
    assert caught.value.status_code == 401
    assert caught.value.code == "invalid_api_key"
    with pytest.raises(openai.BadRequestError) as bad:
        sdk(server).chat.completions.create(model=MODEL, messages=[{"role": "robot", "content": "x"}])
    assert bad.value.param == "messages[0].role"
    client = sdk(server, max_retries=2)
    completion = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "retry"}],
        extra_headers={"X-Mock-Fault": "status=429;times=1;retry_after_ms=10", "X-Mock-Fault-Key": "sdk"},
    )
    assert completion.choices[0].message.content == "Echo: retry"
    assert [r.status for r in server.requests][-2:] == [429, 200]
