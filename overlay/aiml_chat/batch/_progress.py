"""Progress on stderr: a rich bar on a terminal, plain log lines in pipes and logs, or nothing."""

from __future__ import annotations

import asyncio
import sys
import time
from typing import IO, Final, Protocol

from ._limit import AdaptiveLimit
from ._summary import RunCounts

BAR_REFRESH: Final = 0.25


class ProgressReporter(Protocol):
    def update(self, counts: RunCounts, limit: AdaptiveLimit) -> None: ...
    def close(self, counts: RunCounts, limit: AdaptiveLimit) -> None: ...


class NoProgress:
    def update(self, counts: RunCounts, limit: AdaptiveLimit) -> None:
        pass

    def close(self, counts: RunCounts, limit: AdaptiveLimit) -> None:
        pass


class LogProgress:
    """Plain lines on stderr every `interval` seconds (for logs and pipes)."""

    def __init__(self, stream: IO[str], interval: float) -> None:
        self._stream = stream
        self._interval = interval
        self._last = time.monotonic()

    def update(self, counts: RunCounts, limit: AdaptiveLimit) -> None:
        now = time.monotonic()
        if now - self._last >= self._interval:
            self._last = now
            self._emit(counts, limit)

    def _emit(self, counts: RunCounts, limit: AdaptiveLimit) -> None:
        percent = 100.0 * counts.completed / counts.total if counts.total else 100.0
        print(
            f"aiml-chat batch: {counts.completed}/{counts.total} ({percent:.1f}%)"
            f" ok {counts.ok}, errors {counts.errors}, skipped {counts.skipped}"
            f" | {counts.rate():.1f} req/s | ETA {counts.eta()}"
            f" | in flight {limit.in_flight}, limit {limit.limit}/{limit.maximum}",
            file=self._stream,
            flush=True,
        )

    def close(self, counts: RunCounts, limit: AdaptiveLimit) -> None:
        pass


class BarProgress:
    """A rich progress bar: done/total, rate, ETA, errors and the current in-flight limit."""

    def __init__(self, stream: IO[str], total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._progress = Progress(
            TextColumn("batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} req/s"),
            TextColumn("ETA {task.fields[eta]}"),
            TextColumn("[red]{task.fields[errors]} errors"),
            TextColumn("[dim]{task.fields[skipped]} skipped, limit {task.fields[limit]}"),
            console=Console(file=stream),
            refresh_per_second=1 / BAR_REFRESH,
        )
        self._task = self._progress.add_task(
            "batch", total=total, rate="0.0", eta="?", errors=0, skipped=0, limit=""
        )
        self._progress.start()

    def update(self, counts: RunCounts, limit: AdaptiveLimit) -> None:
        self._progress.update(
            self._task,
            completed=counts.completed,
            rate=f"{counts.rate():.1f}",
            eta=counts.eta(),
            errors=counts.errors,
            skipped=counts.skipped,
            limit=f"{limit.limit}/{limit.maximum}",
        )

    def close(self, counts: RunCounts, limit: AdaptiveLimit) -> None:
        self.update(counts, limit)
        self._progress.stop()


def progress_reporter(mode: str, total: int, log_interval: float) -> ProgressReporter:
    """The reporter for `--progress` (auto | bar | log | none); auto is a bar on a terminal."""
    stream = sys.stderr
    if mode == "auto":
        mode = "bar" if stream.isatty() else "log"
    if mode == "bar":
        try:
            return BarProgress(stream, total)
        except ImportError:
            mode = "log"  # rich is optional: pip install 'aiml-chat[cli]'
    if mode == "log":
        return LogProgress(stream, log_interval)
    return NoProgress()


async def report_periodically(
    reporter: ProgressReporter, counts: RunCounts, limit: AdaptiveLimit, log_interval: float
) -> None:
    """Update `reporter` until cancelled: every BAR_REFRESH s, or (log lines) every min(1 s, log_interval)."""
    interval = BAR_REFRESH if not isinstance(reporter, LogProgress) else min(1.0, log_interval)
    while True:
        await asyncio.sleep(interval)
        reporter.update(counts, limit)
