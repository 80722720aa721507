"""What `aiml-chat` writes: a chat answer on stdout (text, tool calls, choices, JSON) and its own
messages on stderr (prefixed with the program name, the key redacted).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from ._cli_parser import PROG


def write_result(result: Any, as_json: bool, choices: int) -> None:
    """The answer of `chat` on stdout: the text as it streams, or the whole JSON with --json."""
    from ._streaming import Stream

    out = sys.stdout
    if isinstance(result, Stream):
        with result:
            if as_json:
                for chunk in result:
                    out.write(json.dumps(chunk.to_dict(), ensure_ascii=False) + "\n")
                    out.flush()
            elif choices > 1:
                print_choices(result.get_final_completion().to_dict())  # interleaved: print whole
            else:
                for text in result.text():
                    out.write(text)
                    out.flush()
                final = result.get_final_completion()
                print_tool_calls(final.choices[0].message.to_dict() if final.choices else {})
                out.write("\n")
    elif as_json:
        out.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_choices(result.to_dict())
    out.flush()


def print_choices(completion: dict[str, Any]) -> None:
    """Each choice's text and tool calls; with several choices, each under a `[choice i]` line."""
    choices = completion.get("choices") or [{}]
    for choice in choices:
        if len(choices) > 1:
            sys.stdout.write(f"[choice {choice.get('index')}]\n")
        message = choice.get("message") or {}
        content = message.get("content")
        if content:
            sys.stdout.write(str(content) + "\n")
        print_tool_calls(message)
        if not content and not message.get("tool_calls"):
            sys.stdout.write("\n")


def print_tool_calls(message: dict[str, Any]) -> None:
    for call in message.get("tool_calls") or ():
        function = call.get("function") or {}
        sys.stdout.write(
            f"[tool call {call.get('id')}] {function.get('name')}({function.get('arguments')})\n"
        )


def say(text: str) -> None:
    print(f"{PROG}: {text}", file=sys.stderr, flush=True)


def error_text(error: BaseException, secret: str | None) -> str:
    from ._redact import Redactor

    text = f"{type(error).__name__}: {error}"
    return Redactor(secret).text(text) if secret else text
