"""`python -m bench.pool`: what httpx2's pool limits cost, by keep-alive size and concurrency.

Raw ``httpx2.AsyncClient`` (no aiml_chat code) against the bench server, one JSON answer per
request. For each concurrency C and each ``(max_connections, max_keepalive_connections)``:
a **fresh** client sends ``max(200, 2*C)`` requests with C in flight (cold: connections are
opened on the way), then the same again on the now-warm client. Client CPU per request and
req/s are reported per batch; configurations are interleaved per round (A B C, C B A, ...) and
the table shows medians over rounds with the per-round ratio to httpx2's own defaults.

    python -m bench.pool                                  # the sweep in BENCHMARKS.md
    python -m bench.pool --concurrency 1 100 --rounds 3 --limits 100/20 1000/100
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import statistics
import time
from typing import Any

import httpx2

from .clients import MODEL, messages
from .server import ServerProcess

DEFAULT_LIMITS = ("100/20", "1000/100", "1000/20", "100/100", "200/20", "1000/1000")


def _limits(spec: str) -> httpx2.Limits:
    most, keep = spec.split("/")
    return httpx2.Limits(max_connections=int(most), max_keepalive_connections=int(keep))


async def _batch(
    http: httpx2.AsyncClient, url: str, requests: int, in_flight: int
) -> tuple[float, float, int]:
    body = {"model": MODEL, "messages": messages(2)}
    limit = asyncio.Semaphore(in_flight)

    async def one() -> None:
        async with limit:
            response = await http.post(url, json=body)
            json.loads(response.content)

    gc.collect()
    c0, w0 = time.process_time(), time.perf_counter()
    results = await asyncio.gather(*(one() for _ in range(requests)), return_exceptions=True)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    return wall, cpu, sum(isinstance(r, BaseException) for r in results)


async def sweep(
    base_url: str, limits: list[str], concurrency: list[int], rounds: int
) -> list[dict[str, Any]]:
    url = f"{base_url}/json/v1/chat/completions"
    rows: list[dict[str, Any]] = []
    for c in concurrency:
        requests = max(200, 2 * c)
        data: dict[str, dict[str, list[float]]] = {
            spec: {"cold_us": [], "warm_us": [], "cold_rps": [], "warm_rps": [], "errors": []}
            for spec in limits
        }
        for r in range(rounds):
            for spec in limits if r % 2 == 0 else limits[::-1]:
                async with httpx2.AsyncClient(timeout=120, limits=_limits(spec)) as http:
                    for phase in ("cold", "warm"):
                        wall, cpu, errors = await _batch(http, url, requests, c)
                        data[spec][f"{phase}_us"].append(cpu / requests * 1e6)
                        data[spec][f"{phase}_rps"].append(requests / wall)
                        data[spec]["errors"].append(errors)
        ref = data[limits[0]]
        for spec in limits:
            d = data[spec]
            row: dict[str, Any] = {"concurrency": c, "limits": spec, "errors": sum(d["errors"])}
            for key in ("cold_us", "warm_us", "cold_rps", "warm_rps"):
                row[key] = statistics.median(d[key])
                row[key + "_x"] = statistics.median(a / b for a, b in zip(d[key], ref[key], strict=True))
            rows.append(row)
            print(
                f"C={c:5d} limits={spec:>9}: CPU/req cold {row['cold_us']:7.0f} us "
                f"({row['cold_us_x']:.2f}x) warm {row['warm_us']:7.0f} us ({row['warm_us_x']:.2f}x) "
                f"| req/s cold {row['cold_rps']:6.0f} "
                f"({row['cold_rps_x']:.2f}x) warm {row['warm_rps']:6.0f} ({row['warm_rps_x']:.2f}x)"
                + (f" | {row['errors']} errors" if row["errors"] else ""),
                flush=True,
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.pool", description=__doc__)
    p.add_argument(
        "--limits", nargs="+", default=list(DEFAULT_LIMITS), help="MAX/KEEPALIVE; the first is the ref"
    )
    p.add_argument("--concurrency", nargs="+", type=int, default=[1, 10, 100, 1000])
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--output", help="write the rows as JSON here")
    args = p.parse_args(argv)
    with ServerProcess() as server:
        rows = asyncio.run(sweep(server.base_url, args.limits, args.concurrency, args.rounds))
    if args.output:
        with open(args.output, "w") as f:
            json.dump(rows, f, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
