from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..types import UNSET, Unset

T = TypeVar("T", bound="FilePartFile")


class FilePartFile:
    """
    Attributes:
        file_data (str): The file data, encoded in base64 (or as a data:application/pdf;base64 URL) and passed to the
            model as a string. Only PDF format is supported. Maximum size per file: up to 512 MB and up to 2 million tokens.
        filename (str | Unset): The file name specified by the user.
    """

    file_data: str
    filename: str | Unset
    additional_properties: dict[str, Any]

    __slots__ = ("__weakref__", "additional_properties", "file_data", "filename")
    __match_args__ = (
        "file_data",
        "filename",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(self, file_data: str, filename: str | Unset = UNSET) -> None:
        self.file_data = file_data
        self.filename = filename
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"file_data={self.file_data!r}"
            f", filename={self.filename!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, FilePartFile):
            return NotImplemented
        return (
            self.file_data,
            self.filename,
            self.additional_properties,
        ) == (
            other.file_data,
            other.filename,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        file_data = self.file_data

        filename = self.filename

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file_data": file_data,
            }
        )
        if filename is not UNSET:
            field_dict["filename"] = filename

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        file_data = d.pop("file_data")

        filename = d.pop("filename", UNSET)

        file_part_file = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            file_data,
            filename,
        )

        file_part_file.additional_properties = d
        return file_part_file

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
