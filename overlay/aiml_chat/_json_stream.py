"""A stream asked for, a plain JSON answer received: the event stream that answer stands for.

Some servers ignore `stream: true` and answer with one JSON completion. The client reads that body
whole and hands this module's bytes to the Stream, so `for chunk in stream` works unchanged.
"""

from __future__ import annotations

import json

import httpx2

from ._exceptions import APIResponseValidationError
from ._response import _loads, completion_from


def json_stream_body(response: httpx2.Response, body: bytes) -> bytes:
    """The SSE bytes of a JSON answer: its error raised typed, or one chunk with the whole answer.

    An error object raises its typed error; a completion becomes one chunk carrying the whole
    answer, then [DONE].
    """
    try:
        data = _loads(body)
    except ValueError as error:
        raise APIResponseValidationError(
            f"A stream was asked for; the server answered with JSON that does not parse: {error}",
            response=response,
            body=body.decode("utf-8", "replace"),
            request=response.request,
        ) from error
    completion_from(data, response)  # raises the typed error, or if it is not a completion
    choices = []
    for choice in data["choices"]:
        message = dict(choice.get("message") or {}) if isinstance(choice, dict) else {}
        if isinstance(message.get("tool_calls"), list):
            message["tool_calls"] = [
                {**call, "index": i} if isinstance(call, dict) else call
                for i, call in enumerate(message["tool_calls"])
            ]
        choices.append(
            {"index": choice.get("index", 0), "delta": message, "finish_reason": choice.get("finish_reason")}
        )
    # Every other top-level field goes along as it came (spec'd or not): nothing is lost.
    chunk = {key: value for key, value in data.items() if key not in ("choices", "object")}
    chunk.update(object="chat.completion.chunk", choices=choices)
    return b"data: " + json.dumps(chunk).encode() + b"\n\ndata: [DONE]\n\n"
