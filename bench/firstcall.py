"""The first call of a fresh process: import (not timed), then construct the client + one call.

Run by `bench.metrics.first_calls` as ``python bench/firstcall.py --client KIND --base-url URL``;
prints one JSON line. Standalone on purpose (no import of the bench package), so the process
holds only what the client itself loads. What a CLI, a serverless function or a test run pays
once: anything a client defers to its first use (lazy imports, loading a spec, compiling
validators, building an SSL context, opening the connection) lands here.
"""

from __future__ import annotations

import argparse
import json
import time
from typing import Any

MODEL = "google/gemini-2.5-flash-lite-preview"
API_KEY = "bench-key"
TIMEOUT = 120.0
MESSAGES = [{"role": "user", "content": "Say hello."}]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--client", required=True)
    parser.add_argument("--base-url", required=True)
    args = parser.parse_args()
    kind: str = args.client
    base: str = args.base_url
    url = base + "/v1/chat/completions"
    text: Any
    if kind == "aiml_chat":
        import aiml_chat

        t0 = time.perf_counter()
        client = aiml_chat.Client(api_key=API_KEY, base_url=base, timeout=TIMEOUT)
        text = client.chat.completions.create(messages=MESSAGES).choices[0].message.content  # type: ignore[arg-type]
    elif kind in ("httpx2", "httpx2_tuned", "httpx"):
        if kind == "httpx":
            import httpx as http_module
        else:
            import httpx2 as http_module  # type: ignore[no-redef]
        if kind == "httpx2_tuned":
            from aiml_chat._config import DEFAULT_LIMITS, as_timeout

            t0 = time.perf_counter()
            http = http_module.Client(timeout=as_timeout(TIMEOUT), limits=DEFAULT_LIMITS)  # type: ignore[arg-type]
        else:
            t0 = time.perf_counter()
            http = http_module.Client(timeout=TIMEOUT)
        headers = {"Authorization": f"Bearer {API_KEY}"}
        response = http.post(url, json={"model": MODEL, "messages": MESSAGES}, headers=headers)
        text = json.loads(response.content)["choices"][0]["message"]["content"]
    elif kind == "openai":
        import openai

        t0 = time.perf_counter()
        oclient = openai.OpenAI(api_key=API_KEY, base_url=base + "/v1", timeout=TIMEOUT)
        text = oclient.chat.completions.create(model=MODEL, messages=MESSAGES).choices[0].message.content  # type: ignore[arg-type]
    else:
        raise SystemExit(f"unknown client {kind!r}")
    elapsed = time.perf_counter() - t0
    cpu = time.process_time()
    if not isinstance(text, str) or not text:
        raise SystemExit(f"unexpected answer {text!r}")
    print(json.dumps({"client": kind, "first_call_ms": elapsed * 1000, "process_cpu_s": cpu}))


if __name__ == "__main__":
    main()
