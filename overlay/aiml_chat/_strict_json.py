"""Strict JSON out: why a request body could not be encoded, named by its field.

The encoder (`_body.encode_body`, `allow_nan=False`) finds the problem; this walk runs only
after it failed, to say where: NaN or infinity (invalid JSON that Python would write as `NaN`),
text that cannot be UTF-8 encoded (a lone surrogate), or nesting too deep to encode.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from ._exceptions import ValidationError, join_path

# Deeper than this is refused by name; Python's encoder itself gives up near the recursion limit.
MAX_DEPTH = 256


def _short(path: str) -> str:
    return path if len(path) <= 120 else path[:57] + "..." + path[-60:]


def explain(body: Mapping[str, Any], error: BaseException) -> ValidationError:
    """The ValidationError naming the first value of `body` the encoder refused (iterative walk)."""
    stack: list[tuple[str, Any, int]] = [("", body, 0)]
    while stack:
        path, value, depth = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return ValidationError(
                f"{path}: {value!r} is not a finite number (JSON has no NaN or infinity)",
                field=path,
                value=value,
            )
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                return ValidationError(
                    f"{path}: the text has a lone surrogate {value[exc.start]!r} at index {exc.start}, "
                    "which UTF-8 cannot encode (text decoded with errors='surrogateescape'?)",
                    field=path,
                )
            continue
        if depth > MAX_DEPTH and isinstance(value, (Mapping, list, tuple)):
            return ValidationError(
                f"{_short(path)}: nested more than {MAX_DEPTH} levels deep; refusing to encode it",
                field=path,
            )
        if isinstance(value, Mapping):
            items = list(value.items())
            for key, item in reversed(items):
                if isinstance(key, str):
                    try:
                        key.encode("utf-8")
                    except UnicodeEncodeError:
                        return ValidationError(
                            f"{path or 'body'}: the key {key!r} has a lone surrogate UTF-8 cannot encode",
                            field=path or None,
                        )
                stack.append((join_path(path, key), item, depth + 1))
        elif isinstance(value, (list, tuple)):
            for index in range(len(value) - 1, -1, -1):
                stack.append((join_path(path, index), value[index], depth + 1))
    return ValidationError(f"body: cannot be encoded as JSON ({type(error).__name__}: {error})")
