"""The request features of the 2026-04-22 spec end to end, over HTTP against the local server.

System messages, ``n`` choices, ``stop``, ``response_format`` (``json_object``, ``json_schema``),
images and PDFs, and ``meta.usage``: with Client and AsyncClient, streamed and not, then the same
from the command line. The property names come from openapi.json so a spec that drops one fails here.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import struct
import subprocess
import sys
import zlib
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from aiml_api_client.models import CompletionMeta, MetaUsage
from aiml_api_client.types import Unset
from aiml_chat import (
    APIError,
    AsyncClient,
    BadRequestError,
    ChatCompletion,
    Client,
    JSONOutputError,
    _spec,
    parse_json,
    system,
    user,
)
from aiml_chat._cli import main
from aiml_chat.testing import LocalServer
from aiml_chat.testing._payloads import USD_PER_CREDIT
from aiml_chat.testing._pdf import make_pdf
from aiml_chat.testing._replies import MAX_CHOICES

KEY = "sk-features-0c9d8e7f6a5b"
KEY_ENV = "AIML_FEATURES_TEST_KEY"
PROPS = _spec.request_schema()["properties"]
N, STOP, RESPONSE_FORMAT = (name for name in ("n", "stop", "response_format") if name in PROPS)
KINDS = pytest.mark.parametrize("kind", ["sync", "async"])
STREAMED = pytest.mark.parametrize("streamed", [False, True], ids=["json", "stream"])
WEATHER = {
    "type": "object",
    "properties": {
        "city": {"type": "string", "minLength": 1},
        "temperature": {"type": "number", "minimum": -90, "maximum": 60},
        "conditions": {"enum": ["sunny", "cloudy", "rain"]},
        "hours": {"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2},
        "alert": {"anyOf": [{"type": "null"}, {"type": "string"}]},
    },
    "required": ["city", "temperature", "conditions", "hours", "alert"],
    "additionalProperties": False,
}


def png(width: int = 2, height: int = 1) -> bytes:
    """A real (tiny, grey) PNG, so the image is an image for any reader, not only for our sniffing."""

    def block(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"".join(b"\x00" + b"\x80" * width for _ in range(height)))
    return b"\x89PNG\r\n\x1a\n" + block(b"IHDR", header) + block(b"IDAT", pixels) + block(b"IEND", b"")


@pytest.fixture(scope="module")
def server() -> Any:
    with LocalServer(api_key=KEY) as running:
        yield running


def ask(kind: str, server: LocalServer, streamed: bool, **kwargs: Any) -> tuple[ChatCompletion, list[Any]]:
    """One create() call: (the completion, or a stream's final completion; the chunks, if streamed)."""
    if kind == "sync":
        with Client(api_key=KEY, base_url=server.base_url, max_retries=0) as client:
            if not streamed:
                return client.chat.completions.create(**kwargs), []
            with client.chat.completions.create(stream=True, **kwargs) as stream:
                chunks = list(stream)
                return stream.get_final_completion(), chunks

    async def go() -> tuple[ChatCompletion, list[Any]]:
        async with AsyncClient(api_key=KEY, base_url=server.base_url, max_retries=0) as client:
            if not streamed:
                return await client.chat.completions.create(**kwargs), []
            async with await client.chat.completions.create(stream=True, **kwargs) as stream:
                chunks = [chunk async for chunk in stream]
                return await stream.get_final_completion(), chunks

    return asyncio.run(go())


def texts(completion: ChatCompletion) -> list[str | None]:
    return [choice.message.content for choice in completion.choices]


def test_the_spec_declares_what_these_tests_exercise() -> None:
    assert (N, STOP, RESPONSE_FORMAT) == ("n", "stop", "response_format")
    roles = {
        role
        for branch in PROPS["messages"]["items"]["oneOf"]
        for role in branch["properties"]["role"]["enum"]
    }
    assert "system" in roles
    formats = {b["properties"]["type"]["enum"][0] for b in PROPS[RESPONSE_FORMAT]["oneOf"]}
    assert {"json_object", "json_schema"} <= formats
    assert "usd_spent" in _spec.response_schema()["properties"]["meta"]["properties"]["usage"]["properties"]


# --------------------------------------------------------------------------- system messages


@KINDS
@STREAMED
def test_a_system_message_is_sent_first_and_seen(kind: str, streamed: bool, server: LocalServer) -> None:
    server.reset()
    completion, _ = ask(kind, server, streamed, messages=[system("Answer briefly."), user("hello")])
    assert texts(completion) == ["Echo (system: Answer briefly.): hello"]
    assert server.requests[-1].body["messages"][0] == {"role": "system", "content": "Answer briefly."}


def test_system_helper_shapes() -> None:
    assert system("Be terse", name="ops") == {"role": "system", "content": "Be terse", "name": "ops"}
    parts = [{"type": "text", "text": "Be terse"}]
    assert system(parts) == {"role": "system", "content": parts}


# --------------------------------------------------------------------------- n choices


@KINDS
@STREAMED
def test_n_choices_come_back_separately(kind: str, streamed: bool, server: LocalServer) -> None:
    completion, chunks = ask(kind, server, streamed, messages=[user("one two three four")], **{N: 2})
    assert [c.index for c in completion.choices] == [0, 1]
    assert texts(completion) == ["Echo: one two three four", "Echo: one two three four (1)"]
    assert [str(c.finish_reason) for c in completion.choices] == ["stop", "stop"]
    if streamed:
        order = [choice.index for chunk in chunks for choice in chunk.choices]
        assert order.index(1) < len(order) - 1 - order[::-1].index(0), f"not interleaved: {order}"
        for index, text in enumerate(texts(completion)):
            deltas = [
                c.delta.content
                for chunk in chunks
                for c in chunk.choices
                if c.index == index and isinstance(c.delta.content, str)
            ]
            assert "".join(deltas) == text
        assert isinstance(completion.meta, Unset)


def test_n_beyond_the_servers_limit_is_a_400_naming_n(server: LocalServer) -> None:
    with pytest.raises(BadRequestError, match=rf"n: {MAX_CHOICES + 1}") as caught:
        ask("sync", server, False, messages=[user("hi")], **{N: MAX_CHOICES + 1})
    assert caught.value.param == N


# --------------------------------------------------------------------------- stop


@KINDS
@STREAMED
@pytest.mark.parametrize(
    ("stop", "expected"),
    [(" world", "Echo: hello"), ([" nowhere", " world", "hello"], "Echo: "), ("Echo", "")],
)
def test_stop_cuts_before_the_first_stop_sequence(
    kind: str, streamed: bool, stop: str | list[str], expected: str, server: LocalServer
) -> None:
    completion, _ = ask(kind, server, streamed, messages=[user("hello world again")], **{STOP: stop})
    assert texts(completion) == [expected]
    assert str(completion.choices[0].finish_reason) == "stop"


@KINDS
def test_a_stop_sequence_that_never_occurs_changes_nothing(kind: str, server: LocalServer) -> None:
    completion, _ = ask(kind, server, False, messages=[user("hello")], **{STOP: ["zzz"]})
    assert texts(completion) == ["Echo: hello"]


# --------------------------------------------------------------------------- response_format


@KINDS
@STREAMED
def test_json_object_output_parses(kind: str, streamed: bool, server: LocalServer) -> None:
    completion, _ = ask(
        kind, server, streamed, messages=[user("colours")], **{RESPONSE_FORMAT: {"type": "json_object"}}
    )
    assert parse_json(completion) == {"echo": "Echo: colours"}


@KINDS
@STREAMED
def test_json_schema_output_is_an_instance_of_the_schema(
    kind: str, streamed: bool, server: LocalServer
) -> None:
    fmt = {"type": "json_schema", "json_schema": {"name": "weather", "schema": WEATHER, "strict": True}}
    completion, _ = ask(
        kind, server, streamed, messages=[user("Weather in Paris")], **{RESPONSE_FORMAT: fmt, N: 2}
    )
    for index in (0, 1):
        value = parse_json(completion, index)
        jsonschema.validate(value, WEATHER)
        assert value["city"] == "Echo: Weather in Paris" + (" (1)" if index else "")


@pytest.mark.parametrize(
    "schema",
    [
        {
            "type": "object",
            "properties": {"n": {"type": "integer", "exclusiveMinimum": 10}},
            "required": ["n"],
        },
        {
            "type": "object",
            "properties": {"r": {"$ref": "#/$defs/r"}},
            "required": ["r"],
            "$defs": {"r": {"type": ["null", "boolean"]}},
        },
        {"type": "array", "items": {"type": "string", "maxLength": 3}, "minItems": 3, "maxItems": 3},
        {
            "oneOf": [
                {"type": "object", "properties": {"k": {"const": 7}}, "required": ["k"]},
                {"type": "null"},
            ]
        },
        {"type": "object"},
    ],
)
def test_json_schema_instances_for_more_schema_shapes(schema: dict[str, Any], server: LocalServer) -> None:
    fmt = {"type": "json_schema", "json_schema": {"name": "shape", "schema": schema}}
    completion, _ = ask("sync", server, False, messages=[user("x")], **{RESPONSE_FORMAT: fmt})
    jsonschema.validate(parse_json(completion), schema)


def test_parse_json_names_the_choice_and_keeps_the_raw_content(server: LocalServer) -> None:
    plain, _ = ask("sync", server, False, messages=[user("not json")])
    with pytest.raises(
        JSONOutputError, match=r"choice 0: the content is not JSON .*'Echo: not json'"
    ) as caught:
        parse_json(plain)
    assert caught.value.content == "Echo: not json"
    assert caught.value.choice == 0
    assert isinstance(caught.value, ValueError)
    assert not isinstance(caught.value, APIError)
    cut, _ = ask(
        "sync",
        server,
        False,
        messages=[user("a long answer here")],
        max_tokens=3,
        **{RESPONSE_FORMAT: {"type": "json_object"}},
    )
    with pytest.raises(JSONOutputError, match="cut at the token limit") as caught:
        parse_json(cut)
    assert caught.value.finish_reason == "length"
    assert caught.value.content == '{"echo'
    with pytest.raises(IndexError, match="choice 3: the completion has 1 choice"):
        parse_json(plain, 3)
    tools = [{"type": "function", "function": {"name": "lookup", "parameters": {"type": "object"}}}]
    called, _ = ask("sync", server, False, messages=[user("x")], tools=tools, tool_choice="required")
    with pytest.raises(JSONOutputError, match=r"no text content .*tool_calls") as caught:
        parse_json(called)
    assert caught.value.content is None


# --------------------------------------------------------------------------- images and PDFs


@KINDS
@STREAMED
def test_images_from_a_path_and_bytes_and_a_pdf_from_a_path(
    kind: str, streamed: bool, server: LocalServer, tmp_path: Path
) -> None:
    image, other, pdf = png(), png(3, 2), make_pdf(["Quarterly report"])
    (tmp_path / "photo.png").write_bytes(image)
    (tmp_path / "report.pdf").write_bytes(pdf)
    message = user("Describe these", files=[tmp_path / "photo.png", other, tmp_path / "report.pdf"])
    completion, _ = ask(kind, server, streamed, messages=[message])
    assert texts(completion)[0] == "\n".join(
        [
            "Echo: Describe these",
            f"file image1: {len(image)} bytes sha256={hashlib.sha256(image).hexdigest()}",
            f"file image2: {len(other)} bytes sha256={hashlib.sha256(other).hexdigest()}",
            f"file report.pdf: {len(pdf)} bytes sha256={hashlib.sha256(pdf).hexdigest()}",
        ]
    )


# --------------------------------------------------------------------------- meta


@KINDS
def test_meta_usage_reports_credits_and_dollars(kind: str, server: LocalServer) -> None:
    completion, _ = ask(kind, server, False, messages=[system("Be brief."), user("hello")], **{N: 2})
    assert isinstance(completion.meta, CompletionMeta)
    usage = completion.meta.usage
    assert isinstance(usage, MetaUsage)
    assert completion.usage is not None
    assert usage.credits_used == completion.usage.total_tokens > 0
    assert usage.usd_spent == pytest.approx(usage.credits_used * USD_PER_CREDIT)
    assert isinstance(usage.usd_spent, float)


@KINDS
def test_a_stream_has_no_meta_and_the_final_completion_invents_none(kind: str, server: LocalServer) -> None:
    completion, chunks = ask(
        kind, server, True, messages=[user("hello")], stream_options={"include_usage": True}
    )
    assert all("meta" not in chunk.to_dict() for chunk in chunks)
    assert isinstance(completion.meta, Unset)
    assert "meta" not in completion.to_dict()
    assert completion.usage is not None
    assert completion.usage.total_tokens > 0


def test_a_null_meta_is_read_as_none(server: LocalServer) -> None:
    completion, _ = ask(
        "sync", server, False, messages=[user("hi")], extra_headers={"X-Mock-Fault": "weird=1"}
    )
    assert completion.meta is None


# --------------------------------------------------------------------------- the command line


@pytest.fixture
def cli_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(KEY_ENV, KEY)


def chat(server: LocalServer, *args: str) -> list[str]:
    return ["chat", "--base-url", server.base_url, "--api-key-env", KEY_ENV, "--max-retries", "0", *args]


@pytest.mark.usefixtures("cli_env")
@pytest.mark.parametrize("stream", [[], ["--stream"]], ids=["json", "stream"])
def test_cli_system_and_n(stream: list[str], server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    server.reset()
    assert main(chat(server, *stream, "--system", "Be brief.", "-n", "2", "hello")) == 0
    assert capsys.readouterr().out == (
        "[choice 0]\nEcho (system: Be brief.): hello\n[choice 1]\nEcho (system: Be brief.): hello (1)\n"
    )
    body = server.requests[-1].body
    assert body[N] == 2
    assert body["messages"][0] == {"role": "system", "content": "Be brief."}


@pytest.mark.usefixtures("cli_env")
def test_cli_stop_is_a_plain_repeatable_string(
    server: LocalServer, capsys: pytest.CaptureFixture[str]
) -> None:
    server.reset()
    assert main(chat(server, "--stop", " world", "hello world")) == 0
    assert capsys.readouterr().out == "Echo: hello\n"
    assert server.requests[-1].body[STOP] == " world"
    assert main(chat(server, "--stop", "END", "--stop", '"x"', "--stream", "say x")) == 0
    assert capsys.readouterr().out == "Echo: say x\n"
    assert server.requests[-1].body[STOP] == ["END", '"x"']


@pytest.mark.usefixtures("cli_env")
def test_cli_response_format_by_name_json_or_file(
    server: LocalServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    server.reset()
    assert main(chat(server, "--response-format", "json_object", "colours")) == 0
    assert json.loads(capsys.readouterr().out) == {"echo": "Echo: colours"}
    assert server.requests[-1].body[RESPONSE_FORMAT] == {"type": "json_object"}
    fmt = {"type": "json_schema", "json_schema": {"name": "weather", "schema": WEATHER}}
    (tmp_path / "format.json").write_text(json.dumps(fmt))
    assert main(chat(server, "--response-format", f"@{tmp_path / 'format.json'}", "Paris")) == 0
    jsonschema.validate(json.loads(capsys.readouterr().out), WEATHER)
    assert main(chat(server, "--response-format", json.dumps(fmt), "Paris")) == 0
    jsonschema.validate(json.loads(capsys.readouterr().out), WEATHER)
    assert main(chat(server, "--response-format", "json_schema", "Paris")) == 2  # needs its schema
    assert "json_object or a JSON object" in capsys.readouterr().err


@pytest.mark.usefixtures("cli_env")
def test_cli_images_and_a_pdf(
    server: LocalServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    image, pdf = png(), make_pdf(["Annex"])
    (tmp_path / "photo.png").write_bytes(image)
    (tmp_path / "annex.pdf").write_bytes(pdf)
    url = "https://example.com/cat.png"
    server.reset()
    args = ["--image", str(tmp_path / "photo.png"), "--image", url, "-f", str(tmp_path / "annex.pdf")]
    assert main(chat(server, *args, "What is this?")) == 0
    out = capsys.readouterr().out
    assert f"file annex.pdf: {len(pdf)} bytes sha256={hashlib.sha256(pdf).hexdigest()}" in out
    assert f"bytes sha256={hashlib.sha256(image).hexdigest()}" in out
    parts = server.requests[-1].body["messages"][-1]["content"]
    assert [p["type"] for p in parts] == ["text", "file", "image_url", "image_url"]
    assert parts[-1]["image_url"] == {"url": url}
    assert main(chat(server, "--image", str(tmp_path / "annex.pdf"), "x")) == 2  # a PDF is not an image
    assert "annex.pdf" in capsys.readouterr().err


@pytest.mark.usefixtures("cli_env")
def test_cli_json_shows_meta(server: LocalServer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(chat(server, "--json", "hello")) == 0
    response = json.loads(capsys.readouterr().out)
    assert response["meta"]["usage"]["credits_used"] == response["usage"]["total_tokens"]
    assert response["meta"]["usage"]["usd_spent"] > 0


def test_the_demo_shows_a_system_message_json_output_and_the_spend() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "aiml_chat.demo"], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "'Echo (system: You are a terse translator.): Translate to French: good morning'" in result.stdout
    assert re.search(r"\(\d+ tokens, \$0\.\d{6}\)", result.stdout)
    assert "parsed: {'echo': 'Echo (system: Reply with a JSON object.): List three primary colours'}" in (
        result.stdout
    )


def test_removed_properties_are_refused_before_io_naming_the_spec_change(server: LocalServer) -> None:
    """Each property an upstream update removed (spec/removed.yaml, baked into _params) is refused
    by create() before anything is sent, with the way to send it anyway."""
    from aiml_chat import ValidationError
    from aiml_chat._params import REMOVED_PROPERTIES

    assert REMOVED_PROPERTIES, "the 2026-04-22 update removed four request properties"
    server.reset()
    with Client(api_key=KEY, base_url=server.base_url) as client:
        for name in REMOVED_PROPERTIES:
            with pytest.raises(
                ValidationError, match=rf"{name}: `{name}` was removed from the API spec"
            ) as caught:
                client.chat.completions.create(messages=[user("hi")], **{name: 40})  # type: ignore[arg-type]
            assert "extra_body" in str(caught.value)
            assert caught.value.field == name
    assert server.requests == []
