"""The one place the API key is taken out of anything we show: errors, log records, batch lines.

A server can echo the key back in many spellings: raw, JSON-escaped (`\\/` as PHP writes it,
`\\u002b` as .NET does, escaped again when JSON sits in a JSON string) or percent-encoded. One
regular expression per key matches every such spelling in raw text; decoded values (parsed JSON)
hold the plain key, which the same expression matches too.

While a client exists its key is also registered with a `logging.Filter` on the `httpx2`,
`httpcore2` and `aiml_chat` loggers, so a DEBUG log of response headers shows `[redacted]`.
"""

from __future__ import annotations

import collections
import logging
import re
import threading
from typing import Any

REDACTED = "[redacted]"
_LOGGERS = (
    "aiml_chat",
    "httpx2",
    "httpcore2",
    "httpcore2.connection",
    "httpcore2.http11",
    "httpcore2.http2",
    "httpcore2.proxy",
    "httpcore2.socks",
)


def _hex(text: str) -> str:
    """Hex digits matched in either case (the secret's own letters stay case-sensitive)."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in text)


def _pattern(secret: str) -> re.Pattern[str]:
    parts = []
    for ch in secret:
        code = ord(ch)
        forms = [re.escape(ch), r"\\+u" + _hex(f"{code:04x}")]
        if ch in '/"\\':
            forms.append(r"\\+" + re.escape(ch))
        if not ch.isalnum() and code < 0x100:
            forms.append("%" + _hex(f"{code:02x}"))
        parts.append("(?:" + "|".join(forms) + ")")
    return re.compile("".join(parts))


class Redactor:
    """Replaces every spelling of its secrets with `[redacted]` in text and in decoded JSON values.

    A client's redactor holds its key and the values of its secret default headers, so whatever
    carries an error (a call, a stream, a parse) redacts all of them at once.
    """

    __slots__ = ("_pattern", "secrets")

    def __init__(self, *secrets: str) -> None:
        # Longest first: a secret containing another is redacted whole.
        self.secrets = tuple(sorted({s for s in secrets if s}, key=len, reverse=True))
        joined = "|".join(_pattern(s).pattern for s in self.secrets)
        self._pattern = re.compile(joined) if joined else None

    def text(self, text: str) -> str:
        if self._pattern is None:
            return text
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        # The escaped spellings need a backslash or a percent sign; most text has neither.
        if "\\" in text or "%" in text:
            text = self._pattern.sub(REDACTED, text)
        return text

    def value(self, value: Any) -> Any:
        """A copy of a decoded JSON value (or any str/dict/list nesting) with the secret redacted."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, bytes):
            return self.text(value.decode("utf-8", "replace"))
        if isinstance(value, dict):
            return {self.text(str(k)): self.value(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.value(item) for item in value]
        return value

    def headers(self, headers: Any) -> Any:
        import httpx2

        return httpx2.Headers([(k, self.text(v)) for k, v in headers.multi_items()])

    def error(self, error: BaseException) -> BaseException:
        """Redact the error's message, args, body, headers and response in place; returns it."""
        if self._pattern is None:
            return error
        try:
            error.args = tuple(self.value(arg) if isinstance(arg, str) else arg for arg in error.args)
            for name in ("message", "body"):
                if hasattr(error, name):
                    setattr(error, name, self.value(getattr(error, name)))
            headers = getattr(error, "headers", None)
            if headers is not None and hasattr(headers, "multi_items"):
                error.headers = self.headers(headers)  # type: ignore[attr-defined]
            self._response(getattr(error, "response", None))
        except RecursionError:  # a body nested too deeply to walk: keep none of it
            error.body = REDACTED  # type: ignore[attr-defined]
        return error

    def _response(self, response: Any) -> None:
        """The httpx response an error carries: its headers and the body it read (`.text`)."""
        if response is None or not hasattr(response, "headers"):
            return
        response.headers = self.headers(response.headers)
        content = getattr(response, "_content", None)
        if isinstance(content, bytes):
            text = content.decode("utf-8", "replace")
            clean = self.text(text)
            if clean != text:
                response._content = clean.encode("utf-8")


class _LogFilter(logging.Filter):
    """Rewrites log records that mention the key of any live client."""

    def filter(self, record: logging.LogRecord) -> bool:
        redactors = _live_redactors()
        if not redactors:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is the logging module's to report
            return True
        clean = message
        for redactor in redactors:
            clean = redactor.text(clean)
        if clean != message:
            record.msg, record.args = clean, None
        return True


_lock = threading.Lock()
_live: dict[str, list[Any]] = {}  # secret -> [count, Redactor]
_gone: collections.deque[str] = collections.deque()  # unregistered, not yet counted down
_snapshot: tuple[Redactor, ...] = ()
_filter = _LogFilter()


def _live_redactors() -> tuple[Redactor, ...]:
    return _snapshot


def register(secret: str) -> Redactor:
    """Count a client using `secret` (log records are redacted while any such client exists)."""
    global _snapshot
    with _lock:
        while _gone:
            gone = _live.get(_gone.popleft())
            if gone is not None:
                gone[0] -= 1
        for key in [key for key, entry in _live.items() if entry[0] <= 0 and key != secret]:
            del _live[key]
        entry = _live.get(secret)
        if entry is None:
            entry = _live[secret] = [0, Redactor(secret)]
        entry[0] += 1
        _snapshot = tuple(e[1] for e in _live.values())
        for name in _LOGGERS:
            logger = logging.getLogger(name)
            if _filter not in logger.filters:
                logger.addFilter(_filter)
        redactor: Redactor = entry[1]
        return redactor


def unregister(secret: str) -> None:
    """Called by a client's finalizer, possibly inside the garbage collector: no lock here (it
    could be the one `register` holds); the count goes down at the next registration."""
    _gone.append(secret)
