"""The measurements. Each returns `Series`: one value per round per client, plus raw samples.

Rounds are interleaved (A B C, then C B A, ...) so drift on a shared machine (other processes,
CPU frequency, a noisy neighbour) falls on every client alike; ratios are taken per round too.
CPU is `time.process_time()` of this process only: the server runs in another process.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from .clients import AsyncClient, SyncClient, messages

HERE = Path(__file__).resolve().parent
MIB = 1024 * 1024


@dataclass
class Series:
    """One quantity for one client: a value per round (the table uses their median)."""

    metric: str
    client: str
    unit: str
    better: str  # "lower" or "higher"
    rounds: list[float] = field(default_factory=list)
    samples: list[Any] = field(default_factory=list)  # raw per-round detail, for the JSON file
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.rounds) if self.rounds else float("nan")

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["median"] = self.median
        return out


def _order(kinds: Sequence[str], round_index: int) -> Sequence[str]:
    return kinds if round_index % 2 == 0 else kinds[::-1]


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _server_cpu(server: Any) -> Callable[[], float]:
    return server.cpu_seconds if server is not None else (lambda: float("nan"))


# --------------------------------------------------------------------------------------------
# 1. non-stream calls on a warm connection
# --------------------------------------------------------------------------------------------


def calls(
    server: Any,
    kinds: Sequence[str],
    *,
    n_messages: int,
    shape: str,
    calls: int,
    rounds: int,
    warmup: int,
    is_async: bool,
) -> list[Series]:
    msgs = messages(n_messages)
    label = f"{n_messages} msgs, {shape}"
    route = f"/json-{shape}"
    cpu = {k: Series(f"call CPU, {label}", k, "µs/call", "lower") for k in kinds}
    wall = {k: Series(f"call wall, {label}", k, "µs/call", "lower") for k in kinds}
    server_cpu = _server_cpu(server)

    def record(kind: str, cpu_s: list[float], wall_s: list[float], srv: float) -> None:
        cpu[kind].rounds.append(sum(cpu_s) / len(cpu_s) * 1e6)
        wall[kind].rounds.append(sum(wall_s) / len(wall_s) * 1e6)
        cpu[kind].samples.append([round(x * 1e6, 2) for x in cpu_s])
        wall[kind].samples.append([round(x * 1e6, 2) for x in wall_s])
        cpu[kind].extra.setdefault("server_cpu_us_per_call", []).append(srv / len(cpu_s) * 1e6)

    if is_async:

        async def run() -> None:
            clients = {k: AsyncClient(k, server.base_url + route) for k in kinds}
            try:
                for client in clients.values():
                    for _ in range(warmup):
                        await client.call(msgs)
                for r in range(rounds):
                    for kind in _order(kinds, r):
                        client = clients[kind]
                        gc.collect()
                        cpu_s, wall_s = [], []
                        s0 = server_cpu()
                        for _ in range(calls):
                            c0, w0 = time.process_time(), time.perf_counter()
                            await client.call(msgs)
                            w1, c1 = time.perf_counter(), time.process_time()
                            cpu_s.append(c1 - c0)
                            wall_s.append(w1 - w0)
                        record(kind, cpu_s, wall_s, server_cpu() - s0)
            finally:
                for client in clients.values():
                    await client.close()

        asyncio.run(run())
    else:
        clients = {k: SyncClient(k, server.base_url + route) for k in kinds}
        try:
            for client in clients.values():
                for _ in range(warmup):
                    client.call(msgs)
            for r in range(rounds):
                for kind in _order(kinds, r):
                    call = clients[kind].call
                    gc.collect()
                    cpu_s, wall_s = [], []
                    s0 = server_cpu()
                    for _ in range(calls):
                        c0, w0 = time.process_time(), time.perf_counter()
                        call(msgs)
                        w1, c1 = time.perf_counter(), time.process_time()
                        cpu_s.append(c1 - c0)
                        wall_s.append(w1 - w0)
                    record(kind, cpu_s, wall_s, server_cpu() - s0)
        finally:
            for client in clients.values():
                client.close()
    return [*cpu.values(), *wall.values()]


# --------------------------------------------------------------------------------------------
# 2. streams
# --------------------------------------------------------------------------------------------


def streams(
    server: Any,
    kinds: Sequence[str],
    *,
    shape: str,
    chunks: int,
    streams: int,
    rounds: int,
    gap_ms: float,
    is_async: bool,
) -> list[Series]:
    msgs = messages(2)
    route = f"/sse-{shape}-{chunks}-{gap_ms:g}"
    label = f"{shape}, " + (f"gap {gap_ms:g} ms" if gap_ms else "no gap")
    cpu = {k: Series(f"stream CPU /1000 chunks, {label}", k, "ms", "lower") for k in kinds}
    rate = {k: Series(f"stream chunks/s, {label}", k, "chunks/s", "higher") for k in kinds}

    def record(kind: str, cpu_s: list[float], wall_s: list[float]) -> None:
        total = chunks * len(cpu_s)
        cpu[kind].rounds.append(sum(cpu_s) / total * 1000 * 1000)
        rate[kind].rounds.append(total / sum(wall_s))
        cpu[kind].samples.append([round(x * 1000, 3) for x in cpu_s])
        rate[kind].samples.append([round(x * 1000, 3) for x in wall_s])

    def check(kind: str, got: int) -> None:
        if got != chunks:
            raise RuntimeError(f"{kind}: got {got} chunks, expected {chunks}")

    if is_async:

        async def run() -> None:
            clients = {k: AsyncClient(k, server.base_url + route) for k in kinds}
            try:
                for kind, client in clients.items():
                    check(kind, await client.stream(msgs))  # warm-up
                for r in range(rounds):
                    for kind in _order(kinds, r):
                        gc.collect()
                        cpu_s, wall_s = [], []
                        for _ in range(streams):
                            c0, w0 = time.process_time(), time.perf_counter()
                            got = await clients[kind].stream(msgs)
                            w1, c1 = time.perf_counter(), time.process_time()
                            check(kind, got)
                            cpu_s.append(c1 - c0)
                            wall_s.append(w1 - w0)
                        record(kind, cpu_s, wall_s)
            finally:
                for client in clients.values():
                    await client.close()

        asyncio.run(run())
    else:
        clients = {k: SyncClient(k, server.base_url + route) for k in kinds}
        try:
            for kind, client in clients.items():
                if gap_ms:  # warm up (imports, caches) on a gap-less twin: a gapped stream takes seconds
                    twin = SyncClient(kind, f"{server.base_url}/sse-{shape}-{chunks}-0")
                    check(kind, twin.stream(msgs))
                    twin.close()
                else:
                    check(kind, client.stream(msgs))  # warm-up
            for r in range(rounds):
                for kind in _order(kinds, r):
                    gc.collect()
                    cpu_s, wall_s = [], []
                    for _ in range(streams):
                        c0, w0 = time.process_time(), time.perf_counter()
                        got = clients[kind].stream(msgs)
                        w1, c1 = time.perf_counter(), time.process_time()
                        check(kind, got)
                        cpu_s.append(c1 - c0)
                        wall_s.append(w1 - w0)
                    record(kind, cpu_s, wall_s)
        finally:
            for client in clients.values():
                client.close()
    return [*cpu.values(), *rate.values()]


# --------------------------------------------------------------------------------------------
# 3. async throughput: a warm client, and a fresh client per batch
# --------------------------------------------------------------------------------------------


async def _batch(client: AsyncClient, msgs: list[dict[str, Any]], requests: int, in_flight: int) -> list[str]:
    limit = asyncio.Semaphore(in_flight)

    async def one() -> None:
        async with limit:
            await client.call(msgs)

    results = await asyncio.gather(*(one() for _ in range(requests)), return_exceptions=True)
    return [f"{type(e).__name__}: {e}" for e in results if isinstance(e, BaseException)]


def throughput(
    server: Any, kinds: Sequence[str], *, requests: int, in_flight: int, rounds: int, fresh: bool
) -> list[Series]:
    """`requests` calls with `in_flight` at a time (semaphore + gather), per round and client.

    Warm (`fresh=False`): one client per kind, a discarded first batch opens its connections.
    Fresh: every round constructs the client, runs the batch and closes it, all inside the
    timing: what a script or a short-lived worker sees.
    """
    msgs = messages(2)
    url = server.base_url + "/json-openai"
    label = (
        f"fresh client, {requests} req at {in_flight} in flight"
        if fresh
        else f"warm client, {in_flight} in flight"
    )
    rps = {k: Series(f"async req/s, {label}", k, "req/s", "higher") for k in kinds}
    cpu = {k: Series(f"async CPU, {label}", k, "µs/req", "lower") for k in kinds}

    def record(kind: str, wall_s: float, cpu_s: float, errors: list[str]) -> None:
        rps[kind].rounds.append(requests / wall_s)
        cpu[kind].rounds.append(cpu_s / requests * 1e6)
        rps[kind].samples.append({"wall_s": wall_s, "cpu_s": cpu_s, "errors": len(errors)})
        rps[kind].extra["errors"] = rps[kind].extra.get("errors", 0) + len(errors)
        if errors:
            rps[kind].extra.setdefault("error_examples", []).extend(errors[:3])

    async def run_warm() -> None:
        clients = {k: AsyncClient(k, url) for k in kinds}
        try:
            for client in clients.values():
                await _batch(client, msgs, requests, in_flight)  # warm-up: opens the pool's connections
            for r in range(rounds):
                for kind in _order(kinds, r):
                    gc.collect()
                    c0, w0 = time.process_time(), time.perf_counter()
                    errors = await _batch(clients[kind], msgs, requests, in_flight)
                    record(kind, time.perf_counter() - w0, time.process_time() - c0, errors)
        finally:
            for client in clients.values():
                await client.close()

    async def run_fresh() -> None:
        for kind in kinds:  # warm-up: imports, lazy loading, caches; not measured
            client = AsyncClient(kind, url)
            await _batch(client, msgs, min(requests, 10), min(in_flight, 10))
            await client.close()
        for r in range(rounds):
            for kind in _order(kinds, r):
                gc.collect()
                c0, w0 = time.process_time(), time.perf_counter()
                client = AsyncClient(kind, url)
                try:
                    errors = await _batch(client, msgs, requests, in_flight)
                finally:
                    await client.close()
                record(kind, time.perf_counter() - w0, time.process_time() - c0, errors)

    asyncio.run(run_fresh() if fresh else run_warm())
    return [*rps.values(), *cpu.values()]


# --------------------------------------------------------------------------------------------
# 4. import time, and construct + first call, each in a fresh interpreter
# --------------------------------------------------------------------------------------------

IMPORTS = {
    "aiml_chat": "import aiml_chat",
    "httpx2": "import httpx2",
    "httpx": "import httpx",
    "openai": "import openai",
    # Not a target: aiml_chat loads its generated models on first use; this shows that cost.
    "aiml_chat+models": "import aiml_chat, aiml_api_client.models",
}


def _fresh_interpreter(args: list[str], cwd: str) -> str:
    # Bytecode is written and used, as after `pip install` (which compiles every module): with
    # PYTHONDONTWRITEBYTECODE set, an editable checkout would recompile aiml_chat's ~100 modules
    # in every process (~60 ms) while the installed httpx2/openai load theirs from .pyc files.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    out = subprocess.run(  # noqa: S603
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )
    if out.returncode != 0:
        raise RuntimeError(f"{args} failed:\n{out.stderr[-3000:]}")
    return out.stdout.strip().splitlines()[-1]


def import_times(reps: int) -> list[Series]:
    series = {k: Series("import time", k, "ms", "lower") for k in IMPORTS}
    code = "import time as _t\n_s = _t.perf_counter()\n{stmt}\nprint(_t.perf_counter() - _s)\n"
    kinds = list(IMPORTS)
    with tempfile.TemporaryDirectory() as cwd:
        for kind in kinds:  # write the bytecode, warm the page cache
            _fresh_interpreter(["-c", code.format(stmt=IMPORTS[kind])], cwd)
        for r in range(reps):
            for kind in _order(kinds, r):
                out = _fresh_interpreter(["-c", code.format(stmt=IMPORTS[kind])], cwd)
                series[kind].rounds.append(float(out) * 1000)
    return list(series.values())


FIRST_CALL = ("aiml_chat", "httpx2", "httpx2_tuned", "httpx", "openai")


def first_calls(server: Any, reps: int) -> list[Series]:
    """`bench/firstcall.py` per client per rep: after the import, construct + first call."""
    series = {k: Series("fresh process: construct + first call", k, "ms", "lower") for k in FIRST_CALL}
    url = server.base_url + "/json-openai"
    script = str(HERE / "firstcall.py")
    with tempfile.TemporaryDirectory() as cwd:
        for kind in FIRST_CALL:  # write the bytecode, warm the page cache
            _fresh_interpreter([script, "--client", kind, "--base-url", url], cwd)
        for r in range(reps):
            for kind in _order(FIRST_CALL, r):
                result = json.loads(_fresh_interpreter([script, "--client", kind, "--base-url", url], cwd))
                series[kind].rounds.append(result["first_call_ms"])
                series[kind].samples.append(result)
    return list(series.values())


# --------------------------------------------------------------------------------------------
# 5. peak RSS growth while uploading a large PDF, each client in a fresh process
# --------------------------------------------------------------------------------------------

UPLOADS = ("aiml_chat (path)", "aiml_chat (bytes)", "httpx2", "httpx", "openai")


def make_pdf(path: Path, size: int) -> None:
    """A file of exactly `size` bytes that starts with the PDF signature (content is filler)."""
    head = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    block = bytes(range(256)) * 4096  # 1 MiB of varied bytes
    with path.open("wb") as f:
        f.write(head)
        left = size - len(head)
        while left > 0:
            piece = block[: min(left, len(block))]
            f.write(piece)
            left -= len(piece)


def uploads(server: Any, *, size_mib: float, rounds: int, tmpdir: Path | None = None) -> list[Series]:
    growth = {k: Series(f"upload {size_mib:g} MiB PDF, peak RSS growth", k, "MiB", "lower") for k in UPLOADS}
    with tempfile.TemporaryDirectory(dir=tmpdir) as tmp:
        pdf = Path(tmp) / "big.pdf"
        make_pdf(pdf, int(size_mib * MIB))
        for r in range(rounds):
            for kind in _order(UPLOADS, r):
                command = [sys.executable, str(HERE / "upload.py"), "--client", kind]
                command += ["--base-url", server.base_url, "--file", str(pdf)]
                out = subprocess.run(  # noqa: S603
                    command,
                    capture_output=True,
                    text=True,
                )
                if out.returncode != 0:
                    raise RuntimeError(f"upload with {kind} failed:\n{out.stderr[-3000:]}")
                result = json.loads(out.stdout.strip().splitlines()[-1])
                growth[kind].rounds.append(result["growth_kib"] / 1024)
                growth[kind].samples.append(result)
    return list(growth.values())
