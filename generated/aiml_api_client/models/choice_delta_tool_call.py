from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..models.choice_delta_tool_call_type import ChoiceDeltaToolCallType
from ..types import UNSET, Unset, enum_member

T = TypeVar("T", bound="ChoiceDeltaToolCall")


class ChoiceDeltaToolCall:
    """
    Attributes:
        index (int):
        id (str | Unset): The ID of the tool call.
        function (ChoiceDeltaToolCallFunction | Unset): The function that the model called.
        type_ (ChoiceDeltaToolCallType | Unset): The type of the tool.
    """

    index: int
    id: str | Unset
    function: ChoiceDeltaToolCallFunction | Unset
    type_: ChoiceDeltaToolCallType | Unset
    additional_properties: dict[str, Any]

    __slots__ = (
        "__weakref__",
        "additional_properties",
        "function",
        "id",
        "index",
        "type_",
    )
    __match_args__ = (
        "index",
        "id",
        "function",
        "type_",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        index: int,
        id: str | Unset = UNSET,
        function: ChoiceDeltaToolCallFunction | Unset = UNSET,
        type_: ChoiceDeltaToolCallType | Unset = UNSET,
    ) -> None:
        self.index = index
        self.id = id
        self.function = function
        self.type_ = type_
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"index={self.index!r}"
            f", id={self.id!r}"
            f", function={self.function!r}"
            f", type_={self.type_!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, ChoiceDeltaToolCall
        ):
            return NotImplemented
        return (
            self.index,
            self.id,
            self.function,
            self.type_,
            self.additional_properties,
        ) == (
            other.index,
            other.id,
            other.function,
            other.type_,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        id = self.id

        function: dict[str, Any] | Unset = UNSET
        if not isinstance(self.function, Unset):
            function = self.function.to_dict()

        type_: str | Unset = UNSET
        if not isinstance(self.type_, Unset):
            type_ = self.type_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "index": index,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id
        if function is not UNSET:
            field_dict["function"] = function
        if type_ is not UNSET:
            field_dict["type"] = type_

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        index = d.pop("index")

        id = d.pop("id", UNSET)

        _function = d.pop("function", UNSET)
        function: ChoiceDeltaToolCallFunction | Unset
        if isinstance(_function, Unset):
            function = UNSET
        else:
            function = ChoiceDeltaToolCallFunction.from_dict(_function)

        _type_ = d.pop("type", UNSET)
        type_: ChoiceDeltaToolCallType | Unset
        if isinstance(_type_, Unset):
            type_ = UNSET
        else:
            type_ = (
                _ChoiceDeltaToolCallType_BY_VALUE.get(_type_)
                if isinstance(_type_, str)
                else None
            ) or enum_member(
                _ChoiceDeltaToolCallType_BY_VALUE, ChoiceDeltaToolCallType, _type_
            )

        choice_delta_tool_call = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            index,
            id,
            function,
            type_,
        )

        choice_delta_tool_call.additional_properties = d
        return choice_delta_tool_call

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
from ..models.choice_delta_tool_call_function import ChoiceDeltaToolCallFunction

_ChoiceDeltaToolCallType_BY_VALUE: dict[str, ChoiceDeltaToolCallType] = {
    member.value: member for member in ChoiceDeltaToolCallType
}
