"""What a user's mypy --strict sees (checked by tests/test_typing.py, never run).

`assert_type` lines must hold; each `# type: ignore[code]` line must be an error of that code
(the run uses --warn-unused-ignores, so an expected error that disappears fails the test).
"""

from __future__ import annotations

from typing import assert_type

import httpx2

from aiml_chat import (
    AsyncClient,
    AsyncStream,
    ChatCompletion,
    ChatCompletionChunk,
    Client,
    MessageParam,
    Stream,
    UserMessageParam,
    assistant,
    tool_result,
    user,
)


def sync_calls(client: Client) -> None:
    completion = client.chat.completions.create(messages=[user("hi")])
    assert_type(completion, ChatCompletion)
    assert_type(completion.choices[0].message.content, str | None)
    assert_type(completion.to_json(indent=2), str)
    assert_type(ChatCompletion.from_json(completion.to_json()), ChatCompletion)

    stream = client.chat.completions.create(messages=[user("hi")], stream=True)
    assert_type(stream, Stream[ChatCompletionChunk])
    for chunk in stream:
        assert_type(chunk, ChatCompletionChunk)
        assert_type(ChatCompletionChunk.from_json(chunk.to_json()), ChatCompletionChunk)
    assert_type(stream.get_final_completion(), ChatCompletion)

    dicts: list[MessageParam] = [
        {"role": "user", "content": "hi"},
        {"role": "assistant", "content": None, "tool_calls": []},
        {"role": "tool", "content": "42", "tool_call_id": "call_1"},
    ]
    client.chat.completions.create(messages=dicts, temperature=0.2, max_tokens=5, reasoning_effort="low")
    client.chat.completions.create(messages=[assistant("ok"), tool_result("call_1", "42")], timeout=2.0)
    client.chat.completions.create(messages=iter([user("a generator of messages is fine")]))


def wrong_calls(client: Client) -> None:
    client.chat.completions.create(messages=[user("hi")], temprature=0.2)  # type: ignore[call-overload]
    client.chat.completions.create(messages=[user("hi")], temperature="hot")  # type: ignore[call-overload]
    client.chat.completions.create(messages=[user("hi")], reasoning_effort="max")  # type: ignore[call-overload]
    client.chat.completions.create(temperature=0.2)  # type: ignore[call-overload]
    completion = client.chat.completions.create(messages=[user("hi")])
    wrong: int = completion.choices[0].message.content  # type: ignore[assignment]
    bad_role: UserMessageParam = {"role": "robot", "content": "hi"}  # type: ignore[typeddict-item]
    del wrong, bad_role


async def async_calls(client: AsyncClient) -> None:
    completion = await client.chat.completions.create(messages=[user("hi")])
    assert_type(completion, ChatCompletion)
    stream = await client.chat.completions.create(messages=[user("hi")], stream=True)
    assert_type(stream, AsyncStream[ChatCompletionChunk])
    async for chunk in stream:
        assert_type(chunk, ChatCompletionChunk)
    assert_type(await stream.get_final_completion(), ChatCompletion)
    await client.chat.completions.create(messages=[user("hi")], top_p="x")  # type: ignore[call-overload]


def own_http_client() -> Client:
    return Client(api_key="k", http_client=httpx2.Client(timeout=30))
