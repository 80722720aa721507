"""The replies (``_replies``) as the API shapes them: ``chat.completion`` objects with ``usage`` and
``meta`` (credits and USD derived from the token counts), and ``chat.completion.chunk`` streams.

With ``weird`` they carry what lenient clients must tolerate (provider extras, null details,
``finish_reason: "error"``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from aiml_chat.testing._replies import Reply

_PIECE_BOUNDARY = re.compile(r"(?<=\s)(?=\S)")
USD_PER_CREDIT = 0.0000021  # the local server's made-up price of a token


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


def _usage(replies: Sequence[Reply], weird: bool) -> dict[str, Any]:
    prompt = replies[0].prompt_tokens if replies else 0  # the prompt is read once for all choices
    completion = sum(r.completion_tokens for r in replies)
    usage: dict[str, Any] = {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
    }
    if weird:
        usage |= {"completion_tokens_details": None, "prompt_tokens_details": None, "cost": 0.0000125}
    else:
        usage |= {
            "completion_tokens_details": {"reasoning_tokens": 0},
            "prompt_tokens_details": {"cached_tokens": 0},
        }
    return usage


def meta(replies: Sequence[Reply]) -> dict[str, Any]:
    """What the call cost, as the API reports it on JSON answers: a credit per token, priced."""
    credits = _usage(replies, False)["total_tokens"]
    return {"usage": {"credits_used": credits, "usd_spent": round(credits * USD_PER_CREDIT, 10)}}


def _weird_top(obj: dict[str, Any]) -> dict[str, Any]:
    return obj | {"provider": "Mock", "system_fingerprint": None, "service_tier": "on_demand"}


def _choice(reply: Reply, index: int, weird: bool) -> dict[str, Any]:
    message: dict[str, Any] = {"role": "assistant", "content": reply.text, "refusal": None}
    if reply.tool_calls:
        message["tool_calls"] = [
            {"id": c.id, "type": "function", "function": {"name": c.name, "arguments": c.arguments}}
            for c in reply.tool_calls
        ]
    choice: dict[str, Any] = {
        "index": index,
        "message": message,
        "finish_reason": reply.finish_reason,
        "logprobs": None,
    }
    if weird:
        message |= {"reasoning_content": reply.reasoning, "annotations": None, "audio": None}
        message.setdefault("tool_calls", None)
        choice |= {"finish_reason": "error", "native_finish_reason": reply.finish_reason.upper()}
    return choice


def completion(
    replies: Sequence[Reply], *, id: str, created: int, model: str, weird: bool = False
) -> dict[str, Any]:
    """A ``chat.completion`` object, one choice per reply, with ``meta``; with ``weird`` it carries
    what lenient clients must tolerate (``meta`` is then null, as the spec allows)."""
    out: dict[str, Any] = {
        "id": id,
        "object": "chat.completion",
        "created": created,
        "model": model,
        "choices": [_choice(reply, i, weird) for i, reply in enumerate(replies)],
        "usage": _usage(replies, weird),
        "meta": None if weird else meta(replies),
    }
    return _weird_top(out) if weird else out


def _deltas(reply: Reply, pieces: int | None, weird: bool) -> Iterator[tuple[dict[str, Any], str | None]]:
    """One choice's (delta, finish_reason) pairs as providers send them (role first, finish last)."""
    first = True
    if weird:
        yield {"role": "assistant", "content": None, "reasoning_content": reply.reasoning}, None
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
            yield head, None
            arg_pieces = split_text(call.arguments, pieces or max(1, min(4, len(call.arguments) // 8)))
            for piece in arg_pieces:
                yield {"tool_calls": [{"index": index, "function": {"arguments": piece}}]}, None
    else:
        for piece in split_text(reply.text or "", pieces):
            delta: dict[str, Any] = {"content": piece}
            if first:
                delta = {"role": "assistant"} | delta
                first = False
            yield delta, None
    yield {}, reply.finish_reason


def stream_chunks(
    replies: Sequence[Reply],
    *,
    id: str,
    created: int,
    model: str,
    pieces: int | None = None,
    include_usage: bool = False,
    weird: bool = False,
) -> Iterator[dict[str, Any]]:
    """``chat.completion.chunk`` objects, one choice each; several choices take turns by ``index``
    (round robin), so clients must keep them apart. No ``meta``: streams do not carry it."""
    base: dict[str, Any] = {"id": id, "object": "chat.completion.chunk", "created": created, "model": model}
    if weird:
        base = _weird_top(base) | {"usage": None}

    def chunk(index: int, delta: dict[str, Any], finish: str | None) -> dict[str, Any]:
        choice: dict[str, Any] = {"index": index, "delta": delta, "finish_reason": finish, "logprobs": None}
        if weird and finish is not None:
            choice |= {"finish_reason": "error", "native_finish_reason": finish.upper()}
        return base | {"choices": [choice]}

    streams = [(i, _deltas(reply, pieces, weird)) for i, reply in enumerate(replies)]
    while streams:
        for index, deltas in list(streams):
            step = next(deltas, None)
            if step is None:
                streams.remove((index, deltas))
            else:
                yield chunk(index, *step)
    if include_usage:
        yield base | {"choices": [], "usage": _usage(replies, weird)}
