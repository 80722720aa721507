"""run_batch: read the input, skip what the output already holds, run the rest under the limit."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable
from typing import Any, Final

import httpx2

from .. import _spec
from .._client import AsyncClient
from .._config import DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT, as_timeout
from .._exceptions import APIStatusError, ValidationError
from .._request import build_call_from_body
from .._streaming import AsyncStream
from ._client import BatchClient
from ._hooks import CURRENT_JOB, JobState, LimitHooks
from ._input import InputError, Job, parse_lines, read_input
from ._limit import AdaptiveLimit
from ._options import BatchOptions
from ._output import ResultWriter, scan_output
from ._progress import NoProgress, ProgressReporter, progress_reporter, report_periodically
from ._summary import BatchSummary, RunCounts

SHARD_SIZE: Final = 2  # jobs per httpx connection pool (see JobRunner)


def error_record(error: BaseException) -> dict[str, Any]:
    """The `error` member of a failed job's output line."""
    status: int | None = None
    if isinstance(error, APIStatusError):
        status = error.status_code
    else:
        found = getattr(error, "status_code", None)
        status = found if isinstance(found, int) else None
    message = getattr(error, "message", None) or str(error) or type(error).__name__
    return {"type": type(error).__name__, "message": str(message), "status": status}


async def fetch_completion(client: AsyncClient, body: dict[str, Any], default_model: str) -> dict[str, Any]:
    """Send one request body as it is (checked as create() checks it); the completion as JSON."""
    call = build_call_from_body(
        body, default_model=default_model, default_max_retries=client.max_retries, strict=client.strict
    )
    result = await client._execute(call)
    if isinstance(result, AsyncStream):
        result = await result.get_final_completion()
    completion: dict[str, Any] = result.to_dict()
    return completion


class JobRunner:
    """The clients, the limit and the writer; `run_job` runs one request and writes its line.

    Connections are split over many small httpx pools ("shards", SHARD_SIZE jobs each), each job
    going to the least-loaded shard: httpcore2 spends O(pool size) per request (a readability poll of
    every pooled connection), and one pool of httpx2's default 100 connections would cap a larger
    --concurrency. Measured on httpx2 with aiml_chat's cheaper readability probe (`python -m
    bench.pool --shards`, BENCHMARKS.md): one pool with httpx2's defaults costs 1.03-1.17x the CPU
    per request of these shards at 32 in flight and 1.12x at 256 (0.85-0.97x and 0.89x the req/s),
    and one pool of 1000/100 1.56-1.64x at 256.
    """

    def __init__(self, options: BatchOptions, writer: ResultWriter, counts: RunCounts) -> None:
        self.writer = writer
        self.counts = counts
        self.limit = AdaptiveLimit(options.concurrency)
        self.default_model = _spec.default_model()  # for bodies that name no model
        max_retries = DEFAULT_MAX_RETRIES if options.max_retries is None else options.max_retries
        hooks = LimitHooks(self.limit)
        # A number is a deadline for each whole attempt of a job (the BatchClient's), stream
        # included; the pools keep it as their own bound for each connect, read and write.
        timeout: float | httpx2.Timeout = DEFAULT_TIMEOUT if options.timeout is None else options.timeout
        shards = max(1, math.ceil(options.concurrency / SHARD_SIZE))
        # Headroom over SHARD_SIZE: a job that waited out a backoff comes back to its own shard.
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
            httpx2.AsyncClient(
                timeout=as_timeout(timeout), limits=limits, event_hooks=hooks_by_event, verify=tls
            )
            for _ in range(shards)
        ]
        self.clients = [
            BatchClient(
                limit=self.limit,
                api_key=options.api_key,
                base_url=options.base_url,
                max_retries=max_retries,
                timeout=timeout,
                http_client=http,
            )
            for http in self.http
        ]
        self.loads = [0] * shards

    async def run_job(self, job: Job) -> None:
        """Runs with one slot of the limit already taken (by the producer)."""
        state = JobState()
        CURRENT_JOB.set(state)
        shard = min(range(len(self.loads)), key=self.loads.__getitem__)
        self.loads[shard] += 1
        started = time.perf_counter()
        record: dict[str, Any] = {"custom_id": job.custom_id, "line": job.line}
        try:
            record["response"] = await fetch_completion(self.clients[shard], job.body, self.default_model)
        except Exception as error:  # every failure is this id's result; the run goes on
            record["error"] = error_record(error)
            if isinstance(error, ValidationError):  # refused before sending: a problem of the input line
                record["error"]["message"] = f"line {job.line}: {record['error']['message']}"
        finally:
            self.loads[shard] -= 1
            if state.holds_slot:
                state.holds_slot = False
                self.limit.release()
        record["attempts"] = state.attempts
        record["latency_ms"] = round((time.perf_counter() - started) * 1000.0, 1)
        self.writer.write(record)
        if "error" in record:
            self.counts.errors += 1
        else:
            self.counts.ok += 1
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
        self.counts.errors += 1

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
    total, lines = read_input(options.input)
    writer = ResultWriter(options.output)  # takes the lock before the output is read or repaired
    try:
        recorded = scan_output(options.output)
    except BaseException:
        writer.close()
        raise
    summary.repaired = recorded.repaired
    counts = RunCounts(total)
    runner: JobRunner | None = None
    reporter: ProgressReporter = NoProgress()
    tasks: set[asyncio.Task[None]] = set()
    ticker: asyncio.Task[None] | None = None
    try:
        runner = JobRunner(options, writer, counts)
        reporter = progress_reporter(options.progress, total, options.log_interval)
        ticker = asyncio.create_task(
            report_periodically(reporter, counts, runner.limit, options.log_interval)
        )
        for item in parse_lines(lines):
            failed_before = recorded.earlier_outcome(item.custom_id, item.line)
            if failed_before is not None:
                counts.skip(failed_before)
            elif isinstance(item, InputError):
                runner.write_input_error(item)
            else:
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
            reporter.close(counts, runner.limit if runner else AdaptiveLimit(options.concurrency))
            if runner is not None:
                await runner.close()
        finally:
            writer.close()
            summary.fill(counts, runner.limit if runner else None)
    return summary
