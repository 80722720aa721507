"""Contains all the data models used in inputs/outputs (each imported on first use)"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .annotation import Annotation
    from .annotation_type import AnnotationType
    from .annotation_url_citation import AnnotationUrlCitation
    from .assistant_message import AssistantMessage
    from .assistant_message_role import AssistantMessageRole
    from .assistant_text_part import AssistantTextPart
    from .assistant_text_part_type import AssistantTextPartType
    from .assistant_tool_call import AssistantToolCall
    from .assistant_tool_call_function import AssistantToolCallFunction
    from .assistant_tool_call_type import AssistantToolCallType
    from .chat_completion import ChatCompletion
    from .chat_completion_chunk import ChatCompletionChunk
    from .chat_completion_chunk_object import ChatCompletionChunkObject
    from .chat_completion_message import ChatCompletionMessage
    from .chat_completion_object import ChatCompletionObject
    from .chat_completion_request import ChatCompletionRequest
    from .choice import Choice
    from .choice_delta import ChoiceDelta
    from .choice_delta_role import ChoiceDeltaRole
    from .choice_delta_tool_call import ChoiceDeltaToolCall
    from .choice_delta_tool_call_function import ChoiceDeltaToolCallFunction
    from .choice_delta_tool_call_type import ChoiceDeltaToolCallType
    from .choice_logprobs import ChoiceLogprobs
    from .chunk_choice import ChunkChoice
    from .chunk_choice_logprobs import ChunkChoiceLogprobs
    from .chunk_completion_tokens_details import ChunkCompletionTokensDetails
    from .chunk_finish_reason import ChunkFinishReason
    from .chunk_prompt_tokens_details import ChunkPromptTokensDetails
    from .chunk_refusal_token_logprob import ChunkRefusalTokenLogprob
    from .chunk_refusal_top_logprob import ChunkRefusalTopLogprob
    from .chunk_token_logprob import ChunkTokenLogprob
    from .chunk_top_logprob import ChunkTopLogprob
    from .chunk_usage import ChunkUsage
    from .completion_meta import CompletionMeta
    from .completion_tokens_details import CompletionTokensDetails
    from .custom_tool import CustomTool
    from .custom_tool_call import CustomToolCall
    from .custom_tool_call_type import CustomToolCallType
    from .error_detail import ErrorDetail
    from .error_response import ErrorResponse
    from .file_part import FilePart
    from .file_part_file import FilePartFile
    from .file_part_type import FilePartType
    from .finish_reason import FinishReason
    from .function_definition import FunctionDefinition
    from .function_parameters import FunctionParameters
    from .image_url import ImageUrl
    from .image_url_detail import ImageUrlDetail
    from .image_url_part import ImageUrlPart
    from .image_url_part_type import ImageUrlPartType
    from .json_schema_format import JsonSchemaFormat
    from .json_schema_format_schema import JsonSchemaFormatSchema
    from .message_audio import MessageAudio
    from .meta_usage import MetaUsage
    from .model import Model
    from .named_tool_choice import NamedToolChoice
    from .named_tool_choice_function import NamedToolChoiceFunction
    from .named_tool_choice_type import NamedToolChoiceType
    from .prediction import Prediction
    from .prediction_text_part import PredictionTextPart
    from .prediction_text_part_type import PredictionTextPartType
    from .prediction_type import PredictionType
    from .prompt_tokens_details import PromptTokensDetails
    from .reasoning_effort import ReasoningEffort
    from .refusal_part import RefusalPart
    from .refusal_part_type import RefusalPartType
    from .refusal_token_logprob import RefusalTokenLogprob
    from .refusal_top_logprob import RefusalTopLogprob
    from .response_format_json_object import ResponseFormatJsonObject
    from .response_format_json_object_type import ResponseFormatJsonObjectType
    from .response_format_json_schema import ResponseFormatJsonSchema
    from .response_format_json_schema_type import ResponseFormatJsonSchemaType
    from .response_format_text import ResponseFormatText
    from .response_format_text_type import ResponseFormatTextType
    from .service_tier import ServiceTier
    from .stream_options import StreamOptions
    from .system_message import SystemMessage
    from .system_message_role import SystemMessageRole
    from .system_text_part import SystemTextPart
    from .system_text_part_type import SystemTextPartType
    from .text_part import TextPart
    from .text_part_type import TextPartType
    from .token_logprob import TokenLogprob
    from .tool import Tool
    from .tool_call import ToolCall
    from .tool_call_function import ToolCallFunction
    from .tool_call_type import ToolCallType
    from .tool_choice_mode import ToolChoiceMode
    from .tool_message import ToolMessage
    from .tool_message_role import ToolMessageRole
    from .tool_type import ToolType
    from .top_logprob import TopLogprob
    from .usage import Usage
    from .user_message import UserMessage
    from .user_message_role import UserMessageRole

# Class name -> the module (in this package) that defines it.
_MODULES = {
    "Annotation": "annotation",
    "AnnotationType": "annotation_type",
    "AnnotationUrlCitation": "annotation_url_citation",
    "AssistantMessage": "assistant_message",
    "AssistantMessageRole": "assistant_message_role",
    "AssistantTextPart": "assistant_text_part",
    "AssistantTextPartType": "assistant_text_part_type",
    "AssistantToolCall": "assistant_tool_call",
    "AssistantToolCallFunction": "assistant_tool_call_function",
    "AssistantToolCallType": "assistant_tool_call_type",
    "ChatCompletion": "chat_completion",
    "ChatCompletionChunk": "chat_completion_chunk",
    "ChatCompletionChunkObject": "chat_completion_chunk_object",
    "ChatCompletionMessage": "chat_completion_message",
    "ChatCompletionObject": "chat_completion_object",
    "ChatCompletionRequest": "chat_completion_request",
    "Choice": "choice",
    "ChoiceDelta": "choice_delta",
    "ChoiceDeltaRole": "choice_delta_role",
    "ChoiceDeltaToolCall": "choice_delta_tool_call",
    "ChoiceDeltaToolCallFunction": "choice_delta_tool_call_function",
    "ChoiceDeltaToolCallType": "choice_delta_tool_call_type",
    "ChoiceLogprobs": "choice_logprobs",
    "ChunkChoice": "chunk_choice",
    "ChunkChoiceLogprobs": "chunk_choice_logprobs",
    "ChunkCompletionTokensDetails": "chunk_completion_tokens_details",
    "ChunkFinishReason": "chunk_finish_reason",
    "ChunkPromptTokensDetails": "chunk_prompt_tokens_details",
    "ChunkRefusalTokenLogprob": "chunk_refusal_token_logprob",
    "ChunkRefusalTopLogprob": "chunk_refusal_top_logprob",
    "ChunkTokenLogprob": "chunk_token_logprob",
    "ChunkTopLogprob": "chunk_top_logprob",
    "ChunkUsage": "chunk_usage",
    "CompletionMeta": "completion_meta",
    "CompletionTokensDetails": "completion_tokens_details",
    "CustomTool": "custom_tool",
    "CustomToolCall": "custom_tool_call",
    "CustomToolCallType": "custom_tool_call_type",
    "ErrorDetail": "error_detail",
    "ErrorResponse": "error_response",
    "FilePart": "file_part",
    "FilePartFile": "file_part_file",
    "FilePartType": "file_part_type",
    "FinishReason": "finish_reason",
    "FunctionDefinition": "function_definition",
    "FunctionParameters": "function_parameters",
    "ImageUrl": "image_url",
    "ImageUrlDetail": "image_url_detail",
    "ImageUrlPart": "image_url_part",
    "ImageUrlPartType": "image_url_part_type",
    "JsonSchemaFormat": "json_schema_format",
    "JsonSchemaFormatSchema": "json_schema_format_schema",
    "MessageAudio": "message_audio",
    "MetaUsage": "meta_usage",
    "Model": "model",
    "NamedToolChoice": "named_tool_choice",
    "NamedToolChoiceFunction": "named_tool_choice_function",
    "NamedToolChoiceType": "named_tool_choice_type",
    "Prediction": "prediction",
    "PredictionTextPart": "prediction_text_part",
    "PredictionTextPartType": "prediction_text_part_type",
    "PredictionType": "prediction_type",
    "PromptTokensDetails": "prompt_tokens_details",
    "ReasoningEffort": "reasoning_effort",
    "RefusalPart": "refusal_part",
    "RefusalPartType": "refusal_part_type",
    "RefusalTokenLogprob": "refusal_token_logprob",
    "RefusalTopLogprob": "refusal_top_logprob",
    "ResponseFormatJsonObject": "response_format_json_object",
    "ResponseFormatJsonObjectType": "response_format_json_object_type",
    "ResponseFormatJsonSchema": "response_format_json_schema",
    "ResponseFormatJsonSchemaType": "response_format_json_schema_type",
    "ResponseFormatText": "response_format_text",
    "ResponseFormatTextType": "response_format_text_type",
    "ServiceTier": "service_tier",
    "StreamOptions": "stream_options",
    "SystemMessage": "system_message",
    "SystemMessageRole": "system_message_role",
    "SystemTextPart": "system_text_part",
    "SystemTextPartType": "system_text_part_type",
    "TextPart": "text_part",
    "TextPartType": "text_part_type",
    "TokenLogprob": "token_logprob",
    "Tool": "tool",
    "ToolCall": "tool_call",
    "ToolCallFunction": "tool_call_function",
    "ToolCallType": "tool_call_type",
    "ToolChoiceMode": "tool_choice_mode",
    "ToolMessage": "tool_message",
    "ToolMessageRole": "tool_message_role",
    "ToolType": "tool_type",
    "TopLogprob": "top_logprob",
    "Usage": "usage",
    "UserMessage": "user_message",
    "UserMessageRole": "user_message_role",
}

if not TYPE_CHECKING:  # for type checkers, a missing name stays an error instead of Any

    def __getattr__(name: str) -> Any:
        module = _MODULES.get(name)
        if module is not None:
            value = getattr(importlib.import_module(f".{module}", __name__), name)
        elif name in _MODULES.values():
            # A submodule: the eager imports used to bind every one of them.
            value = importlib.import_module(f".{name}", __name__)
        else:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_MODULES})


__all__ = (
    "Annotation",
    "AnnotationType",
    "AnnotationUrlCitation",
    "AssistantMessage",
    "AssistantMessageRole",
    "AssistantTextPart",
    "AssistantTextPartType",
    "AssistantToolCall",
    "AssistantToolCallFunction",
    "AssistantToolCallType",
    "ChatCompletion",
    "ChatCompletionChunk",
    "ChatCompletionChunkObject",
    "ChatCompletionMessage",
    "ChatCompletionObject",
    "ChatCompletionRequest",
    "Choice",
    "ChoiceDelta",
    "ChoiceDeltaRole",
    "ChoiceDeltaToolCall",
    "ChoiceDeltaToolCallFunction",
    "ChoiceDeltaToolCallType",
    "ChoiceLogprobs",
    "ChunkChoice",
    "ChunkChoiceLogprobs",
    "ChunkCompletionTokensDetails",
    "ChunkFinishReason",
    "ChunkPromptTokensDetails",
    "ChunkRefusalTokenLogprob",
    "ChunkRefusalTopLogprob",
    "ChunkTokenLogprob",
    "ChunkTopLogprob",
    "ChunkUsage",
    "CompletionMeta",
    "CompletionTokensDetails",
    "CustomTool",
    "CustomToolCall",
    "CustomToolCallType",
    "ErrorDetail",
    "ErrorResponse",
    "FilePart",
    "FilePartFile",
    "FilePartType",
    "FinishReason",
    "FunctionDefinition",
    "FunctionParameters",
    "ImageUrl",
    "ImageUrlDetail",
    "ImageUrlPart",
    "ImageUrlPartType",
    "JsonSchemaFormat",
    "JsonSchemaFormatSchema",
    "MessageAudio",
    "MetaUsage",
    "Model",
    "NamedToolChoice",
    "NamedToolChoiceFunction",
    "NamedToolChoiceType",
    "Prediction",
    "PredictionTextPart",
    "PredictionTextPartType",
    "PredictionType",
    "PromptTokensDetails",
    "ReasoningEffort",
    "RefusalPart",
    "RefusalPartType",
    "RefusalTokenLogprob",
    "RefusalTopLogprob",
    "ResponseFormatJsonObject",
    "ResponseFormatJsonObjectType",
    "ResponseFormatJsonSchema",
    "ResponseFormatJsonSchemaType",
    "ResponseFormatText",
    "ResponseFormatTextType",
    "ServiceTier",
    "StreamOptions",
    "SystemMessage",
    "SystemMessageRole",
    "SystemTextPart",
    "SystemTextPartType",
    "TextPart",
    "TextPartType",
    "TokenLogprob",
    "Tool",
    "ToolCall",
    "ToolCallFunction",
    "ToolCallType",
    "ToolChoiceMode",
    "ToolMessage",
    "ToolMessageRole",
    "ToolType",
    "TopLogprob",
    "Usage",
    "UserMessage",
    "UserMessageRole",
)
