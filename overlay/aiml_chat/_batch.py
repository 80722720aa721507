"""`aiml-chat batch`: run a JSONL file of chat-completion requests with bounded, adaptive concurrency.

Input: one JSON object per line, either a request body or the OpenAI batch-file shape
``{"custom_id": "...", "body": {...}}`` (``method``/``url`` are ignored). A body without a
custom_id is named ``line-<n>`` after its 1-based line number; blank lines are ignored.

Output: one JSON line per finished request, appended as it finishes::

    {"custom_id": "a", "line": 1, "response": {...}, "attempts": 1, "latency_ms": 12.3}
    {"custom_id": "b", "line": 2, "error": {"type": "RateLimitError", "message": "...", "status": 429},
     "attempts": 3, "latency_ms": 2051.0}
    {"custom_id": null, "line": 7, "error": {"type": "InvalidJSON", "message": "line 7: ...", "status": null},
     "attempts": 0, "latency_ms": 0.0}

An input line that cannot name itself (not JSON, not an object, a bad or duplicate custom_id) gets
``"custom_id": null`` and is identified by its line number instead.

Resume: the output file is read first; ids (and line numbers of null-id lines) already there are
skipped, and a partial last line left by a kill is cut off (or completed, if it is a whole record).
Each record goes to the file in one ``write()`` of an O_APPEND descriptor, so a kill leaves at most
one partial line and never half of one record inside another; the file is fsynced about once a
second and at the end. An exclusive lock stops two runs writing the same output.

Concurrency: ``concurrency`` is the most attempts on the wire at once. It adapts (AIMD): a 429 halves
the limit (at most once per "epoch": only an attempt sent after the last cut can cut again), each
success adds one back, up to ``concurrency``. A call waiting out a retry backoff gives its slot back
and takes one again before the retry goes out. Retries follow the client's policy (``max_retries``);
attempts are counted per call by httpx event hooks and a context variable, without touching the client.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import json
import math
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Final, Protocol

import httpx2

from ._config import DEFAULT_TIMEOUT, as_timeout
from ._exceptions import APIStatusError, ValidationError
from ._params import REQUEST_PROPERTIES
from ._retry import is_retryable_status

__all__ = ["AdaptiveLimit", "BatchOptions", "BatchSummary", "run_batch", "scan_output"]

FSYNC_INTERVAL: Final = 1.0
BAR_REFRESH: Final = 0.25
SHARD_SIZE: Final = 2  # calls per httpx connection pool (see _Runner)


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


# --------------------------------------------------------------------------- input


@dataclass(frozen=True, slots=True)
class Job:
    line: int
    custom_id: str
    body: dict[str, Any]


@dataclass(frozen=True, slots=True)
class InputError:
    line: int
    custom_id: str | None
    kind: str
    message: str


def parse_line(number: int, text: str | bytes) -> Job | InputError:
    """One input line as a Job, or an InputError naming the line."""
    try:
        value = json.loads(text)
    except ValueError as error:
        return InputError(number, None, "InvalidJSON", f"line {number}: not valid JSON ({error})")
    if not isinstance(value, dict):
        return InputError(
            number, None, "InvalidInput", f"line {number}: expected a JSON object, got {type(value).__name__}"
        )
    if "custom_id" not in value and "body" not in value:
        return Job(number, f"line-{number}", value)
    custom_id = value.get("custom_id", f"line-{number}")
    if not isinstance(custom_id, str) or not custom_id:
        return InputError(
            number, None, "InvalidInput", f"line {number}: custom_id must be a non-empty string"
        )
    body = value.get("body")
    if not isinstance(body, dict):
        return InputError(
            number, custom_id, "InvalidInput", f"line {number}: `body` must be a JSON object (a request body)"
        )
    return Job(number, custom_id, body)


def _input_lines(path: str) -> tuple[int, Iterator[tuple[int, bytes]]]:
    """(number of non-blank lines, iterator of (line number, line)), reading a file twice or stdin once."""
    if path == "-":
        data = sys.stdin.buffer.read().splitlines()
        numbered = [(n, raw) for n, raw in enumerate(data, start=1) if raw.strip()]
        return len(numbered), iter(numbered)
    try:
        with open(path, "rb") as f:
            total = sum(1 for raw in f if raw.strip())
    except OSError as error:
        raise BatchError(f"cannot read {path}: {error.strerror or error}") from None

    def lines() -> Iterator[tuple[int, bytes]]:
        with open(path, "rb") as f:
            for n, raw in enumerate(f, start=1):
                if raw.strip():
                    yield n, raw

    return total, lines()


# --------------------------------------------------------------------------- output


@dataclass
class Finished:
    """What an existing output file already holds."""

    ids: set[str] = field(default_factory=set)
    lines: set[int] = field(default_factory=set)  # input lines recorded without an id
    failed_ids: set[str] = field(default_factory=set)
    failed_lines: set[int] = field(default_factory=set)
    repaired: str = ""
    unreadable: int = 0


def scan_output(path: str, *, repair: bool = True) -> Finished:
    """Read an output file for resuming; with `repair`, fix a partial last line left by a kill.

    A last line without its newline is either a whole record (the newline is added) or a cut-off
    one (it is truncated away, and that request runs again).
    """
    found = Finished()
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
            _note(found, record)
    return found


def _record(raw: bytes) -> dict[str, Any] | None:
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _note(found: Finished, record: dict[str, Any]) -> None:
    custom_id = record.get("custom_id")
    failed = "error" in record
    if isinstance(custom_id, str):
        found.ids.add(custom_id)
        if failed:
            found.failed_ids.add(custom_id)
    elif isinstance(line := record.get("line"), int):
        found.lines.add(line)
        if failed:
            found.failed_lines.add(line)


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


# --------------------------------------------------------------------------- concurrency


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


@dataclass(slots=True)
class _Call:
    """Per-call bookkeeping the httpx hooks see through a context variable."""

    attempts: int = 0
    epoch: int = 0
    holding: bool = True


_CALL: contextvars.ContextVar[_Call | None] = contextvars.ContextVar("aiml_chat_batch_call", default=None)


class _Hooks:
    """httpx event hooks: count attempts, feed 429s to the limit, free slots during retry backoffs."""

    def __init__(self, limit: AdaptiveLimit, max_retries: int) -> None:
        self._limit = limit
        self._max_retries = max_retries

    async def request(self, request: httpx2.Request) -> None:
        call = _CALL.get()
        if call is None:
            return
        if not call.holding:
            await self._limit.acquire()
            call.holding = True
        call.attempts += 1
        call.epoch = self._limit.epoch

    async def response(self, response: httpx2.Response) -> None:
        call = _CALL.get()
        if call is None:
            return
        status = response.status_code
        if status == 429:
            self._limit.rate_limited(call.epoch)
        if is_retryable_status(status) and call.attempts <= self._max_retries and call.holding:
            # The client will sleep before it retries: free the slot for someone who can use it.
            call.holding = False
            self._limit.release()


# --------------------------------------------------------------------------- progress


class _Stats:
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


class _Reporter(Protocol):
    def update(self, stats: _Stats, limit: AdaptiveLimit) -> None: ...
    def close(self, stats: _Stats, limit: AdaptiveLimit) -> None: ...


class _NoProgress:
    def update(self, stats: _Stats, limit: AdaptiveLimit) -> None:
        pass

    def close(self, stats: _Stats, limit: AdaptiveLimit) -> None:
        pass


class _LogProgress:
    """Plain lines on stderr every `interval` seconds (for logs and pipes)."""

    def __init__(self, stream: IO[str], interval: float) -> None:
        self._stream = stream
        self._interval = interval
        self._last = time.monotonic()

    def update(self, stats: _Stats, limit: AdaptiveLimit) -> None:
        now = time.monotonic()
        if now - self._last >= self._interval:
            self._last = now
            self._emit(stats, limit)

    def _emit(self, stats: _Stats, limit: AdaptiveLimit) -> None:
        percent = 100.0 * stats.completed / stats.total if stats.total else 100.0
        print(
            f"aiml-chat batch: {stats.completed}/{stats.total} ({percent:.1f}%)"
            f" ok {stats.ok}, errors {stats.errors}, skipped {stats.skipped}"
            f" | {stats.rate():.1f} req/s | ETA {stats.eta()}"
            f" | in flight {limit.in_flight}, limit {limit.limit}/{limit.maximum}",
            file=self._stream,
            flush=True,
        )

    def close(self, stats: _Stats, limit: AdaptiveLimit) -> None:
        pass


class _BarProgress:
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

    def update(self, stats: _Stats, limit: AdaptiveLimit) -> None:
        self._progress.update(
            self._task,
            completed=stats.completed,
            rate=f"{stats.rate():.1f}",
            eta=stats.eta(),
            errors=stats.errors,
            skipped=stats.skipped,
            limit=f"{limit.limit}/{limit.maximum}",
        )

    def close(self, stats: _Stats, limit: AdaptiveLimit) -> None:
        self.update(stats, limit)
        self._progress.stop()


def _reporter(mode: str, total: int, log_interval: float) -> _Reporter:
    stream = sys.stderr
    if mode == "auto":
        mode = "bar" if stream.isatty() else "log"
    if mode == "bar":
        try:
            return _BarProgress(stream, total)
        except ImportError:
            mode = "log"  # rich is optional: pip install 'aiml-chat[cli]'
    if mode == "log":
        return _LogProgress(stream, log_interval)
    return _NoProgress()


# --------------------------------------------------------------------------- the run


def _error_record(error: BaseException) -> dict[str, Any]:
    status: int | None = None
    if isinstance(error, APIStatusError):
        status = error.status_code
    else:
        found = getattr(error, "status_code", None)
        status = found if isinstance(found, int) else None
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return {"type": type(error).__name__, "message": str(message), "status": status}


async def _complete(client: Any, body: dict[str, Any]) -> dict[str, Any]:
    from ._streaming import AsyncStream

    params = {name: value for name, value in body.items() if name in REQUEST_PROPERTIES}
    extra = {name: value for name, value in body.items() if name not in REQUEST_PROPERTIES}
    result = await client.chat.completions.create(**params, extra_body=extra or None)
    if isinstance(result, AsyncStream):
        result = await result.get_final_completion()
    completion: dict[str, Any] = result.to_dict()
    return completion


class _Runner:
    """The clients, the limit and the writer; `run_job` runs one request and writes its line.

    Connections are split over many small httpx pools ("shards", SHARD_SIZE calls each), each call
    going to the least-loaded shard: httpcore spends O(pool size) per request (a readability poll of
    every pooled connection, and concurrent requests racing for the same idle connection, ~5.6 tries
    per request); at 64 in flight one pool costs ~5-6 ms of client CPU per request, pools of 2 ~1.7 ms.
    """

    def __init__(self, options: BatchOptions, writer: ResultWriter, stats: _Stats) -> None:
        from ._client import AsyncClient
        from ._config import DEFAULT_MAX_RETRIES

        self.options = options
        self.writer = writer
        self.stats = stats
        self.limit = AdaptiveLimit(options.concurrency)
        self.max_retries = DEFAULT_MAX_RETRIES if options.max_retries is None else options.max_retries
        hooks = _Hooks(self.limit, self.max_retries)
        timeout = DEFAULT_TIMEOUT if options.timeout is None else as_timeout(options.timeout)
        shards = max(1, math.ceil(options.concurrency / SHARD_SIZE))
        # Headroom over SHARD_SIZE: a call that waited out a backoff comes back to its own shard.
        # Keep-alive as large as the pool: httpcore closes idle connections whenever the pool holds
        # more connections than max_keepalive_connections.
        connections = 2 * SHARD_SIZE
        limits = httpx2.Limits(max_connections=connections, max_keepalive_connections=connections)
        hooks_by_event: dict[str, list[Callable[..., Any]]] = {
            "request": [hooks.request],
            "response": [hooks.response],
        }
        tls = httpx2.create_ssl_context()  # loading the CA bundle costs ~50 ms: once, not per shard
        self.http = [
            httpx2.AsyncClient(timeout=timeout, limits=limits, event_hooks=hooks_by_event, verify=tls)
            for _ in range(shards)
        ]
        self.clients = [
            AsyncClient(
                api_key=options.api_key,
                base_url=options.base_url,
                max_retries=self.max_retries,
                timeout=timeout,
                http_client=http,
            )
            for http in self.http
        ]
        self.loads = [0] * shards

    async def run_job(self, job: Job) -> None:
        """Runs with one slot of the limit already taken (by the producer)."""
        call = _Call()
        _CALL.set(call)
        shard = min(range(len(self.loads)), key=self.loads.__getitem__)
        self.loads[shard] += 1
        started = time.perf_counter()
        record: dict[str, Any] = {"custom_id": job.custom_id, "line": job.line}
        try:
            record["response"] = await _complete(self.clients[shard], job.body)
        except Exception as error:  # every failure is this id's result; the run goes on
            record["error"] = _error_record(error)
            if isinstance(error, ValidationError):  # refused before sending: a problem of the input line
                record["error"]["message"] = f"line {job.line}: {record['error']['message']}"
        finally:
            self.loads[shard] -= 1
            if call.holding:
                call.holding = False
                self.limit.release()
        record["attempts"] = call.attempts
        record["latency_ms"] = round((time.perf_counter() - started) * 1000.0, 1)
        self.writer.write(record)
        if "error" in record:
            self.stats.errors += 1
        else:
            self.stats.ok += 1
            self.limit.succeeded()

    def write_input_error(self, error: InputError) -> None:
        self.writer.write(
            {
                "custom_id": error.custom_id,
                "line": error.line,
                "error": {"type": error.kind, "message": error.message, "status": None},
                "attempts": 0,
                "latency_ms": 0.0,
            }
        )
        self.stats.errors += 1

    async def close(self) -> None:
        for http in self.http:
            await http.aclose()


async def run_batch(options: BatchOptions, summary: BatchSummary | None = None) -> BatchSummary:
    """Run the batch and return its summary.

    Pass `summary` to see it filled in even when the run is cancelled (Ctrl-C): then
    `summary.interrupted` is set, everything finished so far is on disk, and the cancellation
    propagates.
    """
    summary = BatchSummary() if summary is None else summary
    summary.concurrency = options.concurrency
    total, lines = _input_lines(options.input)
    writer = ResultWriter(options.output)  # takes the lock before the output is read or repaired
    try:
        finished = scan_output(options.output)
    except BaseException:
        writer.close()
        raise
    summary.repaired = finished.repaired
    stats = _Stats(total)
    runner: _Runner | None = None
    reporter: _Reporter = _NoProgress()
    tasks: set[asyncio.Task[None]] = set()
    ticker: asyncio.Task[None] | None = None
    try:
        runner = _Runner(options, writer, stats)
        reporter = _reporter(options.progress, total, options.log_interval)
        ticker = asyncio.create_task(_tick(reporter, stats, runner.limit, options))
        seen: dict[str, int] = {}
        for number, raw in lines:
            item = parse_line(number, raw)
            if isinstance(item, InputError) and item.custom_id is None:
                if number in finished.lines:
                    _skip(stats, number in finished.failed_lines)
                else:
                    runner.write_input_error(item)
                continue
            assert item.custom_id is not None
            first = seen.setdefault(item.custom_id, number)
            if first != number:
                if number in finished.lines:
                    _skip(stats, number in finished.failed_lines)
                else:
                    runner.write_input_error(
                        InputError(
                            number,
                            None,
                            "DuplicateCustomId",
                            f"line {number}: custom_id {item.custom_id!r} was already used on line {first}",
                        )
                    )
                continue
            if item.custom_id in finished.ids:
                _skip(stats, item.custom_id in finished.failed_ids)
                continue
            if isinstance(item, InputError):
                runner.write_input_error(item)
                continue
            await runner.limit.acquire()
            task = asyncio.create_task(runner.run_job(item))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        while tasks:
            await asyncio.gather(*list(tasks))
    except asyncio.CancelledError:
        summary.interrupted = True
        raise
    finally:
        if ticker is not None:
            ticker.cancel()
        for task in list(tasks):
            task.cancel()
        if tasks:
            await asyncio.gather(*list(tasks), return_exceptions=True)
        try:
            reporter.close(stats, runner.limit if runner else AdaptiveLimit(options.concurrency))
            if runner is not None:
                await runner.close()
        finally:
            writer.close()
            _fill(summary, stats, runner)
    return summary


def _skip(stats: _Stats, failed: bool) -> None:
    stats.skipped += 1
    if failed:
        stats.skipped_errors += 1


def _fill(summary: BatchSummary, stats: _Stats, runner: _Runner | None) -> None:
    summary.total = stats.total
    summary.ok = stats.ok
    summary.errors = stats.errors
    summary.skipped = stats.skipped
    summary.skipped_errors = stats.skipped_errors
    summary.elapsed = time.monotonic() - stats.started
    if runner is not None:
        summary.lowest_limit = runner.limit.lowest
        summary.slowdowns = runner.limit.slowdowns


async def _tick(reporter: _Reporter, stats: _Stats, limit: AdaptiveLimit, options: BatchOptions) -> None:
    interval = BAR_REFRESH if not isinstance(reporter, _LogProgress) else min(1.0, options.log_interval)
    while True:
        await asyncio.sleep(interval)
        reporter.update(stats, limit)
