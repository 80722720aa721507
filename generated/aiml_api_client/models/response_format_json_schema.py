from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.response_format_json_schema_type import ResponseFormatJsonSchemaType

if TYPE_CHECKING:
    from ..models.json_schema_format import JsonSchemaFormat


T = TypeVar("T", bound="ResponseFormatJsonSchema")


@_attrs_define
class ResponseFormatJsonSchema:
    """JSON Schema response format. Used to generate structured JSON responses.

    Attributes:
        type_ (ResponseFormatJsonSchemaType): The type of response format being defined. Always json_schema.
        json_schema (JsonSchemaFormat): JSON Schema response format. Used to generate structured JSON responses.
    """

    type_: ResponseFormatJsonSchemaType
    json_schema: JsonSchemaFormat

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

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.json_schema_format import JsonSchemaFormat

        d = dict(src_dict)
        type_ = ResponseFormatJsonSchemaType(d.pop("type"))

        json_schema = JsonSchemaFormat.from_dict(d.pop("json_schema"))

        response_format_json_schema = cls(
            type_=type_,
            json_schema=json_schema,
        )

        return response_format_json_schema
