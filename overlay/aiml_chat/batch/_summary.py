"""The run's counts: RunCounts while it runs (for progress), BatchSummary when it ends."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ._limit import AdaptiveLimit


class RunCounts:
    """Live counts of one run; `rate()` and `eta()` are measured from its start."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.ok = 0
        self.errors = 0
        self.skipped = 0
        self.skipped_errors = 0
        self.started = time.monotonic()

    @property
    def finished(self) -> int:
        return self.ok + self.errors

    @property
    def completed(self) -> int:
        return self.finished + self.skipped

    def skip(self, failed: bool) -> None:
        """An input line the output already records (`failed`: as an error)."""
        self.skipped += 1
        if failed:
            self.skipped_errors += 1

    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.finished / elapsed if elapsed > 0 else 0.0

    def eta(self) -> str:
        rate = self.rate()
        remaining = max(0, self.total - self.completed)
        if remaining == 0:
            return "0s"
        if rate <= 0:
            return "?"
        seconds = math.ceil(remaining / rate)
        return f"{seconds // 60}m{seconds % 60:02d}s" if seconds >= 60 else f"{seconds}s"


@dataclass
class BatchSummary:
    total: int = 0
    ok: int = 0
    errors: int = 0
    skipped: int = 0
    skipped_errors: int = 0  # of the skipped, how many the output already records as failed
    elapsed: float = 0.0
    concurrency: int = 0
    lowest_limit: int = 0
    slowdowns: int = 0
    repaired: str = ""
    interrupted: bool = False

    @property
    def finished(self) -> int:
        return self.ok + self.errors

    @property
    def rate(self) -> float:
        return self.finished / self.elapsed if self.elapsed > 0 else 0.0

    @property
    def succeeded(self) -> bool:
        return not self.interrupted and self.errors == 0 and self.skipped_errors == 0

    def fill(self, counts: RunCounts, limit: AdaptiveLimit | None) -> None:
        """Copy the final counts (and, if the run got that far, what the limit went through)."""
        self.total = counts.total
        self.ok = counts.ok
        self.errors = counts.errors
        self.skipped = counts.skipped
        self.skipped_errors = counts.skipped_errors
        self.elapsed = time.monotonic() - counts.started
        if limit is not None:
            self.lowest_limit = limit.lowest
            self.slowdowns = limit.slowdowns

    def line(self) -> str:
        text = (
            f"{self.total} requests: {self.ok} ok, {self.errors} errors, {self.skipped} skipped"
            f" in {self.elapsed:.1f}s ({self.rate:.1f} req/s)"
        )
        if self.skipped_errors:
            text += f"; {self.skipped_errors} of the skipped had failed in an earlier run"
        if self.slowdowns:
            text += (
                f"; slowed down {self.slowdowns} times on 429,"
                f" in-flight limit lowest {self.lowest_limit} of {self.concurrency}"
            )
        if self.interrupted:
            text += "; interrupted: run the same command again to resume"
        return text
