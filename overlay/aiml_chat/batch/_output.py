"""The results file: what an earlier run already recorded (for resuming), and the locked appender.

One JSON line per finished request, appended as it finishes::

    {"custom_id": "a", "line": 1, "response": {...}, "attempts": 1, "latency_ms": 12.3}
    {"custom_id": "b", "line": 2, "error": {"type": "RateLimitError", "message": "...", "status": 429},
     "attempts": 3, "latency_ms": 2051.0}
    {"custom_id": null, "line": 7, "error": {"type": "InvalidJSON", "message": "line 7: ...", "status": null},
     "attempts": 0, "latency_ms": 0.0}

Resume: the file is read first; ids (and line numbers of null-id lines) already there are skipped,
and a partial last line left by a kill is cut off (or completed, if it is a whole record). Each
record goes to the file in one ``write()`` of an O_APPEND descriptor, so a kill leaves at most one
partial line and never half of one record inside another; the file is fsynced about once a second
and at the end. An exclusive lock stops two runs writing the same output.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from typing import Any, Final

from ._options import BatchError

FSYNC_INTERVAL: Final = 1.0


@dataclass
class RecordedOutput:
    """What an existing output file already holds."""

    ids: set[str] = field(default_factory=set)
    lines: set[int] = field(default_factory=set)  # input lines recorded without an id
    failed_ids: set[str] = field(default_factory=set)
    failed_lines: set[int] = field(default_factory=set)
    repaired: str = ""
    unreadable: int = 0

    def earlier_outcome(self, custom_id: str | None, line: int) -> bool | None:
        """None if nothing is recorded for this input line yet, else whether its record is an error."""
        if custom_id is None:
            return line in self.failed_lines if line in self.lines else None
        return custom_id in self.failed_ids if custom_id in self.ids else None

    def add(self, record: dict[str, Any]) -> None:
        custom_id = record.get("custom_id")
        failed = "error" in record
        if isinstance(custom_id, str):
            self.ids.add(custom_id)
            if failed:
                self.failed_ids.add(custom_id)
        elif isinstance(line := record.get("line"), int):
            self.lines.add(line)
            if failed:
                self.failed_lines.add(line)


def scan_output(path: str, *, repair: bool = True) -> RecordedOutput:
    """Read an output file for resuming; with `repair`, fix a partial last line left by a kill.

    A last line without its newline is either a whole record (the newline is added) or a cut-off
    one (it is truncated away, and that request runs again).
    """
    found = RecordedOutput()
    if not os.path.exists(path):
        return found
    with open(path, "r+b" if repair else "rb") as f:
        offset = 0
        for raw in f:
            start, offset = offset, offset + len(raw)
            complete = raw.endswith(b"\n")
            record = _record(raw)
            if not complete:
                if record is None:
                    if repair:
                        f.truncate(start)
                    found.repaired = f"removed a partial last line ({len(raw)} bytes)"
                    break
                if repair:
                    f.write(b"\n")
                found.repaired = "added the missing newline after the last line"
            if record is None:
                if raw.strip():
                    found.unreadable += 1
                continue
            found.add(record)
    return found


def _record(raw: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class ResultWriter:
    """Appends one record per write() to an O_APPEND file; fsync about once a second and on close."""

    def __init__(self, path: str, fsync_interval: float = FSYNC_INTERVAL) -> None:
        try:
            self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        except OSError as error:
            raise BatchError(f"cannot open {path} for writing: {error.strerror or error}") from None
        self._path = path
        self._interval = fsync_interval
        self._last_sync = time.monotonic()
        self._dirty = False
        try:
            import fcntl

            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        except OSError:
            os.close(self._fd)
            raise BatchError(f"{path} is being written by another batch run") from None

    def write(self, record: dict[str, Any]) -> None:
        try:
            text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
            data = (text + "\n").encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates: escaped JSON is still the same value
            data = (json.dumps(record, separators=(",", ":")) + "\n").encode("ascii")
        view = memoryview(data)
        while view:
            written = os.write(self._fd, view)
            view = view[written:]
        self._dirty = True
        now = time.monotonic()
        if now - self._last_sync >= self._interval:
            self.sync(now)

    def sync(self, now: float | None = None) -> None:
        if self._dirty:
            os.fsync(self._fd)
            self._dirty = False
        self._last_sync = time.monotonic() if now is None else now

    def close(self) -> None:
        if self._fd >= 0:
            try:
                self.sync()
            finally:
                os.close(self._fd)
                self._fd = -1
