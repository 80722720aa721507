"""parse(): typed structured output, over real HTTP against the local server.

The local server's `content=` fault makes the reply's text an answer the test controls, so each
test knows what the "model" said, fitting the schema or not.
"""

from __future__ import annotations

import asyncio
import base64
import dataclasses
import enum
import json
from typing import Any, Literal, NotRequired, TypedDict

import attrs
import pydantic
import pytest

from aiml_chat import (
    AsyncClient,
    Client,
    JSONOutputError,
    ParsedChatCompletion,
    StructuredOutputError,
    ValidationError,
    user,
)
from aiml_chat._schema import Mismatch, build, schema_for
from aiml_chat.testing import LocalServer, fault
from aiml_chat.testing._faults import Fault, FaultSpecError

KEY = "sk-test-9a8b7c6d5e4f"
KINDS = pytest.mark.parametrize("kind", ["sync", "async"])
ASK = [user("Extract the event: Alice and Bob meet on Friday")]


class Day(enum.Enum):
    FRIDAY = "friday"
    SATURDAY = "saturday"


@dataclasses.dataclass
class Person:
    name: str
    age: int | None


@dataclasses.dataclass
class Event:
    """A calendar event."""

    title: str
    day: Day
    people: list[Person]
    priority: Literal["low", "high"] = "low"


@attrs.define
class AttrsEvent:
    title: str
    scores: dict[str, float]
    tags: list[str] = attrs.Factory(list)


class TypedEvent(TypedDict):
    title: str
    attendees: int
    note: NotRequired[str]


class PydanticEvent(pydantic.BaseModel):
    title: str
    attendees: list[str]


ANSWERS: dict[Any, tuple[dict[str, Any], Any]] = {
    Event: (
        {
            "title": "Meeting",
            "day": "friday",
            "people": [{"name": "Alice", "age": 30}, {"name": "Bob", "age": None}],
            "priority": None,
        },
        Event("Meeting", Day.FRIDAY, [Person("Alice", 30), Person("Bob", None)]),
    ),
    AttrsEvent: (
        {"title": "Meeting", "scores": {"alice": 1, "bob": 0.5}, "tags": ["work"], "unknown": "ignored"},
        AttrsEvent("Meeting", {"alice": 1.0, "bob": 0.5}, ["work"]),
    ),
    TypedEvent: ({"title": "Meeting", "attendees": 2, "note": None}, {"title": "Meeting", "attendees": 2}),
    PydanticEvent: (
        {"title": "Meeting", "attendees": ["Alice", "Bob"]},
        PydanticEvent(title="Meeting", attendees=["Alice", "Bob"]),
    ),
}


@pytest.fixture(scope="module")
def server() -> Any:
    with LocalServer(api_key=KEY) as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh(server: LocalServer) -> None:
    server.reset()


def says(content: str) -> dict[str, str]:
    """extra_headers making the local server answer `content`."""
    return {"X-Mock-Fault": fault(content=base64.b64encode(content.encode()).decode())}


def run(kind: str, server: LocalServer, fn: Any) -> Any:
    """`fn(client)` with a Client, or awaited with an AsyncClient (fn may return a coroutine)."""
    if kind == "sync":
        with Client(api_key=KEY, base_url=server.base_url) as client:
            return fn(client)

    async def main() -> Any:
        async with AsyncClient(api_key=KEY, base_url=server.base_url) as client:
            result = fn(client)
            return await result if asyncio.iscoroutine(result) else result

    return asyncio.run(main())


@KINDS
@pytest.mark.parametrize("tp", list(ANSWERS), ids=lambda tp: tp.__name__)
def test_parse_gives_an_instance_of_the_type(kind: str, tp: Any, server: LocalServer) -> None:
    answer, expected = ANSWERS[tp]
    completion = run(
        kind,
        server,
        lambda c: c.chat.completions.parse(
            messages=ASK, response_format=tp, temperature=0, extra_headers=says(json.dumps(answer))
        ),
    )
    assert isinstance(completion, ParsedChatCompletion)
    message = completion.choices[0].message
    assert message.parsed == expected
    assert json.loads(message.content) == answer
    assert completion.to_dict()["choices"][0]["message"]["content"] == message.content  # still the wire JSON
    [request] = server.requests
    assert request.body["temperature"] == 0
    assert request.body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": tp.__name__, "schema": schema_for(tp), "strict": True},
    }


def test_the_schema_sent_for_a_dataclass(server: LocalServer) -> None:
    with Client(api_key=KEY, base_url=server.base_url) as client:
        client.chat.completions.parse(
            messages=ASK, response_format=Event, extra_headers=says(json.dumps(ANSWERS[Event][0]))
        )
    schema = server.requests[0].body["response_format"]["json_schema"]["schema"]
    assert schema == {
        "type": "object",
        "description": "A calendar event.",
        "properties": {
            "title": {"type": "string"},
            "day": {"$ref": "#/$defs/Day"},
            "people": {"type": "array", "items": {"$ref": "#/$defs/Person"}},
            "priority": {"anyOf": [{"enum": ["low", "high"]}, {"type": "null"}]},
        },
        "required": ["title", "day", "people", "priority"],
        "additionalProperties": False,
        "$defs": {
            "Day": {"enum": ["friday", "saturday"]},
            "Person": {
                "type": "object",
                "properties": {
                    "name": {"type": "string"},
                    "age": {"anyOf": [{"type": "integer"}, {"type": "null"}]},
                },
                "required": ["name", "age"],
                "additionalProperties": False,
            },
        },
    }


@KINDS
@pytest.mark.parametrize(
    ("content", "path", "problem"),
    [
        ('{"title": "x", "attendees": "two"}', "$.attendees", "expected integer, got a string"),
        ('{"title": "x"}', "$.attendees", "missing"),
        ('{"title": "x", "attendees": 2', "$", "not JSON"),
        ("[1, 2]", "$", "expected an object (TypedEvent), got an array"),
    ],
)
def test_content_that_does_not_fit_raises_with_the_raw_content(
    kind: str, content: str, path: str, problem: str, server: LocalServer
) -> None:
    with pytest.raises(StructuredOutputError) as caught:
        run(
            kind,
            server,
            lambda c: c.chat.completions.parse(
                messages=ASK, response_format=TypedEvent, extra_headers=says(content)
            ),
        )
    error = caught.value
    assert error.content == content
    assert error.path == path
    assert problem in str(error)
    assert error.choice == 0
    assert error.finish_reason == "stop"
    assert isinstance(error, JSONOutputError)
    assert error.response is not None
    assert error.response.status_code == 200
    assert len(server.requests) == 1  # a misfit is not retried


def test_pydantic_validation_is_the_models_own(server: LocalServer) -> None:
    with (
        Client(api_key=KEY, base_url=server.base_url) as client,
        pytest.raises(StructuredOutputError) as caught,
    ):
        client.chat.completions.parse(
            messages=ASK, response_format=PydanticEvent, extra_headers=says('{"title": 1, "attendees": []}')
        )
    assert "title" in str(caught.value)
    assert caught.value.content == '{"title": 1, "attendees": []}'


@KINDS
def test_a_parse_stream_gives_the_parsed_form_at_the_end(kind: str, server: LocalServer) -> None:
    answer, expected = ANSWERS[Event]

    def call(client: Any) -> Any:
        headers = {**says(json.dumps(answer)), "X-Mock-Chunks": "5"}
        if kind == "sync":
            with client.chat.completions.parse(
                messages=ASK, response_format=Event, stream=True, extra_headers=headers
            ) as stream:
                pieces = [chunk.choices[0].delta.content for chunk in stream if chunk.choices]
                return pieces, stream.get_final_completion()

        async def consume() -> Any:
            stream = await client.chat.completions.parse(
                messages=ASK, response_format=Event, stream=True, extra_headers=headers
            )
            async with stream:
                pieces = [chunk.choices[0].delta.content async for chunk in stream if chunk.choices]
                return pieces, await stream.get_final_completion()

        return consume()

    pieces, final = run(kind, server, call)
    assert len([p for p in pieces if p]) > 1
    assert isinstance(final, ParsedChatCompletion)
    assert final.choices[0].message.parsed == expected
    assert server.requests[0].body["stream"] is True


def test_a_stream_that_does_not_fit_raises_at_the_end(server: LocalServer) -> None:
    with Client(api_key=KEY, base_url=server.base_url) as client:
        stream = client.chat.completions.parse(
            messages=ASK, response_format=TypedEvent, stream=True, extra_headers=says("not json")
        )
        with pytest.raises(StructuredOutputError) as caught:
            stream.get_final_completion()
    assert caught.value.content == "not json"


@pytest.mark.parametrize("bad", [int, list[int], "Event", Any])
def test_a_type_without_an_object_schema_is_refused_before_any_request(bad: Any, server: LocalServer) -> None:
    with (
        Client(api_key=KEY, base_url=server.base_url) as client,
        pytest.raises(TypeError, match="response_format"),
    ):
        client.chat.completions.parse(messages=ASK, response_format=bad)
    assert server.requests == []


def test_parse_checks_its_keywords_like_create(server: LocalServer) -> None:
    with (
        Client(api_key=KEY, base_url=server.base_url) as client,
        pytest.raises(ValidationError, match="temperature"),
    ):
        client.chat.completions.parse(messages=ASK, response_format=Event, temperature="hot")  # type: ignore[call-overload]
    assert server.requests == []


# --------------------------------------------------------------------------- the deriver, pure logic


@dataclasses.dataclass
class Node:
    value: int
    children: list[Node]


def test_recursive_and_nested_types() -> None:
    schema = schema_for(Node)
    assert schema["properties"]["children"] == {"type": "array", "items": {"$ref": "#"}}
    tree = build(Node, {"value": 1, "children": [{"value": 2, "children": []}]})
    assert tree == Node(1, [Node(2, [])])


def test_build_is_strict_about_json_types() -> None:
    with pytest.raises(Mismatch, match="expected integer, got a boolean"):
        build(int, True)
    with pytest.raises(Mismatch, match="expected boolean"):
        build(bool, 1)
    assert build(float, 3) == 3.0
    assert isinstance(build(float, 3), float)
    with pytest.raises(Mismatch, match=r"\$\[1\]: expected string"):
        build(list[str], ["a", 2])
    with pytest.raises(Mismatch, match="is not one of"):
        build(Literal[1, 2], True)
    with pytest.raises(Mismatch, match="is not one of"):
        build(Day, "sunday")


def test_unsupported_field_types_are_named() -> None:
    @dataclasses.dataclass
    class Bad:
        when: complex

    with pytest.raises(TypeError, match="complex"):
        schema_for(Bad)

    @dataclasses.dataclass
    class IntKeys:
        m: dict[int, str]

    with pytest.raises(TypeError, match="keys are strings"):
        schema_for(IntKeys)


def test_the_content_fault_is_checked() -> None:
    assert Fault.parse("content=eyJhIjogMX0=").content_text == '{"a": 1}'
    with pytest.raises(FaultSpecError, match="base64"):
        Fault.parse("content=not base64!")


def test_a_pydantic_schema_is_made_strict() -> None:
    class Inner(pydantic.BaseModel):
        a: int = 1

    class Outer(pydantic.BaseModel):
        inner: Inner
        note: str | None = None

    schema = schema_for(Outer)
    assert schema["required"] == ["inner", "note"]
    assert schema["additionalProperties"] is False
    assert schema["$defs"]["Inner"]["required"] == ["a"]
    assert schema["$defs"]["Inner"]["additionalProperties"] is False


@KINDS
@pytest.mark.parametrize("tp", [Event, TypedEvent, PydanticEvent], ids=lambda tp: tp.__name__)
def test_the_servers_own_schema_instance_is_read_back(kind: str, tp: Any, server: LocalServer) -> None:
    # No content fault: the local server answers json_schema with an instance of the schema sent.
    completion = run(kind, server, lambda c: c.chat.completions.parse(messages=ASK, response_format=tp))
    parsed = completion.choices[0].message.parsed
    assert parsed == build(tp, json.loads(completion.choices[0].message.content))
    assert isinstance(parsed, dict if tp is TypedEvent else tp)
