from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from ..types import UNSET, Unset

T = TypeVar("T", bound="RefusalTopLogprob")


class RefusalTopLogprob:
    """
    Attributes:
        logprob (float): The log probability of this token, if it is within the top 20 most likely tokens. Otherwise,
            the value -9999.0 is used to signify that the token is very unlikely.
        token (str): The token.
        bytes_ (list[int] | None | Unset): A list of integers representing the UTF-8 bytes representation of the token.
            Useful in instances where characters are represented by multiple tokens and their byte representations must be
            combined to generate the correct text representation. Can be null if there is no bytes representation for the
            token.
    """

    logprob: float
    token: str
    bytes_: list[int] | None | Unset
    additional_properties: dict[str, Any]

    __slots__ = ("__weakref__", "additional_properties", "bytes_", "logprob", "token")
    __match_args__ = (
        "logprob",
        "token",
        "bytes_",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self, logprob: float, token: str, bytes_: list[int] | None | Unset = UNSET
    ) -> None:
        self.logprob = logprob
        self.token = token
        self.bytes_ = bytes_
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"logprob={self.logprob!r}"
            f", token={self.token!r}"
            f", bytes_={self.bytes_!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, RefusalTopLogprob
        ):
            return NotImplemented
        return (
            self.logprob,
            self.token,
            self.bytes_,
            self.additional_properties,
        ) == (
            other.logprob,
            other.token,
            other.bytes_,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        logprob = self.logprob

        token = self.token

        bytes_: list[int] | None | Unset
        if isinstance(self.bytes_, Unset):
            bytes_ = UNSET
        elif isinstance(self.bytes_, list):
            bytes_ = self.bytes_

        else:
            bytes_ = self.bytes_

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "logprob": logprob,
                "token": token,
            }
        )
        if bytes_ is not UNSET:
            field_dict["bytes"] = bytes_

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        logprob = d.pop("logprob")

        token = d.pop("token")

        bytes_ = d.pop("bytes", UNSET)
        if bytes_ is not None and bytes_ is not UNSET:
            bytes_ = _parse_bytes_(bytes_)

        refusal_top_logprob = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            logprob,
            token,
            bytes_,
        )

        refusal_top_logprob.additional_properties = d
        return refusal_top_logprob

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
