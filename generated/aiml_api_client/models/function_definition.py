from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.function_parameters import FunctionParameters


T = TypeVar("T", bound="FunctionDefinition")


@_attrs_define
class FunctionDefinition:
    """
    Attributes:
        name (str): The name of the function to be called. Must be a-z, A-Z, 0-9, or contain underscores and dashes,
            with a maximum length of 64.
        parameters (FunctionParameters): The parameters the function accepts, described as a JSON Schema object.
        description (str | Unset): A description of what the function does, used by the model to choose when and how to
            call the function.
        strict (bool | None | Unset): Whether to enable strict schema adherence when generating the function call. If
            set to True, the model will follow the exact schema defined in the parameters field. Only a subset of JSON
            Schema is supported when strict is True.
    """

    name: str
    parameters: FunctionParameters
    description: str | Unset = UNSET
    strict: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        parameters = self.parameters.to_dict()

        description = self.description

        strict: bool | None | Unset
        if isinstance(self.strict, Unset):
            strict = UNSET
        else:
            strict = self.strict

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "parameters": parameters,
            }
        )
        if description is not UNSET:
            field_dict["description"] = description
        if strict is not UNSET:
            field_dict["strict"] = strict

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.function_parameters import FunctionParameters

        d = dict(src_dict)
        name = d.pop("name")

        parameters = FunctionParameters.from_dict(d.pop("parameters"))

        description = d.pop("description", UNSET)

        def _parse_strict(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        strict = _parse_strict(d.pop("strict", UNSET))

        function_definition = cls(
            name=name,
            parameters=parameters,
            description=description,
            strict=strict,
        )

        return function_definition
