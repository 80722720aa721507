"""A file's bytes for a content part: loaded and checked once, then read lazily at send time.

`FileData` is the re-readable base64 of a file that the request body streams in blocks (so a
256 MiB PDF never sits in memory whole); `_load` turns a path, bytes or a binary file object into
one, copying pipes and ``/dev/stdin`` into a temporary file first (they can be read only once).
The public helpers that build parts from it live in `aiml_chat.files`.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import stat
import tempfile
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from . import _filecheck
from ._exceptions import FileValidationError
from ._filecheck import Accept, describe, os_reason

DEFAULT_BLOCK_SIZE = 3 * 1024 * 1024
"""Bytes read from a file per block: 3 MiB in, exactly 4 MiB of base64 out (a multiple of 3
so only the last block can carry ``=`` padding)."""

DEFAULT_FILENAME = "document.pdf"
_HEAD = _filecheck.HEAD_BYTES
_SPOOL_READ = 1024 * 1024
# Characters that json.dumps writes unchanged inside a string: printable ASCII minus `"` and `\`.
# The data-URL prefix and base64 text must consist of these for the streamed body to be exact.
_JSON_SAFE = re.compile(r"[ !#-\[\]-~]*")
_WHAT = {"pdf": "pdf_part()", "image": "image_part()", "any": "attachment_part()"}


@runtime_checkable
class _Readable(Protocol):
    def read(self, size: int = ..., /) -> Any: ...


# --------------------------------------------------------------------------------------------
# FileData: the lazy, re-readable base64 of a file
# --------------------------------------------------------------------------------------------

_Opener = Callable[[], contextlib.AbstractContextManager[Any]]


class FileData:
    """The base64 text of a file that is read only when the request body is sent.

    ``size`` is the file's byte count (fixed when the part was made), ``prefix`` the data-URL
    header or ``""``, ``kind`` what the file was then ("pdf", "png", "jpeg", "gif", "webp"; None
    for no check). ``iter_chunks()`` yields the whole text (prefix, then base64 blocks) as ASCII
    ``bytes``, re-reading the file every time; ``encoded_length()`` is its exact length;
    ``to_str()`` materialises it (only for small files or debugging). If the file is no longer
    what it was -- another size, or its first bytes no longer those of ``kind`` -- iteration
    raises `FileValidationError` before yielding anything of the file, rather than send a body
    whose length no longer matches its Content-Length or whose content is not what was checked.
    """

    __slots__ = ("__weakref__", "_open", "filename", "kind", "label", "prefix", "size")

    def __init__(
        self, open_: _Opener, size: int, *, prefix: str, filename: str, label: str, kind: str | None = None
    ) -> None:
        if not _JSON_SAFE.fullmatch(prefix):
            raise ValueError(f"prefix {prefix!r} would need escaping in JSON")
        self._open = open_
        self.size = size
        self.prefix = prefix
        self.filename = filename
        self.label = label
        self.kind = kind

    def __repr__(self) -> str:
        return f"FileData({self.label!r}, size={self.size}, prefix={self.prefix!r})"

    def encoded_length(self) -> int:
        """Exact length of ``prefix + base64(file)`` in characters (= bytes, it is ASCII)."""
        return len(self.prefix) + 4 * ((self.size + 2) // 3)

    def iter_chunks(self, block_size: int = DEFAULT_BLOCK_SIZE) -> Iterator[bytes]:
        """Yield the prefix (if any), then the base64 of each ``block_size``-byte block."""
        if block_size <= 0 or block_size % 3:
            raise ValueError(f"block_size must be a positive multiple of 3, got {block_size}")
        try:
            with self._open() as f:
                # The first bytes are read and checked before anything is yielded: the file may
                # have been replaced since the part was made.
                head = _read_full(f, min(_HEAD, self.size))
                if len(head) < min(_HEAD, self.size):
                    raise self._changed(f"it ended after {len(head)} bytes")
                if self.kind is not None and _filecheck.sniff(head) != self.kind:
                    raise self._changed(f"it starts like {describe(head)}", was=_kind_noun(self.kind))
                if self.prefix:
                    yield self.prefix.encode("ascii")
                remaining = self.size
                while remaining > 0:
                    want = min(block_size, remaining)
                    if head:
                        block = head[:want]
                        head = head[want:]
                        if len(block) < want:
                            block += _read_full(f, want - len(block))
                    else:
                        block = _read_full(f, want)
                    if len(block) < want:
                        raise self._changed(f"it ended after {self.size - remaining + len(block)} bytes")
                    remaining -= want
                    yield base64.b64encode(block)
                    del block
                if _read_full(f, 1):
                    raise self._changed("it has grown")
        except OSError as exc:
            raise FileValidationError(
                f"{self.label}: cannot read the file while sending it: {os_reason(exc)}",
                filename=self.filename or None,
            ) from exc

    def to_str(self) -> str:
        """The whole ``prefix + base64`` string (holds the encoded file in memory)."""
        return b"".join(self.iter_chunks()).decode("ascii")

    def _changed(self, what: str, *, was: str | None = None) -> FileValidationError:
        then = was or f"{self.size} bytes"
        return FileValidationError(
            f"{self.label}: the file changed while the request was prepared: it was {then} "
            f"when the part was made, now {what}",
            filename=self.filename or None,
        )


def _kind_noun(kind: str) -> str:
    return {"pdf": "a PDF", "webp": "a WebP image"}.get(kind, f"a {kind.upper()} image")


def _read_full(f: Any, n: int) -> bytes:
    """Read exactly n bytes unless EOF comes first (raw files and pipes may return short reads)."""
    data = f.read(n)
    if data is None:  # non-blocking stream with nothing ready
        data = b""
    if isinstance(data, str):
        raise TypeError("the file object is open in text mode; open it with 'rb'")
    if len(data) == n or not data:
        return bytes(data)
    parts = [bytes(data)]
    got = len(data)
    while got < n:
        more = f.read(n - got)
        if not more:
            break
        parts.append(bytes(more))
        got += len(more)
    return b"".join(parts)


# --------------------------------------------------------------------------------------------
# Reading a source: one open, the kind sniffed, the size known
# --------------------------------------------------------------------------------------------


@dataclass
class _Loaded:
    """A checked source: its kind, names, and either its bytes or a way to re-read it."""

    kind: str
    name: str | None  # the file's own name, if it has one
    label: str  # how error messages name it
    size: int
    opener: _Opener | None = None
    spool: str | None = None  # a temporary copy, deleted with the FileData

    def file_data(self, prefix: str) -> FileData:
        assert self.opener is not None
        fd = FileData(
            self.opener, self.size, prefix=prefix, filename=self.name or "", label=self.label, kind=self.kind
        )
        if self.spool is not None:
            weakref.finalize(fd, _unlink_quietly, self.spool)
        return fd


def _load(source: object, *, filename: str | None, accept: Accept) -> _Loaded:
    """Open, size and sniff ``source`` once; raise `FileValidationError` if it cannot be sent."""
    placeholder = filename or {"pdf": DEFAULT_FILENAME, "image": "image", "any": "file"}[accept]
    if isinstance(source, (bytes, bytearray, memoryview)):
        view = _byte_view(source)
        label = f"{placeholder} (in-memory bytes)"
        kind = _filecheck.check_content(label, filename, len(view), bytes(view[:_HEAD]), accept=accept)
        # Lazy like a path: encoding here would hold the base64 (4/3 of the file) and the JSON
        # body built from it at once; measured 1,024 MiB extra for a 256 MiB PDF, ~11 MiB lazily.
        return _Loaded(
            kind, filename, label, len(view), opener=lambda: contextlib.nullcontext(_ViewReader(view))
        )
    if isinstance(source, (str, os.PathLike)):
        path = os.fsdecode(os.fspath(source))
        return _load_path(path, filename or os.path.basename(path) or None, accept)
    if hasattr(source, "read"):
        name = filename or _stream_name(source)
        return _load_stream(source, name, _stream_label(source, name or placeholder), accept)
    raise TypeError(
        f"{_WHAT[accept]} needs a path, bytes or a binary file object, not {type(source).__name__}"
    )


def _byte_view(source: bytes | bytearray | memoryview) -> memoryview:
    """A flat byte view of ``source``, shared only if nobody can change it (``bytes``, a read-only
    view): a caller's ``bytearray`` is copied, so reusing or resizing it later changes nothing sent."""
    view = memoryview(source)
    if not view.readonly or not view.c_contiguous:
        view = memoryview(view.tobytes())
    return view.cast("B") if view.format != "B" or view.ndim != 1 else view


class _ViewReader:
    """Reads a byte view block by block: `io.BytesIO` would copy a bytearray or memoryview whole."""

    __slots__ = ("_pos", "_view")

    def __init__(self, view: memoryview) -> None:
        self._view = view
        self._pos = 0

    def read(self, size: int = -1, /) -> bytes:
        start = self._pos
        end = len(self._view) if size < 0 else min(start + size, len(self._view))
        self._pos = end
        return bytes(self._view[start:end])


def _load_path(path: str, name: str | None, accept: Accept) -> _Loaded:
    try:
        with open(path, "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):
                # A pipe, FIFO, socket or terminal (`<(cat a.pdf)`, /dev/stdin): its size is not
                # known and it reads only once, so copy it now and re-read the copy.
                return _spool(f, name, path, accept)
            head = f.read(_HEAD)
    except OSError as exc:
        raise FileValidationError(f"{path}: cannot read the file: {os_reason(exc)}", filename=name) from exc
    kind = _filecheck.check_content(path, name, st.st_size, head, accept=accept)
    return _Loaded(kind, name, path, st.st_size, opener=lambda: open(path, "rb"))


def _unchecked_path_data(path: str, size: int, *, name: str, label: str, prefix: str) -> FileData:
    """A FileData reading `path` anew on every iteration (no content checks)."""
    return FileData(lambda: open(path, "rb"), size, prefix=prefix, filename=name, label=label)


def _stream_name(stream: Any) -> str | None:
    raw = getattr(stream, "name", None)
    if isinstance(raw, (str, bytes, os.PathLike)):
        base = os.path.basename(os.fsdecode(raw))
        return base or None
    return None  # e.g. an int: files opened from a descriptor


def _stream_label(stream: Any, name: str) -> str:
    raw = getattr(stream, "name", None)
    if isinstance(raw, (str, bytes, os.PathLike)):
        return os.fsdecode(raw)
    return f"{name} (file object)"


def _load_stream(stream: Any, name: str | None, label: str, accept: Accept) -> _Loaded:
    try:
        seekable = bool(stream.seekable()) if callable(getattr(stream, "seekable", None)) else False
        if not seekable:
            return _spool(stream, name, label, accept)
        start = stream.tell()
        end = stream.seek(0, os.SEEK_END)
        stream.seek(start)
        head = _read_full(stream, _HEAD)
        stream.seek(start)
    except OSError as exc:
        raise FileValidationError(f"{label}: cannot read the file: {os_reason(exc)}", filename=name) from exc
    kind = _filecheck.check_content(label, name, end - start, head, accept=accept)

    @contextlib.contextmanager
    def reopen() -> Iterator[Any]:
        # Each iteration rewinds the caller's object to where it stood when the part was made;
        # the object stays open (it is the caller's) and must not be used by two sends at once.
        stream.seek(start)
        yield stream

    return _Loaded(kind, name, label, end - start, opener=reopen)


def _spool(stream: Any, name: str | None, label: str, accept: Accept) -> _Loaded:
    # A non-seekable stream (a pipe, a socket, an HTTP response body) can be read only once, but
    # a retry must send the file again: so copy it once, now, into a temporary file on disk and
    # let every iteration re-read that. The first block is checked before anything is written,
    # and the copy stops as soon as the limit is passed. The temporary file is deleted when the
    # FileData is garbage-collected (or at interpreter exit).
    try:
        first = _read_full(stream, _SPOOL_READ)
    except OSError as exc:
        raise FileValidationError(f"{label}: cannot read the file: {os_reason(exc)}", filename=name) from exc
    kind = _filecheck.check_content(label, name, len(first), first[:_HEAD], accept=accept, size_known=False)
    fd, tmp = tempfile.mkstemp(prefix="aiml-chat-", suffix=f".{kind}")
    try:
        size = len(first)
        with os.fdopen(fd, "wb") as out:
            out.write(first)
            del first
            while block := _read_full(stream, _SPOOL_READ):
                size += len(block)
                if size > _filecheck.MAX_FILE_BYTES:
                    raise _filecheck.too_large(label, name, size, at_least=True)
                out.write(block)
    except OSError as exc:
        os.unlink(tmp)
        raise FileValidationError(f"{label}: cannot read the file: {os_reason(exc)}", filename=name) from exc
    except BaseException:
        os.unlink(tmp)
        raise
    return _Loaded(kind, name, label, size, opener=lambda: open(tmp, "rb"), spool=tmp)


def _unlink_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


# --------------------------------------------------------------------------------------------
# The parts
# --------------------------------------------------------------------------------------------
