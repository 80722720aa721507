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

import os
import sys
from collections.abc import Sequence

from ._cli_commands import batch_command, chat_command, key_from_env, serve_command
from ._cli_options import UsageError
from ._cli_output import error_text, say
from ._cli_parser import EXIT_ERROR, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, PROG, build_parser

__all__ = ["build_parser", "main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (the console script passes it to sys.exit)."""
    from ._exceptions import APIError, ValidationError

    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["serve"]:
        return serve_command(args_list[1:])
    parser = build_parser()
    secret: str | None = None
    try:
        args = parser.parse_args(args_list)
        if args.command in ("chat", "batch"):
            secret = key_from_env(args.api_key_env)
        if args.command == "chat":
            return chat_command(args)
        return batch_command(args)
    except SystemExit as exit_:  # argparse: --help, --version, usage errors
        code = exit_.code
        return code if isinstance(code, int) else (EXIT_OK if code is None else EXIT_USAGE)
    except UsageError as error:
        say(f"error: {error} (see `{PROG} {args_list[0] if args_list else ''} --help`)")
        return EXIT_USAGE
    except ValidationError as error:
        say(f"error: {error_text(error, secret)}")
        return EXIT_USAGE
    except APIError as error:
        say(f"error: {error_text(error, secret)}")
        return EXIT_ERROR
    except KeyboardInterrupt:
        say("interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, and keep Python from complaining at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except OSError as error:
        say(f"error: {error_text(error, secret)}")
        return EXIT_ERROR
