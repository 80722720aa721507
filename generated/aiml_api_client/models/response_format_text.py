from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..models.response_format_text_type import ResponseFormatTextType
from ..types import enum_member

T = TypeVar("T", bound="ResponseFormatText")


class ResponseFormatText:
    """Default response format. Used to generate text responses.

    Attributes:
        type_ (ResponseFormatTextType): The type of response format being defined. Always text.
    """

    type_: ResponseFormatTextType

    __slots__ = ("__weakref__", "type_")
    __match_args__ = ("type_",)
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(self, type_: ResponseFormatTextType) -> None:
        self.type_ = type_

    def __repr__(self) -> str:
        return f"{self.__class__.__qualname__}(type_={self.type_!r})"

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, ResponseFormatText
        ):
            return NotImplemented
        return (self.type_,) == (other.type_,)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _type_ = d.pop("type")
        type_ = (
            _ResponseFormatTextType_BY_VALUE.get(_type_)
            if isinstance(_type_, str)
            else None
        ) or enum_member(
            _ResponseFormatTextType_BY_VALUE, ResponseFormatTextType, _type_
        )

        response_format_text = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            type_,
        )

        return response_format_text

    @classmethod
    def from_json(cls, text: str | bytes | bytearray) -> Self:
        """The reverse of `to_json`: `from_dict` of the parsed JSON."""
        return cls.from_dict(json.loads(text))


_ResponseFormatTextType_BY_VALUE: dict[str, ResponseFormatTextType] = {
    member.value: member for member in ResponseFormatTextType
}
