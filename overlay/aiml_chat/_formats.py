"""What the generated request check (`_request_check.py`) reads besides the schema: format checks.

`format: uri` (image_url.url): an absolute URI, i.e. a scheme then something (`https://...`,
`data:image/png;base64,...`). Shared with the local server's validator (FORMAT_CHECKS), so the
client and the server agree.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:\S")

# The types an `enum` may hold (a value of another type is never a member).
SCALARS = (str, int, float, bool)


def is_uri(value: object) -> bool:
    return not isinstance(value, str) or _URI.match(value) is not None


def any_value(value: object) -> bool:
    """The check of a format this client does not know: anything passes, as in JSON Schema."""
    return True


FORMAT_CHECKS: dict[str, Callable[[object], bool]] = {"uri": is_uri}
