from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..models.tool_type import ToolType
from ..types import enum_member

T = TypeVar("T", bound="Tool")


class Tool:
    """
    Attributes:
        type_ (ToolType): The type of the tool. Currently, only function is supported.
        function (FunctionDefinition):
    """

    type_: ToolType
    function: FunctionDefinition

    __slots__ = ("__weakref__", "function", "type_")
    __match_args__ = (
        "type_",
        "function",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(self, type_: ToolType, function: FunctionDefinition) -> None:
        self.type_ = type_
        self.function = function

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"type_={self.type_!r}"
            f", function={self.function!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Tool):
            return NotImplemented
        return (
            self.type_,
            self.function,
        ) == (
            other.type_,
            other.function,
        )

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        function = self.function.to_dict()

        field_dict: dict[str, Any] = {}

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
            _ToolType_BY_VALUE.get(_type_) if isinstance(_type_, str) else None
        ) or enum_member(_ToolType_BY_VALUE, ToolType, _type_)

        function = FunctionDefinition.from_dict(d.pop("function"))

        tool = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            type_,
            function,
        )

        return tool

    @classmethod
    def from_json(cls, text: str | bytes | bytearray) -> Self:
        """The reverse of `to_json`: `from_dict` of the parsed JSON."""
        return cls.from_dict(json.loads(text))


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.function_definition import FunctionDefinition

_ToolType_BY_VALUE: dict[str, ToolType] = {member.value: member for member in ToolType}
