from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..models.assistant_tool_call_type import AssistantToolCallType
from ..types import enum_member

T = TypeVar("T", bound="AssistantToolCall")


class AssistantToolCall:
    """
    Attributes:
        id (str): The ID of the tool call.
        type_ (AssistantToolCallType): The type of the tool. Currently, only function is supported.
        function (AssistantToolCallFunction): The function that the model called.
    """

    id: str
    type_: AssistantToolCallType
    function: AssistantToolCallFunction
    additional_properties: dict[str, Any]

    __slots__ = ("__weakref__", "additional_properties", "function", "id", "type_")
    __match_args__ = (
        "id",
        "type_",
        "function",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self, id: str, type_: AssistantToolCallType, function: AssistantToolCallFunction
    ) -> None:
        self.id = id
        self.type_ = type_
        self.function = function
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"id={self.id!r}"
            f", type_={self.type_!r}"
            f", function={self.function!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, AssistantToolCall
        ):
            return NotImplemented
        return (
            self.id,
            self.type_,
            self.function,
            self.additional_properties,
        ) == (
            other.id,
            other.type_,
            other.function,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_.value

        function = self.function.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
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
        id = d.pop("id")

        _type_ = d.pop("type")
        type_ = (
            _AssistantToolCallType_BY_VALUE.get(_type_)
            if isinstance(_type_, str)
            else None
        ) or enum_member(_AssistantToolCallType_BY_VALUE, AssistantToolCallType, _type_)

        function = AssistantToolCallFunction.from_dict(d.pop("function"))

        assistant_tool_call = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            id,
            type_,
            function,
        )

        assistant_tool_call.additional_properties = d
        return assistant_tool_call

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
from ..models.assistant_tool_call_function import AssistantToolCallFunction

_AssistantToolCallType_BY_VALUE: dict[str, AssistantToolCallType] = {
    member.value: member for member in AssistantToolCallType
}
