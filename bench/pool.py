"""`python -m bench.pool`: what httpx2's pool limits cost, by keep-alive size and concurrency.

Raw ``httpx2.AsyncClient`` (no aiml_chat code) against the bench server, one JSON answer per
request. For each concurrency C and each ``(max_connections, max_keepalive_connections)``:
a **fresh** client sends ``max(200, 2*C)`` requests with C in flight (cold: connections are
opened on the way), then the same again on the now-warm client. Client CPU per request and
req/s are reported per batch; configurations are interleaved per round (A B C, C B A, ...) and
the table shows medians over rounds with the per-round ratio to httpx2's own defaults.

    python -m bench.pool                                  # the sweep in BENCHMARKS.md
    python -m bench.pool --concurrency 1 100 --rounds 3 --limits 100/20 1000/100
    python -m bench.pool --shards --concurrency 32 256    # `aiml-chat batch`'s pools of 2 vs one pool

``--shards`` answers whether `aiml-chat batch` still needs its many small pools (SHARD_SIZE in
_batch.py) on httpx2: aiml_chat.AsyncClients over pools of 4 connections with least-loaded
dispatch, as batch builds them, against one AsyncClient over one pool with the limits aiml_chat
had before issue 16 (1000/100) and with httpx2's defaults (100/20); fresh clients per round, as
a batch run starts.
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
    base_url: str, limits: list[str], concurrency: list[int], rounds: int, delay_ms: float
) -> list[dict[str, Any]]:
    url = f"{base_url}/json-openai-{delay_ms:g}/v1/chat/completions"
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


async def _dispatch(clients: list[Any], msgs: list[dict[str, Any]], requests: int, in_flight: int) -> None:
    """`requests` calls, `in_flight` at a time, each to the least-loaded client (as batch does)."""
    loads = [0] * len(clients)
    limit = asyncio.Semaphore(in_flight)

    async def one() -> None:
        async with limit:
            i = min(range(len(loads)), key=loads.__getitem__)
            loads[i] += 1
            try:
                await clients[i].chat.completions.create(messages=msgs)
            finally:
                loads[i] -= 1

    await asyncio.gather(*(one() for _ in range(requests)))


async def shards(
    base_url: str, concurrency: list[int], rounds: int, shard_size: int, delay_ms: float
) -> list[dict[str, Any]]:
    import aiml_chat

    base = f"{base_url}/json-openai-{delay_ms:g}"
    msgs = messages(2)

    def make(strategy: str, c: int) -> list[aiml_chat.AsyncClient]:
        def client(http: httpx2.AsyncClient | None = None) -> aiml_chat.AsyncClient:
            return aiml_chat.AsyncClient(api_key="bench-key", base_url=base, timeout=120, http_client=http)

        if strategy.startswith("one pool"):
            return [client(httpx2.AsyncClient(timeout=120, limits=_limits(strategy.split()[-1])))]
        n = max(1, -(-c // shard_size))
        limits = httpx2.Limits(max_connections=2 * shard_size, max_keepalive_connections=2 * shard_size)
        tls = httpx2.create_ssl_context()  # one for all shards, as batch does
        return [client(httpx2.AsyncClient(timeout=120, limits=limits, verify=tls)) for _ in range(n)]

    strategies = (
        f"shards of {shard_size} (batch)",
        "one pool, limits 1000/100",
        "one pool, limits 100/20",
    )
    rows: list[dict[str, Any]] = []
    for c in concurrency:
        requests = max(400, 4 * c)
        data: dict[str, dict[str, list[float]]] = {s: {"us": [], "rps": []} for s in strategies}
        for r in range(rounds):
            for strategy in strategies if r % 2 == 0 else strategies[::-1]:
                gc.collect()
                c0, w0 = time.process_time(), time.perf_counter()
                clients = make(strategy, c)
                await _dispatch(clients, msgs, requests, c)
                for client in clients:
                    await client.close()
                wall, cpu = time.perf_counter() - w0, time.process_time() - c0
                data[strategy]["us"].append(cpu / requests * 1e6)
                data[strategy]["rps"].append(requests / wall)
        ref = data[strategies[0]]
        for strategy in strategies:
            d = data[strategy]
            row = {"concurrency": c, "strategy": strategy}
            for key in ("us", "rps"):
                row[key] = statistics.median(d[key])
                row[key + "_x"] = statistics.median(a / b for a, b in zip(d[key], ref[key], strict=True))
            rows.append(row)
            print(
                f"C={c:5d} {strategy:<30}: CPU/req {row['us']:6.0f} us ({row['us_x']:.2f}x) "
                f"req/s {row['rps']:6.0f} ({row['rps_x']:.2f}x)",
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
    p.add_argument("--delay-ms", type=float, default=0, help="the server answers after this delay (0)")
    p.add_argument("--shards", action="store_true", help="batch's small pools vs one pool (aiml_chat)")
    p.add_argument("--shard-size", type=int, default=2, help="calls per shard, as SHARD_SIZE (2)")
    p.add_argument("--output", help="write the rows as JSON here")
    args = p.parse_args(argv)
    with ServerProcess() as server:
        if args.shards:
            rows = asyncio.run(
                shards(server.base_url, args.concurrency, args.rounds, args.shard_size, args.delay_ms)
            )
        else:
            rows = asyncio.run(
                sweep(server.base_url, args.limits, args.concurrency, args.rounds, args.delay_ms)
            )
    if args.output:
        with open(args.output, "w") as f:
            json.dump(rows, f, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
