from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.custom_tool_call_type import CustomToolCallType

if TYPE_CHECKING:
    from ..models.custom_tool import CustomTool


T = TypeVar("T", bound="CustomToolCall")


@_attrs_define
class CustomToolCall:
    """
    Attributes:
        id (str): The ID of the tool call.
        type_ (CustomToolCallType): The type of the tool.
        custom (CustomTool): The custom tool that the model called.
    """

    id: str
    type_: CustomToolCallType
    custom: CustomTool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_ = self.type_.value

        custom = self.custom.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "custom": custom,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.custom_tool import CustomTool

        d = dict(src_dict)
        id = d.pop("id")

        type_ = CustomToolCallType(d.pop("type"))

        custom = CustomTool.from_dict(d.pop("custom"))

        custom_tool_call = cls(
            id=id,
            type_=type_,
            custom=custom,
        )

        custom_tool_call.additional_properties = d
        return custom_tool_call

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
