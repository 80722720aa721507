from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.tool_type import ToolType

if TYPE_CHECKING:
    from ..models.function_definition import FunctionDefinition


T = TypeVar("T", bound="Tool")


@_attrs_define
class Tool:
    """
    Attributes:
        type_ (ToolType): The type of the tool. Currently, only function is supported.
        function (FunctionDefinition):
    """

    type_: ToolType
    function: FunctionDefinition

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

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.function_definition import FunctionDefinition

        d = dict(src_dict)
        type_ = ToolType(d.pop("type"))

        function = FunctionDefinition.from_dict(d.pop("function"))

        tool = cls(
            type_=type_,
            function=function,
        )

        return tool
