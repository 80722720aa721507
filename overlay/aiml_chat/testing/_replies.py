"""Deterministic "model" output: what the local server answers, as plain data.

The reply is a pure function of the request so tests can predict it: ``Echo: <last user text>``,
one ``file <name>: <bytes> bytes sha256=<hex>`` line per uploaded file, or tool calls whose
arguments are derived from the tool's parameter schema and the user's text. Token counts are
word-ish (words and punctuation marks), close enough to real tokenizers for usage accounting.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

_TOKEN = re.compile(r"\w+|[^\w\s]")
_PIECE_BOUNDARY = re.compile(r"(?<=\s)(?=\S)")
_FILLER = " The quick brown fox jumps over the lazy dog."
MAX_TOOL_CALLS = 2


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


def plan_reply(
    body: dict[str, Any], files: Sequence[FileReport], *, call_prefix: str, min_chars: int = 0
) -> Reply:
    """Decide the answer to a schema-valid request body; ``min_chars`` pads text for N-piece streams."""
    messages = body["messages"]
    user_text = _last_user_text(messages)
    prompt_tokens = sum(count_tokens(_message_text(m.get("content"))) for m in messages)
    prompt_tokens += sum(max(1, f.size // 1024) for f in files)
    tools = _chosen_tools(body)
    if tools:
        calls = tuple(
            ToolCall(
                id=f"{call_prefix}_{i}",
                name=t["function"]["name"],
                arguments=tool_arguments(t["function"].get("parameters"), user_text),
            )
            for i, t in enumerate(tools)
        )
        completion = sum(count_tokens(c.name) + count_tokens(c.arguments) for c in calls)
        return Reply(None, calls, "tool_calls", prompt_tokens, completion)
    results = _trailing_tool_results(messages)
    text = "Echo: " + ("tool results: " + "; ".join(results) if results else user_text)
    text += "".join("\n" + f.line() for f in files)
    while len(text) < min_chars:
        text += _FILLER
    finish = "stop"
    limit = _token_limit(body)
    if limit is not None and count_tokens(text) > limit:
        text, finish = _truncate(text, limit), "length"
    return Reply(text, (), finish, prompt_tokens, count_tokens(text))


def split_text(text: str, pieces: int | None) -> list[str]:
    """Split into stream pieces whose concatenation is ``text``: word by word, or exactly ``pieces``."""
    if pieces is None:
        return [p for p in _PIECE_BOUNDARY.split(text) if p] or [text]
    pieces = max(1, min(pieces, len(text)))
    size, extra = divmod(len(text), pieces)
    out: list[str] = []
    start = 0
    for i in range(pieces):
        end = start + size + (1 if i < extra else 0)
        out.append(text[start:end])
        start = end
    return out


def _usage(reply: Reply, weird: bool) -> dict[str, Any]:
    usage: dict[str, Any] = {
        "prompt_tokens": reply.prompt_tokens,
        "completion_tokens": reply.completion_tokens,
        "total_tokens": reply.prompt_tokens + reply.completion_tokens,
    }
    if weird:
        usage |= {"completion_tokens_details": None, "prompt_tokens_details": None, "cost": 0.0000125}
    else:
        usage |= {
            "completion_tokens_details": {"reasoning_tokens": 0},
            "prompt_tokens_details": {"cached_tokens": 0},
        }
    return usage


def _weird_top(obj: dict[str, Any]) -> dict[str, Any]:
    return obj | {"provider": "Mock", "system_fingerprint": None, "service_tier": "on_demand"}


def completion(reply: Reply, *, id: str, created: int, model: str, weird: bool = False) -> dict[str, Any]:
    """A ``chat.completion`` object; with ``weird`` it carries what lenient clients must tolerate."""
    message: dict[str, Any] = {"role": "assistant", "content": reply.text, "refusal": None}
    if reply.tool_calls:
        message["tool_calls"] = [
            {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
            for c in reply.tool_calls
        ]
    choice: dict[str, Any] = {
        "index": 0,
        "message": message,
        "finish_reason": reply.finish_reason,
        "logprobs": None,
    }
    if weird:
        message |= {"reasoning_content": reply.reasoning, "annotations": None, "audio": None}
        message.setdefault("tool_calls", None)
        choice |= {"finish_reason": "error", "native_finish_reason": reply.finish_reason.upper()}
    out: dict[str, Any] = {
        "id": id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [choice],
        "usage": _usage(reply, weird),
    }
    return _weird_top(out) if weird else out


def stream_chunks(
    reply: Reply,
    *,
    id: str,
    created: int,
    model: str,
    pieces: int | None = None,
    include_usage: bool = False,
    weird: bool = False,
) -> Iterator[dict[str, Any]]:
    """``chat.completion.chunk`` objects as providers send them (role first, finish_reason last)."""
    base: dict[str, Any] = {"id": id, "object": "chat.completion.chunk", "created": created, "model": model}
    if weird:
        base = _weird_top(base) | {"usage": None}

    def chunk(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
        choice: dict[str, Any] = {"index": 0, "delta": delta, "finish_reason": finish, "logprobs": None}
        if weird and finish is not None:
            choice |= {"finish_reason": "error", "native_finish_reason": finish.upper()}
        return base | {"choices": [choice]}

    first = True
    if weird:
        yield chunk({"role": "assistant", "content": None, "reasoning_content": reply.reasoning})
        first = False
    if reply.tool_calls:
        for index, call in enumerate(reply.tool_calls):
            head: dict[str, Any] = {
                "tool_calls": [
                    {
                        "index": index,
                        "id": call.id,
                        "type": "function",
                        "function": {"name": call.name, "arguments": ""},
                    }
                ]
            }
            if first:
                head = {"role": "assistant", "content": None} | head
                first = False
            yield chunk(head)
            arg_pieces = split_text(call.arguments, pieces or max(1, min(4, len(call.arguments) // 8)))
            for piece in arg_pieces:
                yield chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
    else:
        for piece in split_text(reply.text or "", pieces):
            delta: dict[str, Any] = {"content": piece}
            if first:
                delta = {"role": "assistant"} | delta
                first = False
            yield chunk(delta)
    yield chunk({}, reply.finish_reason)
    if include_usage:
        yield base | {"choices": [], "usage": _usage(reply, weird)}
