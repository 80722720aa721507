from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..models.image_url_part_type import ImageUrlPartType
from ..types import enum_member

T = TypeVar("T", bound="ImageUrlPart")


class ImageUrlPart:
    """
    Attributes:
        type_ (ImageUrlPartType):
        image_url (ImageUrl):
    """

    type_: ImageUrlPartType
    image_url: ImageUrl
    additional_properties: dict[str, Any]

    __slots__ = ("__weakref__", "additional_properties", "image_url", "type_")
    __match_args__ = (
        "type_",
        "image_url",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(self, type_: ImageUrlPartType, image_url: ImageUrl) -> None:
        self.type_ = type_
        self.image_url = image_url
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"type_={self.type_!r}"
            f", image_url={self.image_url!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, ImageUrlPart):
            return NotImplemented
        return (
            self.type_,
            self.image_url,
            self.additional_properties,
        ) == (
            other.type_,
            other.image_url,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        image_url = self.image_url.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "image_url": image_url,
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
            _ImageUrlPartType_BY_VALUE.get(_type_) if isinstance(_type_, str) else None
        ) or enum_member(_ImageUrlPartType_BY_VALUE, ImageUrlPartType, _type_)

        image_url = ImageUrl.from_dict(d.pop("image_url"))

        image_url_part = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            type_,
            image_url,
        )

        image_url_part.additional_properties = d
        return image_url_part

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
from ..models.image_url import ImageUrl

_ImageUrlPartType_BY_VALUE: dict[str, ImageUrlPartType] = {
    member.value: member for member in ImageUrlPartType
}
