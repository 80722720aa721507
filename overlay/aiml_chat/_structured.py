"""Typed structured output: `chat.completions.parse(messages=..., response_format=SomeType)`.

The JSON schema of `SomeType` (a dataclass, attrs class, TypedDict or pydantic model; see
`_schema.py`) goes out as `response_format={"type": "json_schema", ...}` through create()'s own
machinery, and each choice's content comes back as `choices[i].message.parsed`, an instance of
`SomeType`. The completion classes below are the generated ones with `parsed` added, so
everything else (fields, to_dict) is unchanged. Imported on the first parse(): it loads the
generated models.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from aiml_api_client.models import ChatCompletion, ChatCompletionChunk, ChatCompletionMessage, Choice

from ._json_output import StructuredOutputError, how_it_ended, preview
from ._response import _loads
from ._schema import Mismatch, build, schema_for
from ._streaming import AsyncStream, Stream

if TYPE_CHECKING:
    from ._base_client import _BaseClient
    from ._raw_response import RawResponse
    from ._redact import Redactor
    from ._request import PreparedCall

__all__ = [
    "AsyncParsedStream",
    "ParsedChatCompletion",
    "ParsedChatCompletionMessage",
    "ParsedChoice",
    "ParsedStream",
]

_T = TypeVar("_T")
_AnyT = TypeVar("_AnyT")


class ParsedChatCompletionMessage(ChatCompletionMessage, Generic[_T]):
    """A message whose content was read as the asked type: `parsed` (None without content)."""

    parsed: _T | None

    def __repr__(self) -> str:
        return f"{super().__repr__()[:-1]}, parsed={self.parsed!r})"


class ParsedChoice(Choice, Generic[_T]):
    message: ParsedChatCompletionMessage[_T]


class ParsedChatCompletion(ChatCompletion, Generic[_T]):
    """A ChatCompletion whose choices carry `message.parsed`; `to_dict()` is still the wire JSON."""

    choices: list[ParsedChoice[_T]]  # type: ignore[assignment]  # the generated list, narrowed


class Target(Generic[_T]):
    """What parse() asks for: the type, its schema as a response_format, and how to read it back."""

    def __init__(self, tp: type[_T]) -> None:
        self.type = tp
        self.response_format: dict[str, Any] = {
            "type": "json_schema",
            "json_schema": {"name": _name(tp), "schema": schema_for(tp), "strict": True},
        }


_targets: weakref.WeakKeyDictionary[type[Any], Target[Any]] = weakref.WeakKeyDictionary()


def target(tp: type[Any]) -> Target[Any]:
    """One schema per type, derived once (a type's fields do not change between calls)."""
    wanted = _targets.get(tp)
    if wanted is None:
        wanted = _targets[tp] = Target(tp)
    return wanted


def _name(tp: type) -> str:
    """The spec's name rule: a-z, A-Z, 0-9, _ and -, at most 64."""
    return re.sub(r"[^a-zA-Z0-9_-]", "_", getattr(tp, "__name__", "response"))[:64] or "response"


def prepare(
    client: _BaseClient,
    messages: Any,
    stream: Any,
    params: Mapping[str, Any],
    response_format: type[Any],
) -> tuple[PreparedCall, Target[Any]]:
    """The call parse() makes: create()'s, with the response_format derived from the type."""
    if not isinstance(response_format, type):
        raise TypeError(f"parse(): response_format must be a class, got {response_format!r}")
    wanted = target(response_format)
    call = client._prepare(messages, stream, {**params, "response_format": wanted.response_format})
    return call, wanted


def finish(raw: RawResponse[Any], wanted: Target[Any], redactor: Redactor) -> Any:
    """The answer of a parse() call: a ParsedChatCompletion, or a stream that gives one at the end."""
    result = raw.parse()
    if isinstance(result, Stream):
        return ParsedStream(result, wanted)
    if isinstance(result, AsyncStream):
        return AsyncParsedStream(result, wanted)
    return parsed_completion(result, wanted, raw.http_response, redactor)


def _promote(value: Any, cls: type[_AnyT]) -> _AnyT:
    """The same generated object as an instance of its Parsed subclass (fields shared, not copied)."""
    promoted = cls.__new__(cls)
    for name in type(value).__slots__:
        if name != "__weakref__":
            setattr(promoted, name, getattr(value, name))
    return promoted


def parsed_completion(
    completion: ChatCompletion, wanted: Target[_T], response: Any, redactor: Redactor
) -> ParsedChatCompletion[_T]:
    parsed: ParsedChatCompletion[_T] = _promote(completion, ParsedChatCompletion)
    choices: list[ParsedChoice[_T]] = []
    for index, choice in enumerate(completion.choices):
        new: ParsedChoice[_T] = _promote(choice, ParsedChoice)
        new.message = _promote(choice.message, ParsedChatCompletionMessage)
        try:
            new.message.parsed = _read(new, index, wanted, response)
        except StructuredOutputError as error:
            redactor.error(error)
            error.content = redactor.value(error.content)
            raise
        choices.append(new)
    parsed.choices = choices
    return parsed


def _read(choice: Choice, index: int, wanted: Target[_T], response: Any) -> _T | None:
    content = choice.message.content
    if content is None:
        return None  # a refusal or tool calls: nothing to read
    finish = None if choice.finish_reason is None else str(choice.finish_reason)
    ended = how_it_ended(finish)
    path = "$"
    try:
        try:
            value = _loads(content)
        except ValueError as error:
            raise Mismatch("$", f"not JSON ({error})") from None
        return build(wanted.type, value)  # type: ignore[no-any-return]
    except Mismatch as mismatch:
        path = mismatch.path
        problem = mismatch.problem
    raise StructuredOutputError(
        f"choice {index}: the content is not a {wanted.type.__name__} "
        f"at {path}: {problem}{ended}: {preview(content)!r}",
        content=content,
        choice=index,
        path=path,
        finish_reason=finish,
        response=response,
    )


class ParsedStream(Generic[_T]):
    """The chunks of a parse(stream=True) call; get_final_completion() gives the parsed form."""

    def __init__(self, stream: Stream[ChatCompletionChunk], wanted: Target[_T]) -> None:
        self._stream = stream
        self._wanted = wanted
        self.response = stream.response

    def __iter__(self) -> Iterator[ChatCompletionChunk]:
        return iter(self._stream)

    def text(self) -> Iterator[str]:
        return self._stream.text()

    def get_final_completion(self) -> ParsedChatCompletion[_T]:
        completion = self._stream.get_final_completion()
        return parsed_completion(completion, self._wanted, self.response, self._stream._redactor)

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> ParsedStream[_T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncParsedStream(Generic[_T]):
    """The async twin of ParsedStream."""

    def __init__(self, stream: AsyncStream[ChatCompletionChunk], wanted: Target[_T]) -> None:
        self._stream = stream
        self._wanted = wanted
        self.response = stream.response

    def __aiter__(self) -> AsyncIterator[ChatCompletionChunk]:
        return self._stream.__aiter__()

    def text(self) -> AsyncIterator[str]:
        return self._stream.text()

    async def get_final_completion(self) -> ParsedChatCompletion[_T]:
        completion = await self._stream.get_final_completion()
        return parsed_completion(completion, self._wanted, self.response, self._stream._redactor)

    async def close(self) -> None:
        await self._stream.close()

    async def __aenter__(self) -> AsyncParsedStream[_T]:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()
