from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..models.response_format_json_schema_type import ResponseFormatJsonSchemaType
from ..types import enum_member

T = TypeVar("T", bound="ResponseFormatJsonSchema")


class ResponseFormatJsonSchema:
    """JSON Schema response format. Used to generate structured JSON responses.

    Attributes:
        type_ (ResponseFormatJsonSchemaType): The type of response format being defined. Always json_schema.
        json_schema (JsonSchemaFormat): JSON Schema response format. Used to generate structured JSON responses.
    """

    type_: ResponseFormatJsonSchemaType
    json_schema: JsonSchemaFormat

    __slots__ = ("__weakref__", "json_schema", "type_")
    __match_args__ = (
        "type_",
        "json_schema",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self, type_: ResponseFormatJsonSchemaType, json_schema: JsonSchemaFormat
    ) -> None:
        self.type_ = type_
        self.json_schema = json_schema

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"type_={self.type_!r}"
            f", json_schema={self.json_schema!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, ResponseFormatJsonSchema
        ):
            return NotImplemented
        return (
            self.type_,
            self.json_schema,
        ) == (
            other.type_,
            other.json_schema,
        )

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        json_schema = self.json_schema.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "json_schema": json_schema,
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
            _ResponseFormatJsonSchemaType_BY_VALUE.get(_type_)
            if isinstance(_type_, str)
            else None
        ) or enum_member(
            _ResponseFormatJsonSchemaType_BY_VALUE, ResponseFormatJsonSchemaType, _type_
        )

        json_schema = JsonSchemaFormat.from_dict(d.pop("json_schema"))

        response_format_json_schema = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            type_,
            json_schema,
        )

        return response_format_json_schema

    @classmethod
    def from_json(cls, text: str | bytes | bytearray) -> Self:
        """The reverse of `to_json`: `from_dict` of the parsed JSON."""
        return cls.from_dict(json.loads(text))


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.json_schema_format import JsonSchemaFormat

_ResponseFormatJsonSchemaType_BY_VALUE: dict[str, ResponseFormatJsonSchemaType] = {
    member.value: member for member in ResponseFormatJsonSchemaType
}
