from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..types import UNSET, Unset

T = TypeVar("T", bound="ErrorDetail")


class ErrorDetail:
    """
    Attributes:
        message (str): A human-readable description of the error.
        type_ (None | str | Unset): The error category, such as invalid_request_error.
        param (None | str | Unset): The request parameter the error is about, if any.
        code (int | None | str | Unset): A machine-readable error code (a string, or an HTTP status number on some
            gateways).
    """

    message: str
    type_: None | str | Unset
    param: None | str | Unset
    code: int | None | str | Unset
    additional_properties: dict[str, Any]

    __slots__ = (
        "__weakref__",
        "additional_properties",
        "code",
        "message",
        "param",
        "type_",
    )
    __match_args__ = (
        "message",
        "type_",
        "param",
        "code",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        message: str,
        type_: None | str | Unset = UNSET,
        param: None | str | Unset = UNSET,
        code: int | None | str | Unset = UNSET,
    ) -> None:
        self.message = message
        self.type_ = type_
        self.param = param
        self.code = code
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"message={self.message!r}"
            f", type_={self.type_!r}"
            f", param={self.param!r}"
            f", code={self.code!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, ErrorDetail):
            return NotImplemented
        return (
            self.message,
            self.type_,
            self.param,
            self.code,
            self.additional_properties,
        ) == (
            other.message,
            other.type_,
            other.param,
            other.code,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        message = self.message

        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        else:
            type_ = self.type_

        param: None | str | Unset
        if isinstance(self.param, Unset):
            param = UNSET
        else:
            param = self.param

        code: int | None | str | Unset
        if isinstance(self.code, Unset):
            code = UNSET
        else:
            code = self.code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if type_ is not UNSET:
            field_dict["type"] = type_
        if param is not UNSET:
            field_dict["param"] = param
        if code is not UNSET:
            field_dict["code"] = code

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        message = d.pop("message")

        type_ = d.pop("type", UNSET)

        param = d.pop("param", UNSET)

        code = d.pop("code", UNSET)

        error_detail = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            message,
            type_,
            param,
            code,
        )

        error_detail.additional_properties = d
        return error_detail

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
