from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="FilePartFile")


@_attrs_define
class FilePartFile:
    """
    Attributes:
        file_data (str): The file data, encoded in base64 (or as a data:application/pdf;base64 URL) and passed to the
            model as a string. Only PDF format is supported. Maximum size per file: up to 512 MB and up to 2 million tokens.
        filename (str | Unset): The file name specified by the user.
    """

    file_data: str
    filename: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

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
