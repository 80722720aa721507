"""default_headers, with_options() and idempotency keys, over real HTTP against the local server."""

from __future__ import annotations

import asyncio
import gc
import json
import logging
from typing import Any

import httpx2
import pytest
from hostile_server import Conn, HostileServer

from aiml_chat import APIError, AsyncClient, AuthenticationError, Client, InternalServerError, ValidationError
from aiml_chat.testing import LocalServer

KEY = "sk-test-0c1e2a3d4b5f"
HELLO = [{"role": "user", "content": "Hello"}]
KINDS = pytest.mark.parametrize("kind", ["sync", "async"])


@pytest.fixture(scope="module")
def server() -> Any:
    with LocalServer(api_key=KEY) as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh(server: LocalServer) -> None:
    server.reset()


def calls(
    kind: str, server: LocalServer, client_kwargs: dict[str, Any], *call_kwargs: dict[str, Any]
) -> list[Any]:
    """Make one create() per `call_kwargs` with one client of `kind`; returns the completions."""
    if kind == "sync":
        with Client(api_key=KEY, base_url=server.base_url, **client_kwargs) as client:
            return [client.chat.completions.create(messages=HELLO, **kw) for kw in call_kwargs]

    async def main() -> list[Any]:
        async with AsyncClient(api_key=KEY, base_url=server.base_url, **client_kwargs) as client:
            return [await client.chat.completions.create(messages=HELLO, **kw) for kw in call_kwargs]

    return asyncio.run(main())


# --------------------------------------------------------------------------- default_headers


@KINDS
def test_default_headers_go_out_with_every_call_below_extra_headers(kind: str, server: LocalServer) -> None:
    defaults = {"X-Team": "search", "X-Trace": "from-client"}
    calls(kind, server, {"default_headers": defaults}, {}, {"extra_headers": {"x-trace": "from-call"}})
    first, second = server.requests
    assert first.headers["x-team"] == "search"
    assert first.headers["x-trace"] == "from-client"
    assert second.headers["x-team"] == "search"
    assert second.headers["x-trace"] == "from-call"
    # One header of each name goes out, whatever the spelling: the call's wins.
    assert [name for name in second.headers if name == "x-trace"] == ["x-trace"]


@pytest.mark.parametrize(
    ("headers", "needle"),
    [
        ({"X Bad": "v"}, "not a valid header name"),
        ({"X-Trace": "a\r\nX-Evil: 1"}, "control character"),
        ({"X-Note": "caf\u00e9"}, "not ASCII"),
        ({"X-Num": 5}, "must be a string"),
        ({"idempotency-key": "fixed"}, "names one request, not every call"),
    ],
)
def test_bad_default_headers_are_refused_when_the_client_is_made(
    headers: dict[str, Any], needle: str, server: LocalServer
) -> None:
    for kind in (Client, AsyncClient):
        with pytest.raises(ValidationError, match=needle):
            kind(api_key=KEY, base_url=server.base_url, default_headers=headers)
    with (
        Client(api_key=KEY, base_url=server.base_url) as client,
        pytest.raises(ValidationError, match=needle),
    ):
        client.with_options(default_headers=headers)
    assert server.requests == []


def test_a_bad_secret_default_header_never_shows_its_value(server: LocalServer) -> None:
    secret = "proxy-secret-\u00e9-9d8c7b"
    with pytest.raises(ValidationError) as caught:
        Client(api_key=KEY, base_url=server.base_url, default_headers={"X-Api-Key": secret})
    assert "not ASCII" in str(caught.value)
    assert secret not in str(caught.value)
    assert secret not in repr(caught.value.args)


def test_secret_default_header_values_are_redacted_from_errors_and_logs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    secret = "proxy-secret-5e4d3c2b1a"

    async def echo(conn: Conn) -> None:  # a server echoing the header back in its error
        while (request := await conn.read_request()) is not None:
            body = json.dumps({"error": {"message": f"bad key {request.headers.get('x-api-key')}"}})
            await conn.respond(body.encode(), 401, {"content-type": "application/json", "x-echo": secret})

    caplog.set_level(logging.DEBUG)
    with (
        HostileServer(echo) as server,
        Client(api_key=KEY, base_url=server.base_url, default_headers={"X-Api-Key": secret}) as client,
    ):
        logging.getLogger("httpx2").debug("header X-Api-Key: %s", secret)
        with pytest.raises(AuthenticationError) as caught:
            client.with_options(max_retries=0).chat.completions.create(messages=HELLO)
    [request] = server.requests
    assert request.headers["x-api-key"] == secret  # it went out
    assert "bad key [redacted]" in caught.value.message
    assert caught.value.headers["x-echo"] == "[redacted]"
    assert secret not in caplog.text
    assert secret not in repr(client)
    assert secret not in str(caught.value)


def test_secret_default_header_values_are_redacted_from_mid_stream_errors() -> None:
    secret = "proxy-secret-77aa66bb55"

    async def echo(conn: Conn) -> None:  # a stream whose error event echoes the header back
        while (request := await conn.read_request()) is not None:
            event = json.dumps({"error": {"message": f"quota for {request.headers.get('x-api-key')}"}})
            await conn.respond(f"data: {event}\n\n".encode(), 200, {"content-type": "text/event-stream"})

    with (
        HostileServer(echo) as server,
        Client(api_key=KEY, base_url=server.base_url, default_headers={"X-Api-Key": secret}) as client,
        pytest.raises(APIError) as caught,
    ):
        for _ in client.chat.completions.create(messages=HELLO, stream=True):
            pass
    assert "quota for [redacted]" in str(caught.value)
    assert secret not in str(caught.value)
    assert secret not in repr(caught.value.body)


# --------------------------------------------------------------------------- with_options


def test_with_options_shares_the_pool_and_differs_only_in_its_settings(server: LocalServer) -> None:
    with Client(
        api_key=KEY, base_url=server.base_url, default_headers={"X-Team": "a", "X-Keep": "k"}, max_retries=3
    ) as client:
        derived = client.with_options(timeout=20, max_retries=0, default_headers={"X-Team": "b"})
        assert type(derived) is Client
        assert derived._http is client._http
        assert (derived.max_retries, client.max_retries) == (0, 3)
        assert derived.timeout.read == 20
        assert client.timeout.read == 600
        assert derived.base_url == client.base_url
        assert derived.strict == client.strict
        assert derived.chat.completions._client is derived
        with pytest.raises(InternalServerError):
            derived.chat.completions.create(messages=HELLO, extra_headers={"X-Mock-Fault": "status=500"})
        assert len(server.requests) == 1  # max_retries=0: no retry
        server.reset()
        derived.chat.completions.create(messages=HELLO)
        client.chat.completions.create(messages=HELLO)
        from_derived, from_client = server.requests
        assert (from_derived.headers["x-team"], from_derived.headers["x-keep"]) == ("b", "k")
        assert (from_client.headers["x-team"], from_client.headers["x-keep"]) == ("a", "k")
        derived.close()
        # The pool belongs to the client that made it: closing the derived one leaves it open.
        assert not client._http.is_closed
        assert client.chat.completions.create(messages=HELLO).choices
        again = client.with_options()
        del derived
        gc.collect()
        assert again.chat.completions.create(messages=HELLO).choices
    assert client._http.is_closed


def test_with_options_reuses_the_open_connection(server: LocalServer) -> None:
    from aiml_chat._deadline import pools

    with Client(api_key=KEY, base_url=server.base_url) as client:
        client.chat.completions.create(messages=HELLO)
        client.with_options(max_retries=1).chat.completions.create(messages=HELLO)
        [pool] = pools(client._http)
        assert len(pool.connections) == 1  # the derived client's call went over the same connection
    assert len(server.requests) == 2


def test_with_options_on_async_client_shares_the_pool(server: LocalServer) -> None:
    async def main() -> None:
        async with AsyncClient(api_key=KEY, base_url=server.base_url) as client:
            derived = client.with_options(timeout=httpx2.Timeout(30.0), default_headers={"X-Team": "z"})
            assert type(derived) is AsyncClient
            assert derived._http is client._http
            await derived.chat.completions.create(messages=HELLO)
            await derived.close()
            assert not client._http.is_closed
            await client.chat.completions.create(messages=HELLO)
        assert client._http.is_closed

    asyncio.run(main())
    first, second = server.requests
    assert first.headers["x-team"] == "z"
    assert "x-team" not in second.headers


def test_streams_dropped_unread_on_a_derived_client_are_released_by_the_parent(server: LocalServer) -> None:
    limits = httpx2.Limits(max_connections=1)
    with (
        httpx2.Client(limits=limits) as http,
        Client(api_key=KEY, base_url=server.base_url, http_client=http) as client,
    ):
        derived = client.with_options(max_retries=0)
        stream = derived.chat.completions.create(messages=HELLO, stream=True)
        del stream, derived
        gc.collect()
        # The one connection was held by the dropped stream; the parent's next call releases it.
        assert client.chat.completions.create(messages=HELLO, timeout=httpx2.Timeout(5.0)).choices


def test_with_options_checks_its_arguments(server: LocalServer) -> None:
    with Client(api_key=KEY, base_url=server.base_url) as client:
        with pytest.raises(ValidationError, match="max_retries"):
            client.with_options(max_retries=-1)
        with pytest.raises(TypeError):
            client.with_options(base_url="http://elsewhere")  # type: ignore[call-arg]


# --------------------------------------------------------------------------- idempotency keys


@KINDS
def test_every_attempt_of_a_call_carries_the_same_idempotency_key(kind: str, server: LocalServer) -> None:
    retried = {"X-Mock-Fault": "status=500;times=2;retry_after=0", "X-Mock-Fault-Key": kind}
    calls(kind, server, {}, {"extra_headers": retried}, {})
    first, second, third, other = server.requests
    assert [r.status for r in server.requests] == [500, 500, 200, 200]
    assert first.idempotency_key
    assert first.idempotency_key.startswith("aiml-chat-")
    assert first.idempotency_key == second.idempotency_key == third.idempotency_key
    assert other.idempotency_key
    assert other.idempotency_key != first.idempotency_key


@KINDS
def test_each_call_has_a_fresh_idempotency_key(kind: str, server: LocalServer) -> None:
    calls(kind, server, {}, *({} for _ in range(5)))
    keys = [r.idempotency_key for r in server.requests]
    assert len(set(keys)) == 5
    assert all(keys)


@KINDS
def test_the_idempotency_key_can_be_given(kind: str, server: LocalServer) -> None:
    retried = {"X-Mock-Fault": "status=500;times=1;retry_after=0"}
    calls(
        kind,
        server,
        {},
        {"extra_headers": {**retried, "idempotency-key": "call-key", "X-Mock-Fault-Key": f"{kind}-1"}},
        {"extra_headers": {**retried, "Idempotency-Key": "other-key", "X-Mock-Fault-Key": f"{kind}-2"}},
    )
    assert [r.idempotency_key for r in server.requests] == [
        "call-key",
        "call-key",
        "other-key",
        "other-key",
    ]
    assert all(list(r.headers).count("idempotency-key") == 1 for r in server.requests)


@KINDS
def test_a_server_deduplicating_by_key_answers_the_retry_with_the_first_answer(
    kind: str, server: LocalServer
) -> None:
    # The first attempt is answered and cut off halfway: the server did the work, the client
    # never saw it and retries. With the same key, the server recognises the repeat.
    dropped = {"X-Mock-Fault": "replay=1;drop=1;times=1", "X-Mock-Fault-Key": kind}
    [completion] = calls(kind, server, {}, {"extra_headers": dropped})
    first, retry = server.requests
    assert first.aborted
    assert retry.replayed
    assert retry.idempotency_key == first.idempotency_key
    assert completion.id == f"gen-{first.n}"  # the first attempt's answer, not a second generation


def test_without_the_replay_fault_a_retry_is_answered_anew(server: LocalServer) -> None:
    [completion] = calls("sync", server, {}, {"extra_headers": {"X-Mock-Fault": "drop=1;times=1"}})
    first, retry = server.requests
    assert first.aborted
    assert not retry.replayed
    assert completion.id == f"gen-{retry.n}"
