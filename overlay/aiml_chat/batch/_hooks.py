"""The link between one job's HTTP attempts and the AdaptiveLimit, through httpx event hooks.

Retries follow the client's policy (``max_retries``); the hooks count a job's attempts, feed 429s to
the limit, and give the job's slot back while the client waits out a retry backoff (taking one
again before the retry goes out), all through a context variable, without touching the client.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass

import httpx2

from .._retry import is_retryable_status
from ._limit import AdaptiveLimit


@dataclass(slots=True)
class JobState:
    """One job's attempts so far, the limit's epoch when the last one went out, and its slot."""

    attempts: int = 0
    epoch: int = 0
    holds_slot: bool = True


CURRENT_JOB: contextvars.ContextVar[JobState | None] = contextvars.ContextVar(
    "aiml_chat_batch_job", default=None
)


class LimitHooks:
    """httpx event hooks: count attempts, feed 429s to the limit, free slots during retry backoffs."""

    def __init__(self, limit: AdaptiveLimit, max_retries: int) -> None:
        self._limit = limit
        self._max_retries = max_retries

    async def request(self, request: httpx2.Request) -> None:
        job = CURRENT_JOB.get()
        if job is None:
            return
        if not job.holds_slot:
            await self._limit.acquire()
            job.holds_slot = True
        job.attempts += 1
        job.epoch = self._limit.epoch

    async def response(self, response: httpx2.Response) -> None:
        job = CURRENT_JOB.get()
        if job is None:
            return
        status = response.status_code
        if status == 429:
            self._limit.rate_limited(job.epoch)
        if is_retryable_status(status) and job.attempts <= self._max_retries and job.holds_slot:
            # The client will sleep before it retries: free the slot for someone who can use it.
            job.holds_slot = False
            self._limit.release()
