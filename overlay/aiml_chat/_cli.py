"""The `aiml-chat` command (also `python -m aiml_chat`): chat, batch and serve.

    aiml-chat chat "Translate to French: good morning"
    aiml-chat chat --stream --temperature 0.2 "Write a haiku"
    aiml-chat chat --file report.pdf "Summarise this report"
    aiml-chat chat --system "Answer in French" --image photo.png "What is this?"
    aiml-chat chat -n 2 --stop END --response-format json_object "List three colours"
    aiml-chat batch requests.jsonl -o results.jsonl --concurrency 32
    aiml-chat serve --port 8080            # the local test server (needs aiml-chat[server])

The key comes from the environment ($AIMLAPI_API_KEY, or the variable --api-key-env names) and is
never printed. Every request property of the spec is a `chat` option, derived from openapi.json at
run time: numbers and integers take a value, booleans are --x/--no-x, enums take one of their
values, objects and arrays take JSON (or @file.json). Two shapes read more naturally: a string or
array of strings (`stop`) is a repeatable plain string, and a choice of objects tagged by `type`
(`response_format`) also takes a bare tag such as `json_object` for the objects that need nothing
else. `-n` is short for `--n`; --system and --image build messages, they are not spec properties.

Exit status: 0 success; 1 an API or runtime error (or, for batch, any failed request);
2 a usage error (bad options, a request the spec refuses, no key); 130 interrupted (Ctrl-C).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final

from ._cli_options import UsageError, add_spec_options, spec_values
from ._config import KEY_ENV_VARS

if TYPE_CHECKING:
    from .batch import BatchSummary

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
    group.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="per-attempt timeout")
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
        epilog="Exit status: 0 ok, 1 API/runtime error, 2 usage error, 130 interrupted. "
        "`aiml-chat COMMAND --help` describes a command.",
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


# --------------------------------------------------------------------------- commands


def _key_from_env(name: str) -> str | None:
    """The key in $name; for the default name also $AIML_API_KEY, as the client itself reads."""
    names = (name, *(n for n in KEY_ENV_VARS if n != name)) if name == DEFAULT_KEY_ENV else (name,)
    return next((os.environ[n] for n in names if os.environ.get(n)), None)


def _api_key(args: argparse.Namespace) -> str:
    key = _key_from_env(args.api_key_env)
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


def _run_chat(args: argparse.Namespace) -> int:
    from . import Client, Stream, system, user
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
        out = sys.stdout
        if isinstance(result, Stream):
            with result:
                if args.json:
                    for chunk in result:
                        out.write(json.dumps(chunk.to_dict(), ensure_ascii=False) + "\n")
                        out.flush()
                elif (params.get("n") or 1) > 1:
                    _print_choices(result.get_final_completion().to_dict())  # interleaved: print whole
                else:
                    for text in result.text():
                        out.write(text)
                        out.flush()
                    final = result.get_final_completion()
                    _print_tool_calls(final.choices[0].message.to_dict() if final.choices else {})
                    out.write("\n")
        elif args.json:
            out.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            _print_choices(result.to_dict())
        out.flush()
    return EXIT_OK


def _print_choices(completion: dict[str, Any]) -> None:
    """Each choice's text and tool calls; with several choices, each under a `[choice i]` line."""
    choices = completion.get("choices") or [{}]
    for choice in choices:
        if len(choices) > 1:
            sys.stdout.write(f"[choice {choice.get('index')}]\n")
        message = choice.get("message") or {}
        content = message.get("content")
        if content:
            sys.stdout.write(str(content) + "\n")
        _print_tool_calls(message)
        if not content and not message.get("tool_calls"):
            sys.stdout.write("\n")


def _print_tool_calls(message: dict[str, Any]) -> None:
    for call in message.get("tool_calls") or ():
        function = call.get("function") or {}
        sys.stdout.write(
            f"[tool call {call.get('id')}] {function.get('name')}({function.get('arguments')})\n"
        )


def _client_options(args: argparse.Namespace) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if args.timeout is not None:
        options["timeout"] = args.timeout
    if args.max_retries is not None:
        options["max_retries"] = args.max_retries
    return options


def _run_batch(args: argparse.Namespace) -> int:
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
        _say(f"error: {error}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _report(summary, options.output)
        raise
    _report(summary, options.output)
    return EXIT_OK if summary.succeeded else EXIT_ERROR


def _report(summary: BatchSummary, output: str) -> None:
    if summary.repaired:
        _say(f"batch: {output}: {summary.repaired}")
    _say(f"batch: {summary.line()}")


def _run_serve(argv: Sequence[str]) -> int:
    try:
        from .testing.__main__ import main as serve_main
    except ImportError as error:
        _say(f"error: serve needs the server extra (pip install 'aiml-chat[server]'): {error}")
        return EXIT_ERROR
    return serve_main(list(argv))


# --------------------------------------------------------------------------- entry point


def _say(text: str) -> None:
    print(f"{PROG}: {text}", file=sys.stderr, flush=True)


def _describe(error: BaseException, secret: str | None) -> str:
    from ._redact import Redactor

    text = f"{type(error).__name__}: {error}"
    return Redactor(secret).text(text) if secret else text


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (the console script passes it to sys.exit)."""
    from ._exceptions import APIError, ValidationError

    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["serve"]:
        return _run_serve(args_list[1:])
    parser = build_parser()
    secret: str | None = None
    try:
        args = parser.parse_args(args_list)
        if args.command in ("chat", "batch"):
            secret = _key_from_env(args.api_key_env)
        if args.command == "chat":
            return _run_chat(args)
        return _run_batch(args)
    except SystemExit as exit_:  # argparse: --help, --version, usage errors
        code = exit_.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_USAGE)
    except UsageError as error:
        _say(f"error: {error} (see `{PROG} {args_list[0] if args_list else ''} --help`)")
        return EXIT_USAGE
    except ValidationError as error:
        _say(f"error: {_describe(error, secret)}")
        return EXIT_USAGE
    except APIError as error:
        _say(f"error: {_describe(error, secret)}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        _say("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except OSError as error:
        _say(f"error: {_describe(error, secret)}")
        return EXIT_ERROR
