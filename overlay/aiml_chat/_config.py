"""Client configuration: where the key and base URL come from, default timeouts, header safety."""

from __future__ import annotations

import logging
import os
from typing import Final

import httpx2

from ._exceptions import ValidationError

DEFAULT_BASE_URL: Final = "https://api.aimlapi.com"
DEFAULT_MAX_RETRIES: Final = 2
# A dead host should fail fast; a long generation must not (httpx's own default is 5 s for
# everything, and the generated client sets none at all).
DEFAULT_TIMEOUT: Final = httpx2.Timeout(connect=5.0, read=600.0, write=600.0, pool=30.0)
# httpx2's own defaults (100 connections, 20 kept alive): every pool pass walks every connection
# and probes each idle one's socket, so a bigger pool costs CPU on every request; with 1000/100
# (our old default) `python -m bench.pool` measured 1.45x the CPU per request of 100/20 at 100 in
# flight and 2.7-3.0x at 1000 (0.28-0.48x the req/s), even with a 100 ms answer delay; no larger
# pool was as cheap per request from 1 to 1000 in flight (BENCHMARKS.md, "Pool limits").
DEFAULT_LIMITS: Final = httpx2.Limits(max_connections=100, max_keepalive_connections=20)
# The largest response body (after decompression) and the largest stream event we hold in memory:
# a chat completion is a few KiB to a few MiB; past this a server is broken or hostile.
DEFAULT_MAX_RESPONSE_BYTES: Final = 32 * 1024 * 1024
KEY_ENV_VARS: Final = ("AIMLAPI_API_KEY", "AIML_API_KEY")

logger = logging.getLogger("aiml_chat")


class NotGiven:
    """Marks a keyword the caller did not pass (None is a real value for nullable fields)."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "NOT_GIVEN"


NOT_GIVEN: Final = NotGiven()


def resolve_api_key(api_key: str | None) -> str:
    key = api_key
    if key is None:
        key = next((os.environ[name] for name in KEY_ENV_VARS if os.environ.get(name)), None)
    if not key:
        raise ValidationError(
            "No API key: pass api_key=... or set AIMLAPI_API_KEY (or AIML_API_KEY).", field="api_key"
        )
    for position, ch in enumerate(key):
        if not 0x20 < ord(ch) < 0x7F:
            # The character itself is part of the key: say where it is, never what it is.
            kind = "a control character or space" if ord(ch) < 0x80 else "a non-ASCII character"
            raise ValidationError(
                f"api_key: the key has {kind} at position {position}; an HTTP header cannot carry it "
                "(a copy-paste accident?)",
                field="api_key",
            )
    return key


def resolve_base_url(base_url: str | httpx2.URL | None) -> httpx2.URL:
    raw = base_url if base_url is not None else os.environ.get("AIMLAPI_BASE_URL") or DEFAULT_BASE_URL
    try:
        url = httpx2.URL(str(raw))
    except httpx2.InvalidURL as error:
        raise ValidationError(f"base_url: {error}", field="base_url") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise ValidationError(f"base_url must be an http(s) URL, got {str(raw)!r}", field="base_url")
    path = url.path.rstrip("/")
    if path.endswith("/v1"):
        # The OpenAI form (what the API's docs tell OpenAI-SDK users to set) names the same server.
        url = url.copy_with(path=path[: -len("/v1")] or "/")
    return url


_SECRET_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "x-api-key", "api-key"})


# RFC 9110 token characters: what a header name may consist of.
_TCHARS = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def check_header_name(name: object, field: str = "extra_headers") -> str:
    """A header name must be a non-empty RFC 9110 token: no spaces, colons, CR/LF or non-ASCII."""
    if not isinstance(name, str) or not name or not _TCHARS.issuperset(name):
        raise ValidationError(
            f"{field}: {name!r} is not a valid header name (letters, digits and !#$%&'*+-.^_`|~ only)",
            field=field,
            value=name,
        )
    return name


def is_secret_header(name: str) -> bool:
    return name.lower() in _SECRET_HEADERS


def check_headers(headers: object, field: str) -> dict[str, str]:
    """A checked copy of `extra_headers` or `default_headers` (names and values as above)."""
    if headers is None:
        return {}
    if not hasattr(headers, "items"):
        raise ValidationError(
            f"{field}: expected a mapping of header names to values, got {type(headers).__name__}",
            field=field,
        )
    checked: dict[str, str] = {}
    for name, value in headers.items():
        check_header_value(check_header_name(name, field), value)
        checked[name] = value
    return checked


def check_default_headers(headers: object) -> dict[str, str]:
    """`check_headers` for headers sent with every call, which must not hold a per-call one."""
    checked = check_headers(headers, "default_headers")
    for name in checked:
        if name.lower() == "idempotency-key":
            # One key on every call: a server that deduplicates would answer every call after the
            # first with the first one's answer.
            raise ValidationError(
                f"default_headers: {name} names one request, not every call; the client sends a "
                "fresh one per call (the same on its retries), or give yours per call with extra_headers",
                field="default_headers",
            )
    return checked


def check_header_value(name: str, value: str, *, secret: bool = False) -> None:
    """Refuse CR/LF and other control characters (they would split or smuggle headers) and
    non-ASCII text (httpx would fail with a bare UnicodeEncodeError)."""
    if not isinstance(value, str):
        raise ValidationError(
            f"{name}: a header value must be a string, got {type(value).__name__}", field=name
        )
    if value.isascii() and value.isprintable():
        return
    secret = secret or name.lower() in _SECRET_HEADERS
    shown = "the value" if secret else repr(value)
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value):
        raise ValidationError(f"{name}: {shown} contains a control character (CR/LF?)", field=name)
    if not value.isascii():
        raise ValidationError(f"{name}: {shown} is not ASCII (HTTP header values must be)", field=name)


def check_http_client(http_client: object, expected: type) -> None:
    """A plain httpx client would fail later with errors of another library's types; say why now."""
    if http_client is None or isinstance(http_client, expected):
        return
    kind = type(http_client)
    raise TypeError(
        f"http_client must be an {expected.__module__.split('.')[0]}.{expected.__name__}, got "
        f"{kind.__module__.split('.')[0]}.{kind.__name__}: aiml_chat runs on httpx2 (httpx's maintained "
        f"continuation, same API); build it with `import httpx2; httpx2.{expected.__name__}(...)`"
    )


def check_max_retries(max_retries: object) -> int:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise ValidationError(
            f"max_retries: {max_retries!r} must be a whole number >= 0", field="max_retries"
        )
    return max_retries


def as_timeout(timeout: float | httpx2.Timeout | None) -> httpx2.Timeout:
    if isinstance(timeout, httpx2.Timeout):
        return timeout
    if timeout is None:
        return httpx2.Timeout(None)
    # A bare number bounds reading and writing; connecting keeps its short default.
    return httpx2.Timeout(timeout, connect=min(float(timeout), DEFAULT_TIMEOUT.connect or timeout))


def total_timeout(timeout: object) -> float | None:
    """A bare number is a deadline for a whole attempt; an httpx2.Timeout bounds each operation."""
    if isinstance(timeout, (int, float)) and not isinstance(timeout, bool):
        return float(timeout)
    return None


def check_max_response_bytes(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1024:
        raise ValidationError(
            f"max_response_bytes: {limit!r} must be a whole number of bytes >= 1024",
            field="max_response_bytes",
        )
    return limit


def configure_logging_from_env() -> None:
    """AIMLAPI_LOG=debug|info turns on the `aiml_chat` logger without touching the root logger."""
    level = os.environ.get("AIMLAPI_LOG", "").upper()
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR") or logger.handlers:
        return
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
