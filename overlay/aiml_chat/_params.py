# Generated from openapi.json by `nox -s generate` (tools/spec_params.py): do not edit by hand.
"""The request surface of POST /v1/chat/completions, from the spec: what `create()` takes and how messages look.

Every TypedDict below is a schema of openapi.json (`UserMessage` -> `UserMessageParam`); the
attribute docstrings are the spec's descriptions, shown by editors on hover.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Required, TypeAlias, TypedDict

if TYPE_CHECKING:
    from aiml_api_client import models

PATH = "/v1/chat/completions"
DEFAULT_MODEL = "google/gemini-2.5-flash-lite-preview"
# The request properties, in spec order.
REQUEST_PROPERTIES = (
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
# Properties an upstream update removed (spec/removed.yaml, kept by `nox -s update_spec`):
# create() refuses them naming the change instead of a bare "unexpected keyword".
REMOVED_PROPERTIES: dict[str, str] = {
    "min_p": "`min_p` was removed from the API spec by the update to 2026-04-22-1a0876e7; to send it anyway to a server that still takes it, pass extra_body={'min_p': ...}",
    "repetition_penalty": "`repetition_penalty` was removed from the API spec by the update to 2026-04-22-1a0876e7; to send it anyway to a server that still takes it, pass extra_body={'repetition_penalty': ...}",
    "top_a": "`top_a` was removed from the API spec by the update to 2026-04-22-1a0876e7; to send it anyway to a server that still takes it, pass extra_body={'top_a': ...}",
    "top_k": "`top_k` was removed from the API spec by the update to 2026-04-22-1a0876e7; to send it anyway to a server that still takes it, pass extra_body={'top_k': ...}",
}


UserMessageContentParam: TypeAlias = "str | Sequence[TextPartParam | ImageUrlPartParam | FilePartParam]"


SystemMessageContentParam: TypeAlias = "str | Sequence[SystemTextPartParam]"


AssistantMessageContentParam: TypeAlias = "str | Sequence[AssistantTextPartParam | RefusalPartParam] | None"


ModelParam: TypeAlias = "Literal['google/gemini-2.5-flash-lite-preview']"


PredictionContentParam: TypeAlias = "str | Sequence[PredictionTextPartParam]"


ToolChoiceModeParam: TypeAlias = "Literal['none', 'auto', 'required']"


ReasoningEffortParam: TypeAlias = "Literal['low', 'medium', 'high']"


class UserMessageParam(TypedDict, total=False):
    """UserMessage."""

    role: Required[Literal["user"]]
    """The role of the author of the message — in this case, the user"""
    content: Required[UserMessageContentParam]
    """The contents of the user message."""
    name: str
    """An optional name for the participant."""


class TextPartParam(TypedDict, total=False):
    """TextPart."""

    type: Required[Literal["text"]]
    """The type of the content part."""
    text: Required[str]
    """The text content."""


class ImageUrlPartParam(TypedDict, total=False):
    """ImageUrlPart."""

    type: Required[Literal["image_url"]]
    image_url: Required[ImageUrlParam]


class ImageUrlParam(TypedDict, total=False):
    """ImageUrl."""

    url: Required[str]
    """Either a URL of the image or the base64 encoded image data."""
    detail: Literal["low", "high", "auto"]
    """Specifies the detail level of the image."""


class FilePartParam(TypedDict, total=False):
    """FilePart."""

    type: Required[Literal["file"]]
    """The type of the content part."""
    file: Required[FilePartFileParam]


class FilePartFileParam(TypedDict, total=False):
    """FilePartFile."""

    file_data: Required[str]
    """The file data, encoded in base64 (or as a data:application/pdf;base64 URL) and passed to the model as a string."""
    filename: str
    """The file name specified by the user."""


class SystemMessageParam(TypedDict, total=False):
    """SystemMessage."""

    role: Required[Literal["system"]]
    """The role of the author of the message — in this case, the system."""
    content: Required[SystemMessageContentParam]
    """The contents of the system message."""
    name: str
    """An optional name for the participant."""


class SystemTextPartParam(TypedDict, total=False):
    """SystemTextPart."""

    type: Required[Literal["text"]]
    """The type of the content part."""
    text: Required[str]
    """The text content."""


class ToolMessageParam(TypedDict, total=False):
    """ToolMessage."""

    role: Required[Literal["tool"]]
    """The role of the author of the message — in this case, the tool."""
    content: Required[str]
    """The contents of the tool message."""
    tool_call_id: Required[str]
    """Tool call that this message is responding to."""
    name: str | None
    """An optional name for the participant."""


class AssistantMessageParam(TypedDict, total=False):
    """AssistantMessage."""

    role: Required[Literal["assistant"]]
    """The role of the author of the message — in this case, the Assistant."""
    content: AssistantMessageContentParam
    """The contents of the Assistant message."""
    name: str
    """An optional name for the participant."""
    tool_calls: Sequence[AssistantToolCallParam]
    """The tool calls generated by the model, such as function calls."""
    refusal: str | None
    """The refusal message by the Assistant."""


class AssistantTextPartParam(TypedDict, total=False):
    """AssistantTextPart."""

    type: Required[Literal["text"]]
    """The type of the content part."""
    text: Required[str]
    """The text content."""


class RefusalPartParam(TypedDict, total=False):
    """RefusalPart."""

    refusal: Required[str]
    """The refusal message generated by the model."""
    type: Required[Literal["refusal"]]
    """The type of the content part."""


class AssistantToolCallParam(TypedDict, total=False):
    """AssistantToolCall."""

    id: Required[str]
    """The ID of the tool call."""
    type: Required[Literal["function"]]
    """The type of the tool."""
    function: Required[AssistantToolCallFunctionParam]
    """The function that the model called."""


class AssistantToolCallFunctionParam(TypedDict, total=False):
    """The function that the model called."""

    name: Required[str]
    """The name of the function to call."""
    arguments: Required[str]
    """The arguments to call the function with, as generated by the model in JSON format."""


class StreamOptionsParam(TypedDict, total=False):
    """StreamOptions."""

    include_usage: Required[bool]


class PredictionParam(TypedDict, total=False):
    """Configuration for a Predicted Output, which can greatly improve response times when large parts of the model response are known ahead of time."""

    type: Required[Literal["content"]]
    """The type of the predicted content you want to provide."""
    content: Required[PredictionContentParam]
    """The content that should be matched when generating a model response."""


class PredictionTextPartParam(TypedDict, total=False):
    """PredictionTextPart."""

    type: Required[Literal["text"]]
    """The type of the content part."""
    text: Required[str]
    """The text content."""


class ResponseFormatTextParam(TypedDict, total=False):
    """Default response format."""

    type: Required[Literal["text"]]
    """The type of response format being defined."""


class ResponseFormatJsonObjectParam(TypedDict, total=False):
    """An older method of generating JSON responses."""

    type: Required[Literal["json_object"]]
    """The type of response format being defined."""


class ResponseFormatJsonSchemaParam(TypedDict, total=False):
    """JSON Schema response format."""

    type: Required[Literal["json_schema"]]
    """The type of response format being defined."""
    json_schema: Required[JsonSchemaFormatParam]
    """JSON Schema response format."""


class JsonSchemaFormatParam(TypedDict, total=False):
    """JSON Schema response format."""

    name: Required[str]
    """The name of the response format."""
    schema: Mapping[str, Any]
    """The schema for the response format, described as a JSON Schema object."""
    strict: bool | None
    """Whether to enable strict schema adherence when generating the output."""
    description: str
    """A description of what the response format is for, used by the model to determine how to respond in the format."""


class ToolParam(TypedDict, total=False):
    """Tool."""

    type: Required[Literal["function"]]
    """The type of the tool."""
    function: Required[FunctionDefinitionParam]


class FunctionDefinitionParam(TypedDict, total=False):
    """FunctionDefinition."""

    description: str
    """A description of what the function does, used by the model to choose when and how to call the function."""
    name: Required[str]
    """The name of the function to be called."""
    parameters: Mapping[str, Any]
    """The parameters the function accepts, described as a JSON Schema object."""
    strict: bool | None
    """Whether to enable strict schema adherence when generating the function call."""


class NamedToolChoiceParam(TypedDict, total=False):
    """Specifies a tool the model should use."""

    type: Required[Literal["function"]]
    """The type of the tool."""
    function: Required[NamedToolChoiceFunctionParam]


class NamedToolChoiceFunctionParam(TypedDict, total=False):
    """NamedToolChoiceFunction."""

    name: Required[str]
    """The name of the function to call."""


MessageParam: TypeAlias = "UserMessageParam | SystemMessageParam | ToolMessageParam | AssistantMessageParam"


"""One message of the conversation: a dict of one of the shapes above."""


MessageModel: TypeAlias = (
    "models.UserMessage | models.SystemMessage | models.ToolMessage | models.AssistantMessage"
)


"""The same messages as the generated attrs models."""


class RequestParams(TypedDict, total=False):
    """The properties of ChatCompletionRequest that create() takes as keywords."""

    model: ModelParam
    max_completion_tokens: int
    """An upper bound for the number of tokens that can be generated for a completion, including visible output tokens and reasoning tokens."""
    max_tokens: int
    """The maximum number of tokens that can be generated in the chat completion."""
    stream_options: StreamOptionsParam
    n: int | None
    """How many chat completion choices to generate for each input message."""
    temperature: float
    """What sampling temperature to use."""
    top_p: float
    """An alternative to sampling with temperature, called nucleus sampling, where the model considers the results of the tokens with top_p probability mass."""
    stop: str | Sequence[str] | None
    """Up to 4 sequences where the API will stop generating further tokens."""
    frequency_penalty: float | None
    """Number between -2.0 and 2.0."""
    prediction: PredictionParam
    """Configuration for a Predicted Output, which can greatly improve response times when large parts of the model response are known ahead of time."""
    presence_penalty: float | None
    """Positive values penalize new tokens based on whether they appear in the text so far, increasing the model's likelihood to talk about new topics."""
    seed: int
    """This feature is in Beta."""
    response_format: ResponseFormatTextParam | ResponseFormatJsonObjectParam | ResponseFormatJsonSchemaParam
    """An object specifying the format that the model must output."""
    tools: Sequence[ToolParam]
    """A list of tools the model may call."""
    tool_choice: ToolChoiceModeParam | NamedToolChoiceParam
    """Controls which (if any) tool is called by the model."""
    parallel_tool_calls: bool
    """Whether to enable parallel function calling during tool use."""
    reasoning_effort: ReasoningEffortParam
    """Constrains effort on reasoning for reasoning models."""


class ParseRequestParams(TypedDict, total=False):
    """RequestParams without response_format, which parse() derives from its type."""

    model: ModelParam
    max_completion_tokens: int
    """An upper bound for the number of tokens that can be generated for a completion, including visible output tokens and reasoning tokens."""
    max_tokens: int
    """The maximum number of tokens that can be generated in the chat completion."""
    stream_options: StreamOptionsParam
    n: int | None
    """How many chat completion choices to generate for each input message."""
    temperature: float
    """What sampling temperature to use."""
    top_p: float
    """An alternative to sampling with temperature, called nucleus sampling, where the model considers the results of the tokens with top_p probability mass."""
    stop: str | Sequence[str] | None
    """Up to 4 sequences where the API will stop generating further tokens."""
    frequency_penalty: float | None
    """Number between -2.0 and 2.0."""
    prediction: PredictionParam
    """Configuration for a Predicted Output, which can greatly improve response times when large parts of the model response are known ahead of time."""
    presence_penalty: float | None
    """Positive values penalize new tokens based on whether they appear in the text so far, increasing the model's likelihood to talk about new topics."""
    seed: int
    """This feature is in Beta."""
    tools: Sequence[ToolParam]
    """A list of tools the model may call."""
    tool_choice: ToolChoiceModeParam | NamedToolChoiceParam
    """Controls which (if any) tool is called by the model."""
    parallel_tool_calls: bool
    """Whether to enable parallel function calling during tool use."""
    reasoning_effort: ReasoningEffortParam
    """Constrains effort on reasoning for reasoning models."""


REQUEST_DOC = """\
    model: (see openapi.json)
    messages: A list of messages comprising the conversation so far.
    max_completion_tokens: An upper bound for the number of tokens that can be generated for a completion, including visible output tokens and reasoning tokens.
    max_tokens: The maximum number of tokens that can be generated in the chat completion.
    stream: If set to True, the model response data will be streamed to the client as it is generated using server-sent events.
    stream_options: (see openapi.json)
    n: How many chat completion choices to generate for each input message.
    temperature: What sampling temperature to use.
    top_p: An alternative to sampling with temperature, called nucleus sampling, where the model considers the results of the tokens with top_p probability mass.
    stop: Up to 4 sequences where the API will stop generating further tokens.
    frequency_penalty: Number between -2.0 and 2.0.
    prediction: Configuration for a Predicted Output, which can greatly improve response times when large parts of the model response are known ahead of time.
    presence_penalty: Positive values penalize new tokens based on whether they appear in the text so far, increasing the model's likelihood to talk about new topics.
    seed: This feature is in Beta.
    response_format: An object specifying the format that the model must output.
    tools: A list of tools the model may call.
    tool_choice: Controls which (if any) tool is called by the model.
    parallel_tool_calls: Whether to enable parallel function calling during tool use.
    reasoning_effort: Constrains effort on reasoning for reasoning models.
"""


MessagesParam: TypeAlias = "Iterable[MessageParam | MessageModel]"
"""What `messages=` takes: any iterable of message dicts or generated message models."""
