"""Client and AsyncClient behaviour, over real HTTP against the local server."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx2
import pytest

import aiml_chat
from aiml_chat import (
    APIConnectionError,
    APIResponseValidationError,
    APITimeoutError,
    AsyncClient,
    AuthenticationError,
    BadRequestError,
    Client,
    InternalServerError,
    RateLimitError,
    ValidationError,
    user,
)
from aiml_chat.testing import LocalServer

KEY = "sk-test-6f1d2c3b4a59"  # distinctive, so a leak is easy to spot
HELLO = [{"role": "user", "content": "Hello"}]


@pytest.fixture(scope="module")
def server() -> Any:
    with LocalServer(api_key=KEY) as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh(server: LocalServer) -> None:
    server.reset()


def run(kind: str, base_url: str, fn: Callable[[Any], Any], **client_kwargs: Any) -> Any:
    """Run `fn(client)` with a Client, or with an AsyncClient inside an event loop."""
    client_kwargs.setdefault("api_key", KEY)
    if kind == "sync":
        with Client(base_url=base_url, **client_kwargs) as client:
            return fn(client)

    async def main() -> Any:
        async with AsyncClient(base_url=base_url, **client_kwargs) as client:
            result = fn(client)
            return await result if asyncio.iscoroutine(result) else result

    return asyncio.run(main())


KINDS = pytest.mark.parametrize("kind", ["sync", "async"])


def create(**kwargs: Any) -> Callable[[Any], Any]:
    return lambda client: client.chat.completions.create(**kwargs)


def fault(spec: str) -> dict[str, str]:
    return {"X-Mock-Fault": spec}


@KINDS
def test_plain_completion(kind: str, server: LocalServer) -> None:
    completion = run(kind, server.base_url, create(messages=[user("Translate to French: good morning")]))
    assert isinstance(completion, aiml_chat.ChatCompletion)
    assert "good morning" in completion.choices[0].message.content
    assert completion.model == "google/gemini-2.5-flash-lite-preview"
    assert (
        completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens
    )
    [request] = server.requests
    assert request.path == "/v1/chat/completions"


def test_missing_key_is_a_clear_error_before_any_request(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AIMLAPI_API_KEY", raising=False)
    monkeypatch.delenv("AIML_API_KEY", raising=False)
    with pytest.raises(ValidationError, match="AIMLAPI_API_KEY"):
        Client(base_url=server.base_url)
    with pytest.raises(ValidationError, match="api_key"):
        AsyncClient(base_url=server.base_url)
    assert server.requests == []


def test_key_and_base_url_come_from_the_environment(
    server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("AIMLAPI_API_KEY", raising=False)
    monkeypatch.setenv("AIML_API_KEY", KEY)
    monkeypatch.setenv("AIMLAPI_BASE_URL", server.base_url)
    with Client() as client:
        assert client.chat.completions.create(messages=HELLO).choices
    monkeypatch.setenv("AIMLAPI_API_KEY", "sk-wrong")
    with Client() as client, pytest.raises(AuthenticationError):
        client.chat.completions.create(messages=HELLO)


@KINDS
def test_wrong_key_is_authentication_error(kind: str, server: LocalServer) -> None:
    with pytest.raises(AuthenticationError) as caught:
        run(kind, server.base_url, create(messages=HELLO), api_key="sk-wrong-key")
    assert caught.value.status_code == 401
    assert caught.value.message
    assert len(server.requests) == 1  # 401 is not retried


@pytest.mark.parametrize("bad", ["sk-abc\r\nX-Evil: 1", "sk-abc\n"])
def test_key_with_newline_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Client(api_key=bad, base_url="http://127.0.0.1:9")
    assert bad not in str(caught.value)


@KINDS
def test_429_with_retry_after_is_retried_once_after_the_asked_delay(
    kind: str, server: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="aiml_chat")
    completion = run(
        kind, server.base_url, create(messages=HELLO, extra_headers=fault("status=429;times=1;retry_after=1"))
    )
    assert completion.choices
    assert [r.status for r in server.requests] == [429, 200]
    retries = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    assert retries == ["retrying (1 of 2) in 1.00s after HTTP 429"]


@KINDS
def test_500_twice_then_success_takes_exactly_3_attempts(kind: str, server: LocalServer) -> None:
    completion = run(kind, server.base_url, create(messages=HELLO, extra_headers=fault("status=500;times=2")))
    assert completion.choices
    assert [r.status for r in server.requests] == [500, 500, 200]


@KINDS
def test_500_always_raises_after_exactly_3_attempts(kind: str, server: LocalServer) -> None:
    with pytest.raises(InternalServerError) as caught:
        run(kind, server.base_url, create(messages=HELLO, extra_headers=fault("status=500;retry_after=0")))
    assert caught.value.status_code == 500
    assert len(server.requests) == 3


@KINDS
def test_max_retries_zero_makes_one_attempt(kind: str, server: LocalServer) -> None:
    with pytest.raises(RateLimitError) as caught:
        run(kind, server.base_url, create(messages=HELLO, max_retries=0, extra_headers=fault("status=429")))
    assert len(server.requests) == 1
    assert caught.value.headers.get("retry-after") is not None or caught.value.status_code == 429


@KINDS
def test_client_level_max_retries(kind: str, server: LocalServer) -> None:
    with pytest.raises(InternalServerError):
        run(kind, server.base_url, create(messages=HELLO, extra_headers=fault("status=503")), max_retries=0)
    assert len(server.requests) == 1


@KINDS
def test_http_date_retry_after_is_honoured(
    kind: str, server: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="aiml_chat")
    run(
        kind,
        server.base_url,
        create(messages=HELLO, extra_headers=fault("status=429;times=1;retry_after_date=1")),
    )
    assert [r.status for r in server.requests] == [429, 200]
    [line] = [r.getMessage() for r in caplog.records if "retrying" in r.getMessage()]
    delay = float(line.split(" in ")[1].split("s ")[0])
    assert 0.0 <= delay <= 2.0  # an HTTP date has one-second resolution


@KINDS
def test_stall_longer_than_read_timeout_raises_timeout_promptly(kind: str, server: LocalServer) -> None:
    started = time.monotonic()
    with pytest.raises(APITimeoutError):
        run(
            kind,
            server.base_url,
            create(messages=HELLO, timeout=0.5, max_retries=0, extra_headers=fault("delay=5")),
        )
    assert time.monotonic() - started < 0.5 + 1.0


@KINDS
def test_timeouts_are_retried(kind: str, server: LocalServer) -> None:
    completion = run(
        kind, server.base_url, create(messages=HELLO, timeout=0.5, extra_headers=fault("delay=3;times=1"))
    )
    assert completion.choices
    assert len(server.requests) == 2


def test_connection_refused_is_api_connection_error() -> None:
    client = Client(api_key=KEY, base_url="http://127.0.0.1:9", max_retries=1)
    with client, pytest.raises(APIConnectionError) as caught:
        client.chat.completions.create(messages=HELLO)
    assert not isinstance(caught.value, APITimeoutError)


@KINDS
@pytest.mark.parametrize(
    ("kwargs", "field", "words"),
    [
        ({"temperature": 3}, "temperature", "0 to 2"),
        ({"top_p": 0}, "top_p", "0.01 to 1"),
        ({"messages": []}, "messages", "at least 1"),
        ({"messages": [{"role": "wizard", "content": "hi"}]}, "messages[0].role", "'user'"),
        ({"max_tokens": 0}, "max_tokens", "minimum is 1"),
        ({"reasoning_effort": "extreme"}, "reasoning_effort", "'low'"),
        ({"messages": [{"role": "tool", "content": "x"}]}, "messages[0].tool_call_id", "missing"),
        ({"stream_options": {"include_usage": "yes"}}, "stream_options.include_usage", "boolean"),
    ],
)
def test_invalid_parameters_are_refused_before_any_request(
    kind: str, server: LocalServer, kwargs: dict[str, Any], field: str, words: str
) -> None:
    kwargs = {"messages": HELLO, **kwargs}
    with pytest.raises(ValidationError) as caught:
        run(kind, server.base_url, create(**kwargs))
    assert caught.value.field == field
    assert str(caught.value).startswith(field)
    assert words in str(caught.value)
    assert server.requests == []


def test_strict_false_lets_the_server_judge(server: LocalServer) -> None:
    client = Client(api_key=KEY, base_url=server.base_url, strict=False)
    with client, pytest.raises(BadRequestError) as caught:
        client.chat.completions.create(messages=HELLO, temperature=3)
    assert caught.value.param == "temperature"
    assert len(server.requests) == 1


@KINDS
def test_malformed_json_on_200_is_response_validation_error(kind: str, server: LocalServer) -> None:
    with pytest.raises(APIResponseValidationError) as caught:
        run(kind, server.base_url, create(messages=HELLO, extra_headers=fault("malformed=1")))
    assert isinstance(caught.value.body, str)
    assert caught.value.body  # the raw text is kept
    assert caught.value.status_code == 200


@KINDS
def test_unknown_enums_nulls_and_extra_fields_parse_and_stay_reachable(
    kind: str, server: LocalServer
) -> None:
    completion = run(kind, server.base_url, create(messages=HELLO, extra_headers=fault("weird=1")))
    choice = completion.choices[0]
    assert choice.finish_reason == "error"
    assert "provider" in completion.additional_properties
    assert completion.to_dict()["provider"] == completion["provider"]


@KINDS
def test_raw_response_gives_status_headers_and_request_id(kind: str, server: LocalServer) -> None:
    raw = run(kind, server.base_url, lambda c: c.chat.completions.with_raw_response.create(messages=HELLO))
    assert raw.status_code == 200
    assert raw.request_id
    assert raw.headers["content-type"].startswith("application/json")
    assert raw.parse().choices[0].message.content


@KINDS
def test_extra_headers_and_extra_body_are_sent(kind: str, server: LocalServer) -> None:
    run(
        kind,
        server.base_url,
        create(messages=HELLO, extra_headers={"X-Trace": "t-1"}, extra_body={"top_k": 5}),
    )
    [request] = server.requests
    assert request.headers["x-trace"] == "t-1"
    assert request.body["top_k"] == 5


def test_generated_models_are_accepted_as_messages(server: LocalServer) -> None:
    from aiml_api_client.models import UserMessage, UserMessageRole

    with Client(api_key=KEY, base_url=server.base_url) as client:
        completion = client.chat.completions.create(
            messages=[UserMessage(role=UserMessageRole.USER, content="Hi")]
        )
    assert completion.choices[0].message.content
    assert server.requests[0].body["messages"] == [{"role": "user", "content": "Hi"}]


def test_user_supplied_http_client_is_used_and_left_open(server: LocalServer) -> None:
    seen: list[str] = []
    http = httpx2.Client(event_hooks={"request": [lambda r: seen.append(r.url.path)]})
    with Client(api_key=KEY, base_url=server.base_url, http_client=http) as client:
        client.chat.completions.create(messages=HELLO)
    assert seen == ["/v1/chat/completions"]
    assert not http.is_closed
    http.close()


def test_async_user_supplied_http_client(server: LocalServer) -> None:
    async def main() -> None:
        async with httpx2.AsyncClient() as http:
            client = AsyncClient(api_key=KEY, base_url=server.base_url, http_client=http)
            completion = await client.chat.completions.create(messages=HELLO)
            assert completion.choices
            await client.close()
            assert not http.is_closed

    asyncio.run(main())


def test_plain_httpx_client_is_refused_with_the_reason() -> None:
    import httpx  # a test dependency only: aiml_chat itself never imports it

    expected = r"httpx2\.Client, got httpx\.Client.*httpx2"
    with httpx.Client() as plain, pytest.raises(TypeError, match=expected):
        Client(api_key=KEY, http_client=plain)  # type: ignore[arg-type]

    async def main() -> None:
        async with httpx.AsyncClient() as plain:
            with pytest.raises(TypeError, match=r"httpx2\.AsyncClient, got httpx\.AsyncClient"):
                AsyncClient(api_key=KEY, http_client=plain)  # type: ignore[arg-type]

    asyncio.run(main())


@KINDS
def test_api_key_never_in_logs_reprs_or_errors(
    kind: str, server: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    texts: list[str] = []
    for spec in ("status=500", "status=429;retry_after=0", "malformed=1"):
        try:
            run(kind, server.base_url, create(messages=HELLO, extra_headers=fault(spec)))
        except aiml_chat.APIError as error:
            texts += [str(error), repr(error), repr(error.body), str(getattr(error, "headers", ""))]
    try:
        run(kind, server.base_url, create(messages=HELLO), api_key=KEY + "-wrong")
    except AuthenticationError as error:
        texts += [str(error), repr(error), repr(error.body)]
    with Client(api_key=KEY, base_url=server.base_url) as client:
        texts += [repr(client), str(client.__dict__.get("chat"))]
    texts += [record.getMessage() for record in caplog.records]
    assert len(texts) > 10
    leaked = [text for text in texts if KEY in text]
    assert leaked == []


def test_authorization_header_sent_and_tls_verification_on_by_default() -> None:
    client = Client(api_key=KEY, base_url="https://api.example.invalid")
    request = client._http.build_request("GET", "https://api.example.invalid")
    assert "authorization" not in request.headers  # only added per call
    assert repr(client) == "Client(base_url='https://api.example.invalid')"
    transport = client._http._transport
    assert transport._pool._ssl_context.verify_mode.name == "CERT_REQUIRED"  # type: ignore[attr-defined]
    client.close()


def test_header_values_with_newlines_are_refused_before_any_request(server: LocalServer) -> None:
    with (
        Client(api_key=KEY, base_url=server.base_url) as client,
        pytest.raises(ValidationError, match="X-Trace"),
    ):
        client.chat.completions.create(messages=HELLO, extra_headers={"X-Trace": "a\r\nX-Evil: 1"})
    assert server.requests == []


def test_aimlapi_log_env_turns_on_debug_logging(server: LocalServer, tmp_path: Any) -> None:
    import subprocess
    import sys

    script = (
        "from aiml_chat import Client\n"
        f"c = Client(api_key={KEY!r}, base_url={server.base_url!r})\n"
        "c.chat.completions.create(messages=[{'role': 'user', 'content': 'hi'}],"
        " extra_headers={'X-Mock-Fault': 'status=429;times=1;retry_after=0'})\n"
    )
    env = {"AIMLAPI_LOG": "debug", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert "retrying (1 of 2) in 0.00s after HTTP 429" in done.stderr
    assert KEY not in done.stderr
    quiet = subprocess.run(
        [sys.executable, "-c", script],
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    assert quiet.stderr == ""
