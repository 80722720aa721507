from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..models.named_tool_choice_type import NamedToolChoiceType
from ..types import enum_member

T = TypeVar("T", bound="NamedToolChoice")


class NamedToolChoice:
    """Specifies a tool the model should use. Use to force the model to call a specific function.

    Attributes:
        type_ (NamedToolChoiceType): The type of the tool. Currently, only function is supported.
        function (NamedToolChoiceFunction):
    """

    type_: NamedToolChoiceType
    function: NamedToolChoiceFunction
    additional_properties: dict[str, Any]

    __slots__ = ("__weakref__", "additional_properties", "function", "type_")
    __match_args__ = (
        "type_",
        "function",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self, type_: NamedToolChoiceType, function: NamedToolChoiceFunction
    ) -> None:
        self.type_ = type_
        self.function = function
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"type_={self.type_!r}"
            f", function={self.function!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, NamedToolChoice
        ):
            return NotImplemented
        return (
            self.type_,
            self.function,
            self.additional_properties,
        ) == (
            other.type_,
            other.function,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        function = self.function.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "function": function,
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
            _NamedToolChoiceType_BY_VALUE.get(_type_)
            if isinstance(_type_, str)
            else None
        ) or enum_member(_NamedToolChoiceType_BY_VALUE, NamedToolChoiceType, _type_)

        function = NamedToolChoiceFunction.from_dict(d.pop("function"))

        named_tool_choice = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            type_,
            function,
        )

        named_tool_choice.additional_properties = d
        return named_tool_choice

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


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.named_tool_choice_function import NamedToolChoiceFunction

_NamedToolChoiceType_BY_VALUE: dict[str, NamedToolChoiceType] = {
    member.value: member for member in NamedToolChoiceType
}
