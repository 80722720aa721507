from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.assistant_tool_call_type import AssistantToolCallType

if TYPE_CHECKING:
    from ..models.assistant_tool_call_function import AssistantToolCallFunction


T = TypeVar("T", bound="AssistantToolCall")


@_attrs_define
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
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.assistant_tool_call_function import AssistantToolCallFunction

        d = dict(src_dict)
        id = d.pop("id")

        type_ = AssistantToolCallType(d.pop("type"))

        function = AssistantToolCallFunction.from_dict(d.pop("function"))

        assistant_tool_call = cls(
            id=id,
            type_=type_,
            function=function,
        )

        assistant_tool_call.additional_properties = d
        return assistant_tool_call

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
