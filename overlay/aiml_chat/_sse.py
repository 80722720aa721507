# httpx-sse 0.4.3 fails: b"\xef\xbb\xbfdata: x\n\n" -> no event (BOM kept); b"id: 1\ndata: x\n\n\n" -> extra empty event; chunk b"data: a\r\r" held until next chunk  # noqa: E501
"""Incremental Server-Sent Events decoder (WHATWG HTML, "Event stream interpretation").

Bytes in, events out.  Only the unterminated tail of the stream is buffered; each chunk is scanned
once with ``bytes.splitlines`` (which splits on exactly LF, CR and CRLF -- the SSE line terminators),
field names are matched as bytes, and UTF-8 decoding happens once per dispatched event.

The common case -- nothing held from earlier chunks and a chunk of whole events ending in a blank
line, LF only -- skips the line machinery: a chunk that is one line and its blank line (what
servers write per event) costs two byte scans and a slice, several events are split at their
blank lines.  A one-line ``data: `` block is the event itself; any other block, and every other
chunk, goes through the general line-by-line path, so both paths give the same events.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["EventFields", "SSEDecoder", "SSELimitError", "ServerSentEvent"]


class SSELimitError(ValueError):
    """A line or an event grew past the decoder's ``max_event_bytes`` before it ended."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"an SSE line or event is larger than {limit} bytes")
        self.limit = limit


_BOM = b"\xef\xbb\xbf"
_BLANK = b"\n\n"  # a line's LF, then an empty line: the end of an event block (LF-only text)
_LF = 0x0A
_CR = 0x0D
_COLON = 0x3A


@dataclass(frozen=True, slots=True)
class ServerSentEvent:
    """One dispatched event.

    ``id`` is the value of the last event ID buffer at dispatch time (it persists across events);
    ``None`` if no ``id`` field has been seen yet on the stream.  ``retry`` is the reconnection time
    (ms) if a valid ``retry`` field occurred in this event's block, else ``None``.
    """

    event: str = "message"
    data: str = ""
    id: str | None = None
    retry: int | None = None


# A dispatched event as (event, data, id, retry): what feed_fields returns, without the object.
EventFields = tuple[str, str, "str | None", "int | None"]


class SSEDecoder:
    """Incremental decoder: call :meth:`feed` with each network chunk, :meth:`close` at EOF."""

    __slots__ = (
        "_at_start",
        "_clean",
        "_closed",
        "_data",
        "_event",
        "_in_event",
        "_last_id",
        "_last_retry",
        "_limit",
        "_retry",
        "_skip_lf",
        "_tail",
    )

    def __init__(self, max_event_bytes: int | None = None) -> None:
        self._limit = max_event_bytes  # bytes one unfinished line or event may buffer; None: no bound
        self._tail = bytearray()  # bytes of the current, not yet terminated line
        self._skip_lf = False  # previous chunk ended in CR: a leading LF completes that CRLF
        self._at_start = True  # BOM not yet checked (fewer than 3 bytes seen so far)
        self._clean = False  # at an event boundary: nothing held, no CR pending, BOM checked, open
        self._closed = False
        self._data: list[bytes] = []
        self._event = b""
        self._retry: int | None = None
        self._in_event = False  # a non-"data: " field line was processed since the last blank line
        self._last_id: str | None = None
        self._last_retry: int | None = None

    @property
    def pending(self) -> bool:
        """True if bytes or fields are buffered that no blank line has dispatched yet.

        Checked after :meth:`close`, True means the stream was truncated mid-event.
        """
        return bool(self._tail) or bool(self._data) or self._in_event

    @property
    def last_event_id(self) -> str | None:
        """Current value of the last event ID buffer (``None`` if never set)."""
        return self._last_id

    @property
    def retry(self) -> int | None:
        """The most recent valid ``retry`` value seen on the stream, dispatched or not."""
        return self._last_retry

    def feed(self, chunk: bytes) -> list[ServerSentEvent]:
        """Consume one chunk; return the events whose terminating blank line it completed."""
        return [_new_event(*fields) for fields in self.feed_fields(chunk)]

    def feed_fields(self, chunk: bytes) -> list[EventFields]:
        """`feed`, with each event as an (event, data, id, retry) tuple: no object per event."""
        if (
            self._clean
            and chunk[-2:] == _BLANK
            and _CR not in chunk  # `int in bytes` is a memchr
            and (self._limit is None or len(chunk) <= self._limit)  # no event in it can be over
        ):
            end = chunk.find(_LF)
            if end == len(chunk) - 2:  # one line, then the blank line: the usual chunk
                if chunk[:6] == b"data: ":
                    return [("message", chunk[6:end].decode("utf-8", "replace"), self._last_id, None)]
                return self._process([chunk[:end], b""])
            events: list[EventFields] = []
            for block in chunk[:-2].split(_BLANK):
                if block[:6] == b"data: " and _LF not in block:  # one data line: the event itself
                    events.append(("message", block[6:].decode("utf-8", "replace"), self._last_id, None))
                else:  # any other block: its lines, then the blank line that ended it
                    lines = block.split(b"\n")
                    lines.append(b"")
                    events += self._process(lines)
            return events
        self._clean = False
        events = self._feed_lines(chunk)
        self._clean = not (
            self._closed or self._at_start or self._tail or self._data or self._in_event or self._skip_lf
        )
        return events

    def _feed_lines(self, chunk: bytes) -> list[EventFields]:
        if self._closed:
            raise ValueError("SSEDecoder.feed() called after close()")
        if not chunk:
            return []
        if self._skip_lf:
            self._skip_lf = False
            if chunk[:1] == b"\n":
                chunk = chunk[1:]
        if self._at_start:
            head = bytes(self._tail) + chunk
            if len(head) < 3 and _BOM.startswith(head):
                self._tail[:] = head  # possibly a BOM split across chunks: wait for more
                return []
            self._at_start = False
            self._tail.clear()
            chunk = head[3:] if head.startswith(_BOM) else head
        if not chunk:
            return []

        lines = chunk.splitlines()
        last = chunk[-1]
        if last != _LF and last != _CR and len(lines) == 1:
            self._tail += chunk  # no line terminator in this chunk: nothing to process yet
            if self._limit is not None and len(self._tail) > self._limit:
                raise SSELimitError(self._limit)
            return []
        if self._tail:
            lines[0] = bytes(self._tail) + lines[0]
            self._tail.clear()
        if last == _CR:
            self._skip_lf = True  # the line is complete now; a following LF belongs to it
        elif last != _LF:
            self._tail += lines.pop()  # keep only the unterminated final piece
        events = self._process(lines)
        # Only an unfinished event is held between chunks; bound it (most chunks end one).
        if (
            self._limit is not None
            and (self._tail or self._data)
            and len(self._tail) + sum(map(len, self._data)) > self._limit
        ):
            raise SSELimitError(self._limit)
        return events

    def close(self) -> list[ServerSentEvent]:
        """Signal end of stream.

        Per spec an event without its terminating blank line is discarded, so this returns no
        events; inspect :attr:`pending` afterwards to detect a truncated stream.
        """
        self._closed = True
        self._clean = False
        return []

    def _process(self, lines: list[bytes]) -> list[EventFields]:
        events: list[EventFields] = []
        data = self._data
        for line in lines:
            if line.startswith(b"data: "):  # the overwhelmingly common line first
                data.append(line[6:])
            elif not line:  # blank line: dispatch
                if data:
                    event = self._event
                    payload = data[0] if len(data) == 1 else b"\n".join(data)
                    if self._limit is not None and len(payload) > self._limit:
                        raise SSELimitError(self._limit)  # a whole event that came in one read
                    events.append(
                        (
                            event.decode("utf-8", "replace") if event else "message",
                            payload.decode("utf-8", "replace"),
                            self._last_id,
                            self._retry,
                        )
                    )
                    data.clear()
                if self._in_event:
                    self._event = b""
                    self._retry = None
                    self._in_event = False
            elif line[0] != _COLON:  # not a comment
                self._in_event = True
                name, _, value = line.partition(b":")
                if value[:1] == b" ":
                    value = value[1:]
                if name == b"data":
                    data.append(value)
                elif name == b"event":
                    self._event = value
                elif name == b"id":
                    if b"\x00" not in value:
                        self._last_id = value.decode("utf-8", "replace")
                elif name == b"retry" and value.isdigit():  # bytes.isdigit(): ASCII digits only
                    self._retry = self._last_retry = int(value)
        return events


def _new_event(
    event: str,
    data: str,
    id_: str | None,
    retry: int | None,
    *,
    _new: Callable[[type[ServerSentEvent]], ServerSentEvent] = object.__new__,
    _set_event: Callable[[ServerSentEvent, str], None] = ServerSentEvent.__dict__["event"].__set__,
    _set_data: Callable[[ServerSentEvent, str], None] = ServerSentEvent.__dict__["data"].__set__,
    _set_id: Callable[[ServerSentEvent, str | None], None] = ServerSentEvent.__dict__["id"].__set__,
    _set_retry: Callable[[ServerSentEvent, int | None], None] = ServerSentEvent.__dict__["retry"].__set__,
) -> ServerSentEvent:
    """``ServerSentEvent(event, data, id_, retry)``, ~40% cheaper than the frozen dataclass ``__init__``.

    Writes the slots directly (the generated ``__init__`` goes through ``object.__setattr__`` per
    field).  Equivalent as long as ServerSentEvent has no ``__post_init__``; tests compare the two.
    """
    ev = _new(ServerSentEvent)
    _set_event(ev, event)
    _set_data(ev, data)
    _set_id(ev, id_)
    _set_retry(ev, retry)
    return ev
