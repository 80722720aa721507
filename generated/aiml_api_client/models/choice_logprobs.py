from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

T = TypeVar("T", bound="ChoiceLogprobs")


class ChoiceLogprobs:
    """Log probability information for the choice.

    Attributes:
        content (list[TokenLogprob]): A list of message content tokens with log probability information.
        refusal (list[RefusalTokenLogprob]): A list of message refusal tokens with log probability information.
    """

    content: list[TokenLogprob]
    refusal: list[RefusalTokenLogprob]
    additional_properties: dict[str, Any]

    __slots__ = ("__weakref__", "additional_properties", "content", "refusal")
    __match_args__ = (
        "content",
        "refusal",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self, content: list[TokenLogprob], refusal: list[RefusalTokenLogprob]
    ) -> None:
        self.content = content
        self.refusal = refusal
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"content={self.content!r}"
            f", refusal={self.refusal!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, ChoiceLogprobs
        ):
            return NotImplemented
        return (
            self.content,
            self.refusal,
            self.additional_properties,
        ) == (
            other.content,
            other.refusal,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        content = []
        for content_item_data in self.content:
            content_item = content_item_data.to_dict()
            content.append(content_item)

        refusal = []
        for refusal_item_data in self.refusal:
            refusal_item = refusal_item_data.to_dict()
            refusal.append(refusal_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "content": content,
                "refusal": refusal,
            }
        )

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        content = []
        _content = d.pop("content")
        for content_item_data in _content:
            content_item = TokenLogprob.from_dict(content_item_data)

            content.append(content_item)

        refusal = []
        _refusal = d.pop("refusal")
        for refusal_item_data in _refusal:
            refusal_item = RefusalTokenLogprob.from_dict(refusal_item_data)

            refusal.append(refusal_item)

        choice_logprobs = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            content,
            refusal,
        )

        choice_logprobs.additional_properties = d
        return choice_logprobs

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
from ..models.refusal_token_logprob import RefusalTokenLogprob
from ..models.token_logprob import TokenLogprob
