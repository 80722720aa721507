from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.prediction_text_part_type import PredictionTextPartType

T = TypeVar("T", bound="PredictionTextPart")


@_attrs_define
class PredictionTextPart:
    """
    Attributes:
        type_ (PredictionTextPartType): The type of the content part.
        text (str): The text content.
    """

    type_: PredictionTextPartType
    text: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        text = self.text

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = PredictionTextPartType(d.pop("type"))

        text = d.pop("text")

        prediction_text_part = cls(
            type_=type_,
            text=text,
        )

        prediction_text_part.additional_properties = d
        return prediction_text_part

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
