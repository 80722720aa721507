"""What the local server saw: one RequestRecord per request, counters, and the middleware that records them.

Shared by the server thread and the tests (`LocalServer.requests`, `wait_for`); every access
holds one lock.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aiml_chat.testing._faults import AttemptCounter, Fault

RECORD_KEY: Final = "aiml_chat.record"  # where the Recorder leaves the request's record in the scope


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
