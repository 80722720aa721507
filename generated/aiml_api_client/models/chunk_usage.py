from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChunkUsage")


class ChunkUsage:
    """Usage statistics for the completion request.

    Attributes:
        prompt_tokens (int): Number of tokens in the prompt.
        completion_tokens (int): Number of tokens in the generated completion.
        total_tokens (int): Total number of tokens used in the request (prompt + completion).
        completion_tokens_details (ChunkCompletionTokensDetails | None | Unset): Breakdown of tokens used in a
            completion.
        prompt_tokens_details (ChunkPromptTokensDetails | None | Unset): Breakdown of tokens used in the prompt.
    """

    prompt_tokens: int
    completion_tokens: int
    total_tokens: int
    completion_tokens_details: ChunkCompletionTokensDetails | None | Unset
    prompt_tokens_details: ChunkPromptTokensDetails | None | Unset
    additional_properties: dict[str, Any]

    __slots__ = (
        "__weakref__",
        "additional_properties",
        "completion_tokens",
        "completion_tokens_details",
        "prompt_tokens",
        "prompt_tokens_details",
        "total_tokens",
    )
    __match_args__ = (
        "prompt_tokens",
        "completion_tokens",
        "total_tokens",
        "completion_tokens_details",
        "prompt_tokens_details",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        prompt_tokens: int,
        completion_tokens: int,
        total_tokens: int,
        completion_tokens_details: ChunkCompletionTokensDetails | None | Unset = UNSET,
        prompt_tokens_details: ChunkPromptTokensDetails | None | Unset = UNSET,
    ) -> None:
        self.prompt_tokens = prompt_tokens
        self.completion_tokens = completion_tokens
        self.total_tokens = total_tokens
        self.completion_tokens_details = completion_tokens_details
        self.prompt_tokens_details = prompt_tokens_details
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"prompt_tokens={self.prompt_tokens!r}"
            f", completion_tokens={self.completion_tokens!r}"
            f", total_tokens={self.total_tokens!r}"
            f", completion_tokens_details={self.completion_tokens_details!r}"
            f", prompt_tokens_details={self.prompt_tokens_details!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, ChunkUsage):
            return NotImplemented
        return (
            self.prompt_tokens,
            self.completion_tokens,
            self.total_tokens,
            self.completion_tokens_details,
            self.prompt_tokens_details,
            self.additional_properties,
        ) == (
            other.prompt_tokens,
            other.completion_tokens,
            other.total_tokens,
            other.completion_tokens_details,
            other.prompt_tokens_details,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        prompt_tokens = self.prompt_tokens

        completion_tokens = self.completion_tokens

        total_tokens = self.total_tokens

        completion_tokens_details: dict[str, Any] | None | Unset
        if isinstance(self.completion_tokens_details, Unset):
            completion_tokens_details = UNSET
        elif isinstance(self.completion_tokens_details, ChunkCompletionTokensDetails):
            completion_tokens_details = self.completion_tokens_details.to_dict()
        else:
            completion_tokens_details = self.completion_tokens_details

        prompt_tokens_details: dict[str, Any] | None | Unset
        if isinstance(self.prompt_tokens_details, Unset):
            prompt_tokens_details = UNSET
        elif isinstance(self.prompt_tokens_details, ChunkPromptTokensDetails):
            prompt_tokens_details = self.prompt_tokens_details.to_dict()
        else:
            prompt_tokens_details = self.prompt_tokens_details

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": total_tokens,
            }
        )
        if completion_tokens_details is not UNSET:
            field_dict["completion_tokens_details"] = completion_tokens_details
        if prompt_tokens_details is not UNSET:
            field_dict["prompt_tokens_details"] = prompt_tokens_details

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        prompt_tokens = d.pop("prompt_tokens")

        completion_tokens = d.pop("completion_tokens")

        total_tokens = d.pop("total_tokens")

        completion_tokens_details = d.pop("completion_tokens_details", UNSET)
        if (
            completion_tokens_details is not None
            and completion_tokens_details is not UNSET
        ):
            completion_tokens_details = _parse_completion_tokens_details(
                completion_tokens_details
            )

        prompt_tokens_details = d.pop("prompt_tokens_details", UNSET)
        if prompt_tokens_details is not None and prompt_tokens_details is not UNSET:
            prompt_tokens_details = _parse_prompt_tokens_details(prompt_tokens_details)

        chunk_usage = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            prompt_tokens,
            completion_tokens,
            total_tokens,
            completion_tokens_details,
            prompt_tokens_details,
        )

        chunk_usage.additional_properties = d
        return chunk_usage

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


def _parse_completion_tokens_details(
    data: object,
) -> ChunkCompletionTokensDetails | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        completion_tokens_details_type_1 = ChunkCompletionTokensDetails.from_dict(data)

        return completion_tokens_details_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("ChunkCompletionTokensDetails | None | Unset", data)


def _parse_prompt_tokens_details(
    data: object,
) -> ChunkPromptTokensDetails | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        prompt_tokens_details_type_1 = ChunkPromptTokensDetails.from_dict(data)

        return prompt_tokens_details_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("ChunkPromptTokensDetails | None | Unset", data)


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.chunk_completion_tokens_details import ChunkCompletionTokensDetails
from ..models.chunk_prompt_tokens_details import ChunkPromptTokensDetails
