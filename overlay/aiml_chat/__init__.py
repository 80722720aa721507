"""aiml-chat: a typed, resilient client for the AI/ML API chat-completions endpoint.

from aiml_chat import Client, user
client = Client()  # AIMLAPI_API_KEY
print(client.chat.completions.create(messages=[user("Hello")]).choices[0].message.content)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._client import AsyncClient, Client
from ._config import NOT_GIVEN, NotGiven
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    FileValidationError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    ValidationError,
)
from ._json_output import JSONOutputError, StructuredOutputError, parse_json
from ._messages import assistant, system, tool_result, user
from ._params import (
    AssistantMessageParam,
    MessageParam,
    SystemMessageParam,
    ToolMessageParam,
    UserMessageParam,
)
from ._raw_response import RawResponse
from ._streaming import AsyncStream, Stream
from ._version import __version__ as __version__

if TYPE_CHECKING:
    from aiml_api_client.models import ChatCompletion, ChatCompletionChunk

    from ._structured import (
        AsyncParsedStream,
        ParsedChatCompletion,
        ParsedChatCompletionMessage,
        ParsedChoice,
        ParsedStream,
    )


__all__ = [
    "NOT_GIVEN",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AssistantMessageParam",
    "AsyncClient",
    "AsyncParsedStream",
    "AsyncStream",
    "AuthenticationError",
    "BadRequestError",
    "ChatCompletion",
    "ChatCompletionChunk",
    "Client",
    "ConflictError",
    "FileValidationError",
    "InternalServerError",
    "JSONOutputError",
    "MessageParam",
    "NotFoundError",
    "NotGiven",
    "ParsedChatCompletion",
    "ParsedChatCompletionMessage",
    "ParsedChoice",
    "ParsedStream",
    "PermissionDeniedError",
    "RateLimitError",
    "RawResponse",
    "Stream",
    "StructuredOutputError",
    "SystemMessageParam",
    "ToolMessageParam",
    "UnprocessableEntityError",
    "UserMessageParam",
    "ValidationError",
    "assistant",
    "parse_json",
    "system",
    "tool_result",
    "user",
]


_STRUCTURED = frozenset(
    (
        "AsyncParsedStream",
        "ParsedChatCompletion",
        "ParsedChatCompletionMessage",
        "ParsedChoice",
        "ParsedStream",
    )
)


def __getattr__(name: str) -> Any:
    # The generated models load on first use: importing all of them costs more than httpx itself.
    if name in ("ChatCompletion", "ChatCompletionChunk"):
        from aiml_api_client import models

        return getattr(models, name)
    if name in _STRUCTURED:
        from . import _structured

        return getattr(_structured, name)
    raise AttributeError(f"module 'aiml_chat' has no attribute {name!r}")
