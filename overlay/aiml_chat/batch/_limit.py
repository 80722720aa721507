"""AdaptiveLimit: the most attempts on the wire at once, adapting by AIMD to 429s."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque


class AdaptiveLimit:
    """At most `limit` holders at once; the limit adapts by AIMD between 1 and `maximum`.

    `rate_limited(epoch)` halves it, but only for an attempt sent in the current epoch (after the
    last cut), so one burst of 429s from requests already in flight counts once; each cut starts a
    new epoch. `succeeded()` adds one back. Waiters are served first come, first served.
    """

    def __init__(self, maximum: int) -> None:
        if maximum < 1:
            raise ValueError("the concurrency limit must be at least 1")
        self.maximum = maximum
        self._limit = float(maximum)
        self.in_flight = 0
        self.epoch = 0
        self.slowdowns = 0
        self.lowest = maximum
        self._waiters: deque[asyncio.Future[None]] = deque()

    @property
    def limit(self) -> int:
        return max(1, int(self._limit))

    async def acquire(self) -> None:
        if self.in_flight < self.limit and not self._waiters:
            self.in_flight += 1
            return
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters.append(waiter)
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # the slot was handed over just before the cancellation
            else:
                with contextlib.suppress(ValueError):
                    self._waiters.remove(waiter)
            raise

    def release(self) -> None:
        self.in_flight -= 1
        self._wake()

    def succeeded(self) -> None:
        if self._limit < self.maximum:
            self._limit = min(float(self.maximum), self._limit + 1.0)
            self._wake()

    def rate_limited(self, epoch: int) -> None:
        if epoch != self.epoch:
            return
        self._limit = max(1.0, self._limit / 2.0)
        self.epoch += 1
        self.slowdowns += 1
        self.lowest = min(self.lowest, self.limit)

    def _wake(self) -> None:
        while self._waiters and self.in_flight < self.limit:
            waiter = self._waiters.popleft()
            if not waiter.done():
                self.in_flight += 1
                waiter.set_result(None)
