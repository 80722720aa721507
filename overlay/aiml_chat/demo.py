"""The main job, end to end: `python -m aiml_chat.demo` (or `nox -s demo`).

Starts the embedded local server and, through aiml_chat, makes a completion steered by a system
message (and shows what it cost), streams one token by token, asks about a small PDF it makes,
asks for JSON output and parses it, and shows a 429 handled by a retry. With
`--live` and AIMLAPI_API_KEY set, the same steps run against the real API (no fault injection).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from . import Client, parse_json, system, user

DEMO_KEY = "demo-key"


@contextlib.contextmanager
def _target(live: bool) -> Iterator[tuple[str | None, str | None]]:
    if live:
        if not os.environ.get("AIMLAPI_API_KEY"):
            sys.exit("--live needs AIMLAPI_API_KEY in the environment")
        yield None, None
        return
    from .testing import serve

    with serve(api_key=DEMO_KEY) as base_url:
        yield base_url, DEMO_KEY


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aiml_chat.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--live", action="store_true", help="call the real API (needs AIMLAPI_API_KEY)")
    args = parser.parse_args(argv)
    with _target(args.live) as (base_url, key), Client(base_url=base_url, api_key=key) as client:
        where = "the real API" if args.live else f"the local server at {base_url}"
        print(f"aiml-chat demo against {where}\n")

        print("1. A completion steered by a system message")
        completion = client.chat.completions.create(
            messages=[system("You are a terse translator."), user("Translate to French: good morning")]
        )
        usage = completion.usage
        tokens = f"{usage.total_tokens} tokens" if usage else "no usage reported"
        spend = completion.meta.usage if completion.meta else None  # meta: JSON answers only
        cost = f", ${spend.usd_spent:.6f}" if spend else ""
        print(f"   {completion.choices[0].message.content!r}  ({tokens}{cost})\n")

        print("2. A streamed completion, token by token")
        print("   ", end="")
        with client.chat.completions.create(
            messages=[user("Count from one to ten in words")],
            stream=True,
            stream_options={"include_usage": True},
        ) as stream:
            for text in stream.text():
                print(text, end="", flush=True)
        print("\n")

        print("3. A question about a PDF")
        from .testing import make_pdf

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "report.pdf"
            path.write_bytes(make_pdf(["Quarterly report", "Revenue grew 12%"]))
            answer = client.chat.completions.create(messages=[user("Summarise this report", files=[path])])
        print(f"   {answer.choices[0].message.content!r}\n")

        print("4. JSON output")
        answer = client.chat.completions.create(
            messages=[
                system("Reply with a JSON object."),
                user("List three primary colours"),
            ],
            response_format={"type": "json_object"},
        )
        print(f"   parsed: {parse_json(answer)!r}\n")

        print("5. A rate limit, handled")
        logging.getLogger("aiml_chat").setLevel(logging.DEBUG)
        handler = logging.StreamHandler(sys.stdout)
        handler.setFormatter(logging.Formatter("   log: %(message)s"))
        logging.getLogger("aiml_chat").addHandler(handler)
        headers = {} if args.live else {"X-Mock-Fault": "status=429;times=1;retry_after=1"}
        raw = client.chat.completions.with_raw_response.create(
            messages=[user("Classify the sentiment: I love it")], extra_headers=headers
        )
        content = raw.parse().choices[0].message.content
        print(f"   -> HTTP {raw.status_code}, request id {raw.request_id}: {content!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
