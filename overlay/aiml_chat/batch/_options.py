"""What a batch run is told (BatchOptions), and the error for a run that cannot start."""

from __future__ import annotations

from dataclasses import dataclass


class BatchError(Exception):
    """The batch cannot start (unreadable input, output locked by another run, ...)."""


@dataclass
class BatchOptions:
    input: str  # a path, or "-" for stdin
    output: str
    concurrency: int = 32
    api_key: str | None = None
    base_url: str | None = None
    max_retries: int | None = None
    timeout: float | None = None
    progress: str = "auto"  # auto | bar | log | none
    log_interval: float = 5.0
