# Generated from openapi.json by `nox -s generate` (tools/spec_params.py): do not edit by hand.
"""The request body's schema with every `$ref` inlined (`_inline.inline_refs`), as a literal.

Written at generate time so that nothing parses openapi.json at run time: the validator's walk
reads it to name a failing field, the CLI its options; tests/test_drift.py checks it against the spec.
"""

from typing import Any

REQUEST_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "model": {"type": "string", "enum": ["google/gemini-2.5-flash-lite-preview"]},
        "messages": {
            "type": "array",
            "items": {
                "oneOf": [
                    {
                        "type": "object",
                        "properties": {
                            "role": {
                                "type": "string",
                                "enum": ["user"],
                                "description": "The role of the author of the message — in this case, the user",
                            },
                            "content": {
                                "anyOf": [
                                    {"type": "string"},
                                    {
                                        "type": "array",
                                        "items": {
                                            "oneOf": [
                                                {
                                                    "type": "object",
                                                    "properties": {
                                                        "type": {
                                                            "type": "string",
                                                            "enum": ["text"],
                                                            "description": "The type of the content part.",
                                                        },
                                                        "text": {
                                                            "type": "string",
                                                            "description": "The text content.",
                                                        },
                                                    },
                                                    "required": ["type", "text"],
                                                },
                                                {
                                                    "type": "object",
                                                    "properties": {
                                                        "type": {"type": "string", "enum": ["image_url"]},
                                                        "image_url": {
                                                            "type": "object",
                                                            "properties": {
                                                                "url": {
                                                                    "type": "string",
                                                                    "format": "uri",
                                                                    "description": "Either a URL of the image or the base64 encoded image data. ",
                                                                },
                                                                "detail": {
                                                                    "type": "string",
                                                                    "enum": ["low", "high", "auto"],
                                                                    "description": "Specifies the detail level of the image. Currently supports JPG/JPEG, PNG, GIF, and WEBP formats.",
                                                                },
                                                            },
                                                            "required": ["url"],
                                                        },
                                                    },
                                                    "required": ["type", "image_url"],
                                                },
                                                {
                                                    "type": "object",
                                                    "properties": {
                                                        "type": {
                                                            "type": "string",
                                                            "enum": ["file"],
                                                            "description": "The type of the content part.",
                                                        },
                                                        "file": {
                                                            "type": "object",
                                                            "properties": {
                                                                "file_data": {
                                                                    "type": "string",
                                                                    "description": "The file data, encoded in base64 (or as a data:application/pdf;base64 URL) and passed to the model as a string. Only PDF format is supported. Maximum size per file: up to 512 MB and up to 2 million tokens.",
                                                                },
                                                                "filename": {
                                                                    "type": "string",
                                                                    "description": "The file name specified by the user.",
                                                                },
                                                            },
                                                            "required": ["file_data"],
                                                        },
                                                    },
                                                    "required": ["type", "file"],
                                                },
                                            ],
                                            "x-discriminator": "type",
                                        },
                                    },
                                ],
                                "description": "The contents of the user message.",
                            },
                            "name": {
                                "type": "string",
                                "description": "An optional name for the participant. Provides the model information to differentiate between participants of the same role.",
                            },
                        },
                        "required": ["role", "content"],
                    },
                    {
                        "type": "object",
                        "properties": {
                            "role": {
                                "type": "string",
                                "enum": ["system"],
                                "description": "The role of the author of the message — in this case, the system.",
                            },
                            "content": {
                                "anyOf": [
                                    {"type": "string"},
                                    {
                                        "type": "array",
                                        "items": {
                                            "type": "object",
                                            "properties": {
                                                "type": {
                                                    "type": "string",
                                                    "enum": ["text"],
                                                    "description": "The type of the content part.",
                                                },
                                                "text": {
                                                    "type": "string",
                                                    "description": "The text content.",
                                                },
                                            },
                                            "required": ["type", "text"],
                                        },
                                    },
                                ],
                                "description": "The contents of the system message.",
                            },
                            "name": {
                                "type": "string",
                                "description": "An optional name for the participant. Provides the model information to differentiate between participants of the same role.",
                            },
                        },
                        "required": ["role", "content"],
                        "additionalProperties": False,
                    },
                    {
                        "type": "object",
                        "properties": {
                            "role": {
                                "type": "string",
                                "enum": ["tool"],
                                "description": "The role of the author of the message — in this case, the tool.",
                            },
                            "content": {"type": "string", "description": "The contents of the tool message."},
                            "tool_call_id": {
                                "type": "string",
                                "description": "Tool call that this message is responding to.",
                            },
                            "name": {
                                "type": "string",
                                "nullable": True,
                                "description": "An optional name for the participant. Provides the model information to differentiate between participants of the same role.",
                            },
                        },
                        "required": ["role", "content", "tool_call_id"],
                        "additionalProperties": False,
                    },
                    {
                        "type": "object",
                        "properties": {
                            "role": {
                                "type": "string",
                                "enum": ["assistant"],
                                "description": "The role of the author of the message — in this case, the Assistant.",
                            },
                            "content": {
                                "anyOf": [
                                    {
                                        "type": "string",
                                        "description": "The contents of the Assistant message.",
                                        "nullable": True,
                                    },
                                    {
                                        "type": "array",
                                        "items": {
                                            "oneOf": [
                                                {
                                                    "type": "object",
                                                    "properties": {
                                                        "type": {
                                                            "type": "string",
                                                            "enum": ["text"],
                                                            "description": "The type of the content part.",
                                                        },
                                                        "text": {
                                                            "type": "string",
                                                            "description": "The text content.",
                                                        },
                                                    },
                                                    "required": ["type", "text"],
                                                },
                                                {
                                                    "type": "object",
                                                    "properties": {
                                                        "refusal": {
                                                            "type": "string",
                                                            "description": "The refusal message generated by the model.",
                                                        },
                                                        "type": {
                                                            "type": "string",
                                                            "enum": ["refusal"],
                                                            "description": "The type of the content part.",
                                                        },
                                                    },
                                                    "required": ["refusal", "type"],
                                                },
                                            ],
                                            "x-discriminator": "type",
                                        },
                                        "description": "An array of content parts with a defined type. Can be one or more of type text, or exactly one of type refusal.",
                                    },
                                ],
                                "description": "The contents of the Assistant message. Required unless tool_calls or function_call is specified.",
                            },
                            "name": {
                                "type": "string",
                                "description": "An optional name for the participant. Provides the model information to differentiate between participants of the same role.",
                            },
                            "tool_calls": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "id": {"type": "string", "description": "The ID of the tool call."},
                                        "type": {
                                            "type": "string",
                                            "enum": ["function"],
                                            "description": "The type of the tool. Currently, only function is supported.",
                                        },
                                        "function": {
                                            "type": "object",
                                            "properties": {
                                                "name": {
                                                    "type": "string",
                                                    "description": "The name of the function to call.",
                                                },
                                                "arguments": {
                                                    "type": "string",
                                                    "description": "The arguments to call the function with, as generated by the model in JSON format. Note that the model does not always generate valid JSON, and may hallucinate parameters not defined by your function schema. Validate the arguments in your code before calling your function.",
                                                },
                                            },
                                            "required": ["name", "arguments"],
                                            "description": "The function that the model called.",
                                        },
                                    },
                                    "required": ["id", "type", "function"],
                                },
                                "description": "The tool calls generated by the model, such as function calls.",
                            },
                            "refusal": {
                                "type": "string",
                                "nullable": True,
                                "description": "The refusal message by the Assistant.",
                            },
                        },
                        "required": ["role"],
                    },
                ],
                "x-discriminator": "role",
            },
            "description": "A list of messages comprising the conversation so far. Depending on the model you use, different message types (modalities) are supported, like text, documents (txt, pdf), images, and audio.",
            "minItems": 1,
        },
        "max_completion_tokens": {
            "type": "integer",
            "minimum": 1,
            "description": "An upper bound for the number of tokens that can be generated for a completion, including visible output tokens and reasoning tokens.",
        },
        "max_tokens": {
            "type": "integer",
            "minimum": 1,
            "description": "The maximum number of tokens that can be generated in the chat completion. This value can be used to control costs for text generated via API.",
        },
        "stream": {
            "type": "boolean",
            "default": False,
            "description": "If set to True, the model response data will be streamed to the client as it is generated using server-sent events.",
        },
        "stream_options": {
            "type": "object",
            "properties": {"include_usage": {"type": "boolean"}},
            "required": ["include_usage"],
        },
        "n": {
            "type": "integer",
            "nullable": True,
            "minimum": 1,
            "description": "How many chat completion choices to generate for each input message. Note that you will be charged based on the number of generated tokens across all of the choices. Keep n as 1 to minimize costs.",
        },
        "temperature": {
            "type": "number",
            "minimum": 0,
            "maximum": 2,
            "description": "What sampling temperature to use. Higher values like 0.8 will make the output more random, while lower values like 0.2 will make it more focused and deterministic. We generally recommend altering this or top_p but not both.",
        },
        "top_p": {
            "type": "number",
            "minimum": 0.01,
            "maximum": 1,
            "description": "An alternative to sampling with temperature, called nucleus sampling, where the model considers the results of the tokens with top_p probability mass. So 0.1 means only the tokens comprising the top 10% probability mass are considered.\n  We generally recommend altering this or temperature but not both.",
        },
        "stop": {
            "anyOf": [{"type": "string", "nullable": True}, {"type": "array", "items": {"type": "string"}}],
            "description": "Up to 4 sequences where the API will stop generating further tokens. The returned text will not contain the stop sequence.",
        },
        "frequency_penalty": {
            "type": "number",
            "nullable": True,
            "minimum": -2,
            "maximum": 2,
            "description": "Number between -2.0 and 2.0. Positive values penalize new tokens based on their existing frequency in the text so far, decreasing the model's likelihood to repeat the same line verbatim.",
        },
        "prediction": {
            "type": "object",
            "properties": {
                "type": {
                    "type": "string",
                    "enum": ["content"],
                    "description": "The type of the predicted content you want to provide.",
                },
                "content": {
                    "anyOf": [
                        {
                            "type": "string",
                            "description": "The content used for a Predicted Output. This is often the text of a file you are regenerating with minor changes.",
                        },
                        {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "properties": {
                                    "type": {
                                        "type": "string",
                                        "enum": ["text"],
                                        "description": "The type of the content part.",
                                    },
                                    "text": {"type": "string", "description": "The text content."},
                                },
                                "required": ["type", "text"],
                            },
                            "description": "An array of content parts with a defined type. Supported options differ based on the model being used to generate the response. Can contain text inputs.",
                        },
                    ],
                    "description": "The content that should be matched when generating a model response. If generated tokens would match this content, the entire model response can be returned much more quickly.",
                },
            },
            "required": ["type", "content"],
            "description": "Configuration for a Predicted Output, which can greatly improve response times when large parts of the model response are known ahead of time.",
        },
        "presence_penalty": {
            "type": "number",
            "nullable": True,
            "minimum": -2,
            "maximum": 2,
            "description": "Positive values penalize new tokens based on whether they appear in the text so far, increasing the model's likelihood to talk about new topics.",
        },
        "seed": {
            "type": "integer",
            "minimum": 1,
            "description": "This feature is in Beta. If specified, our system will make a best effort to sample deterministically, such that repeated requests with the same seed and parameters should return the same result.",
        },
        "response_format": {
            "oneOf": [
                {
                    "type": "object",
                    "properties": {
                        "type": {
                            "type": "string",
                            "enum": ["text"],
                            "description": "The type of response format being defined. Always text.",
                        }
                    },
                    "required": ["type"],
                    "additionalProperties": False,
                    "description": "Default response format. Used to generate text responses.",
                },
                {
                    "type": "object",
                    "properties": {
                        "type": {
                            "type": "string",
                            "enum": ["json_object"],
                            "description": "The type of response format being defined. Always json_object.",
                        }
                    },
                    "required": ["type"],
                    "additionalProperties": False,
                    "description": "An older method of generating JSON responses. Using json_schema is recommended for models that support it. Note that the model will not generate JSON without a system or user message instructing it to do so.",
                },
                {
                    "type": "object",
                    "properties": {
                        "type": {
                            "type": "string",
                            "enum": ["json_schema"],
                            "description": "The type of response format being defined. Always json_schema.",
                        },
                        "json_schema": {
                            "type": "object",
                            "properties": {
                                "name": {
                                    "type": "string",
                                    "description": "The name of the response format. Must be a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length of 64.",
                                },
                                "schema": {
                                    "type": "object",
                                    "description": "The schema for the response format, described as a JSON Schema object.",
                                    "additionalProperties": True,
                                },
                                "strict": {
                                    "type": "boolean",
                                    "nullable": True,
                                    "description": "Whether to enable strict schema adherence when generating the output. If set to True, the model will always follow the exact schema defined in the schema field. Only a subset of JSON Schema is supported when strict is True.",
                                },
                                "description": {
                                    "type": "string",
                                    "description": "A description of what the response format is for, used by the model to determine how to respond in the format.",
                                },
                            },
                            "required": ["name"],
                            "additionalProperties": False,
                            "description": "JSON Schema response format. Used to generate structured JSON responses.",
                        },
                    },
                    "required": ["type", "json_schema"],
                    "additionalProperties": False,
                    "description": "JSON Schema response format. Used to generate structured JSON responses.",
                },
            ],
            "description": "An object specifying the format that the model must output.",
            "x-discriminator": "type",
        },
        "tools": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {
                        "type": "string",
                        "enum": ["function"],
                        "description": "The type of the tool. Currently, only function is supported.",
                    },
                    "function": {
                        "type": "object",
                        "properties": {
                            "description": {
                                "type": "string",
                                "description": "A description of what the function does, used by the model to choose when and how to call the function.",
                            },
                            "name": {
                                "type": "string",
                                "description": "The name of the function to be called. Must be a-z, A-Z, 0-9, or contain underscores and dashes, with a maximum length of 64.",
                            },
                            "parameters": {
                                "type": "object",
                                "description": "The parameters the function accepts, described as a JSON Schema object.",
                                "additionalProperties": True,
                            },
                            "strict": {
                                "type": "boolean",
                                "nullable": True,
                                "description": "Whether to enable strict schema adherence when generating the function call. If set to True, the model will follow the exact schema defined in the parameters field. Only a subset of JSON Schema is supported when strict is True.",
                            },
                        },
                        "additionalProperties": False,
                        "required": ["name"],
                    },
                },
                "required": ["type", "function"],
                "additionalProperties": False,
            },
            "description": "A list of tools the model may call. Currently, only functions are supported as a tool. Use this to provide a list of functions the model may generate JSON inputs for. A max of 128 functions are supported.",
        },
        "tool_choice": {
            "anyOf": [
                {
                    "type": "string",
                    "enum": ["none", "auto", "required"],
                    "description": "none means the model will not call any tool and instead generates a message. auto means the model can pick between generating a message or calling one or more tools. required means the model must call one or more tools.",
                },
                {
                    "type": "object",
                    "properties": {
                        "type": {
                            "type": "string",
                            "enum": ["function"],
                            "description": "The type of the tool. Currently, only function is supported.",
                        },
                        "function": {
                            "type": "object",
                            "properties": {
                                "name": {"type": "string", "description": "The name of the function to call."}
                            },
                            "required": ["name"],
                        },
                    },
                    "required": ["type", "function"],
                    "description": "Specifies a tool the model should use. Use to force the model to call a specific function.",
                },
            ],
            "description": 'Controls which (if any) tool is called by the model. none means the model will not call any tool and instead generates a message. auto means the model can pick between generating a message or calling one or more tools. required means the model must call one or more tools. Specifying a particular tool via {"type": "function", "function": {"name": "my_function"}} forces the model to call that tool.\n  none is the default when no tools are present. auto is the default if tools are present.',
        },
        "parallel_tool_calls": {
            "type": "boolean",
            "description": "Whether to enable parallel function calling during tool use.",
        },
        "reasoning_effort": {
            "type": "string",
            "enum": ["low", "medium", "high"],
            "description": "Constrains effort on reasoning for reasoning models. Currently supported values are low, medium, and high. Reducing reasoning effort can result in faster responses and fewer tokens used on reasoning in a response.",
        },
    },
    "required": ["model", "messages"],
}
