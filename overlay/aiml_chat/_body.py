"""Request-body encoding: the one JSON serialisation, and the streamed body for large files.

`dumps` is how every request body is serialised. `encode_body` returns those bytes, unless the
payload holds `FileData` values (PDFs or images given by path or file object): then it returns a
`StreamingBody` that produces exactly the same bytes piece by piece -- the JSON around each file
and the file's base64 in blocks -- with its length known up front, so a 256 MiB PDF is sent with
a few MiB of memory and a correct Content-Length.

How: the payload is serialised once with each FileData replaced by a unique random placeholder
string; the JSON is split at those placeholders, and at send time the file's text goes where the
placeholder was. This is exact because the data-URL prefix and base64 text are printable ASCII
without ``"`` or ``\\``, which `json.dumps` copies verbatim into a string (`FileData` checks the
prefix; base64 is so by construction).

Using it with httpx: `StreamingBody` is both an `httpx2.SyncByteStream` and an
`httpx2.AsyncByteStream`. ``httpx2.Client`` takes it as ``content=body``. ``httpx2.AsyncClient``
does NOT (httpx treats anything with ``__iter__`` as a sync stream and refuses it): pass
``content=aiter(body)`` there, or build ``httpx2.Request(..., stream=body)`` and ``send`` it.
Either way set ``Content-Length: str(body.content_length)`` yourself (httpx would otherwise
send it chunked).
"""

from __future__ import annotations

import json
import secrets
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

import httpx2

from .files import DEFAULT_BLOCK_SIZE, FileData

__all__ = ["StreamingBody", "dumps", "encode_body"]


def _refuse(value: Any) -> Any:
    if isinstance(value, FileData):
        raise TypeError(
            f"{value!r} is streamed file content and cannot be serialised by dumps(); "
            "use aiml_chat._body.encode_body(payload), which streams it"
        )
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dumps(payload: Any) -> bytes:
    """THE serialisation of request bodies: compact separators, UTF-8, non-ASCII kept as is."""
    return json.dumps(
        payload, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=_refuse
    ).encode("utf-8")


class StreamingBody(httpx2.SyncByteStream, httpx2.AsyncByteStream):
    """A request body with files in it, produced in pieces; iterable any number of times.

    Each iteration (sync or async) re-reads every file from its start and yields: the JSON
    before the first file, the file's prefix and base64 blocks, the JSON up to the next file,
    ..., the JSON after the last. Joined, that is ``dumps(payload)`` with every FileData
    replaced by its ``to_str()``; ``content_length`` is its exact length. At most one block
    (``block_size`` bytes read, 4/3 of that encoded) is alive at a time.
    """

    def __init__(self, segments: list[bytes], files: list[FileData], *, block_size: int) -> None:
        if len(segments) != len(files) + 1:
            raise ValueError("need exactly one more JSON segment than files")
        if block_size <= 0 or block_size % 3:
            raise ValueError(f"block_size must be a positive multiple of 3, got {block_size}")
        self.segments = segments
        self.files = files
        self.block_size = block_size
        self.content_length = sum(map(len, segments)) + sum(f.encoded_length() for f in files)

    def __repr__(self) -> str:
        return f"StreamingBody(content_length={self.content_length}, files={self.files!r})"

    def __iter__(self) -> Iterator[bytes]:
        for segment, file in zip(self.segments, self.files, strict=False):
            if segment:
                yield segment
            yield from file.iter_chunks(self.block_size)
        if self.segments[-1]:
            yield self.segments[-1]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        # The files are read synchronously, one block at a time, between awaits: a local-disk
        # read of a 3 MiB block and its base64 take a few milliseconds, so this stays simple
        # rather than hand blocks over from a worker thread.
        for chunk in self:
            yield chunk

    def close(self) -> None:
        """Nothing to release: each iteration opens and closes its own files."""

    async def aclose(self) -> None:
        """Nothing to release: each iteration opens and closes its own files."""


class _HasFile(Exception):
    pass


def _stop_at_file(value: Any) -> Any:
    if isinstance(value, FileData):
        raise _HasFile
    return _refuse(value)


# One encoder for every body: json.dumps with keywords builds a new one per call.
_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=_stop_at_file)


def encode_body(payload: Mapping[str, Any], *, block_size: int = DEFAULT_BLOCK_SIZE) -> bytes | StreamingBody:
    """``dumps(payload)``, or a `StreamingBody` producing the same bytes if it holds FileData."""
    try:
        # Serialise first and look for files only if the encoder meets one: walking the payload
        # up front cost more than the serialisation itself for ordinary requests (bench: 56 us
        # of a 20-message call).
        return _ENCODER.encode(payload).encode()
    except _HasFile:
        pass
    files: list[FileData] = []
    token = secrets.token_hex(16)
    replaced = _replace(payload, files, token)
    text = dumps(replaced)
    segments: list[bytes] = []
    rest = text
    for index in range(len(files)):
        quoted = b'"' + _placeholder(token, index) + b'"'
        before, found, rest = rest.partition(quoted)
        if not found or quoted in rest:
            raise AssertionError("placeholder not found exactly once in the serialised body")
        segments.append(before + b'"')
        rest = b'"' + rest
    segments.append(rest)
    return StreamingBody(segments, files, block_size=block_size)


def _placeholder(token: str, index: int) -> bytes:
    return f"aiml-chat-file:{token}:{index}".encode("ascii")


def _replace(value: Any, files: list[FileData], token: str) -> Any:
    """A copy of `value` with each FileData replaced by a placeholder (in document order)."""
    if isinstance(value, FileData):
        files.append(value)
        return _placeholder(token, len(files) - 1).decode("ascii")
    if isinstance(value, Mapping):
        return {key: _replace(item, files, token) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_replace(item, files, token) for item in value]
    return value
