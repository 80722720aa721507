from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from ..types import UNSET, Unset

T = TypeVar("T", bound="ChunkRefusalTokenLogprob")


class ChunkRefusalTokenLogprob:
    """
    Attributes:
        token (str): The token.
        logprob (float): The log probability of this token, if it is within the top 20 most likely tokens. Otherwise,
            the value -9999.0 is used to signify that the token is very unlikely.
        bytes_ (list[int] | None | Unset): A list of integers representing the UTF-8 bytes representation of the token.
            Useful in instances where characters are represented by multiple tokens and their byte representations must be
            combined to generate the correct text representation. Can be null if there is no bytes representation for the
            token.
        top_logprobs (list[ChunkRefusalTopLogprob] | None | Unset): List of the most likely tokens and their log
            probability, at this token position. In rare cases, there may be fewer than the number of requested top_logprobs
            returned.
    """

    token: str
    logprob: float
    bytes_: list[int] | None | Unset
    top_logprobs: list[ChunkRefusalTopLogprob] | None | Unset
    additional_properties: dict[str, Any]

    __slots__ = (
        "__weakref__",
        "additional_properties",
        "bytes_",
        "logprob",
        "token",
        "top_logprobs",
    )
    __match_args__ = (
        "token",
        "logprob",
        "bytes_",
        "top_logprobs",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        token: str,
        logprob: float,
        bytes_: list[int] | None | Unset = UNSET,
        top_logprobs: list[ChunkRefusalTopLogprob] | None | Unset = UNSET,
    ) -> None:
        self.token = token
        self.logprob = logprob
        self.bytes_ = bytes_
        self.top_logprobs = top_logprobs
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"token={self.token!r}"
            f", logprob={self.logprob!r}"
            f", bytes_={self.bytes_!r}"
            f", top_logprobs={self.top_logprobs!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, ChunkRefusalTokenLogprob
        ):
            return NotImplemented
        return (
            self.token,
            self.logprob,
            self.bytes_,
            self.top_logprobs,
            self.additional_properties,
        ) == (
            other.token,
            other.logprob,
            other.bytes_,
            other.top_logprobs,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        token = self.token

        logprob = self.logprob

        bytes_: list[int] | None | Unset
        if isinstance(self.bytes_, Unset):
            bytes_ = UNSET
        elif isinstance(self.bytes_, list):
            bytes_ = self.bytes_

        else:
            bytes_ = self.bytes_

        top_logprobs: list[dict[str, Any]] | None | Unset
        if isinstance(self.top_logprobs, Unset):
            top_logprobs = UNSET
        elif isinstance(self.top_logprobs, list):
            top_logprobs = []
            for top_logprobs_type_0_item_data in self.top_logprobs:
                top_logprobs_type_0_item = top_logprobs_type_0_item_data.to_dict()
                top_logprobs.append(top_logprobs_type_0_item)

        else:
            top_logprobs = self.top_logprobs

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "token": token,
                "logprob": logprob,
            }
        )
        if bytes_ is not UNSET:
            field_dict["bytes"] = bytes_
        if top_logprobs is not UNSET:
            field_dict["top_logprobs"] = top_logprobs

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        token = d.pop("token")

        logprob = d.pop("logprob")

        bytes_ = d.pop("bytes", UNSET)
        if bytes_ is not None and bytes_ is not UNSET:
            bytes_ = _parse_bytes_(bytes_)

        top_logprobs = d.pop("top_logprobs", UNSET)
        if top_logprobs is not None and top_logprobs is not UNSET:
            top_logprobs = _parse_top_logprobs(top_logprobs)

        chunk_refusal_token_logprob = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            token,
            logprob,
            bytes_,
            top_logprobs,
        )

        chunk_refusal_token_logprob.additional_properties = d
        return chunk_refusal_token_logprob

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


def _parse_bytes_(data: object) -> list[int] | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, list):
            raise TypeError()
        bytes_type_0 = cast("list[int]", data)

        return bytes_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("list[int] | None | Unset", data)


def _parse_top_logprobs(data: object) -> list[ChunkRefusalTopLogprob] | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, list):
            raise TypeError()
        top_logprobs_type_0 = []
        _top_logprobs_type_0 = data
        for top_logprobs_type_0_item_data in _top_logprobs_type_0:
            top_logprobs_type_0_item = ChunkRefusalTopLogprob.from_dict(
                top_logprobs_type_0_item_data
            )

            top_logprobs_type_0.append(top_logprobs_type_0_item)

        return top_logprobs_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("list[ChunkRefusalTopLogprob] | None | Unset", data)


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.chunk_refusal_top_logprob import ChunkRefusalTopLogprob
