from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

T = TypeVar("T", bound="AnnotationUrlCitation")


class AnnotationUrlCitation:
    """A URL citation when using web search.

    Attributes:
        end_index (int): The index of the last character of the URL citation in the message.
        start_index (int): The index of the first character of the URL citation in the message.
        title (str): The title of the web resource.
        url (str): The URL of the web resource.
    """

    end_index: int
    start_index: int
    title: str
    url: str
    additional_properties: dict[str, Any]

    __slots__ = (
        "__weakref__",
        "additional_properties",
        "end_index",
        "start_index",
        "title",
        "url",
    )
    __match_args__ = (
        "end_index",
        "start_index",
        "title",
        "url",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(self, end_index: int, start_index: int, title: str, url: str) -> None:
        self.end_index = end_index
        self.start_index = start_index
        self.title = title
        self.url = url
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"end_index={self.end_index!r}"
            f", start_index={self.start_index!r}"
            f", title={self.title!r}"
            f", url={self.url!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, AnnotationUrlCitation
        ):
            return NotImplemented
        return (
            self.end_index,
            self.start_index,
            self.title,
            self.url,
            self.additional_properties,
        ) == (
            other.end_index,
            other.start_index,
            other.title,
            other.url,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        end_index = self.end_index

        start_index = self.start_index

        title = self.title

        url = self.url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "end_index": end_index,
                "start_index": start_index,
                "title": title,
                "url": url,
            }
        )

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        end_index = d.pop("end_index")

        start_index = d.pop("start_index")

        title = d.pop("title")

        url = d.pop("url")

        annotation_url_citation = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            end_index,
            start_index,
            title,
            url,
        )

        annotation_url_citation.additional_properties = d
        return annotation_url_citation

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
