"""BatchClient: the AsyncClient a batch job runs on, its backoffs and streams fitted to the batch.

A bare-number --timeout is a deadline for each whole attempt (see `_deadline.py`). A job waiting
out a retry backoff gives its concurrency slot back, so that another job can use it, and must hold
one again before its retry goes out; that wait can be long under 429s, so it happens in the
backoff, before the next attempt (and its deadline) starts, never inside the attempt.
"""

from __future__ import annotations

import asyncio
from typing import Any

from .._client import AsyncClient
from ._hooks import CURRENT_JOB
from ._limit import AdaptiveLimit


class BatchClient(AsyncClient):
    """An AsyncClient that frees the job's slot during backoffs and bounds streams by the attempt.

    A job reads a streamed answer to its end at once (fetch_completion), so the stream is part
    of the attempt: it must end by the attempt's deadline too.
    """

    _streams_within_deadline = True

    def __init__(self, *, limit: AdaptiveLimit, **options: Any) -> None:
        super().__init__(**options)
        self._limit = limit

    async def _backoff(self, delay: float) -> None:
        job = CURRENT_JOB.get()
        if job is None or not job.holds_slot:
            await asyncio.sleep(delay)
            return
        job.holds_slot = False
        self._limit.release()
        await asyncio.sleep(delay)
        await self._limit.acquire()  # a cancellation here leaves no slot taken (AdaptiveLimit)
        job.holds_slot = True
