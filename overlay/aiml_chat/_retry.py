"""When to retry and how long to wait: pure decisions shared by the sync and async clients."""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Mapping

import httpx2

RETRY_STATUSES = frozenset({408, 409, 429})
INITIAL_DELAY = 0.5
MAX_DELAY = 8.0
# A server may ask for longer pauses; past a minute the caller is better served by an error.
MAX_RETRY_AFTER = 60.0


def is_retryable_status(status_code: int) -> bool:
    return status_code in RETRY_STATUSES or status_code >= 500


def retry_after(headers: Mapping[str, str], *, now: float | None = None) -> float | None:
    """Seconds the server asked us to wait (`retry-after-ms`, `Retry-After` seconds or HTTP date)."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return max(0.0, float(millis) / 1000.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def backoff(retries_done: int, headers: Mapping[str, str] | None = None) -> float:
    """Delay before retry number `retries_done + 1`: the server's wish if sane, else jittered backoff."""
    if headers is not None:
        asked = retry_after(headers)
        if asked is not None and asked <= MAX_RETRY_AFTER:
            return asked
    delay = min(INITIAL_DELAY * 2.0**retries_done, MAX_DELAY)
    return delay * (1.0 - 0.25 * random.random())


class RetryState:
    """Counts attempts for one call and says whether, and after how long, to try again."""

    __slots__ = ("max_retries", "retries_done")

    def __init__(self, max_retries: int) -> None:
        self.max_retries = max_retries
        self.retries_done = 0

    def after_status(self, response: httpx2.Response) -> float | None:
        if self.retries_done >= self.max_retries or not is_retryable_status(response.status_code):
            return None
        return self._next(f"HTTP {response.status_code}", backoff(self.retries_done, response.headers))

    def after_error(self, error: Exception) -> float | None:
        if self.retries_done >= self.max_retries:
            return None
        return self._next(type(error).__name__, backoff(self.retries_done))

    def _next(self, reason: str, delay: float) -> float:
        from ._config import logger

        self.retries_done += 1
        logger.debug(
            "retrying (%d of %d) in %.2fs after %s", self.retries_done, self.max_retries, delay, reason
        )
        return delay
