"""Message shapes as TypedDicts (what the spec accepts) and one-call constructors for them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

if TYPE_CHECKING:
    from .files import FileSource


class TextPartParam(TypedDict):
    type: Literal["text"]
    text: str


class FileParam(TypedDict, total=False):
    filename: str
    file_data: Any  # base64 or data URL string, or aiml_chat.files.FileData for streamed uploads


class FilePartParam(TypedDict):
    type: Literal["file"]
    file: FileParam


class RefusalPartParam(TypedDict):
    type: Literal["refusal"]
    refusal: str


class UserMessageParam(TypedDict):
    role: Literal["user"]
    content: str | list[TextPartParam | FilePartParam]
    name: NotRequired[str]


class ToolCallFunctionParam(TypedDict):
    name: str
    arguments: str


class ToolCallParam(TypedDict):
    id: str
    type: Literal["function"]
    function: ToolCallFunctionParam


class AssistantMessageParam(TypedDict):
    role: Literal["assistant"]
    content: NotRequired[str | list[TextPartParam | RefusalPartParam] | None]
    name: NotRequired[str]
    tool_calls: NotRequired[list[ToolCallParam]]
    refusal: NotRequired[str | None]


class ToolMessageParam(TypedDict):
    role: Literal["tool"]
    content: str
    tool_call_id: str
    name: NotRequired[str | None]


MessageParam = UserMessageParam | AssistantMessageParam | ToolMessageParam


def user(
    content: str | list[TextPartParam | FilePartParam],
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
    tool_calls: Iterable[ToolCallParam] | None = None,
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
