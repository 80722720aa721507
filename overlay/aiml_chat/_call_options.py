"""The keywords of create() and parse(): the spec's request properties (generated) plus the call options."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypedDict

import httpx2

from ._params import ParseRequestParams, RequestParams


class CallOptions(TypedDict, total=False):
    """The keywords of every call that are not request properties."""

    extra_headers: Mapping[str, str] | None
    extra_body: Mapping[str, Any] | None
    timeout: float | httpx2.Timeout | None
    max_retries: int
    strict: bool


class CreateParams(RequestParams, CallOptions, total=False):
    """create()'s keywords: the spec's request properties (generated) and the call options."""


class ParseParams(ParseRequestParams, CallOptions, total=False):
    """parse()'s keywords: create()'s without response_format (parse() derives it from a type)."""
