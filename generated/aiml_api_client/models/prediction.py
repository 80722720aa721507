from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from ..models.prediction_type import PredictionType
from ..types import enum_member

T = TypeVar("T", bound="Prediction")


class Prediction:
    """Configuration for a Predicted Output, which can greatly improve response times when large parts of the model
    response are known ahead of time.

        Attributes:
            type_ (PredictionType): The type of the predicted content you want to provide.
            content (list[PredictionTextPart] | str): The content that should be matched when generating a model response.
                If generated tokens would match this content, the entire model response can be returned much more quickly.
    """

    type_: PredictionType
    content: list[PredictionTextPart] | str
    additional_properties: dict[str, Any]

    __slots__ = ("__weakref__", "additional_properties", "content", "type_")
    __match_args__ = (
        "type_",
        "content",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self, type_: PredictionType, content: list[PredictionTextPart] | str
    ) -> None:
        self.type_ = type_
        self.content = content
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"type_={self.type_!r}"
            f", content={self.content!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(other, Prediction):
            return NotImplemented
        return (
            self.type_,
            self.content,
            self.additional_properties,
        ) == (
            other.type_,
            other.content,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_.value

        content: list[dict[str, Any]] | str
        if isinstance(self.content, list):
            content = []
            for content_type_1_item_data in self.content:
                content_type_1_item = content_type_1_item_data.to_dict()
                content.append(content_type_1_item)

        else:
            content = self.content

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "content": content,
            }
        )

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _type_ = d.pop("type")
        type_ = (
            _PredictionType_BY_VALUE.get(_type_) if isinstance(_type_, str) else None
        ) or enum_member(_PredictionType_BY_VALUE, PredictionType, _type_)

        content = _parse_content(d.pop("content"))

        prediction = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            type_,
            content,
        )

        prediction.additional_properties = d
        return prediction

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


def _parse_content(data: object) -> list[PredictionTextPart] | str:
    try:
        if not isinstance(data, list):
            raise TypeError()
        content_type_1 = []
        _content_type_1 = data
        for content_type_1_item_data in _content_type_1:
            content_type_1_item = PredictionTextPart.from_dict(content_type_1_item_data)

            content_type_1.append(content_type_1_item)

        return content_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("list[PredictionTextPart] | str", data)


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.prediction_text_part import PredictionTextPart

_PredictionType_BY_VALUE: dict[str, PredictionType] = {
    member.value: member for member in PredictionType
}
