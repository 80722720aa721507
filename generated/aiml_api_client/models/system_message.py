from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from ..models.system_message_role import SystemMessageRole
from ..types import UNSET, Unset, enum_member

T = TypeVar("T", bound="SystemMessage")


class SystemMessage:
    """
    Attributes:
        role (SystemMessageRole): The role of the author of the message — in this case, the system.
        content (list[SystemTextPart] | str): The contents of the system message.
        name (str | Unset): An optional name for the participant. Provides the model information to differentiate
            between participants of the same role.
    """

    role: SystemMessageRole
    content: list[SystemTextPart] | str
    name: str | Unset

    __slots__ = ("__weakref__", "content", "name", "role")
    __match_args__ = (
        "role",
        "content",
        "name",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        role: SystemMessageRole,
        content: list[SystemTextPart] | str,
        name: str | Unset = UNSET,
    ) -> None:
        self.role = role
        self.content = content
        self.name = name

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"role={self.role!r}"
            f", content={self.content!r}"
            f", name={self.name!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, SystemMessage
        ):
            return NotImplemented
        return (
            self.role,
            self.content,
            self.name,
        ) == (
            other.role,
            other.content,
            other.name,
        )

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        content: list[dict[str, Any]] | str
        if isinstance(self.content, list):
            content = []
            for content_type_1_item_data in self.content:
                content_type_1_item = content_type_1_item_data.to_dict()
                content.append(content_type_1_item)

        else:
            content = self.content

        name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "role": role,
                "content": content,
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
            _SystemMessageRole_BY_VALUE.get(_role) if isinstance(_role, str) else None
        ) or enum_member(_SystemMessageRole_BY_VALUE, SystemMessageRole, _role)

        content = _parse_content(d.pop("content"))

        name = d.pop("name", UNSET)

        system_message = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            role,
            content,
            name,
        )

        return system_message

    @classmethod
    def from_json(cls, text: str | bytes | bytearray) -> Self:
        """The reverse of `to_json`: `from_dict` of the parsed JSON."""
        return cls.from_dict(json.loads(text))


def _parse_content(data: object) -> list[SystemTextPart] | str:
    try:
        if not isinstance(data, list):
            raise TypeError()
        content_type_1 = []
        _content_type_1 = data
        for content_type_1_item_data in _content_type_1:
            content_type_1_item = SystemTextPart.from_dict(content_type_1_item_data)

            content_type_1.append(content_type_1_item)

        return content_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("list[SystemTextPart] | str", data)


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.system_text_part import SystemTextPart

_SystemMessageRole_BY_VALUE: dict[str, SystemMessageRole] = {
    member.value: member for member in SystemMessageRole
}
