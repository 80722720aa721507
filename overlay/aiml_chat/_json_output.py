"""The parsed JSON of an answer asked for with ``response_format`` (``json_object`` or ``json_schema``).

A content that is not JSON raises `JSONOutputError`, a ValueError rather than an
APIResponseValidationError: the response itself is what the spec promises (a string content);
what failed is the model's output, which no spec constrains, exactly as ``json.loads`` failing is a
ValueError. Catching APIError therefore keeps meaning "the call failed"; this is "the answer is
not the JSON you asked for", with the raw content kept to log, repair or retry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._response import _loads

if TYPE_CHECKING:
    import httpx2

    from aiml_api_client.models import ChatCompletion

__all__ = ["JSONOutputError", "StructuredOutputError", "parse_json"]

_PREVIEW = 200


def how_it_ended(finish: object) -> str:
    """The finish_reason of a choice whose content failed to parse, for the error message."""
    return f" (finish_reason {finish!r}{': cut at the token limit' if finish == 'length' else ''})"


def preview(content: str) -> str:
    """The start of a content that failed to parse, for the error message."""
    return content if len(content) <= _PREVIEW else content[:_PREVIEW] + "..."


class JSONOutputError(ValueError):
    """A choice's content is not JSON: ``content`` holds it as received (None when it has none)."""

    def __init__(self, message: str, *, content: str | None, choice: int, finish_reason: str | None) -> None:
        super().__init__(message)
        self.message = message
        self.content = content
        self.choice = choice
        self.finish_reason = finish_reason


class StructuredOutputError(JSONOutputError):
    """parse(): a choice's content is not JSON of the asked type.

    Besides `content`, `choice` and `finish_reason` ("length": cut at the token limit), `path`
    says where it stops fitting (`$.items[2].price`) and `response` is the HTTP response.
    """

    def __init__(
        self,
        message: str,
        *,
        content: str | None,
        choice: int,
        finish_reason: str | None,
        path: str,
        response: httpx2.Response | None = None,
    ) -> None:
        super().__init__(message, content=content, choice=choice, finish_reason=finish_reason)
        self.path = path
        self.response = response


def parse_json(completion: ChatCompletion, choice: int = 0) -> Any:
    """The JSON value in ``completion.choices[choice].message.content``.

    Raises `JSONOutputError` (naming the choice, why, and how the answer ended) when the content is
    missing or not JSON, and IndexError when there is no such choice.
    """
    choices = completion.choices
    if not 0 <= choice < len(choices):
        raise IndexError(f"choice {choice}: the completion has {len(choices)} choice(s)")
    picked = choices[choice]
    finish = None if picked.finish_reason is None else str(picked.finish_reason)
    ended = how_it_ended(finish)
    content = picked.message.content
    if not isinstance(content, str):
        raise JSONOutputError(
            f"choice {choice} has no text content to parse as JSON{ended}",
            content=None,
            choice=choice,
            finish_reason=finish,
        )
    try:
        return _loads(content)
    except ValueError as error:
        raise JSONOutputError(
            f"choice {choice}: the content is not JSON ({error}){ended}: {preview(content)!r}",
            content=content,
            choice=choice,
            finish_reason=finish,
        ) from error
