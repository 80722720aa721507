from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from ..models.chat_completion_chunk_object import ChatCompletionChunkObject
from ..models.service_tier import ServiceTier
from ..types import UNSET, Unset, enum_member

T = TypeVar("T", bound="ChatCompletionChunk")


class ChatCompletionChunk:
    """
    Attributes:
        id (str): A unique identifier for the chat completion.
        choices (list[ChunkChoice]): A list of chat completion choices. Can be more than one if n is greater than 1.
        created (int): The Unix timestamp (in seconds) of when the chat completion was created.
        model (str): The model used for the chat completion.
        object_ (ChatCompletionChunkObject): The object type.
        service_tier (None | ServiceTier | str | Unset): Specifies the processing type used for serving the request.
        usage (ChunkUsage | None | Unset): Usage statistics for the completion request.
    """

    id: str
    choices: list[ChunkChoice]
    created: int
    model: str
    object_: ChatCompletionChunkObject
    service_tier: None | ServiceTier | str | Unset
    usage: ChunkUsage | None | Unset
    additional_properties: dict[str, Any]

    __slots__ = (
        "__weakref__",
        "additional_properties",
        "choices",
        "created",
        "id",
        "model",
        "object_",
        "service_tier",
        "usage",
    )
    __match_args__ = (
        "id",
        "choices",
        "created",
        "model",
        "object_",
        "service_tier",
        "usage",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        id: str,
        choices: list[ChunkChoice],
        created: int,
        model: str,
        object_: ChatCompletionChunkObject,
        service_tier: None | ServiceTier | str | Unset = UNSET,
        usage: ChunkUsage | None | Unset = UNSET,
    ) -> None:
        self.id = id
        self.choices = choices
        self.created = created
        self.model = model
        self.object_ = object_
        self.service_tier = service_tier
        self.usage = usage
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"id={self.id!r}"
            f", choices={self.choices!r}"
            f", created={self.created!r}"
            f", model={self.model!r}"
            f", object_={self.object_!r}"
            f", service_tier={self.service_tier!r}"
            f", usage={self.usage!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, ChatCompletionChunk
        ):
            return NotImplemented
        return (
            self.id,
            self.choices,
            self.created,
            self.model,
            self.object_,
            self.service_tier,
            self.usage,
            self.additional_properties,
        ) == (
            other.id,
            other.choices,
            other.created,
            other.model,
            other.object_,
            other.service_tier,
            other.usage,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        choices = []
        for choices_item_data in self.choices:
            choices_item = choices_item_data.to_dict()
            choices.append(choices_item)

        created = self.created

        model = self.model

        object_ = self.object_.value

        service_tier: None | str | Unset
        if isinstance(self.service_tier, Unset):
            service_tier = UNSET
        elif isinstance(self.service_tier, ServiceTier):
            service_tier = self.service_tier.value
        else:
            service_tier = self.service_tier

        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, ChunkUsage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "choices": choices,
                "created": created,
                "model": model,
                "object": object_,
            }
        )
        if service_tier is not UNSET:
            field_dict["service_tier"] = service_tier
        if usage is not UNSET:
            field_dict["usage"] = usage

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        choices = []
        _choices = d.pop("choices")
        for choices_item_data in _choices:
            choices_item = ChunkChoice.from_dict(choices_item_data)

            choices.append(choices_item)

        created = d.pop("created")

        model = d.pop("model")

        _object_ = d.pop("object")
        object_ = (
            _ChatCompletionChunkObject_BY_VALUE.get(_object_)
            if isinstance(_object_, str)
            else None
        ) or enum_member(
            _ChatCompletionChunkObject_BY_VALUE, ChatCompletionChunkObject, _object_
        )

        service_tier = d.pop("service_tier", UNSET)
        if service_tier is not None and service_tier is not UNSET:
            service_tier = _parse_service_tier(service_tier)

        usage = d.pop("usage", UNSET)
        if usage is not None and usage is not UNSET:
            usage = _parse_usage(usage)

        chat_completion_chunk = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            id,
            choices,
            created,
            model,
            object_,
            service_tier,
            usage,
        )

        chat_completion_chunk.additional_properties = d
        return chat_completion_chunk

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


def _parse_service_tier(data: object) -> None | ServiceTier | str | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        service_tier_type_0 = _ServiceTier_BY_VALUE.get(data) or enum_member(
            _ServiceTier_BY_VALUE, ServiceTier, data
        )

        return service_tier_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("None | ServiceTier | str | Unset", data)


def _parse_usage(data: object) -> ChunkUsage | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        usage_type_1 = ChunkUsage.from_dict(data)

        return usage_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("ChunkUsage | None | Unset", data)


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.chunk_choice import ChunkChoice
from ..models.chunk_usage import ChunkUsage

_ChatCompletionChunkObject_BY_VALUE: dict[str, ChatCompletionChunkObject] = {
    member.value: member for member in ChatCompletionChunkObject
}

_ServiceTier_BY_VALUE: dict[str, ServiceTier] = {
    member.value: member for member in ServiceTier
}
