from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.system_text_part_type import SystemTextPartType
from ..types import enum_member

T = TypeVar("T", bound="SystemTextPart")


@_attrs_define
class SystemTextPart:
    """
    Attributes:
        type_ (SystemTextPartType): The type of the content part.
        text (str): The text content.
    """

    type_: SystemTextPartType
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

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _type_ = d.pop("type")
        type_ = (
            _SystemTextPartType_BY_VALUE.get(_type_)
            if isinstance(_type_, str)
            else None
        ) or enum_member(_SystemTextPartType_BY_VALUE, SystemTextPartType, _type_)

        text = d.pop("text")

        system_text_part = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            type_,
            text,
        )

        system_text_part.additional_properties = d
        return system_text_part

    @classmethod
    def from_json(cls, text: str | bytes | bytearray) -> Self:
        """The reverse of `to_json`: `from_dict` of the parsed JSON."""
        return cls.from_dict(json.loads(text))

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


_SystemTextPartType_BY_VALUE: dict[str, SystemTextPartType] = {
    member.value: member for member in SystemTextPartType
}
