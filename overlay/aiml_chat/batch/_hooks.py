"""What links one job's HTTP attempts to the AdaptiveLimit: its JobState, and httpx event hooks.

Retries follow the client's policy (``max_retries``); the hooks count a job's attempts and feed
429s to the limit, through a context variable, without touching the client. The job's slot is
given back and taken again around each retry backoff by its client (`_client.BatchClient`), not
here: the hooks run inside an attempt, whose deadline a wait for a slot must not use up.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass

import httpx2

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
    """httpx event hooks: count attempts, and feed 429s to the limit."""

    def __init__(self, limit: AdaptiveLimit) -> None:
        self._limit = limit

    async def request(self, request: httpx2.Request) -> None:
        job = CURRENT_JOB.get()
        if job is not None:
            job.attempts += 1
            job.epoch = self._limit.epoch

    async def response(self, response: httpx2.Response) -> None:
        job = CURRENT_JOB.get()
        if job is not None and response.status_code == 429:
            self._limit.rate_limited(job.epoch)
