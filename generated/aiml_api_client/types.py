"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from enum import Enum
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx2.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


class File:
    """Contains information for file uploads"""

    __slots__ = ("__weakref__", "file_name", "mime_type", "payload")
    __match_args__ = ("payload", "file_name", "mime_type")
    __hash__ = None  # type: ignore[assignment]

    payload: BinaryIO
    file_name: str | None
    mime_type: str | None

    def __init__(
        self,
        payload: BinaryIO,
        file_name: str | None = None,
        mime_type: str | None = None,
    ) -> None:
        self.payload = payload
        self.file_name = file_name
        self.mime_type = mime_type

    def __repr__(self) -> str:
        return f"File(payload={self.payload!r}, file_name={self.file_name!r}, mime_type={self.mime_type!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, File):
            return NotImplemented
        return (self.payload, self.file_name, self.mime_type) == (
            other.payload,
            other.file_name,
            other.mime_type,
        )

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


class Response(Generic[T]):
    """A response from an endpoint"""

    __slots__ = ("__weakref__", "content", "headers", "parsed", "status_code")
    __match_args__ = ("status_code", "content", "headers", "parsed")
    __hash__ = None  # type: ignore[assignment]

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None

    def __init__(
        self,
        status_code: HTTPStatus,
        content: bytes,
        headers: MutableMapping[str, str],
        parsed: T | None,
    ) -> None:
        self.status_code = status_code
        self.content = content
        self.headers = headers
        self.parsed = parsed

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}(status_code={self.status_code!r}, content={self.content!r}, "
            f"headers={self.headers!r}, parsed={self.parsed!r})"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Response):
            return NotImplemented
        return (self.status_code, self.content, self.headers, self.parsed) == (
            other.status_code,
            other.content,
            other.headers,
            other.parsed,
        )


E = TypeVar("E", bound=Enum)

# How many values a model's enum table holds at most: the spec's own plus the first few it lacks.
ENUM_TABLE_LIMIT = 64


def enum_member(table: dict[Any, E], enum: type[E], value: Any) -> E:
    """`enum(value)` for a value the model's table (value -> member, read first) lacks.

    A value the spec does not list becomes a member of its own (str_enum.py.jinja) and joins the
    table, so a provider's new value, repeated in every chunk, costs a dict lookup after the first.
    Bounded: a server inventing a new value per chunk cannot grow it without end.
    """
    member = enum(value)
    if len(table) < ENUM_TABLE_LIMIT:
        table[value] = member
    return member


__all__ = ["UNSET", "File", "FileTypes", "RequestFiles", "Response", "Unset"]
