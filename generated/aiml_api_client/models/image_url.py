from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..models.image_url_detail import ImageUrlDetail
from ..types import UNSET, Unset, enum_member

T = TypeVar("T", bound="ImageUrl")


class ImageUrl:
    """
    Attributes:
        url (str): Either a URL of the image or the base64 encoded image data.
        detail (ImageUrlDetail | Unset): Specifies the detail level of the image. Currently supports JPG/JPEG, PNG, GIF,
            and WEBP formats.
    """

    url: str
    detail: ImageUrlDetail | Unset
    additional_properties: dict[str, Any]

    __slots__ = ("__weakref__", "additional_properties", "detail", "url")
    __match_args__ = (
        "url",
        "detail",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(self, url: str, detail: ImageUrlDetail | Unset = UNSET) -> None:
        self.url = url
        self.detail = detail
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"url={self.url!r}"
            f", detail={self.detail!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, ImageUrl):
            return NotImplemented
        return (
            self.url,
            self.detail,
            self.additional_properties,
        ) == (
            other.url,
            other.detail,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        detail: str | Unset = UNSET
        if not isinstance(self.detail, Unset):
            detail = self.detail.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "url": url,
            }
        )
        if detail is not UNSET:
            field_dict["detail"] = detail

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        _detail = d.pop("detail", UNSET)
        detail: ImageUrlDetail | Unset
        if isinstance(_detail, Unset):
            detail = UNSET
        else:
            detail = (
                _ImageUrlDetail_BY_VALUE.get(_detail)
                if isinstance(_detail, str)
                else None
            ) or enum_member(_ImageUrlDetail_BY_VALUE, ImageUrlDetail, _detail)

        image_url = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            url,
            detail,
        )

        image_url.additional_properties = d
        return image_url

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


_ImageUrlDetail_BY_VALUE: dict[str, ImageUrlDetail] = {
    member.value: member for member in ImageUrlDetail
}
