from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar

from ..types import UNSET, Unset

T = TypeVar("T", bound="FunctionDefinition")


class FunctionDefinition:
    """
    Attributes:
        name (str): The name of the function to be called. Must be a-z, A-Z, 0-9, or contain underscores and dashes,
            with a maximum length of 64.
        description (str | Unset): A description of what the function does, used by the model to choose when and how to
            call the function.
        parameters (FunctionParameters | Unset): The parameters the function accepts, described as a JSON Schema object.
        strict (bool | None | Unset): Whether to enable strict schema adherence when generating the function call. If
            set to True, the model will follow the exact schema defined in the parameters field. Only a subset of JSON
            Schema is supported when strict is True.
    """

    name: str
    description: str | Unset
    parameters: FunctionParameters | Unset
    strict: bool | None | Unset

    __slots__ = ("__weakref__", "description", "name", "parameters", "strict")
    __match_args__ = (
        "name",
        "description",
        "parameters",
        "strict",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        name: str,
        description: str | Unset = UNSET,
        parameters: FunctionParameters | Unset = UNSET,
        strict: bool | None | Unset = UNSET,
    ) -> None:
        self.name = name
        self.description = description
        self.parameters = parameters
        self.strict = strict

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"name={self.name!r}"
            f", description={self.description!r}"
            f", parameters={self.parameters!r}"
            f", strict={self.strict!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, FunctionDefinition
        ):
            return NotImplemented
        return (
            self.name,
            self.description,
            self.parameters,
            self.strict,
        ) == (
            other.name,
            other.description,
            other.parameters,
            other.strict,
        )

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        description = self.description

        parameters: dict[str, Any] | Unset = UNSET
        if not isinstance(self.parameters, Unset):
            parameters = self.parameters.to_dict()

        strict: bool | None | Unset
        if isinstance(self.strict, Unset):
            strict = UNSET
        else:
            strict = self.strict

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if parameters is not UNSET:
            field_dict["parameters"] = parameters
        if strict is not UNSET:
            field_dict["strict"] = strict

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        name = d.pop("name")

        description = d.pop("description", UNSET)

        _parameters = d.pop("parameters", UNSET)
        parameters: FunctionParameters | Unset
        if isinstance(_parameters, Unset):
            parameters = UNSET
        else:
            parameters = FunctionParameters.from_dict(_parameters)

        strict = d.pop("strict", UNSET)

        function_definition = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            name,
            description,
            parameters,
            strict,
        )

        return function_definition

    @classmethod
    def from_json(cls, text: str | bytes | bytearray) -> Self:
        """The reverse of `to_json`: `from_dict` of the parsed JSON."""
        return cls.from_dict(json.loads(text))


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.function_parameters import FunctionParameters
