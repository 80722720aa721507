from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.choice_delta_tool_call_type import ChoiceDeltaToolCallType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.choice_delta_tool_call_function import ChoiceDeltaToolCallFunction


T = TypeVar("T", bound="ChoiceDeltaToolCall")


@_attrs_define
class ChoiceDeltaToolCall:
    """
    Attributes:
        index (int):
        id (str | Unset): The ID of the tool call.
        function (ChoiceDeltaToolCallFunction | Unset): The function that the model called.
        type_ (ChoiceDeltaToolCallType | Unset): The type of the tool.
    """

    index: int
    id: str | Unset = UNSET
    function: ChoiceDeltaToolCallFunction | Unset = UNSET
    type_: ChoiceDeltaToolCallType | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.choice_delta_tool_call_function import ChoiceDeltaToolCallFunction

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
            type_ = ChoiceDeltaToolCallType(_type_)

        choice_delta_tool_call = cls(
            index=index,
            id=id,
            function=function,
            type_=type_,
        )

        choice_delta_tool_call.additional_properties = d
        return choice_delta_tool_call

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
