from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.response_format_json_object_type import ResponseFormatJsonObjectType

T = TypeVar("T", bound="ResponseFormatJsonObject")


@_attrs_define
class ResponseFormatJsonObject:
    """An older method of generating JSON responses. Using json_schema is recommended for models that support it. Note that
    the model will not generate JSON without a system or user message instructing it to do so.

        Attributes:
            type_ (ResponseFormatJsonObjectType): The type of response format being defined. Always json_object.
    """

    type_: ResponseFormatJsonObjectType

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = ResponseFormatJsonObjectType(d.pop("type"))

        response_format_json_object = cls(
            type_=type_,
        )

        return response_format_json_object
