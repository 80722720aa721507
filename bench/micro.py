"""`python -m bench.micro`: what aiml_chat's own pieces cost per chunk and per call, in µs.

No network: each piece runs on the exact bytes the bench server sends (`bench.server`), timed
with `timeit` (best of 5 repeats, so scheduling noise on a shared machine is left out). Next to
each piece, what raw httpx2 code does for the same step (``iter_lines`` + ``json.loads``; a
``build_request(json=...)``), so the gap to the floor reads off per piece. These are the profile
lines behind the benchmark's ratios: what decoding, validation and request building still cost.

    python -m bench.micro                 # every shape
    python -m bench.micro --shape openai
"""

from __future__ import annotations

import argparse
import json
import timeit
from collections.abc import Callable

from .clients import API_KEY, MODEL, messages
from .server import SHAPES, canned, sse_frames

CHUNKS = 200


def _best_us(fn: Callable[[], object], per: int = 1, number: int = 0) -> float:
    timer = timeit.Timer(fn)
    if not number:
        number, _ = timer.autorange()
    return min(timer.repeat(5, number)) / number / per * 1e6


def _events(shape: str) -> list[bytes]:
    """The SSE event bytes of one stream (chunk framing removed), [DONE] included."""
    return [frame.split(b"\r\n", 1)[1][:-2] for frame in sse_frames(CHUNKS, shape)[:-1]]


def per_chunk(shape: str) -> list[tuple[str, float]]:
    import httpx2

    from aiml_api_client.models import ChatCompletionChunk
    from aiml_chat._accumulate import Accumulator
    from aiml_chat._chunks import ChunkDecoder, loads
    from aiml_chat._config import DEFAULT_MAX_RESPONSE_BYTES
    from aiml_chat._sse import SSEDecoder

    events = _events(shape)
    payloads = [json.loads(e.split(b"data: ", 1)[1]) for e in events[:-1]]
    chunks = [ChatCompletionChunk.from_dict(payload) for payload in payloads]
    datas = [e.split(b"data: ", 1)[1].strip().decode() for e in events[:-1]]
    n = len(payloads)

    def floor_lines() -> None:  # what httpx2's iter_lines does per event, then the user's json.loads
        decoder = httpx2._decoders.LineDecoder()
        for event in events:
            for line in decoder.decode(event.decode()):
                if line.startswith("data: ") and line[6:] != "[DONE]":
                    json.loads(line[6:])

    def json_loads() -> None:
        for data in datas:
            json.loads(data)

    def our_loads() -> None:
        for data in datas:
            loads(data)

    def sse() -> None:
        decoder = SSEDecoder()
        for event in events:
            decoder.feed_fields(event)

    def accumulate() -> None:
        answer = Accumulator()
        for chunk in chunks:
            answer.add(chunk)

    def from_dict() -> None:
        for payload in payloads:
            ChatCompletionChunk.from_dict(payload)

    def decode_all() -> None:  # aiml_chat's whole per-chunk path, bytes in, typed chunk out
        decoder = ChunkDecoder(None, DEFAULT_MAX_RESPONSE_BYTES, None)  # type: ignore[arg-type]
        for event in events:
            for fields in decoder.events(event):
                decoder.chunk(fields)

    return [
        ("floor: iter_lines-style split + json.loads", _best_us(floor_lines, n)),
        ("json.loads", _best_us(json_loads, n)),
        ("_chunks.loads (json's scanner, same result)", _best_us(our_loads, n)),
        ("SSEDecoder.feed_fields", _best_us(sse, n)),
        ("Accumulator.add", _best_us(accumulate, n)),
        ("ChatCompletionChunk.from_dict", _best_us(from_dict, n)),
        ("aiml_chat total: events + chunk", _best_us(decode_all, n)),
    ]


def per_call(shape: str, n_messages: int) -> list[tuple[str, float]]:
    import httpx2

    import aiml_chat
    from aiml_api_client.models import ChatCompletion
    from aiml_chat import NOT_GIVEN
    from aiml_chat._body import encode_body
    from aiml_chat._request import build_request
    from aiml_chat._response import decode_completion
    from aiml_chat._validation import validate_request

    msgs = messages(n_messages)
    client = aiml_chat.Client(api_key=API_KEY, base_url="http://127.0.0.1:9")
    raw = httpx2.Client()
    url = "http://127.0.0.1:9/v1/chat/completions"
    headers = {"Authorization": f"Bearer {API_KEY}"}
    body = {"model": MODEL, "messages": msgs}
    answer = canned(shape)
    call = client._prepare(msgs, NOT_GIVEN, {})
    data = json.loads(answer)
    rows = [
        (
            "floor: httpx2 build_request(json=...)",
            _best_us(lambda: raw.build_request("POST", url, json=body, headers=headers)),
        ),
        ("floor: json.loads(answer)", _best_us(lambda: json.loads(answer))),
        (
            "create() -> _prepare (checks, validation, encode)",
            _best_us(lambda: client._prepare(msgs, NOT_GIVEN, {})),
        ),
        ("  validate_request", _best_us(lambda: validate_request(body))),
        ("  encode_body", _best_us(lambda: encode_body(body))),
        (
            "build_request",
            _best_us(lambda: build_request(client._http, client._url, client._headers, call, client.timeout)),
        ),
        ("decode_completion (json.loads + from_dict)", _best_us(lambda: decode_completion(None, answer))),  # type: ignore[arg-type]
        ("  ChatCompletion.from_dict", _best_us(lambda: ChatCompletion.from_dict(data))),
    ]
    client.close()
    raw.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.micro", description=__doc__)
    p.add_argument("--shape", nargs="+", choices=SHAPES, default=list(SHAPES))
    args = p.parse_args(argv)
    for shape in args.shape:
        print(f"\nper chunk, {shape} shape (µs per chunk, mean over a {CHUNKS}-chunk stream)")
        for name, us in per_chunk(shape):
            print(f"  {name:<55} {us:7.2f}")
    for shape, n in [(s, 2) for s in args.shape] + [("openai", 20)]:
        print(f"\nper call, {shape} shape, {n} messages (µs per call)")
        for name, us in per_call(shape, n):
            print(f"  {name:<55} {us:7.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
