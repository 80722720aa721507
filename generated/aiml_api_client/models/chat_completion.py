from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from ..models.chat_completion_object import ChatCompletionObject
from ..types import UNSET, Unset, enum_member

T = TypeVar("T", bound="ChatCompletion")


class ChatCompletion:
    """
    Attributes:
        id (str): A unique identifier for the chat completion.
        object_ (ChatCompletionObject): The object type.
        created (int): The Unix timestamp (in seconds) of when the chat completion was created.
        choices (list[Choice]):
        model (str): The model used for the chat completion.
        usage (None | Unset | Usage): Usage statistics for the completion request.
        meta (CompletionMeta | None | Unset): Additional details about the generation.
    """

    id: str
    object_: ChatCompletionObject
    created: int
    choices: list[Choice]
    model: str
    usage: None | Unset | Usage
    meta: CompletionMeta | None | Unset
    additional_properties: dict[str, Any]

    __slots__ = (
        "__weakref__",
        "additional_properties",
        "choices",
        "created",
        "id",
        "meta",
        "model",
        "object_",
        "usage",
    )
    __match_args__ = (
        "id",
        "object_",
        "created",
        "choices",
        "model",
        "usage",
        "meta",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        id: str,
        object_: ChatCompletionObject,
        created: int,
        choices: list[Choice],
        model: str,
        usage: None | Unset | Usage = UNSET,
        meta: CompletionMeta | None | Unset = UNSET,
    ) -> None:
        self.id = id
        self.object_ = object_
        self.created = created
        self.choices = choices
        self.model = model
        self.usage = usage
        self.meta = meta
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"id={self.id!r}"
            f", object_={self.object_!r}"
            f", created={self.created!r}"
            f", choices={self.choices!r}"
            f", model={self.model!r}"
            f", usage={self.usage!r}"
            f", meta={self.meta!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, ChatCompletion
        ):
            return NotImplemented
        return (
            self.id,
            self.object_,
            self.created,
            self.choices,
            self.model,
            self.usage,
            self.meta,
            self.additional_properties,
        ) == (
            other.id,
            other.object_,
            other.created,
            other.choices,
            other.model,
            other.usage,
            other.meta,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        object_ = self.object_.value

        created = self.created

        choices = []
        for choices_item_data in self.choices:
            choices_item = choices_item_data.to_dict()
            choices.append(choices_item)

        model = self.model

        usage: dict[str, Any] | None | Unset
        if isinstance(self.usage, Unset):
            usage = UNSET
        elif isinstance(self.usage, Usage):
            usage = self.usage.to_dict()
        else:
            usage = self.usage

        meta: dict[str, Any] | None | Unset
        if isinstance(self.meta, Unset):
            meta = UNSET
        elif isinstance(self.meta, CompletionMeta):
            meta = self.meta.to_dict()
        else:
            meta = self.meta

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "object": object_,
                "created": created,
                "choices": choices,
                "model": model,
            }
        )
        if usage is not UNSET:
            field_dict["usage"] = usage
        if meta is not UNSET:
            field_dict["meta"] = meta

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        id = d.pop("id")

        _object_ = d.pop("object")
        object_ = (
            _ChatCompletionObject_BY_VALUE.get(_object_)
            if isinstance(_object_, str)
            else None
        ) or enum_member(_ChatCompletionObject_BY_VALUE, ChatCompletionObject, _object_)

        created = d.pop("created")

        choices = []
        _choices = d.pop("choices")
        for choices_item_data in _choices:
            choices_item = Choice.from_dict(choices_item_data)

            choices.append(choices_item)

        model = d.pop("model")

        usage = d.pop("usage", UNSET)
        if usage is not None and usage is not UNSET:
            usage = _parse_usage(usage)

        meta = d.pop("meta", UNSET)
        if meta is not None and meta is not UNSET:
            meta = _parse_meta(meta)

        chat_completion = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            id,
            object_,
            created,
            choices,
            model,
            usage,
            meta,
        )

        chat_completion.additional_properties = d
        return chat_completion

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


def _parse_usage(data: object) -> None | Unset | Usage:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        usage_type_1 = Usage.from_dict(data)

        return usage_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("None | Unset | Usage", data)


def _parse_meta(data: object) -> CompletionMeta | None | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        meta_type_1 = CompletionMeta.from_dict(data)

        return meta_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("CompletionMeta | None | Unset", data)


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.choice import Choice
from ..models.completion_meta import CompletionMeta
from ..models.usage import Usage

_ChatCompletionObject_BY_VALUE: dict[str, ChatCompletionObject] = {
    member.value: member for member in ChatCompletionObject
}
