"""The bytes the local server sends: whole JSON answers, SSE streams, and the faults that break them.

Raw ASGI messages rather than starlette responses, because the faults need byte-level control:
a declared Content-Length with half a body, a stream cut without `[DONE]`, odd line endings.
"""

from __future__ import annotations

import email.utils
import json
import logging
import time
from collections.abc import Iterator
from typing import Any, Final

import anyio
from starlette.types import Send

from aiml_chat.testing._faults import Fault
from aiml_chat.testing._state import RequestRecord, ServerState

_MID_STREAM_ERROR: Final = "Injected fault: the provider failed mid-stream"


class Drop(Exception):
    """Raised after a partial response so uvicorn aborts the connection (the log line is filtered)."""


class _DropLogFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], Drop))


def install_log_filter() -> None:
    """Keep deliberate connection drops out of uvicorn's error log (idempotent)."""
    logger = logging.getLogger("uvicorn.error")
    if not any(isinstance(f, _DropLogFilter) for f in logger.filters):
        logger.addFilter(_DropLogFilter())


def json_bytes(obj: Any) -> bytes:
    """Compact UTF-8 JSON; lone surrogates a client sent (valid in JSON text) come back as "?"."""
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "replace")


def retry_headers(fault: Fault) -> dict[str, str]:
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


async def send_whole(
    send: Send, status: int, payload: bytes, record: RequestRecord, headers: dict[str, str] | None = None
) -> None:
    await send(_start(status, len(payload), record, headers))
    await send({"type": "http.response.body", "body": payload, "more_body": False})


async def send_completion(send: Send, payload: bytes, record: RequestRecord, failing: Fault | None) -> bool:
    """A completion body, or (faults) broken JSON, or half a body then an abort."""
    if failing and failing.malformed:
        payload = payload[: len(payload) // 2]
    cut = None
    if failing and (failing.drop or failing.drop_after is not None):
        cut = len(payload) // 2 if failing.drop else min(failing.drop_after or 0, len(payload) - 1)
    if cut is None:
        await send_whole(send, 200, payload, record)
        return False
    await send(_start(200, len(payload), record, None))
    await send({"type": "http.response.body", "body": payload[:cut], "more_body": True})
    return True


async def send_stream(
    state: ServerState,
    send: Send,
    chunks: Iterator[dict[str, Any]],
    record: RequestRecord,
    shape: Fault,
    failing: Fault | None,
) -> bool:
    """Send SSE events; returns True when the connection must be aborted (``drop``)."""
    payloads = [json_bytes(c).decode() for c in chunks] + ["[DONE]"]
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
        state.update(record, events_sent=index + 1)
        await send({"type": "http.response.body", "body": text.encode(), "more_body": True})
    if failing and drop_at is not None and drop_at >= len(payloads):
        return True
    await send({"type": "http.response.body", "body": b"", "more_body": False})
    return False
