"""One large-PDF upload in this fresh process; prints a JSON line with the peak RSS growth.

Run by `bench.metrics.uploads` as ``python bench/upload.py --client KIND --base-url URL --file F``.
Standalone on purpose (no import of the bench package): a fresh interpreter per client, so one
client's heap cannot inflate another's numbers.

Method: import and create the client, make one small warm-up call (lazy imports, spec loading and
the connection are then done for every client alike), read the file into memory for the
in-memory variants (the user holds those bytes before calling), ``gc.collect()``, reset the
peak (``echo 5 > /proc/self/clear_refs`` sets VmHWM to the current VmRSS), note VmRSS, then build
the message and send it, and read VmHWM. Growth = VmHWM - VmRSS before the send. (``ru_maxrss``
is not used: it cannot be reset, and a child's starts from its parent's.)
"""

from __future__ import annotations

import argparse
import base64
import gc
import json
import re
import time
from pathlib import Path
from typing import Any

MODEL = "google/gemini-2.5-flash-lite-preview"
API_KEY = "bench-key"
PROMPT = "Summarise this document."


def _status_kib(name: str) -> int:
    with open("/proc/self/status") as f:
        match = re.search(rf"^{name}:\s+(\d+) kB", f.read(), re.MULTILINE)
    if match is None:
        raise RuntimeError(f"{name} is not in /proc/self/status")
    return int(match.group(1))


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        return False
    return True


def _file_message(data: bytes, filename: str) -> dict[str, Any]:
    """What a user of openai or raw httpx writes by hand: base64 in a data URL."""
    return {
        "role": "user",
        "content": [
            {"type": "text", "text": PROMPT},
            {
                "type": "file",
                "file": {
                    "filename": filename,
                    "file_data": "data:application/pdf;base64," + base64.b64encode(data).decode("ascii"),
                },
            },
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--client", required=True)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--file", required=True)
    args = parser.parse_args()
    path = Path(args.file)
    kind: str = args.client
    base = args.base_url + "/upload"
    hello = [{"role": "user", "content": "hello"}]

    data: bytes | None = None
    if kind.startswith("aiml_chat"):
        import aiml_chat

        client = aiml_chat.Client(api_key=API_KEY, base_url=base, timeout=600, max_retries=0)
        client.chat.completions.create(messages=hello)  # type: ignore[arg-type]
        if kind == "aiml_chat (bytes)":
            data = path.read_bytes()

            def send() -> str:
                msg = aiml_chat.user(PROMPT, files=[data])  # type: ignore[list-item]
                return str(client.chat.completions.create(messages=[msg]).choices[0].message.content)

        elif kind == "aiml_chat (path)":

            def send() -> str:
                msg = aiml_chat.user(PROMPT, files=[str(path)])
                return str(client.chat.completions.create(messages=[msg]).choices[0].message.content)

        else:
            raise SystemExit(f"unknown client {kind!r}")
    elif kind == "openai":
        import openai

        oclient = openai.OpenAI(api_key=API_KEY, base_url=base + "/v1", timeout=600, max_retries=0)
        oclient.chat.completions.create(model=MODEL, messages=hello)  # type: ignore[arg-type]
        data = path.read_bytes()

        def send() -> str:
            msg = _file_message(data, path.name)  # type: ignore[arg-type]
            completion = oclient.chat.completions.create(model=MODEL, messages=[msg])  # type: ignore[list-item]
            return str(completion.choices[0].message.content)

    elif kind in ("httpx2", "httpx"):
        if kind == "httpx":
            import httpx as http_module
        else:
            import httpx2 as http_module  # type: ignore[no-redef]

        http = http_module.Client(timeout=600)
        url = base + "/v1/chat/completions"
        headers = {"Authorization": f"Bearer {API_KEY}"}
        http.post(url, json={"model": MODEL, "messages": hello}, headers=headers).raise_for_status()
        data = path.read_bytes()

        def send() -> str:
            msg = _file_message(data, path.name)  # type: ignore[arg-type]
            response = http.post(url, json={"model": MODEL, "messages": [msg]}, headers=headers)
            response.raise_for_status()
            return str(json.loads(response.content)["choices"][0]["message"]["content"])

    else:
        raise SystemExit(f"unknown client {kind!r}")

    gc.collect()
    reset = _reset_peak()
    before = _status_kib("VmRSS")
    hwm_before = _status_kib("VmHWM")
    c0, w0 = time.process_time(), time.perf_counter()
    answer = send()
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    peak = _status_kib("VmHWM")
    received = int(re.search(r"received (\d+) bytes", answer).group(1))  # type: ignore[union-attr]
    size = path.stat().st_size
    if received < size * 4 // 3:
        raise SystemExit(f"the server received {received} bytes, less than the base64 of {size} bytes")
    print(
        json.dumps(
            {
                "client": kind,
                "file_bytes": size,
                "body_bytes": received,
                "rss_before_kib": before,
                "hwm_kib": peak,
                "growth_kib": peak - (before if reset else hwm_before),
                "peak_reset": reset,
                "wall_s": wall,
                "cpu_s": cpu,
            }
        )
    )


if __name__ == "__main__":
    main()
