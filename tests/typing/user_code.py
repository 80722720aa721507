"""What a user's mypy --strict sees (checked by tests/test_typing.py, never run).

`assert_type` lines must hold; each `# type: ignore[code]` line must be an error of that code
(the run uses --warn-unused-ignores, so an expected error that disappears fails the test).
"""

from __future__ import annotations

import dataclasses
from typing import TypedDict, assert_type

import attrs
import httpx2
import pydantic

from aiml_api_client.models import CompletionMeta, MetaUsage
from aiml_api_client.types import Unset
from aiml_chat import (
    AsyncClient,
    AsyncParsedStream,
    AsyncStream,
    ChatCompletion,
    ChatCompletionChunk,
    Client,
    MessageParam,
    ParsedChatCompletion,
    ParsedStream,
    Stream,
    SystemMessageParam,
    UserMessageParam,
    assistant,
    parse_json,
    system,
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


def new_features(client: Client) -> None:
    assert_type(system("Be brief"), SystemMessageParam)
    completion = client.chat.completions.create(
        messages=[system("Be brief"), user("hi")],
        n=2,
        stop=["END", "STOP"],
        response_format={"type": "json_object"},
    )
    assert_type(completion.meta, CompletionMeta | None | Unset)
    if isinstance(completion.meta, CompletionMeta) and isinstance(completion.meta.usage, MetaUsage):
        assert_type(completion.meta.usage.usd_spent, float)
        assert_type(completion.meta.usage.credits_used, float)
    client.chat.completions.create(
        messages=[user("hi")],
        response_format={"type": "json_schema", "json_schema": {"name": "w", "schema": {"type": "object"}}},
    )
    client.chat.completions.create(messages=[user("hi")], stop=3)  # type: ignore[call-overload]
    parse_json(completion)


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


@dataclasses.dataclass
class Event:
    title: str
    attendees: list[str]


@attrs.define
class AttrsEvent:
    title: str


class TypedEvent(TypedDict):
    title: str


class PydanticEvent(pydantic.BaseModel):
    title: str


def structured_output(client: Client) -> None:
    completion = client.chat.completions.parse(messages=[user("hi")], response_format=Event, temperature=0)
    assert_type(completion, ParsedChatCompletion[Event])
    assert_type(completion.choices[0].message.parsed, Event | None)
    assert_type(completion.choices[0].message.content, str | None)
    attrs_form = client.chat.completions.parse(messages=[user("hi")], response_format=AttrsEvent)
    assert_type(attrs_form.choices[0].message.parsed, AttrsEvent | None)
    typed = client.chat.completions.parse(messages=[user("hi")], response_format=TypedEvent)
    assert_type(typed.choices[0].message.parsed, TypedEvent | None)
    model = client.chat.completions.parse(messages=[user("hi")], response_format=PydanticEvent)
    assert_type(model.choices[0].message.parsed, PydanticEvent | None)
    stream = client.chat.completions.parse(messages=[user("hi")], response_format=Event, stream=True)
    assert_type(stream, ParsedStream[Event])
    for chunk in stream:
        assert_type(chunk, ChatCompletionChunk)
    assert_type(stream.get_final_completion().choices[0].message.parsed, Event | None)
    client.chat.completions.parse(messages=[user("hi")], response_format=Event, temprature=0)  # type: ignore[call-overload]


async def async_structured_output(client: AsyncClient) -> None:
    completion = await client.chat.completions.parse(messages=[user("hi")], response_format=Event)
    assert_type(completion.choices[0].message.parsed, Event | None)
    stream = await client.chat.completions.parse(messages=[user("hi")], response_format=Event, stream=True)
    assert_type(stream, AsyncParsedStream[Event])
    assert_type((await stream.get_final_completion()).choices[0].message.parsed, Event | None)


def options(client: Client, async_client: AsyncClient) -> None:
    assert_type(client.with_options(timeout=5, max_retries=0, default_headers={"X-Team": "a"}), Client)
    assert_type(async_client.with_options(timeout=None), AsyncClient)
    Client(api_key="k", default_headers={"X-Team": "a"})
    client.with_options(max_retries="3")  # type: ignore[arg-type]
