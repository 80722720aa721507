"""The starlette app behind the local server: the chat-completions endpoint, as the spec and real providers
behave, plus deliberate misbehaviour (see ``_faults``) and a thread-safe record of what it saw.

The endpoint is a raw ASGI callable rather than a starlette ``Response`` because the faults need byte-level
control: a declared Content-Length with half a body, a stream cut without ``[DONE]``, odd line endings.
"""

from __future__ import annotations

import dataclasses
import email.utils
import hashlib
import hmac
import json
import logging
import threading
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

import anyio
import anyio.to_thread
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aiml_chat._params import PATH
from aiml_chat.testing import _replies
from aiml_chat.testing._errors import ApiError
from aiml_chat.testing._faults import AttemptCounter, Fault, FaultSpecError, attempt_key
from aiml_chat.testing._request_checks import RequestValidator, parse_body

_SchemaError = Any  # jsonschema.exceptions.ValidationError (jsonschema ships no stubs)
CHAT_PATH: Final = PATH
FAULT_HEADER: Final = "x-mock-fault"
FAULT_KEY_HEADER: Final = "x-mock-fault-key"
CHUNKS_HEADER: Final = "x-mock-chunks"
MAX_CHUNKS: Final = 100_000
BARRIER_TIMEOUT: Final = 30.0
OFFLOAD_BYTES: Final = 256 * 1024  # parse and decode bigger bodies off the event loop


_MID_STREAM_ERROR: Final = "Injected fault: the provider failed mid-stream"


class Secret:
    """An API key that never shows in reprs, logs or tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value.encode()

    def matches(self, candidate: str) -> bool:
        return hmac.compare_digest(self._value, candidate.encode())

    def __repr__(self) -> str:
        return "Secret('***')"


@dataclass
class RequestRecord:
    """One request as the server saw it (the Authorization value is never kept)."""

    n: int
    method: str
    path: str
    headers: dict[str, str]
    body_size: int = 0
    body_sha256: str = ""
    body: Any = None  # the parsed JSON body; file_data strings longer than 1 KiB are elided
    fault: str = ""
    fault_key: str = ""
    attempt: int = 0
    faulted: bool = False
    stream: bool = False
    status: int | None = None
    events_sent: int = 0
    completed: bool = False
    aborted: bool = False
    client_disconnected: bool = False
    idempotency_key: str = ""  # the Idempotency-Key header: the same on every retry of one call
    replayed: bool = False  # answered with the first answer of its Idempotency-Key (replay=1)


class ServerState:
    """Records and counters shared by the server thread and the tests; every access holds one lock."""

    def __init__(self, faults: Fault | None) -> None:
        self._cond = threading.Condition()
        self._records: list[RequestRecord] = []
        self._counts: Counter[str] = Counter()
        self._next = 0
        self._in_flight = 0
        self.attempts = AttemptCounter()
        self.faults = faults
        self._answers: dict[str, bytes] = {}  # Idempotency-Key -> first answer (the replay fault)

    def open(self, method: str, path: str, headers: dict[str, str]) -> RequestRecord:
        with self._cond:
            self._next += 1
            self._in_flight += 1
            self._counts["requests"] += 1
            self._counts["max_in_flight"] = max(self._counts["max_in_flight"], self._in_flight)
            record = RequestRecord(
                self._next, method, path, headers, idempotency_key=headers.get("idempotency-key", "")
            )
            self._records.append(record)
            self._cond.notify_all()
            return record

    def update(self, record: RequestRecord, **changes: Any) -> None:
        with self._cond:
            for name, value in changes.items():
                setattr(record, name, value)
            if changes.get("client_disconnected"):
                self._counts["client_disconnects"] += 1
            if changes.get("aborted"):
                self._counts["aborts"] += 1
            if "status" in changes:
                self._counts[f"status_{changes['status']}"] += 1
            self._cond.notify_all()

    def close(self, record: RequestRecord) -> None:
        with self._cond:
            self._in_flight -= 1
            self._cond.notify_all()

    @property
    def records(self) -> list[RequestRecord]:
        with self._cond:
            return [dataclasses.replace(r, headers=dict(r.headers)) for r in self._records]

    @property
    def counts(self) -> Counter[str]:
        with self._cond:
            return Counter(self._counts)

    def wait_for(self, predicate: Callable[[list[RequestRecord]], bool], timeout: float) -> bool:
        """Block until ``predicate(records)`` holds (re-checked on every server update) or the timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self.records), timeout)

    def answer_for(self, idempotency_key: str) -> bytes | None:
        with self._cond:
            return self._answers.get(idempotency_key)

    def remember(self, idempotency_key: str, payload: bytes) -> None:
        with self._cond:
            self._answers.setdefault(idempotency_key, payload)

    def reset(self) -> None:
        with self._cond:
            self._answers.clear()
            self._records.clear()
            self._counts.clear()
            self._next = 0
            self.attempts.reset()
            self._cond.notify_all()


class _TooLarge(Exception):
    """A request body past the server's limit: answered 413 without reading (the rest of) it."""

    def __init__(self, limit: int, size: int, declared: bool) -> None:
        how = "declares" if declared else "sent more than"
        super().__init__(f"The request body {how} {size} bytes; this server accepts at most {limit}.")


class _Drop(Exception):
    """Raised after a partial response so uvicorn aborts the connection (the log line is filtered)."""


class _DropLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], _Drop))


def install_log_filter() -> None:
    """Keep deliberate connection drops out of uvicorn's error log (idempotent)."""
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _DropLogFilter) for f in logger.filters):
        logger.addFilter(_DropLogFilter())


def _json_bytes(obj: Any) -> bytes:
    """Compact UTF-8 JSON; lone surrogates a client sent (valid in JSON text) come back as "?"."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace")


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
RECORD_KEY: Final = "aiml_chat.record"


class Recorder:
    """ASGI middleware: one RequestRecord per HTTP request (any path), with the status and completion."""

    def __init__(self, app: ASGIApp, state: ServerState) -> None:
        self._app = app
        self._state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        headers = {
            k.decode("latin-1"): ("<redacted>" if k.lower() == b"authorization" else v.decode("latin-1"))
            for k, v in scope["headers"]
        }
        record = self._state.open(scope["method"], scope["path"], headers)
        scope[RECORD_KEY] = record

        async def recording_send(message: Message) -> None:
            # Record first: a client that has the response must find it in the record.
            if message["type"] == "http.response.start":
                self._state.update(record, status=message["status"])
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                self._state.update(record, completed=True)
            await send(message)

        try:
            await self._app(scope, receive, recording_send)
        finally:
            self._state.close(record)


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
            payload = _json_bytes(ApiError(413, str(exc)).body())
            await _send_whole(send, 413, payload, record, {"connection": "close"})
            return
        self._state.update(record, body_size=size, body_sha256=sha)
        fault: Fault | None = None
        active = False
        try:
            if not authorized:
                raise ApiError(401, "Missing or invalid API key: send Authorization: Bearer <key>.")
            fault, spec_text = self._fault(request)
            fault_key = request.headers.get(FAULT_KEY_HEADER, "")
            if fault is not None:
                attempt = self._state.attempts.next(attempt_key(spec_text, fault_key, sha))
                active = fault.applies(attempt, sha)
                self._state.update(
                    record, fault=spec_text, fault_key=fault_key, attempt=attempt, faulted=active
                )
            pieces = self._pieces(request)
        except ApiError as error:
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
            raise ApiError(400, f"X-Mock-Fault: {exc}", "X-Mock-Fault", "invalid_fault") from None

    def _pieces(self, request: Request) -> int | None:
        text = request.headers.get(CHUNKS_HEADER)
        if text is None:
            return None
        if not text.strip().isdigit() or not 1 <= int(text) <= MAX_CHUNKS:
            raise ApiError(400, f"X-Mock-Chunks must be an integer 1..{MAX_CHUNKS}", "X-Mock-Chunks")
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
            raise _Drop

    def _error_action(
        self, error: ApiError, record: RequestRecord, headers: dict[str, str] | None = None
    ) -> Action:
        async def act(send: Send) -> bool:
            await _send_whole(send, error.status, _json_bytes(error.body()), record, headers)
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
                await _send_whole(send, 200, first, record, {"idempotent-replayed": "true"})
                return False
            if failing and failing.delay:
                await anyio.sleep(failing.delay)
            if failing and failing.barrier:
                await self._barriers.wait(f"{record.fault}\0{record.fault_key}", failing.barrier)
            if failing and failing.status:
                error = ApiError(
                    failing.status, f"Injected fault: HTTP {failing.status}", None, failing.status
                )
                return await self._error_action(error, record, _retry_headers(failing))(send)
            try:
                if len(body) > OFFLOAD_BYTES:
                    data, files = await anyio.to_thread.run_sync(parse_body, body, self._validator)
                else:
                    data, files = parse_body(body, self._validator)
            except ApiError as error:
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
                obj = _replies.completion(
                    replies, id=ident, created=created, model=data["model"], weird=shape.weird
                )
                payload = _json_bytes(obj)
                if replay_key:
                    self._state.remember(replay_key, payload)
                return await _send_completion(send, payload, record, failing)
            chunks = _replies.stream_chunks(
                replies,
                id=ident,
                created=created,
                model=data["model"],
                pieces=pieces,
                include_usage=bool((data.get("stream_options") or {}).get("include_usage")),
                weird=shape.weird,
            )
            return await self._send_stream(send, chunks, record, shape, failing)

        return act

    async def _send_stream(
        self,
        send: Send,
        chunks: Iterator[dict[str, Any]],
        record: RequestRecord,
        shape: Fault,
        failing: Fault | None,
    ) -> bool:
        """Send SSE events; returns True when the connection must be aborted (``drop``)."""
        payloads = [_json_bytes(c).decode() for c in chunks] + ["[DONE]"]
        eol = shape.eol_text
        await send(
            {
                "type": "http.response.start",
                "status": 200,
                "headers": [
                    (b"content-type", b"text/event-stream; charset=utf-8"),
                    (b"cache-control", b"no-cache"),
                    (b"x-request-id", f"req-{record.n}".encode()),
                ],
            }
        )
        prefix = "\ufeff" if shape.bom else ""
        keepalive = f": keep-alive{eol}{eol}" if shape.keepalive else ""
        drop_at = (len(payloads) // 2 if failing.drop else failing.drop_after) if failing else None
        for index, payload in enumerate(payloads):
            if failing:
                if drop_at == index:
                    return True
                if failing.stream_error == index or failing.error_event == index:
                    error = {"error": {"message": _MID_STREAM_ERROR, "type": "server_error", "code": 502}}
                    event = "event: error" + eol if failing.error_event == index else ""
                    text = f"{prefix}{keepalive}{event}data: {json.dumps(error)}{eol}{eol}"
                    await send({"type": "http.response.body", "body": text.encode(), "more_body": False})
                    return False
                if failing.chunk_delay and index:
                    await anyio.sleep(failing.chunk_delay)
                if failing.malformed == index + 1:
                    payload = payload[: max(1, len(payload) // 2)]
            text = f"{prefix}{keepalive}data: {payload}{eol}{eol}"
            prefix = ""
            self._state.update(record, events_sent=index + 1)
            await send({"type": "http.response.body", "body": text.encode(), "more_body": True})
        if failing and drop_at is not None and drop_at >= len(payloads):
            return True
        await send({"type": "http.response.body", "body": b"", "more_body": False})
        return False


def _retry_headers(fault: Fault) -> dict[str, str]:
    headers: dict[str, str] = {}
    if fault.retry_after is not None:
        headers["retry-after"] = str(fault.retry_after)
    if fault.retry_after_date is not None:
        headers["retry-after"] = email.utils.formatdate(time.time() + fault.retry_after_date, usegmt=True)
    if fault.retry_after_ms is not None:
        headers["retry-after-ms"] = str(fault.retry_after_ms)
    return headers


def _start(status: int, length: int, record: RequestRecord, headers: dict[str, str] | None) -> dict[str, Any]:
    raw = [
        (b"content-type", b"application/json"),
        (b"content-length", str(length).encode()),
        (b"x-request-id", f"req-{record.n}".encode()),
    ]
    raw += [(k.encode(), v.encode()) for k, v in (headers or {}).items()]
    return {"type": "http.response.start", "status": status, "headers": raw}


async def _send_whole(
    send: Send, status: int, payload: bytes, record: RequestRecord, headers: dict[str, str] | None = None
) -> None:
    await send(_start(status, len(payload), record, headers))
    await send({"type": "http.response.body", "body": payload, "more_body": False})


async def _send_completion(send: Send, payload: bytes, record: RequestRecord, failing: Fault | None) -> bool:
    """A completion body, or (faults) broken JSON, or half a body then an abort."""
    if failing and failing.malformed:
        payload = payload[: len(payload) // 2]
    cut = None
    if failing and (failing.drop or failing.drop_after is not None):
        cut = len(payload) // 2 if failing.drop else min(failing.drop_after or 0, len(payload) - 1)
    if cut is None:
        await _send_whole(send, 200, payload, record)
        return False
    await send(_start(200, len(payload), record, None))
    await send({"type": "http.response.body", "body": payload[:cut], "more_body": True})
    return True


def _error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(ApiError(status, message).body(), status_code=status, headers=headers)


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = f"{request.method} {request.url.path}: {exc.detail}"
    return _error_response(exc.status_code, message, dict(exc.headers or {}))


async def _server_error(request: Request, exc: Exception) -> Response:
    return _error_response(500, f"Internal server error: {type(exc).__name__}")


def create_app(api_key: str, state: ServerState, *, max_body_bytes: int = 1024**3) -> Starlette:
    """The ASGI app: the chat endpoint plus OpenAI-shaped 404/405/500 answers everywhere else."""
    install_log_filter()
    return Starlette(
        routes=[Route(CHAT_PATH, ChatEndpoint(Secret(api_key), state, max_body_bytes), methods=["POST"])],
        exception_handlers={HTTPException: _http_exception, Exception: _server_error},
        middleware=[Middleware(Recorder, state=state)],
    )
