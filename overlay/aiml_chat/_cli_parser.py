"""The shape of the `aiml-chat` command line: its commands, their options and the exit statuses.

The `chat` command's spec options (one per request property of openapi.json) are `_cli_options.py`'s.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Final

from ._cli_options import add_spec_options

PROG: Final = "aiml-chat"
DEFAULT_KEY_ENV: Final = "AIMLAPI_API_KEY"
EXIT_OK: Final = 0
EXIT_ERROR: Final = 1
EXIT_USAGE: Final = 2
EXIT_INTERRUPTED: Final = 130


def _int_at_least(minimum: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}, got {value}")
        return value

    return parse


_positive_int = _int_at_least(1)
_non_negative_int = _int_at_least(0)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected seconds, got {text!r}") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return value


def _add_connection_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("connection")
    group.add_argument(
        "--base-url",
        metavar="URL",
        help="API base URL (default: $AIMLAPI_BASE_URL or https://api.aimlapi.com)",
    )
    group.add_argument(
        "--api-key-env",
        metavar="NAME",
        default=DEFAULT_KEY_ENV,
        help=f"environment variable holding the API key (default: {DEFAULT_KEY_ENV})",
    )
    group.add_argument(
        "--timeout",
        type=_seconds,
        metavar="SECONDS",
        help="deadline for each whole attempt (connecting, sending, the whole answer); each retry "
        "gets a new one. chat --stream: the headers within it, then each event",
    )
    group.add_argument(
        "--max-retries",
        type=_non_negative_int,
        metavar="N",
        help="retries per request on 408/409/429/5xx and connection errors (default: 2)",
    )


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Chat completions from the command line: one-off calls and high-volume batches.",
        epilog=f"Exit status: {EXIT_OK} ok, {EXIT_ERROR} API/runtime error, {EXIT_USAGE} usage error, "
        f"{EXIT_INTERRUPTED} interrupted. `{PROG} COMMAND --help` describes a command.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    chat = commands.add_parser(
        "chat",
        help="send one prompt and print the reply",
        description="Send one prompt (with optional PDF files) and print the reply.",
    )
    chat.add_argument("prompt", nargs="?", metavar="PROMPT", help="the user message; - reads it from stdin")
    chat.add_argument(
        "-f",
        "--file",
        action="append",
        default=[],
        metavar="FILE",
        help="attach a PDF or an image to the message (repeatable; - reads it from stdin)",
    )
    chat.add_argument(
        "--image",
        action="append",
        default=[],
        metavar="PATH|URL",
        help="attach an image (PNG, JPEG, GIF, WebP) from a file or an http(s) URL (repeatable)",
    )
    chat.add_argument(
        "--system", metavar="TEXT", help="a system message (instructions for the model), sent first"
    )
    chat.add_argument(
        "--json",
        action="store_true",
        help="print the whole response as JSON (with --stream: one JSON chunk per line)",
    )
    _add_connection_options(chat)
    add_spec_options(chat)

    batch = commands.add_parser(
        "batch",
        help="run a JSONL file of requests, resumably",
        description="Run every request of a JSONL file (a request body per line, or "
        '{"custom_id": ..., "body": {...}}) and append one result line per request to OUTPUT as '
        "it finishes. Run it again with the same OUTPUT to resume: finished ids are skipped.",
        epilog="Exit status: 0 only if every request succeeded (in this run or an earlier one).",
    )
    batch.add_argument(
        "input", metavar="INPUT.jsonl", help="requests, one JSON object per line (- for stdin)"
    )
    batch.add_argument("-o", "--output", required=True, metavar="OUTPUT.jsonl", help="results (appended)")
    batch.add_argument(
        "-c",
        "--concurrency",
        type=_positive_int,
        default=32,
        metavar="N",
        help="most requests in flight at once; lowered automatically on 429 (default: 32)",
    )
    batch.add_argument(
        "--progress",
        choices=("auto", "bar", "log", "none"),
        default="auto",
        help="a progress bar (needs rich), log lines, or nothing (default: bar on a terminal, else log)",
    )
    batch.add_argument(
        "--log-interval",
        type=_seconds,
        default=5.0,
        metavar="SECONDS",
        help="seconds between progress log lines (default: 5)",
    )
    _add_connection_options(batch)

    commands.add_parser(
        "serve",
        help="run the local test server (`aiml-chat serve --help`; needs aiml-chat[server])",
        add_help=False,
    )
    return parser
