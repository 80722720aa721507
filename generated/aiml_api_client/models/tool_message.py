from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.tool_message_role import ToolMessageRole
from ..types import UNSET, Unset

T = TypeVar("T", bound="ToolMessage")


@_attrs_define
class ToolMessage:
    """
    Attributes:
        role (ToolMessageRole): The role of the author of the message — in this case, the tool.
        content (str): The contents of the tool message.
        tool_call_id (str): Tool call that this message is responding to.
        name (None | str | Unset): An optional name for the participant. Provides the model information to differentiate
            between participants of the same role.
    """

    role: ToolMessageRole
    content: str
    tool_call_id: str
    name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        content = self.content

        tool_call_id = self.tool_call_id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
                "content": content,
                "tool_call_id": tool_call_id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        role = ToolMessageRole(d.pop("role"))

        content = d.pop("content")

        tool_call_id = d.pop("tool_call_id")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        tool_message = cls(
            role=role,
            content=content,
            tool_call_id=tool_call_id,
            name=name,
        )

        return tool_message
