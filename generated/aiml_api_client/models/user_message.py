from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from ..models.user_message_role import UserMessageRole
from ..types import UNSET, Unset, enum_member

T = TypeVar("T", bound="UserMessage")


class UserMessage:
    """
    Attributes:
        role (UserMessageRole): The role of the author of the message — in this case, the user
        content (list[FilePart | ImageUrlPart | TextPart] | str): The contents of the user message.
        name (str | Unset): An optional name for the participant. Provides the model information to differentiate
            between participants of the same role.
    """

    role: UserMessageRole
    content: list[FilePart | ImageUrlPart | TextPart] | str
    name: str | Unset
    additional_properties: dict[str, Any]

    __slots__ = ("__weakref__", "additional_properties", "content", "name", "role")
    __match_args__ = (
        "role",
        "content",
        "name",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        role: UserMessageRole,
        content: list[FilePart | ImageUrlPart | TextPart] | str,
        name: str | Unset = UNSET,
    ) -> None:
        self.role = role
        self.content = content
        self.name = name
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"role={self.role!r}"
            f", content={self.content!r}"
            f", name={self.name!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, UserMessage):
            return NotImplemented
        return (
            self.role,
            self.content,
            self.name,
            self.additional_properties,
        ) == (
            other.role,
            other.content,
            other.name,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        role = self.role.value

        content: list[dict[str, Any]] | str
        if isinstance(self.content, list):
            content = []
            for content_type_1_item_data in self.content:
                content_type_1_item: dict[str, Any]
                if isinstance(content_type_1_item_data, TextPart) or isinstance(
                    content_type_1_item_data, ImageUrlPart
                ):
                    content_type_1_item = content_type_1_item_data.to_dict()
                else:
                    content_type_1_item = content_type_1_item_data.to_dict()

                content.append(content_type_1_item)

        else:
            content = self.content

        name = self.name

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
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
            _UserMessageRole_BY_VALUE.get(_role) if isinstance(_role, str) else None
        ) or enum_member(_UserMessageRole_BY_VALUE, UserMessageRole, _role)

        content = _parse_content(d.pop("content"))

        name = d.pop("name", UNSET)

        user_message = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            role,
            content,
            name,
        )

        user_message.additional_properties = d
        return user_message

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


def _parse_content(data: object) -> list[FilePart | ImageUrlPart | TextPart] | str:
    try:
        if not isinstance(data, list):
            raise TypeError()
        content_type_1 = []
        _content_type_1 = data
        for content_type_1_item_data in _content_type_1:
            content_type_1_item = _parse_content_type_1_item(content_type_1_item_data)

            content_type_1.append(content_type_1_item)

        return content_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("list[FilePart | ImageUrlPart | TextPart] | str", data)


def _parse_content_type_1_item(data: object) -> FilePart | ImageUrlPart | TextPart:
    try:
        if not isinstance(data, dict):
            raise TypeError()
        content_type_1_item_type_0 = TextPart.from_dict(data)

        return content_type_1_item_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    try:
        if not isinstance(data, dict):
            raise TypeError()
        content_type_1_item_type_1 = ImageUrlPart.from_dict(data)

        return content_type_1_item_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    if not isinstance(data, dict):
        raise TypeError()
    content_type_1_item_type_2 = FilePart.from_dict(data)

    return content_type_1_item_type_2


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.file_part import FilePart
from ..models.image_url_part import ImageUrlPart
from ..models.text_part import TextPart

_UserMessageRole_BY_VALUE: dict[str, UserMessageRole] = {
    member.value: member for member in UserMessageRole
}
