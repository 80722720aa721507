"""The `aiml-chat` commands: `chat` (one prompt), `batch` (a JSONL file) and `serve` (the local server)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._cli_options import UsageError, spec_values
from ._cli_output import say, write_result
from ._cli_parser import DEFAULT_KEY_ENV, EXIT_ERROR, EXIT_OK
from ._config import KEY_ENV_VARS

if TYPE_CHECKING:
    from .batch import BatchSummary


def key_from_env(name: str) -> str | None:
    """The key in $name; for the default name also $AIML_API_KEY, as the client itself reads."""
    names = (name, *(n for n in KEY_ENV_VARS if n != name)) if name == DEFAULT_KEY_ENV else (name,)
    return next((os.environ[n] for n in names if os.environ.get(n)), None)


def _api_key(args: argparse.Namespace) -> str:
    key = key_from_env(args.api_key_env)
    if not key:
        raise UsageError(f"no API key: set the environment variable {args.api_key_env}")
    return key


def _prompt(args: argparse.Namespace) -> str | None:
    if args.prompt == "-":
        text: str = sys.stdin.read()
        return text.removesuffix("\n")
    prompt: str | None = args.prompt
    return prompt


def _files(args: argparse.Namespace) -> list[Any]:
    """The --file sources; `-` is standard input (once, and not when the prompt is read from it)."""
    from .files import attachment_part

    return [attachment_part(sys.stdin.buffer, filename="stdin.pdf") if f == "-" else f for f in args.file]


def chat_command(args: argparse.Namespace) -> int:
    from . import Client, system, user
    from .files import image_part

    params = spec_values(args)
    messages = params.pop("messages", [])
    if not isinstance(messages, list):
        raise UsageError("--messages: expected a JSON array of messages")
    if args.file.count("-") + (args.prompt == "-") > 1:
        raise UsageError("standard input can be read once: give - to PROMPT or to one --file")
    prompt = _prompt(args)
    if prompt is None and (args.file or args.image):
        raise UsageError("--file and --image need a PROMPT to go with them")
    if prompt is not None:
        images = [image_part(source) for source in args.image]
        messages = [*messages, user(prompt, files=[*_files(args), *images])]
    if not messages:
        raise UsageError("give a PROMPT (or - to read it from stdin) or --messages")
    if args.system is not None:
        messages = [system(args.system), *messages]
    key = _api_key(args)
    with Client(api_key=key, base_url=args.base_url, **_client_options(args)) as client:
        result = client.chat.completions.create(messages=messages, **params)
        write_result(result, args.json, params.get("n") or 1)
    return EXIT_OK


def _client_options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if args.timeout is not None:
        options["timeout"] = args.timeout
    if args.max_retries is not None:
        options["max_retries"] = args.max_retries
    return options


def batch_command(args: argparse.Namespace) -> int:
    import asyncio

    from .batch import BatchError, BatchOptions, BatchSummary, run_batch

    options = BatchOptions(
        input=args.input,
        output=args.output,
        concurrency=args.concurrency,
        api_key=_api_key(args),
        base_url=args.base_url,
        max_retries=args.max_retries,
        timeout=args.timeout,
        progress=args.progress,
        log_interval=args.log_interval,
    )
    if options.input != "-" and os.path.abspath(options.input) == os.path.abspath(options.output):
        raise UsageError("INPUT and --output must be different files")
    summary = BatchSummary()
    try:
        asyncio.run(run_batch(options, summary))
    except BatchError as error:
        say(f"error: {error}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _report(summary, options.output)
        raise
    _report(summary, options.output)
    return EXIT_OK if summary.succeeded else EXIT_ERROR


def _report(summary: BatchSummary, output: str) -> None:
    if summary.repaired:
        say(f"batch: {output}: {summary.repaired}")
    say(f"batch: {summary.line()}")


def serve_command(argv: Sequence[str]) -> int:
    try:
        from .testing.__main__ import main as serve_main
    except ImportError as error:
        say(f"error: serve needs the server extra (pip install 'aiml-chat[server]'): {error}")
        return EXIT_ERROR
    return serve_main(list(argv))
