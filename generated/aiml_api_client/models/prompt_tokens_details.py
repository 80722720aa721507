from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..types import UNSET, Unset

T = TypeVar("T", bound="PromptTokensDetails")


class PromptTokensDetails:
    """Breakdown of tokens used in the prompt.

    Attributes:
        audio_tokens (int | None | Unset): Audio input tokens present in the prompt.
        cached_tokens (int | None | Unset): Cached tokens present in the prompt.
    """

    audio_tokens: int | None | Unset
    cached_tokens: int | None | Unset
    additional_properties: dict[str, Any]

    __slots__ = (
        "__weakref__",
        "additional_properties",
        "audio_tokens",
        "cached_tokens",
    )
    __match_args__ = (
        "audio_tokens",
        "cached_tokens",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        audio_tokens: int | None | Unset = UNSET,
        cached_tokens: int | None | Unset = UNSET,
    ) -> None:
        self.audio_tokens = audio_tokens
        self.cached_tokens = cached_tokens
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"audio_tokens={self.audio_tokens!r}"
            f", cached_tokens={self.cached_tokens!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, PromptTokensDetails
        ):
            return NotImplemented
        return (
            self.audio_tokens,
            self.cached_tokens,
            self.additional_properties,
        ) == (
            other.audio_tokens,
            other.cached_tokens,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        audio_tokens: int | None | Unset
        if isinstance(self.audio_tokens, Unset):
            audio_tokens = UNSET
        else:
            audio_tokens = self.audio_tokens

        cached_tokens: int | None | Unset
        if isinstance(self.cached_tokens, Unset):
            cached_tokens = UNSET
        else:
            cached_tokens = self.cached_tokens

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if audio_tokens is not UNSET:
            field_dict["audio_tokens"] = audio_tokens
        if cached_tokens is not UNSET:
            field_dict["cached_tokens"] = cached_tokens

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        audio_tokens = d.pop("audio_tokens", UNSET)

        cached_tokens = d.pop("cached_tokens", UNSET)

        prompt_tokens_details = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            audio_tokens,
            cached_tokens,
        )

        prompt_tokens_details.additional_properties = d
        return prompt_tokens_details

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
