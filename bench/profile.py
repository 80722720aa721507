"""`python -m bench.profile OP --client KIND`: cProfile one benchmark operation, print the top.

    python -m bench.profile call --messages 20 --client aiml_chat --n 2000
    python -m bench.profile stream --client aiml_chat --chunks 2000 --n 10 --sort tottime
    python -m bench.profile stream --client httpx2 --shape openrouter --gap-ms 1 --n 1
    python -m bench.profile throughput --client aiml_chat_async --n 20 --in-flight 100

The server runs in its own process as in the benchmark; the client is warmed up first, so the
profile holds only steady-state work. `--out FILE` keeps the pstats file (for snakeviz etc.).
cProfile slows pure-Python code several times over; use it to rank costs, not to time them.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import pstats
import sys
from typing import Any

from .clients import AsyncClient, SyncClient, messages
from .metrics import _batch
from .server import SHAPES, ServerProcess


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    p.add_argument("op", choices=("call", "stream", "throughput"))
    p.add_argument("--client", default="aiml_chat", help="a client of bench/clients.py (or its *_async)")
    p.add_argument("--shape", default="openai", choices=SHAPES, help="answer shape (default openai)")
    p.add_argument("--messages", type=int, default=2)
    p.add_argument("--chunks", type=int, default=2000)
    p.add_argument("--gap-ms", type=float, default=0)
    p.add_argument("--n", type=int, help="operations to profile (default 1000; throughput: batches, 20)")
    p.add_argument("--requests", type=int, default=200, help="throughput: requests per batch")
    p.add_argument("--in-flight", type=int, default=100, help="throughput: requests in flight")
    p.add_argument("--top", type=int, default=35)
    p.add_argument("--sort", default="tottime", help="pstats sort key (tottime, cumulative, ...)")
    p.add_argument("--out", help="write the pstats data here")
    args = p.parse_args(argv)
    if args.n is None:
        args.n = 20 if args.op == "throughput" else 1000
    msgs = messages(args.messages)
    stream_route = f"/sse-{args.shape}-{args.chunks}-{args.gap_ms:g}"
    route = stream_route if args.op == "stream" else f"/json-{args.shape}"
    profiler = cProfile.Profile()
    with ServerProcess() as server:
        if args.client.endswith("_async"):

            async def run() -> None:
                client = AsyncClient(args.client, server.base_url + route)
                op: Any = client.call if args.op == "call" else client.stream
                if args.op == "throughput":

                    async def op(msgs: Any) -> None:
                        errors = await _batch(client, msgs, args.requests, args.in_flight)
                        if errors:
                            raise RuntimeError(errors[0])

                for _ in range(10):
                    await op(msgs)
                profiler.enable()
                for _ in range(args.n):
                    await op(msgs)
                profiler.disable()
                await client.close()

            asyncio.run(run())
        else:
            if args.op == "throughput":
                p.error("throughput is async: pass an *_async client")
            client = SyncClient(args.client, server.base_url + route)
            op = client.call if args.op == "call" else client.stream
            for _ in range(10 if args.gap_ms == 0 else 1):
                op(msgs)
            profiler.enable()
            for _ in range(args.n):
                op(msgs)
            profiler.disable()
            client.close()
    if args.out:
        profiler.dump_stats(args.out)
    stats = pstats.Stats(profiler, stream=sys.stdout)
    stats.sort_stats(args.sort).print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
