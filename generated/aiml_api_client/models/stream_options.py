from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

T = TypeVar("T", bound="StreamOptions")


class StreamOptions:
    """
    Attributes:
        include_usage (bool):
    """

    include_usage: bool
    additional_properties: dict[str, Any]

    __slots__ = ("__weakref__", "additional_properties", "include_usage")
    __match_args__ = ("include_usage",)
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(self, include_usage: bool) -> None:
        self.include_usage = include_usage
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"include_usage={self.include_usage!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, StreamOptions
        ):
            return NotImplemented
        return (
            self.include_usage,
            self.additional_properties,
        ) == (
            other.include_usage,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        include_usage = self.include_usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "include_usage": include_usage,
            }
        )

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        include_usage = d.pop("include_usage")

        stream_options = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            include_usage,
        )

        stream_options.additional_properties = d
        return stream_options

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
