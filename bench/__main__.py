"""`python -m bench`: aiml_chat vs raw httpx vs the openai SDK against one local server.

Prints a table of medians with ratios to raw httpx (the floor) and the min-max of the per-round
ratios, checks the targets of issue 9, and writes every sample to a JSON file. `--quick` runs
tiny sizes (for the test suite); the defaults are the real benchmark (~2 minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from . import metrics
from .clients import ASYNC_CLIENTS, FLOOR, SYNC_CLIENTS
from .metrics import Series
from .server import ServerProcess

ROOT = Path(__file__).resolve().parent.parent
METRICS = (
    "calls",
    "async_calls",
    "streams",
    "gap_streams",
    "async_streams",
    "throughput",
    "imports",
    "upload",
)

# (metric, client) -> (comparison, limit, against): `against` is a client name, or None for an
# absolute limit in the series' unit. The same targets apply to the async twin of aiml_chat.
TARGETS: dict[tuple[str, str], tuple[str, float, str | None]] = {}
for _c in ("aiml_chat", "aiml_chat_async"):
    _floor = FLOOR[_c]
    TARGETS[("call CPU, 2 msgs", _c)] = ("<=", 1.2, _floor)
    TARGETS[("call CPU, 20 msgs", _c)] = ("<=", 1.3, _floor)
    TARGETS[("stream CPU /1000 chunks, no gap", _c)] = ("<=", 2.0, _floor)
    TARGETS[("async req/s, 100 in flight", _c)] = (">=", 1.0, _floor)
TARGETS[("import time", "aiml_chat")] = ("<=", 0.4, "openai")


def _dynamic_targets(series: Series) -> None:
    """Targets on metrics whose names carry a setting (the gap, the upload size)."""
    if series.metric.startswith("stream CPU /1000 chunks, gap") and series.client.startswith("aiml_chat"):
        TARGETS[(series.metric, series.client)] = ("<=", 2.0, FLOOR[series.client])
    if series.metric.startswith("upload ") and series.client == "aiml_chat (path)":
        TARGETS[(series.metric, series.client)] = ("<=", 64.0, None)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    p.add_argument("--quick", action="store_true", help="tiny sizes: checks that everything runs (~20 s)")
    p.add_argument("--rounds", type=int, default=7, help="interleaved rounds per metric (default 7)")
    p.add_argument("--calls", type=int, default=100, help="calls per client per round (default 100)")
    p.add_argument("--warmup", type=int, default=20, help="warm-up calls per client (default 20)")
    p.add_argument("--chunks", type=int, default=2000, help="chunks per stream (default 2000)")
    p.add_argument("--streams", type=int, default=3, help="streams per client per round (default 3)")
    p.add_argument("--gap-ms", type=float, default=1.0, help="gap between events in ms (default 1)")
    p.add_argument("--gap-rounds", type=int, default=3, help="rounds of the gapped stream (default 3)")
    p.add_argument("--requests", type=int, default=200, help="async requests per batch (default 200)")
    p.add_argument("--in-flight", type=int, default=100, help="async requests in flight (default 100)")
    p.add_argument("--import-reps", type=int, default=7, help="fresh interpreters per module (default 7)")
    p.add_argument("--upload-mib", type=float, default=256, help="PDF size in MiB (default 256)")
    p.add_argument("--upload-rounds", type=int, default=1, help="uploads per client (default 1)")
    p.add_argument("--only", nargs="+", choices=METRICS, help="run only these metrics")
    p.add_argument("--skip", nargs="+", choices=METRICS, default=[], help="skip these metrics")
    p.add_argument("--output", type=Path, help="JSON results file (default .bench/bench-<time>.json)")
    args = p.parse_args(argv)
    if args.quick:
        args.rounds, args.calls, args.warmup = 2, 5, 2
        args.chunks, args.streams, args.gap_rounds = 20, 1, 1
        args.requests, args.in_flight = 10, 5
        args.import_reps, args.upload_mib = 1, 1
    return args


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip()


def machine() -> dict[str, Any]:
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "platform": platform.platform(),
        "python": sys.version.split()[0],
        "python_implementation": platform.python_implementation(),
        "loadavg_start": os.getloadavg(),
    }


def versions() -> dict[str, str | None]:
    names = ("aiml-chat", "httpx", "httpcore", "h11", "anyio", "attrs", "openai", "pydantic", "pydantic-core")
    return {name: _version(name) for name in names}


# --------------------------------------------------------------------------------------------
# the table
# --------------------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    if value != value:  # NaN
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _find(series: list[Series], metric: str, client: str) -> Series | None:
    return next((s for s in series if s.metric == metric and s.client == client), None)


def _ratios(s: Series, ref: Series) -> tuple[float, float, float]:
    median = s.median / ref.median if ref.median else float("nan")
    per_round = [a / b for a, b in zip(s.rounds, ref.rounds, strict=False) if b]
    if not per_round:
        return median, float("nan"), float("nan")
    return median, min(per_round), max(per_round)


def verdicts(series: list[Series]) -> list[dict[str, Any]]:
    out = []
    for (metric, client), (op, limit, against) in TARGETS.items():
        s = _find(series, metric, client)
        if s is None:
            continue
        if against is None:
            value, low, high = s.median, float("nan"), float("nan")
        else:
            ref = _find(series, metric, against)
            if ref is None:
                continue
            value, low, high = _ratios(s, ref)
        ok = value <= limit if op == "<=" else value >= limit
        out.append(
            {
                "metric": metric,
                "client": client,
                "value": value,
                "per_round_min": low,
                "per_round_max": high,
                "target": f"{op} {limit:g}" + (f"x {against}" if against else f" {s.unit}"),
                "met": ok,
            }
        )
    return out


def table(series: list[Series]) -> str:
    rows = [("metric", "client", "median", "unit", "x httpx", "per-round x", "target", "")]
    targets = {(v["metric"], v["client"]): v for v in verdicts(series)}
    for s in series:
        floor = FLOOR.get(s.client.split(" ")[0], "httpx")
        ref = _find(series, s.metric, floor)
        if ref is None or ref is s:
            ratio, spread = ("1.00" if ref is s else "-"), ""
        else:
            r, low, high = _ratios(s, ref)
            ratio, spread = f"{r:.2f}", f"{low:.2f}-{high:.2f}"
        target = ""
        verdict = targets.get((s.metric, s.client))
        if verdict is not None:
            shown = f"{verdict['value']:.2f}x" if "x" in verdict["target"] else _fmt(verdict["value"])
            target = f"{verdict['target']}: {shown}"
            mark = "ok" if verdict["met"] else "MISSED"
        else:
            mark = ""
        extra = ""
        if s.extra.get("errors"):
            extra = f" ({s.extra['errors']} errors)"
        rows.append((s.metric, s.client, _fmt(s.median) + extra, s.unit, ratio, spread, target, mark))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for i, row in enumerate(rows):
        lines.append("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")
        if i == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# main
# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    wanted = [m for m in (args.only or METRICS) if m not in args.skip]
    started = time.perf_counter()
    meta: dict[str, Any] = {
        "started": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "machine": machine(),
        "versions": versions(),
        "settings": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "metrics_run": wanted,
    }
    log = metrics._log
    series: list[Series] = []
    with ServerProcess() as server:
        log(f"bench server on {server.base_url} (pid {server.process.pid if server.process else '?'})")
        server_cpu0 = server.cpu_seconds()
        sizes = (2, 20)
        if "calls" in wanted:
            for n in sizes:
                log(f"[calls] sync, {n} messages, {args.rounds} rounds x {args.calls} calls")
                series += metrics.calls(
                    server, SYNC_CLIENTS, n_messages=n, calls=args.calls, rounds=args.rounds,
                    warmup=args.warmup, is_async=False,
                )  # fmt: skip
        if "async_calls" in wanted:
            for n in sizes:
                log(f"[async_calls] async, {n} messages, {args.rounds} rounds x {args.calls} calls")
                series += metrics.calls(
                    server, ASYNC_CLIENTS, n_messages=n, calls=args.calls, rounds=args.rounds,
                    warmup=args.warmup, is_async=True,
                )  # fmt: skip
        if "streams" in wanted:
            log(f"[streams] sync, {args.chunks} chunks, no gap, {args.rounds} rounds x {args.streams}")
            series += metrics.streams(
                server, SYNC_CLIENTS, chunks=args.chunks, streams=args.streams, rounds=args.rounds,
                gap_ms=0, is_async=False,
            )  # fmt: skip
        if "async_streams" in wanted:
            log(f"[async_streams] async, {args.chunks} chunks, no gap, {args.rounds} rounds x {args.streams}")
            series += metrics.streams(
                server, ASYNC_CLIENTS, chunks=args.chunks, streams=args.streams, rounds=args.rounds,
                gap_ms=0, is_async=True,
            )  # fmt: skip
        if "gap_streams" in wanted and args.gap_ms > 0:
            log(f"[gap_streams] sync, {args.chunks} chunks, gap {args.gap_ms:g} ms, {args.gap_rounds} rounds")
            series += metrics.streams(
                server, SYNC_CLIENTS, chunks=args.chunks, streams=1, rounds=args.gap_rounds,
                gap_ms=args.gap_ms, is_async=False,
            )  # fmt: skip
        if "throughput" in wanted:
            log(f"[throughput] {args.requests} requests, {args.in_flight} in flight, {args.rounds} rounds")
            series += metrics.throughput(
                server, ASYNC_CLIENTS, requests=args.requests, in_flight=args.in_flight, rounds=args.rounds
            )
        if "imports" in wanted:
            log(f"[imports] fresh interpreters, median of {args.import_reps}")
            series += metrics.import_times(args.import_reps)
        if "upload" in wanted:
            log(f"[upload] {args.upload_mib:g} MiB PDF, one fresh process per client")
            series += metrics.uploads(server, size_mib=args.upload_mib, rounds=args.upload_rounds)
        meta["server_cpu_s"] = server.cpu_seconds() - server_cpu0
    for s in series:
        _dynamic_targets(s)
    meta["machine"]["loadavg_end"] = os.getloadavg()
    meta["duration_s"] = time.perf_counter() - started
    results = {
        "meta": meta,
        "targets": verdicts(series),
        "series": [s.to_json() for s in series],
    }
    output = args.output or ROOT / ".bench" / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=1, default=str) + "\n")

    m = meta["machine"]
    v = meta["versions"]
    print(
        f"\n{m['nproc']} CPUs ({m['cpu_model']}), Python {m['python']}, httpx {v['httpx']}, "
        f"openai {v['openai']}, aiml-chat {v['aiml-chat']}; load average "
        f"{m['loadavg_start'][0]:.2f} -> {m['loadavg_end'][0]:.2f}\n"
    )
    print(table(series))
    missed = [t for t in results["targets"] if not t["met"]]
    print(f"\ntargets: {len(results['targets']) - len(missed)} met, {len(missed)} missed")
    for t in missed:
        print(f"  MISSED {t['metric']} / {t['client']}: {t['value']:.2f} (target {t['target']})")
    print(f"results: {output} ({meta['duration_s']:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
