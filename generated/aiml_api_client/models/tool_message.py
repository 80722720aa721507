from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..models.tool_message_role import ToolMessageRole
from ..types import UNSET, Unset, enum_member

T = TypeVar("T", bound="ToolMessage")


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
    name: None | str | Unset

    __slots__ = ("__weakref__", "content", "name", "role", "tool_call_id")
    __match_args__ = (
        "role",
        "content",
        "tool_call_id",
        "name",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        role: ToolMessageRole,
        content: str,
        tool_call_id: str,
        name: None | str | Unset = UNSET,
    ) -> None:
        self.role = role
        self.content = content
        self.tool_call_id = tool_call_id
        self.name = name

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"role={self.role!r}"
            f", content={self.content!r}"
            f", tool_call_id={self.tool_call_id!r}"
            f", name={self.name!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, ToolMessage):
            return NotImplemented
        return (
            self.role,
            self.content,
            self.tool_call_id,
            self.name,
        ) == (
            other.role,
            other.content,
            other.tool_call_id,
            other.name,
        )

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

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _role = d.pop("role")
        role = (
            _ToolMessageRole_BY_VALUE.get(_role) if isinstance(_role, str) else None
        ) or enum_member(_ToolMessageRole_BY_VALUE, ToolMessageRole, _role)

        content = d.pop("content")

        tool_call_id = d.pop("tool_call_id")

        name = d.pop("name", UNSET)

        tool_message = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            role,
            content,
            tool_call_id,
            name,
        )

        return tool_message

    @classmethod
    def from_json(cls, text: str | bytes | bytearray) -> Self:
        """The reverse of `to_json`: `from_dict` of the parsed JSON."""
        return cls.from_dict(json.loads(text))


_ToolMessageRole_BY_VALUE: dict[str, ToolMessageRole] = {
    member.value: member for member in ToolMessageRole
}
