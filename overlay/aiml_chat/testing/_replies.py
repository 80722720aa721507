"""Deterministic "model" output: what the local server answers, as plain data.

The reply is a pure function of the request so tests can predict it: ``Echo: <last user text>``
(``Echo (system: <system text>): <last user text>`` when the request has system messages), one
``file <name>: <bytes> bytes sha256=<hex>`` line per uploaded file, or tool calls whose arguments
are derived from the tool's parameter schema and the user's text. ``n`` choices differ by a
`` (i)`` suffix on choice i > 0; ``stop`` cuts the text before the first stop sequence;
``response_format`` wraps it as JSON (``{"echo": ...}``, or an instance of the given schema).
Token counts are word-ish (words and punctuation marks), close enough to real tokenizers for usage
accounting. ``_payloads`` shapes the replies into completions and stream chunks.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ._schema_instance import schema_instance

_TOKEN = re.compile(r"\w+|[^\w\s]")
_FILLER = " The quick brown fox jumps over the lazy dog."
MAX_TOOL_CALLS = 2
MAX_CHOICES = 128  # the most `n` the server answers (OpenAI's limit); more is a 400


@dataclass(frozen=True)
class FileReport:
    """What the server learned from one decoded file part."""

    filename: str
    size: int
    sha256: str

    def line(self) -> str:
        return f"file {self.filename}: {self.size} bytes sha256={self.sha256}"


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    arguments: str


@dataclass(frozen=True)
class Reply:
    """The answer before it is shaped into a completion or a stream."""

    text: str | None
    tool_calls: tuple[ToolCall, ...] = ()
    finish_reason: str = "stop"
    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasoning: str = field(default="Considering the request.")


def count_tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


def _message_text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return " ".join(p["text"] for p in content if isinstance(p, dict) and isinstance(p.get("text"), str))
    return ""


def _system_text(messages: Sequence[Any]) -> str:
    return " ".join(_message_text(m.get("content")) for m in messages if m.get("role") == "system")


def _last_user_text(messages: Sequence[Any]) -> str:
    for message in reversed(messages):
        if message.get("role") == "user":
            return _message_text(message.get("content"))
    return ""


def _trailing_tool_results(messages: Sequence[Any]) -> list[str]:
    results: list[str] = []
    for message in reversed(messages):
        if message.get("role") != "tool":
            break
        results.append(str(message.get("content", "")))
    return results[::-1]


def _truncate(text: str, max_tokens: int) -> str:
    """Cut ``text`` after its ``max_tokens``-th token, as a length-limited model would stop."""
    for i, match in enumerate(_TOKEN.finditer(text)):
        if i + 1 == max_tokens:
            return text[: match.end()]
    return text


def _token_limit(body: dict[str, Any]) -> int | None:
    limits = [
        body[k] for k in ("max_completion_tokens", "max_tokens") if isinstance(body.get(k), int | float)
    ]
    return max(1, int(min(limits))) if limits else None


def _argument_value(prop: Any, text: str) -> Any:
    if not isinstance(prop, dict):
        return text
    enum = prop.get("enum")
    if isinstance(enum, list) and enum:
        return enum[0]
    kind = prop.get("type")
    if kind == "integer":
        return count_tokens(text)
    if kind == "number":
        return float(count_tokens(text))
    if kind == "boolean":
        return True
    if kind == "array":
        return [text]
    if kind == "object":
        return {}
    return text


def tool_arguments(parameters: Any, text: str) -> str:
    """A JSON object string filling each declared parameter from the user's text."""
    props = parameters.get("properties") if isinstance(parameters, dict) else None
    if isinstance(props, dict) and props:
        args = {name: _argument_value(prop, text) for name, prop in props.items()}
    else:
        args = {"input": text}
    return json.dumps(args, ensure_ascii=False)


def _chosen_tools(body: dict[str, Any]) -> list[dict[str, Any]]:
    tools = body.get("tools") or []
    choice = body.get("tool_choice", "auto")
    if not tools or choice == "none":
        return []
    if isinstance(choice, dict):
        wanted = (choice.get("function") or {}).get("name")
        named = [t for t in tools if t["function"].get("name") == wanted]
        return named[:1] or tools[:1]
    if choice != "required" and _trailing_tool_results(body["messages"]):
        return []  # the model has its tool results: it answers in text, as real models do
    return list(tools[:MAX_TOOL_CALLS])


def _stop_sequences(body: dict[str, Any]) -> list[str]:
    stop = body.get("stop")
    items = [stop] if isinstance(stop, str) else stop if isinstance(stop, list) else []
    return [s for s in items if isinstance(s, str) and s]


def _cut_at_stop(text: str, stops: Sequence[str]) -> str | None:
    """``text`` up to (not including) the earliest stop sequence in it, or None when none occurs."""
    cuts = [i for i in (text.find(s) for s in stops) if i != -1]
    return text[: min(cuts)] if cuts else None


def _formatted(body: dict[str, Any], text: str) -> str:
    """The text as ``response_format`` asks: plain, ``{"echo": text}``, or an instance of the schema."""
    fmt = body.get("response_format")
    if not isinstance(fmt, dict):
        return text
    kind = fmt.get("type")
    if kind == "json_object":
        return json.dumps({"echo": text}, ensure_ascii=False)
    if kind == "json_schema":
        schema = (fmt.get("json_schema") or {}).get("schema") or {"type": "object"}
        return json.dumps(schema_instance(schema, text), ensure_ascii=False)
    return text


def plan_reply(
    body: dict[str, Any],
    files: Sequence[FileReport],
    *,
    call_prefix: str,
    min_chars: int = 0,
    choice: int = 0,
) -> Reply:
    """Decide one choice's answer to a schema-valid request body; ``min_chars`` pads text for
    N-piece streams; choice ``i`` > 0 is told apart by a `` (i)`` suffix (and its own call ids)."""
    messages = body["messages"]
    user_text = _last_user_text(messages)
    prompt_tokens = sum(count_tokens(_message_text(m.get("content"))) for m in messages)
    prompt_tokens += sum(max(1, f.size // 1024) for f in files)
    tools = _chosen_tools(body)
    suffix = f" ({choice})" if choice else ""
    if tools:
        prefix = f"{call_prefix}_{choice}" if choice else call_prefix
        calls = tuple(
            ToolCall(
                id=f"{prefix}_{i}",
                name=t["function"]["name"],
                arguments=tool_arguments(t["function"].get("parameters"), user_text + suffix),
            )
            for i, t in enumerate(tools)
        )
        completion = sum(count_tokens(c.name) + count_tokens(c.arguments) for c in calls)
        return Reply(None, calls, "tool_calls", prompt_tokens, completion)
    results = _trailing_tool_results(messages)
    system = _system_text(messages)
    text = f"Echo (system: {system}): " if system else "Echo: "
    text += ("tool results: " + "; ".join(results)) if results else user_text
    text += "".join("\n" + f.line() for f in files) + suffix
    while len(text) < min_chars:
        text += _FILLER
    text = _formatted(body, text)
    finish = "stop"
    cut = _cut_at_stop(text, _stop_sequences(body))
    if cut is not None:
        text = cut  # a stop sequence ends the answer: finish_reason stays "stop"
    limit = _token_limit(body)
    if limit is not None and count_tokens(text) > limit:
        text, finish = _truncate(text, limit), "length"
    return Reply(text, (), finish, prompt_tokens, count_tokens(text))


def plan_replies(
    body: dict[str, Any], files: Sequence[FileReport], *, call_prefix: str, min_chars: int = 0
) -> list[Reply]:
    """One reply per requested choice (``n``, default 1; the caller has checked it is in range)."""
    n = body.get("n") or 1
    return [plan_reply(body, files, call_prefix=call_prefix, min_chars=min_chars, choice=i) for i in range(n)]
