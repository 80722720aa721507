"""The starlette app behind the local server: the chat endpoint (`_endpoint`), the middleware that
records every request (`_state`), and OpenAI-shaped 404/405/500 answers everywhere else.
"""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from aiml_chat._params import PATH
from aiml_chat.testing._endpoint import ChatEndpoint, Secret
from aiml_chat.testing._errors import ErrorAnswer
from aiml_chat.testing._state import Recorder, ServerState
from aiml_chat.testing._wire import install_log_filter


def _error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return JSONResponse(ErrorAnswer(status, message).body(), status_code=status, headers=headers)


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = f"{request.method} {request.url.path}: {exc.detail}"
    return _error_response(exc.status_code, message, dict(exc.headers or {}))


async def _server_error(request: Request, exc: Exception) -> Response:
    return _error_response(500, f"Internal server error: {type(exc).__name__}")


def create_app(api_key: str, state: ServerState, *, max_body_bytes: int = 1024**3) -> Starlette:
    """The ASGI app: the chat endpoint plus OpenAI-shaped 404/405/500 answers everywhere else."""
    install_log_filter()
    return Starlette(
        routes=[Route(PATH, ChatEndpoint(Secret(api_key), state, max_body_bytes), methods=["POST"])],
        exception_handlers={HTTPException: _http_exception, Exception: _server_error},
        middleware=[Middleware(Recorder, state=state)],
    )
