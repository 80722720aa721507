from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.response_format_text_type import ResponseFormatTextType

T = TypeVar("T", bound="ResponseFormatText")


@_attrs_define
class ResponseFormatText:
    """Default response format. Used to generate text responses.

    Attributes:
        type_ (ResponseFormatTextType): The type of response format being defined. Always text.
    """

    type_: ResponseFormatTextType

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
        type_ = ResponseFormatTextType(d.pop("type"))

        response_format_text = cls(
            type_=type_,
        )

        return response_format_text
