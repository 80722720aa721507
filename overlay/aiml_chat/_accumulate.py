"""The whole answer of a stream, built up as its typed chunks go by (get_final_completion()).

Only what the answer needs is kept: the last id/created/model/usage seen, and per choice its
role, finish_reason and the text and tool-call pieces (joined once, at the end). Memory grows
with the answer, not with the number of chunks or their other fields. Reading attributes of the
typed chunk (slots) costs a fraction of looking the same keys up in the JSON dicts.
Imported on the first stream, with the generated models it reads.
"""

from __future__ import annotations

from typing import Any

from aiml_api_client.models import ChatCompletion, ChatCompletionChunk, ChunkUsage
from aiml_api_client.types import UNSET


class _Choice:
    __slots__ = ("finish", "refusal", "role", "text", "tools")

    def __init__(self) -> None:
        self.role: Any = "assistant"
        self.text: list[str] = []
        self.refusal: list[str] = []
        self.tools: dict[Any, _ToolCall] = {}
        self.finish: Any = None


class _ToolCall:
    __slots__ = ("args", "id", "name", "type")

    def __init__(self) -> None:
        self.id: Any = None
        self.type: Any = "function"
        self.name: list[str] = []
        self.args: list[str] = []


class Accumulator:
    """Folds chunks into one answer; `finished` once a choice carried a finish_reason."""

    __slots__ = ("choices", "created", "finished", "id", "last", "model", "usage")

    def __init__(self) -> None:
        self.last: ChatCompletionChunk | None = None  # its other fields go into the answer as they are
        self.id: Any = None
        self.created: Any = None
        self.model: Any = None
        self.usage: Any = None
        self.choices: dict[Any, _Choice] = {}
        self.finished = False

    def add(self, chunk: ChatCompletionChunk) -> None:
        """Fold one chunk in. Last non-null head fields win; empty pieces add nothing."""
        self.last = chunk
        if chunk.id is not None:
            self.id = chunk.id
        if chunk.created is not None:
            self.created = chunk.created
        if chunk.model is not None:
            self.model = chunk.model
        usage = chunk.usage
        if usage is not None and usage is not UNSET:
            self.usage = usage
        for choice in chunk.choices:
            acc = self.choices.get(choice.index)
            if acc is None:
                acc = self.choices[choice.index] = _Choice()
            delta = choice.delta
            if delta:  # a ChoiceDelta; None/UNSET when absent
                if delta.role:
                    acc.role = str(delta.role)  # a plain str, as a JSON answer's message gives
                if delta.content:
                    acc.text.append(delta.content)
                if delta.refusal:
                    acc.refusal.append(delta.refusal)
                if delta.tool_calls:
                    for call in delta.tool_calls:
                        _add_call(acc.tools, call)
            if choice.finish_reason is not None:
                acc.finish = choice.finish_reason
                self.finished = True

    def completion(self) -> ChatCompletion:
        """The answer so far as a ChatCompletion (content "" rather than null without tool calls)."""
        choices = []
        for index in sorted(self.choices):
            acc = self.choices[index]
            message: dict[str, Any] = {"role": acc.role, "content": "".join(acc.text) or None}
            if acc.refusal:
                message["refusal"] = "".join(acc.refusal)
            if acc.tools:
                message["tool_calls"] = [
                    {
                        "id": slot.id,
                        "type": slot.type,
                        "function": {"name": "".join(slot.name), "arguments": "".join(slot.args)},
                    }
                    for _, slot in sorted(acc.tools.items())
                ]
            elif message["content"] is None and not acc.refusal:  # a refusal keeps null, as JSON gives
                message["content"] = ""
            choices.append({"index": index, "message": message, "finish_reason": acc.finish})
        # The fields the chunks carry besides the answer (system_fingerprint, service_tier, a
        # provider's own keys), from the last chunk, as a JSON answer would carry them.
        data: dict[str, Any] = {} if self.last is None else self.last.to_dict()
        for key in ("choices", "object", "usage"):
            data.pop(key, None)
        data |= {
            "id": "" if self.id is None else self.id,
            "object": "chat.completion",
            "created": 0 if self.created is None else self.created,
            "model": "" if self.model is None else self.model,
            "choices": choices,
        }
        if self.usage is not None:
            data["usage"] = self.usage.to_dict() if isinstance(self.usage, ChunkUsage) else self.usage
        return ChatCompletion.from_dict(data)


def _add_call(tools: dict[Any, _ToolCall], call: Any) -> None:
    """One tool-call delta: a ChoiceDeltaToolCall, or the raw dict the tolerant model kept."""
    if isinstance(call, dict):  # the list did not fit the model (an index missing, say)
        function = call.get("function") or {}
        index, id_, type_ = call.get("index", 0), call.get("id"), call.get("type")
        name, arguments = function.get("name"), function.get("arguments")
    else:
        function = call.function
        index, id_, type_ = call.index, call.id, call.type_
        name, arguments = (function.name, function.arguments) if function else (None, None)
    slot = tools.get(index)
    if slot is None:
        slot = tools[index] = _ToolCall()
    if id_:
        slot.id = id_
    if type_:
        slot.type = type_
    if name:
        slot.name.append(name)
    if arguments:
        slot.args.append(arguments)
