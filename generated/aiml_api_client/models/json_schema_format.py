from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..types import UNSET, Unset

T = TypeVar("T", bound="JsonSchemaFormat")


class JsonSchemaFormat:
    """JSON Schema response format. Used to generate structured JSON responses.

    Attributes:
        name (str): The name of the response format. Must be a-z, A-Z, 0-9, or contain underscores and dashes, with a
            maximum length of 64.
        schema (JsonSchemaFormatSchema | Unset): The schema for the response format, described as a JSON Schema object.
        strict (bool | None | Unset): Whether to enable strict schema adherence when generating the output. If set to
            True, the model will always follow the exact schema defined in the schema field. Only a subset of JSON Schema is
            supported when strict is True.
        description (str | Unset): A description of what the response format is for, used by the model to determine how
            to respond in the format.
    """

    name: str
    schema: JsonSchemaFormatSchema | Unset
    strict: bool | None | Unset
    description: str | Unset

    __slots__ = ("__weakref__", "description", "name", "schema", "strict")
    __match_args__ = (
        "name",
        "schema",
        "strict",
        "description",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        name: str,
        schema: JsonSchemaFormatSchema | Unset = UNSET,
        strict: bool | None | Unset = UNSET,
        description: str | Unset = UNSET,
    ) -> None:
        self.name = name
        self.schema = schema
        self.strict = strict
        self.description = description

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"name={self.name!r}"
            f", schema={self.schema!r}"
            f", strict={self.strict!r}"
            f", description={self.description!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, JsonSchemaFormat
        ):
            return NotImplemented
        return (
            self.name,
            self.schema,
            self.strict,
            self.description,
        ) == (
            other.name,
            other.schema,
            other.strict,
            other.description,
        )

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        schema: dict[str, Any] | Unset = UNSET
        if not isinstance(self.schema, Unset):
            schema = self.schema.to_dict()

        strict: bool | None | Unset
        if isinstance(self.strict, Unset):
            strict = UNSET
        else:
            strict = self.strict

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if schema is not UNSET:
            field_dict["schema"] = schema
        if strict is not UNSET:
            field_dict["strict"] = strict
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        _schema = d.pop("schema", UNSET)
        schema: JsonSchemaFormatSchema | Unset
        if isinstance(_schema, Unset):
            schema = UNSET
        else:
            schema = JsonSchemaFormatSchema.from_dict(_schema)

        strict = d.pop("strict", UNSET)

        description = d.pop("description", UNSET)

        json_schema_format = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            name,
            schema,
            strict,
            description,
        )

        return json_schema_format

    @classmethod
    def from_json(cls, text: str | bytes | bytearray) -> Self:
        """The reverse of `to_json`: `from_dict` of the parsed JSON."""
        return cls.from_dict(json.loads(text))


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.json_schema_format_schema import JsonSchemaFormatSchema
