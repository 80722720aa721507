"""`POST /v1/chat/completions` of the local server: authorisation, the body limit, the faults a
request asks for (`X-Mock-Fault`, see `_faults`), and the answer `_replies` plans for the body.

A raw ASGI callable, so that a client going away is noticed (and recorded) while the answer is
being sent, and the faults keep byte-level control (`_wire`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import time
from collections.abc import Awaitable, Callable
from typing import Any, Final

import anyio
import anyio.to_thread
from starlette.requests import ClientDisconnect, Request
from starlette.types import Receive, Scope, Send

from aiml_chat.testing import _payloads, _replies
from aiml_chat.testing._errors import ErrorAnswer
from aiml_chat.testing._faults import Fault, FaultSpecError, attempt_key
from aiml_chat.testing._request_checks import RequestValidator, parse_body
from aiml_chat.testing._state import RECORD_KEY, RequestRecord, ServerState
from aiml_chat.testing._wire import Drop, json_bytes, retry_headers, send_completion, send_stream, send_whole

FAULT_HEADER: Final = "x-mock-fault"
FAULT_KEY_HEADER: Final = "x-mock-fault-key"
CHUNKS_HEADER: Final = "x-mock-chunks"
MAX_CHUNKS: Final = 100_000
BARRIER_TIMEOUT: Final = 30.0
OFFLOAD_BYTES: Final = 256 * 1024  # parse and decode bigger bodies off the event loop


class Secret:
    """An API key that never shows in reprs, logs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value.encode()

    def matches(self, candidate: str) -> bool:
        return hmac.compare_digest(self._value, candidate.encode())

    def __repr__(self) -> str:
        return "Secret('***')"


class _TooLarge(Exception):
    """A request body past the server's limit: answered 413 without reading (the rest of) it."""

    def __init__(self, limit: int, size: int, declared: bool) -> None:
        how = "declares" if declared else "sent more than"
        super().__init__(f"The request body {how} {size} bytes; this server accepts at most {limit}.")


class _Barriers:
    """Rendezvous points for ``barrier=N``: all waiters are released once N of them are present."""

    def __init__(self) -> None:
        self._waiting: dict[str, tuple[list[int], anyio.Event]] = {}

    async def wait(self, key: str, n: int) -> None:
        count, event = self._waiting.setdefault(key, ([0], anyio.Event()))
        count[0] += 1
        if count[0] >= n:
            event.set()
            self._waiting.pop(key, None)
        with anyio.move_on_after(BARRIER_TIMEOUT):
            await event.wait()


Action = Callable[[Send], Awaitable[bool]]


class ChatEndpoint:
    """``POST /v1/chat/completions`` as an ASGI app."""

    def __init__(self, api_key: Secret, state: ServerState, max_body_bytes: int) -> None:
        self._key = api_key
        self._state = state
        self._max_body = max_body_bytes
        self._validator = RequestValidator()
        self._barriers = _Barriers()

    def __repr__(self) -> str:
        return "ChatEndpoint()"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self._handle(Request(scope, receive), scope[RECORD_KEY], receive, send)

    async def _handle(self, request: Request, record: RequestRecord, receive: Receive, send: Send) -> None:
        auth = request.headers.get("authorization", "")
        scheme, _, token = auth.partition(" ")
        authorized = scheme.lower() == "bearer" and self._key.matches(token.strip())
        try:
            body, size, sha = await self._read_body(request, keep=authorized)
        except ClientDisconnect:
            self._state.update(record, client_disconnected=True)
            return
        except _TooLarge as exc:
            # Answered at once, without the watcher (it would read the body we refuse), and the
            # connection closed: the rest of that body is never read.
            payload = json_bytes(ErrorAnswer(413, str(exc)).body())
            await send_whole(send, 413, payload, record, {"connection": "close"})
            return
        self._state.update(record, body_size=size, body_sha256=sha)
        fault: Fault | None = None
        active = False
        try:
            if not authorized:
                raise ErrorAnswer(401, "Missing or invalid API key: send Authorization: Bearer <key>.")
            fault, spec_text = self._fault(request)
            fault_key = request.headers.get(FAULT_KEY_HEADER, "")
            if fault is not None:
                attempt = self._state.attempts.next(attempt_key(spec_text, fault_key, sha))
                active = fault.applies(attempt, sha)
                self._state.update(
                    record, fault=spec_text, fault_key=fault_key, attempt=attempt, faulted=active
                )
            pieces = self._pieces(request)
        except ErrorAnswer as error:
            await self._respond(receive, send, record, self._error_action(error, record))
            return
        await self._respond(receive, send, record, self._main_action(body, fault, active, pieces, record))

    async def _read_body(self, request: Request, keep: bool) -> tuple[bytearray, int, str]:
        """Read the body once, hashing as it arrives; an unauthorised body is drained, not kept.

        The limit is checked against Content-Length before a byte is read, and memory grows with
        what arrives, not with what is declared (three requests declaring 2 GB each took the
        server from 259 MB to 6 GB when it allocated up front)."""
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self._max_body:
            raise _TooLarge(self._max_body, int(declared), declared=True)
        body = bytearray()
        digest = hashlib.sha256()
        size = 0
        async for chunk in request.stream():
            digest.update(chunk)
            size += len(chunk)
            if size > self._max_body:
                raise _TooLarge(self._max_body, self._max_body, declared=False)
            if keep:
                body += chunk
        return body, size, digest.hexdigest()

    def _fault(self, request: Request) -> tuple[Fault | None, str]:
        text = request.headers.get(FAULT_HEADER)
        if text is None:
            default = self._state.faults
            return default, str(default) if default is not None else ""
        try:
            return Fault.parse(text), text.strip()
        except FaultSpecError as exc:
            raise ErrorAnswer(400, f"X-Mock-Fault: {exc}", "X-Mock-Fault", "invalid_fault") from None

    def _pieces(self, request: Request) -> int | None:
        text = request.headers.get(CHUNKS_HEADER)
        if text is None:
            return None
        if not text.strip().isdigit() or not 1 <= int(text) <= MAX_CHUNKS:
            raise ErrorAnswer(400, f"X-Mock-Chunks must be an integer 1..{MAX_CHUNKS}", "X-Mock-Chunks")
        return int(text)

    async def _respond(self, receive: Receive, send: Send, record: RequestRecord, action: Action) -> None:
        """Run ``action`` while watching for the client going away, which is recorded and ends the work."""
        finishing = False

        async def watch(scope: anyio.CancelScope) -> None:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    if not finishing:
                        self._state.update(record, client_disconnected=True)
                        scope.cancel()
                    return

        async def tracked_send(message: Any) -> None:
            nonlocal finishing
            if message["type"] == "http.response.body" and not message.get("more_body", False):
                finishing = True
            await send(message)

        drop = False
        async with anyio.create_task_group() as group:
            group.start_soon(watch, group.cancel_scope)
            drop = await action(tracked_send)
            group.cancel_scope.cancel()
        if drop:
            self._state.update(record, aborted=True)
            raise Drop

    def _error_action(
        self, error: ErrorAnswer, record: RequestRecord, headers: dict[str, str] | None = None
    ) -> Action:
        async def act(send: Send) -> bool:
            await send_whole(send, error.status, json_bytes(error.body()), record, headers)
            return False

        return act

    def _main_action(
        self,
        body: bytearray,
        fault: Fault | None,
        active: bool,
        pieces: int | None,
        record: RequestRecord,
    ) -> Action:
        failing = fault if active and fault is not None else None
        shape = fault or Fault()

        replay_key = record.idempotency_key if shape.replay else ""

        async def act(send: Send) -> bool:
            first = self._state.answer_for(replay_key) if replay_key else None
            if first is not None:  # a repeat of an accepted request: its first answer, no faults
                self._state.update(record, replayed=True)
                await send_whole(send, 200, first, record, {"idempotent-replayed": "true"})
                return False
            if failing and failing.delay:
                await anyio.sleep(failing.delay)
            if failing and failing.barrier:
                await self._barriers.wait(f"{record.fault}\0{record.fault_key}", failing.barrier)
            if failing and failing.status:
                error = ErrorAnswer(
                    failing.status, f"Injected fault: HTTP {failing.status}", None, failing.status
                )
                return await self._error_action(error, record, retry_headers(failing))(send)
            try:
                if len(body) > OFFLOAD_BYTES:
                    data, files = await anyio.to_thread.run_sync(parse_body, body, self._validator)
                else:
                    data, files = parse_body(body, self._validator)
            except ErrorAnswer as error:
                return await self._error_action(error, record)(send)
            stream = data.get("stream") is True
            self._state.update(record, stream=stream, body=data)
            replies = _replies.plan_replies(
                data, files, call_prefix=f"call_{record.n}", min_chars=pieces or 0
            )
            if shape.content is not None:
                text = shape.content_text
                replies = [
                    dataclasses.replace(
                        r, text=text, tool_calls=(), finish_reason="stop" if r.tool_calls else r.finish_reason
                    )
                    for r in replies
                ]
            ident, created = f"gen-{record.n}", int(time.time())
            if not stream:
                obj = _payloads.completion(
                    replies, id=ident, created=created, model=data["model"], weird=shape.weird
                )
                payload = json_bytes(obj)
                if replay_key:
                    self._state.remember(replay_key, payload)
                return await send_completion(send, payload, record, failing)
            chunks = _payloads.stream_chunks(
                replies,
                id=ident,
                created=created,
                model=data["model"],
                pieces=pieces,
                include_usage=bool((data.get("stream_options") or {}).get("include_usage")),
                weird=shape.weird,
            )
            return await send_stream(self._state, send, chunks, record, shape, failing)

        return act
