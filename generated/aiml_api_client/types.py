"""Contains some shared types for properties"""

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass
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


@dataclass
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@dataclass
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


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
