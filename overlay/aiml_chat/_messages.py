"""One-call constructors for the message shapes; the shapes themselves are generated (`_params`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._params import (
    AssistantMessageParam,
    AssistantToolCallParam,
    MessageParam,
    SystemMessageContentParam,
    SystemMessageParam,
    ToolMessageParam,
    UserMessageContentParam,
    UserMessageParam,
)

if TYPE_CHECKING:
    from .files import FileSource

__all__ = ["MessageParam", "assistant", "system", "tool_result", "user"]


def system(content: SystemMessageContentParam, *, name: str | None = None) -> SystemMessageParam:
    """The instructions the model follows for the whole conversation; put it first."""
    message: SystemMessageParam = {"role": "system", "content": content}
    if name is not None:
        message["name"] = name
    return message


def user(
    content: UserMessageContentParam,
    *,
    files: Sequence[FileSource | Mapping[str, Any]] = (),
    name: str | None = None,
) -> UserMessageParam:
    """A user message; `files` (PDFs and images: paths, bytes, binary file objects, image URLs, or
    ready-made parts) are attached as file or image parts, each picked by its content."""
    if files:
        from .files import attachment_parts

        parts: list[Any] = [{"type": "text", "text": content}] if isinstance(content, str) else list(content)
        parts.extend(attachment_parts(files))
        content = parts
    message: UserMessageParam = {"role": "user", "content": content}
    if name is not None:
        message["name"] = name
    return message


def assistant(
    content: str | None = None,
    *,
    tool_calls: Iterable[AssistantToolCallParam] | None = None,
    name: str | None = None,
) -> AssistantMessageParam:
    """An assistant turn to replay in the history (text, tool calls or both)."""
    message: AssistantMessageParam = {"role": "assistant"}
    if content is not None:
        message["content"] = content
    if tool_calls is not None:
        message["tool_calls"] = list(tool_calls)
    if name is not None:
        message["name"] = name
    return message


def tool_result(tool_call_id: str, content: str, *, name: str | None = None) -> ToolMessageParam:
    """The answer to one tool call, matched to it by `tool_call_id`."""
    message: ToolMessageParam = {"role": "tool", "content": content, "tool_call_id": tool_call_id}
    if name is not None:
        message["name"] = name
    return message
