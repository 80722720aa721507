from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from ..models.model import Model
from ..models.reasoning_effort import ReasoningEffort
from ..models.tool_choice_mode import ToolChoiceMode
from ..types import UNSET, Unset, enum_member

T = TypeVar("T", bound="ChatCompletionRequest")


class ChatCompletionRequest:
    """
    Attributes:
        model (Model):
        messages (list[AssistantMessage | SystemMessage | ToolMessage | UserMessage]): A list of messages comprising the
            conversation so far. Depending on the model you use, different message types (modalities) are supported, like
            text, documents (txt, pdf), images, and audio.
        max_completion_tokens (int | Unset): An upper bound for the number of tokens that can be generated for a
            completion, including visible output tokens and reasoning tokens.
        max_tokens (int | Unset): The maximum number of tokens that can be generated in the chat completion. This value
            can be used to control costs for text generated via API.
        stream (bool | Unset): If set to True, the model response data will be streamed to the client as it is generated
            using server-sent events. Default: False.
        stream_options (StreamOptions | Unset):
        n (int | None | Unset): How many chat completion choices to generate for each input message. Note that you will
            be charged based on the number of generated tokens across all of the choices. Keep n as 1 to minimize costs.
        temperature (float | Unset): What sampling temperature to use. Higher values like 0.8 will make the output more
            random, while lower values like 0.2 will make it more focused and deterministic. We generally recommend altering
            this or top_p but not both.
        top_p (float | Unset): An alternative to sampling with temperature, called nucleus sampling, where the model
            considers the results of the tokens with top_p probability mass. So 0.1 means only the tokens comprising the top
            10% probability mass are considered.
              We generally recommend altering this or temperature but not both.
        stop (list[str] | None | str | Unset): Up to 4 sequences where the API will stop generating further tokens. The
            returned text will not contain the stop sequence.
        frequency_penalty (float | None | Unset): Number between -2.0 and 2.0. Positive values penalize new tokens based
            on their existing frequency in the text so far, decreasing the model's likelihood to repeat the same line
            verbatim.
        prediction (Prediction | Unset): Configuration for a Predicted Output, which can greatly improve response times
            when large parts of the model response are known ahead of time.
        presence_penalty (float | None | Unset): Positive values penalize new tokens based on whether they appear in the
            text so far, increasing the model's likelihood to talk about new topics.
        seed (int | Unset): This feature is in Beta. If specified, our system will make a best effort to sample
            deterministically, such that repeated requests with the same seed and parameters should return the same result.
        response_format (ResponseFormatJsonObject | ResponseFormatJsonSchema | ResponseFormatText | Unset): An object
            specifying the format that the model must output.
        tools (list[Tool] | Unset): A list of tools the model may call. Currently, only functions are supported as a
            tool. Use this to provide a list of functions the model may generate JSON inputs for. A max of 128 functions are
            supported.
        tool_choice (NamedToolChoice | ToolChoiceMode | Unset): Controls which (if any) tool is called by the model.
            none means the model will not call any tool and instead generates a message. auto means the model can pick
            between generating a message or calling one or more tools. required means the model must call one or more tools.
            Specifying a particular tool via {"type": "function", "function": {"name": "my_function"}} forces the model to
            call that tool.
              none is the default when no tools are present. auto is the default if tools are present.
        parallel_tool_calls (bool | Unset): Whether to enable parallel function calling during tool use.
        reasoning_effort (ReasoningEffort | Unset): Constrains effort on reasoning for reasoning models. Currently
            supported values are low, medium, and high. Reducing reasoning effort can result in faster responses and fewer
            tokens used on reasoning in a response.
    """

    model: Model
    messages: list[AssistantMessage | SystemMessage | ToolMessage | UserMessage]
    max_completion_tokens: int | Unset
    max_tokens: int | Unset
    stream: bool | Unset
    stream_options: StreamOptions | Unset
    n: int | None | Unset
    temperature: float | Unset
    top_p: float | Unset
    stop: list[str] | None | str | Unset
    frequency_penalty: float | None | Unset
    prediction: Prediction | Unset
    presence_penalty: float | None | Unset
    seed: int | Unset
    response_format: (
        ResponseFormatJsonObject | ResponseFormatJsonSchema | ResponseFormatText | Unset
    )
    tools: list[Tool] | Unset
    tool_choice: NamedToolChoice | ToolChoiceMode | Unset
    parallel_tool_calls: bool | Unset
    reasoning_effort: ReasoningEffort | Unset
    additional_properties: dict[str, Any]

    __slots__ = (
        "__weakref__",
        "additional_properties",
        "frequency_penalty",
        "max_completion_tokens",
        "max_tokens",
        "messages",
        "model",
        "n",
        "parallel_tool_calls",
        "prediction",
        "presence_penalty",
        "reasoning_effort",
        "response_format",
        "seed",
        "stop",
        "stream",
        "stream_options",
        "temperature",
        "tool_choice",
        "tools",
        "top_p",
    )
    __match_args__ = (
        "model",
        "messages",
        "max_completion_tokens",
        "max_tokens",
        "stream",
        "stream_options",
        "n",
        "temperature",
        "top_p",
        "stop",
        "frequency_penalty",
        "prediction",
        "presence_penalty",
        "seed",
        "response_format",
        "tools",
        "tool_choice",
        "parallel_tool_calls",
        "reasoning_effort",
    )
    __hash__ = None  # type: ignore[assignment]  # mutable and compared by value, as attrs made it

    def __init__(
        self,
        model: Model,
        messages: list[AssistantMessage | SystemMessage | ToolMessage | UserMessage],
        max_completion_tokens: int | Unset = UNSET,
        max_tokens: int | Unset = UNSET,
        stream: bool | Unset = False,
        stream_options: StreamOptions | Unset = UNSET,
        n: int | None | Unset = UNSET,
        temperature: float | Unset = UNSET,
        top_p: float | Unset = UNSET,
        stop: list[str] | None | str | Unset = UNSET,
        frequency_penalty: float | None | Unset = UNSET,
        prediction: Prediction | Unset = UNSET,
        presence_penalty: float | None | Unset = UNSET,
        seed: int | Unset = UNSET,
        response_format: ResponseFormatJsonObject
        | ResponseFormatJsonSchema
        | ResponseFormatText
        | Unset = UNSET,
        tools: list[Tool] | Unset = UNSET,
        tool_choice: NamedToolChoice | ToolChoiceMode | Unset = UNSET,
        parallel_tool_calls: bool | Unset = UNSET,
        reasoning_effort: ReasoningEffort | Unset = UNSET,
    ) -> None:
        self.model = model
        self.messages = messages
        self.max_completion_tokens = max_completion_tokens
        self.max_tokens = max_tokens
        self.stream = stream
        self.stream_options = stream_options
        self.n = n
        self.temperature = temperature
        self.top_p = top_p
        self.stop = stop
        self.frequency_penalty = frequency_penalty
        self.prediction = prediction
        self.presence_penalty = presence_penalty
        self.seed = seed
        self.response_format = response_format
        self.tools = tools
        self.tool_choice = tool_choice
        self.parallel_tool_calls = parallel_tool_calls
        self.reasoning_effort = reasoning_effort
        self.additional_properties = {}

    def __repr__(self) -> str:
        return (
            f"{self.__class__.__qualname__}("
            f"model={self.model!r}"
            f", messages={self.messages!r}"
            f", max_completion_tokens={self.max_completion_tokens!r}"
            f", max_tokens={self.max_tokens!r}"
            f", stream={self.stream!r}"
            f", stream_options={self.stream_options!r}"
            f", n={self.n!r}"
            f", temperature={self.temperature!r}"
            f", top_p={self.top_p!r}"
            f", stop={self.stop!r}"
            f", frequency_penalty={self.frequency_penalty!r}"
            f", prediction={self.prediction!r}"
            f", presence_penalty={self.presence_penalty!r}"
            f", seed={self.seed!r}"
            f", response_format={self.response_format!r}"
            f", tools={self.tools!r}"
            f", tool_choice={self.tool_choice!r}"
            f", parallel_tool_calls={self.parallel_tool_calls!r}"
            f", reasoning_effort={self.reasoning_effort!r}"
            f", additional_properties={self.additional_properties!r}"
            ")"
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__ or not isinstance(
            other, ChatCompletionRequest
        ):
            return NotImplemented
        return (
            self.model,
            self.messages,
            self.max_completion_tokens,
            self.max_tokens,
            self.stream,
            self.stream_options,
            self.n,
            self.temperature,
            self.top_p,
            self.stop,
            self.frequency_penalty,
            self.prediction,
            self.presence_penalty,
            self.seed,
            self.response_format,
            self.tools,
            self.tool_choice,
            self.parallel_tool_calls,
            self.reasoning_effort,
            self.additional_properties,
        ) == (
            other.model,
            other.messages,
            other.max_completion_tokens,
            other.max_tokens,
            other.stream,
            other.stream_options,
            other.n,
            other.temperature,
            other.top_p,
            other.stop,
            other.frequency_penalty,
            other.prediction,
            other.presence_penalty,
            other.seed,
            other.response_format,
            other.tools,
            other.tool_choice,
            other.parallel_tool_calls,
            other.reasoning_effort,
            other.additional_properties,
        )

    def to_dict(self) -> dict[str, Any]:
        model = self.model.value

        messages = []
        for messages_item_data in self.messages:
            messages_item: dict[str, Any]
            if (
                isinstance(messages_item_data, UserMessage)
                or isinstance(messages_item_data, SystemMessage)
                or isinstance(messages_item_data, ToolMessage)
            ):
                messages_item = messages_item_data.to_dict()
            else:
                messages_item = messages_item_data.to_dict()

            messages.append(messages_item)

        max_completion_tokens = self.max_completion_tokens

        max_tokens = self.max_tokens

        stream = self.stream

        stream_options: dict[str, Any] | Unset = UNSET
        if not isinstance(self.stream_options, Unset):
            stream_options = self.stream_options.to_dict()

        n: int | None | Unset
        if isinstance(self.n, Unset):
            n = UNSET
        else:
            n = self.n

        temperature = self.temperature

        top_p = self.top_p

        stop: list[str] | None | str | Unset
        if isinstance(self.stop, Unset):
            stop = UNSET
        elif isinstance(self.stop, list):
            stop = self.stop

        else:
            stop = self.stop

        frequency_penalty: float | None | Unset
        if isinstance(self.frequency_penalty, Unset):
            frequency_penalty = UNSET
        else:
            frequency_penalty = self.frequency_penalty

        prediction: dict[str, Any] | Unset = UNSET
        if not isinstance(self.prediction, Unset):
            prediction = self.prediction.to_dict()

        presence_penalty: float | None | Unset
        if isinstance(self.presence_penalty, Unset):
            presence_penalty = UNSET
        else:
            presence_penalty = self.presence_penalty

        seed = self.seed

        response_format: dict[str, Any] | Unset
        if isinstance(self.response_format, Unset):
            response_format = UNSET
        elif isinstance(self.response_format, ResponseFormatText) or isinstance(
            self.response_format, ResponseFormatJsonObject
        ):
            response_format = self.response_format.to_dict()
        else:
            response_format = self.response_format.to_dict()

        tools: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.tools, Unset):
            tools = []
            for tools_item_data in self.tools:
                tools_item = tools_item_data.to_dict()
                tools.append(tools_item)

        tool_choice: dict[str, Any] | str | Unset
        if isinstance(self.tool_choice, Unset):
            tool_choice = UNSET
        elif isinstance(self.tool_choice, ToolChoiceMode):
            tool_choice = self.tool_choice.value
        else:
            tool_choice = self.tool_choice.to_dict()

        parallel_tool_calls = self.parallel_tool_calls

        reasoning_effort: str | Unset = UNSET
        if not isinstance(self.reasoning_effort, Unset):
            reasoning_effort = self.reasoning_effort.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "messages": messages,
            }
        )
        if max_completion_tokens is not UNSET:
            field_dict["max_completion_tokens"] = max_completion_tokens
        if max_tokens is not UNSET:
            field_dict["max_tokens"] = max_tokens
        if stream is not UNSET:
            field_dict["stream"] = stream
        if stream_options is not UNSET:
            field_dict["stream_options"] = stream_options
        if n is not UNSET:
            field_dict["n"] = n
        if temperature is not UNSET:
            field_dict["temperature"] = temperature
        if top_p is not UNSET:
            field_dict["top_p"] = top_p
        if stop is not UNSET:
            field_dict["stop"] = stop
        if frequency_penalty is not UNSET:
            field_dict["frequency_penalty"] = frequency_penalty
        if prediction is not UNSET:
            field_dict["prediction"] = prediction
        if presence_penalty is not UNSET:
            field_dict["presence_penalty"] = presence_penalty
        if seed is not UNSET:
            field_dict["seed"] = seed
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if tools is not UNSET:
            field_dict["tools"] = tools
        if tool_choice is not UNSET:
            field_dict["tool_choice"] = tool_choice
        if parallel_tool_calls is not UNSET:
            field_dict["parallel_tool_calls"] = parallel_tool_calls
        if reasoning_effort is not UNSET:
            field_dict["reasoning_effort"] = reasoning_effort

        return field_dict

    def to_json(self, indent: int | None = None) -> str:
        """The wire JSON: unknown fields included, unset fields left out (`json.dumps(self.to_dict())`)."""
        return json.dumps(self.to_dict(), indent=indent)

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        _model = d.pop("model")
        model = (
            _Model_BY_VALUE.get(_model) if isinstance(_model, str) else None
        ) or enum_member(_Model_BY_VALUE, Model, _model)

        messages = []
        _messages = d.pop("messages")
        for messages_item_data in _messages:
            messages_item = _parse_messages_item(messages_item_data)

            messages.append(messages_item)

        max_completion_tokens = d.pop("max_completion_tokens", UNSET)

        max_tokens = d.pop("max_tokens", UNSET)

        stream = d.pop("stream", UNSET)

        _stream_options = d.pop("stream_options", UNSET)
        stream_options: StreamOptions | Unset
        if isinstance(_stream_options, Unset):
            stream_options = UNSET
        else:
            stream_options = StreamOptions.from_dict(_stream_options)

        n = d.pop("n", UNSET)

        temperature = d.pop("temperature", UNSET)

        top_p = d.pop("top_p", UNSET)

        stop = d.pop("stop", UNSET)
        if stop is not None and stop is not UNSET:
            stop = _parse_stop(stop)

        frequency_penalty = d.pop("frequency_penalty", UNSET)

        _prediction = d.pop("prediction", UNSET)
        prediction: Prediction | Unset
        if isinstance(_prediction, Unset):
            prediction = UNSET
        else:
            prediction = Prediction.from_dict(_prediction)

        presence_penalty = d.pop("presence_penalty", UNSET)

        seed = d.pop("seed", UNSET)

        response_format = d.pop("response_format", UNSET)
        if response_format is not UNSET:
            response_format = _parse_response_format(response_format)

        _tools = d.pop("tools", UNSET)
        tools: list[Tool] | Unset = UNSET
        if _tools is not UNSET:
            tools = []
            for tools_item_data in _tools:
                tools_item = Tool.from_dict(tools_item_data)

                tools.append(tools_item)

        tool_choice = d.pop("tool_choice", UNSET)
        if tool_choice is not UNSET:
            tool_choice = _parse_tool_choice(tool_choice)

        parallel_tool_calls = d.pop("parallel_tool_calls", UNSET)

        _reasoning_effort = d.pop("reasoning_effort", UNSET)
        reasoning_effort: ReasoningEffort | Unset
        if isinstance(_reasoning_effort, Unset):
            reasoning_effort = UNSET
        else:
            reasoning_effort = (
                _ReasoningEffort_BY_VALUE.get(_reasoning_effort)
                if isinstance(_reasoning_effort, str)
                else None
            ) or enum_member(
                _ReasoningEffort_BY_VALUE, ReasoningEffort, _reasoning_effort
            )

        chat_completion_request = cls(  # positional, in attribute order: attrs' __init__ takes keywords at twice the cost
            model,
            messages,
            max_completion_tokens,
            max_tokens,
            stream,
            stream_options,
            n,
            temperature,
            top_p,
            stop,
            frequency_penalty,
            prediction,
            presence_penalty,
            seed,
            response_format,
            tools,
            tool_choice,
            parallel_tool_calls,
            reasoning_effort,
        )

        chat_completion_request.additional_properties = d
        return chat_completion_request

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


def _parse_messages_item(
    data: object,
) -> AssistantMessage | SystemMessage | ToolMessage | UserMessage:
    try:
        if not isinstance(data, dict):
            raise TypeError()
        messages_item_type_0 = UserMessage.from_dict(data)

        return messages_item_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    try:
        if not isinstance(data, dict):
            raise TypeError()
        messages_item_type_1 = SystemMessage.from_dict(data)

        return messages_item_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    try:
        if not isinstance(data, dict):
            raise TypeError()
        messages_item_type_2 = ToolMessage.from_dict(data)

        return messages_item_type_2
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    if not isinstance(data, dict):
        raise TypeError()
    messages_item_type_3 = AssistantMessage.from_dict(data)

    return messages_item_type_3


def _parse_stop(data: object) -> list[str] | None | str | Unset:
    if data is None:
        return data
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, list):
            raise TypeError()
        stop_type_1 = cast("list[str]", data)

        return stop_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    return cast("list[str] | None | str | Unset", data)


def _parse_response_format(
    data: object,
) -> ResponseFormatJsonObject | ResponseFormatJsonSchema | ResponseFormatText | Unset:
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, dict):
            raise TypeError()
        response_format_type_0 = ResponseFormatText.from_dict(data)

        return response_format_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    try:
        if not isinstance(data, dict):
            raise TypeError()
        response_format_type_1 = ResponseFormatJsonObject.from_dict(data)

        return response_format_type_1
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    if not isinstance(data, dict):
        raise TypeError()
    response_format_type_2 = ResponseFormatJsonSchema.from_dict(data)

    return response_format_type_2


def _parse_tool_choice(data: object) -> NamedToolChoice | ToolChoiceMode | Unset:
    if isinstance(data, Unset):
        return data
    try:
        if not isinstance(data, str):
            raise TypeError()
        tool_choice_type_0 = _ToolChoiceMode_BY_VALUE.get(data) or enum_member(
            _ToolChoiceMode_BY_VALUE, ToolChoiceMode, data
        )

        return tool_choice_type_0
    except (TypeError, ValueError, AttributeError, KeyError):
        pass
    if not isinstance(data, dict):
        raise TypeError()
    tool_choice_type_1 = NamedToolChoice.from_dict(data)

    return tool_choice_type_1


# The models this one refers to, imported once, after the class: that is safe in an import cycle
# (the class exists before any module this pulls in can ask for it).
from ..models.assistant_message import AssistantMessage
from ..models.named_tool_choice import NamedToolChoice
from ..models.prediction import Prediction
from ..models.response_format_json_object import ResponseFormatJsonObject
from ..models.response_format_json_schema import ResponseFormatJsonSchema
from ..models.response_format_text import ResponseFormatText
from ..models.stream_options import StreamOptions
from ..models.system_message import SystemMessage
from ..models.tool import Tool
from ..models.tool_message import ToolMessage
from ..models.user_message import UserMessage

_Model_BY_VALUE: dict[str, Model] = {member.value: member for member in Model}

_ReasoningEffort_BY_VALUE: dict[str, ReasoningEffort] = {
    member.value: member for member in ReasoningEffort
}

_ToolChoiceMode_BY_VALUE: dict[str, ToolChoiceMode] = {
    member.value: member for member in ToolChoiceMode
}
