from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..models.assistant_text_part_type import AssistantTextPartType
from ..types import enum_member

T = TypeVar("T", bound="AssistantTextPart")


class AssistantTextPart:
    """
    Attributes:
        type_ (AssistantTextPartType): The type of the content part.
        text (str): The text content.
    """

    type_: AssistantTextPartType
    text: str
    additional_properties: dict[str, Any]

    __slots__ = ("__weakref__", "additional_properties", "text", "type_")
    __match_args__ = (
        "type_",
        "text",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(self, type_: AssistantTextPartType, text: str) -> None:
        self.type_ = type_
        self.text = text
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"type_={self.type_!r}"
            f", text={self.text!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, AssistantTextPart
        ):
            return NotImplemented
        return (
            self.type_,
            self.text,
            self.additional_properties,
        ) == (
            other.type_,
            other.text,
            other.additional_properties,
        )

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
            _AssistantTextPartType_BY_VALUE.get(_type_)
            if isinstance(_type_, str)
            else None
        ) or enum_member(_AssistantTextPartType_BY_VALUE, AssistantTextPartType, _type_)

        text = d.pop("text")

        assistant_text_part = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            type_,
            text,
        )

        assistant_text_part.additional_properties = d
        return assistant_text_part

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


_AssistantTextPartType_BY_VALUE: dict[str, AssistantTextPartType] = {
    member.value: member for member in AssistantTextPartType
}
