from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from ..types import UNSET, Unset

T = TypeVar("T", bound="CompletionMeta")


class CompletionMeta:
    """Additional details about the generation.

    Attributes:
        usage (MetaUsage | None | Unset):
    """

    usage: MetaUsage | None | Unset
    additional_properties: dict[str, Any]

    __slots__ = ("__weakref__", "additional_properties", "usage")
    __match_args__ = ("usage",)
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(self, usage: MetaUsage | None | Unset = UNSET) -> None:
        self.usage = usage
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"usage={self.usage!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, CompletionMeta
        ):
            return NotImplemented
        return (
            self.usage,
            self.additional_properties,
        ) == (
            other.usage,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, MetaUsage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        usage = d.pop("usage", UNSET)
        if usage is not None and usage is not UNSET:
            usage = _parse_usage(usage)

        completion_meta = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            usage,
        )

        completion_meta.additional_properties = d
        return completion_meta

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


def _parse_usage(data: object) -> MetaUsage | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        usage_type_1 = MetaUsage.from_dict(data)

        return usage_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("MetaUsage | None | Unset", data)


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.meta_usage import MetaUsage
