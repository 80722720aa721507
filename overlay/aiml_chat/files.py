"""PDF file parts for user messages: built from a path, bytes or a binary file object.

    from aiml_chat.files import pdf_part
    part = pdf_part("report.pdf")          # {"type": "file", "file": {"filename": ..., "file_data": ...}}

Everything is checked here, before any network I/O: the file must be readable, non-empty, start
with the PDF signature ``%PDF-`` and be at most 512 MiB. Errors are `FileValidationError`s whose
message names the file and the cause.

In-memory sources (``bytes``/``bytearray``/``memoryview``) get their ``file_data`` encoded at once
as a string. Paths and file objects get a lazy `FileData` instead: nothing is encoded or held in
memory until the request body is sent, and then the file is read and base64-encoded in blocks
(see `aiml_chat._body.encode_body`), so a 256 MiB PDF never sits in memory whole. Each send
re-reads the file, which is what makes retries possible.

Size limit. The spec says "Up to 512 MB" per file without saying which megabyte; this module
uses 512 MiB = 512 * 1024 * 1024 = 536,870,912 bytes (the larger reading: a file we refuse is
certainly over the limit; the server has the last word on files between 512 MB and 512 MiB).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import errno
import os
import re
import tempfile
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import IO, Any, Literal, Protocol, TypeAlias, TypedDict, runtime_checkable

from ._exceptions import FileValidationError

__all__ = [
    "DATA_URL_PREFIX",
    "DEFAULT_BLOCK_SIZE",
    "MAX_FILES_PER_REQUEST",
    "MAX_FILE_BYTES",
    "FileData",
    "FileFieldDict",
    "FilePartDict",
    "PDFSource",
    "decode_file_data",
    "pdf_part",
    "user_with_files",
    "validate_request_files",
]

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Largest accepted file: the spec's "Up to 512 MB", read as 512 MiB (536,870,912 bytes)."""

MAX_FILES_PER_REQUEST = 20
"""The spec's "Up to 20 files"; enforced per request."""

DATA_URL_PREFIX = "data:application/pdf;base64,"

DEFAULT_BLOCK_SIZE = 3 * 1024 * 1024
"""Bytes read from a file per block: 3 MiB in, exactly 4 MiB of base64 out (a multiple of 3
so only the last block can carry ``=`` padding)."""

PDF_SIGNATURE = b"%PDF-"
_DEFAULT_FILENAME = "document.pdf"
_SPOOL_READ = 1024 * 1024
# Characters that json.dumps writes unchanged inside a string: printable ASCII minus `"` and `\`.
# The data-URL prefix and base64 text must consist of these for the streamed body to be exact.
_JSON_SAFE = re.compile(r"[ !#-\[\]-~]*")
_B64_BAD = re.compile(r"[^A-Za-z0-9+/=]")


@runtime_checkable
class _Readable(Protocol):
    def read(self, size: int = ..., /) -> Any: ...


PDFSource: TypeAlias = "str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes] | _Readable"
"""What `pdf_part` accepts: a path, in-memory bytes, or a binary file object."""


class FileFieldDict(TypedDict):
    filename: str
    file_data: str | FileData


class FilePartDict(TypedDict):
    type: Literal["file"]
    file: FileFieldDict


# --------------------------------------------------------------------------------------------
# FileData: the lazy, re-readable base64 of a file
# --------------------------------------------------------------------------------------------

_Opener = Callable[[], contextlib.AbstractContextManager[Any]]


class FileData:
    """The base64 text of a file that is read only when the request body is sent.

    ``size`` is the file's byte count (fixed when the part was made), ``prefix`` the data-URL
    header or ``""``. ``iter_chunks()`` yields the whole text (prefix, then base64 blocks) as
    ASCII ``bytes``, re-reading the file every time; ``encoded_length()`` is its exact length;
    ``to_str()`` materialises it (only for small files or debugging). If the file changed size
    since `pdf_part` checked it, iteration raises `FileValidationError` rather than send a body
    whose length no longer matches its Content-Length.
    """

    __slots__ = ("__weakref__", "_open", "filename", "label", "prefix", "size")

    def __init__(self, open_: _Opener, size: int, *, prefix: str, filename: str, label: str) -> None:
        if not _JSON_SAFE.fullmatch(prefix):
            raise ValueError(f"prefix {prefix!r} would need escaping in JSON")
        self._open = open_
        self.size = size
        self.prefix = prefix
        self.filename = filename
        self.label = label

    def __repr__(self) -> str:
        return f"FileData({self.label!r}, size={self.size}, prefix={self.prefix!r})"

    def encoded_length(self) -> int:
        """Exact length of ``prefix + base64(file)`` in characters (= bytes, it is ASCII)."""
        return len(self.prefix) + 4 * ((self.size + 2) // 3)

    def iter_chunks(self, block_size: int = DEFAULT_BLOCK_SIZE) -> Iterator[bytes]:
        """Yield the prefix (if any), then the base64 of each ``block_size``-byte block."""
        if block_size <= 0 or block_size % 3:
            raise ValueError(f"block_size must be a positive multiple of 3, got {block_size}")
        if self.prefix:
            yield self.prefix.encode("ascii")
        remaining = self.size
        try:
            with self._open() as f:
                while remaining > 0:
                    want = min(block_size, remaining)
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
                f"{self.label}: cannot read the file while sending it: {_os_reason(exc)}",
                filename=self.filename,
            ) from exc

    def to_str(self) -> str:
        """The whole ``prefix + base64`` string (holds the encoded file in memory)."""
        return b"".join(self.iter_chunks()).decode("ascii")

    def _changed(self, what: str) -> FileValidationError:
        return FileValidationError(
            f"{self.label}: the file changed while the request was prepared: it was {self.size} bytes "
            f"when the part was made, now {what}",
            filename=self.filename,
        )


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
# pdf_part
# --------------------------------------------------------------------------------------------


def pdf_part(source: PDFSource, *, filename: str | None = None, data_url: bool = True) -> FilePartDict:
    """A ``{"type": "file", ...}`` content part for a PDF, validated now.

    ``source`` is a path (``str``/``os.PathLike``), ``bytes``/``bytearray``/``memoryview``, or a
    binary file object. ``filename`` defaults to the path's name (or the file object's ``.name``),
    else ``"document.pdf"``. ``file_data`` is a ``data:application/pdf;base64,...`` URL, or bare
    base64 with ``data_url=False``; for paths and file objects it is a lazy `FileData`.
    Raises `FileValidationError` (not a PDF, empty, over 512 MiB, unreadable).
    """
    prefix = DATA_URL_PREFIX if data_url else ""
    file_data: str | FileData
    if isinstance(source, (bytes, bytearray, memoryview)):
        name = filename or _DEFAULT_FILENAME
        data = source.tobytes() if isinstance(source, memoryview) else bytes(source)
        _check_content(f"{name} (in-memory bytes)", name, len(data), data[:16])
        file_data = prefix + base64.b64encode(data).decode("ascii")
    elif isinstance(source, (str, os.PathLike)):
        path = os.fsdecode(os.fspath(source))
        name = filename or os.path.basename(path) or _DEFAULT_FILENAME
        file_data = _path_data(path, name, prefix)
    elif hasattr(source, "read"):
        name = filename or _stream_name(source) or _DEFAULT_FILENAME
        file_data = _stream_data(source, name, prefix)
    else:
        raise TypeError(
            f"pdf_part() needs a path, bytes or a binary file object, not {type(source).__name__}"
        )
    return {"type": "file", "file": {"filename": name, "file_data": file_data}}


def _path_data(path: str, name: str, prefix: str) -> FileData:
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            head = f.read(16)
    except OSError as exc:
        raise FileValidationError(f"{path}: cannot read the file: {_os_reason(exc)}", filename=name) from exc
    _check_content(path, name, size, head)
    return _unchecked_path_data(path, size, name=name, label=path, prefix=prefix)


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


def _stream_data(stream: Any, name: str, prefix: str) -> FileData:
    label = _stream_label(stream, name)
    try:
        seekable = bool(stream.seekable()) if callable(getattr(stream, "seekable", None)) else False
        if seekable:
            start = stream.tell()
            end = stream.seek(0, os.SEEK_END)
            stream.seek(start)
            head = _read_full(stream, 16)
            stream.seek(start)
            _check_content(label, name, end - start, head)

            @contextlib.contextmanager
            def reopen() -> Iterator[Any]:
                # Each iteration rewinds the caller's object to where it stood when the part
                # was made; the object stays open (it is the caller's) and must not be used
                # by two sends at once.
                stream.seek(start)
                yield stream

            return FileData(reopen, end - start, prefix=prefix, filename=name, label=label)
        return _spool(stream, name, label, prefix)
    except OSError as exc:
        raise FileValidationError(f"{label}: cannot read the file: {_os_reason(exc)}", filename=name) from exc


def _spool(stream: Any, name: str, label: str, prefix: str) -> FileData:
    # A non-seekable stream (a pipe, a socket, an HTTP response body) can be read only once, but
    # a retry must send the file again: so copy it once, now, into a temporary file on disk and
    # let every iteration re-read that. The first block is checked before anything is written,
    # and the copy stops as soon as the limit is passed. The temporary file is deleted when the
    # FileData is garbage-collected (or at interpreter exit).
    first = _read_full(stream, _SPOOL_READ)
    _check_content(label, name, len(first), first[:16], size_known=False)
    fd, tmp = tempfile.mkstemp(prefix="aiml-chat-", suffix=".pdf")
    try:
        size = len(first)
        with os.fdopen(fd, "wb") as out:
            out.write(first)
            del first
            while block := _read_full(stream, _SPOOL_READ):
                size += len(block)
                if size > MAX_FILE_BYTES:
                    raise _too_large(label, name, size, at_least=True)
                out.write(block)
    except BaseException:
        os.unlink(tmp)
        raise
    data = _unchecked_path_data(tmp, size, name=name, label=label, prefix=prefix)
    weakref.finalize(data, _unlink_quietly, tmp)
    return data


def _os_reason(exc: OSError) -> str:
    """The OS's words for a failed open/read, e.g. "No such file or directory (ENOENT)"."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    code = errno.errorcode.get(exc.errno) if isinstance(exc.errno, int) else None
    return f"{reason} ({code})" if code else reason


def _unlink_quietly(path: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


# --------------------------------------------------------------------------------------------
# Content checks
# --------------------------------------------------------------------------------------------


def _check_content(label: str, name: str, size: int, head: bytes, *, size_known: bool = True) -> None:
    if size == 0:
        raise FileValidationError(f"{label}: the file is empty (0 bytes); expected a PDF", filename=name)
    if size > MAX_FILE_BYTES:
        raise _too_large(label, name, size, at_least=not size_known)
    if not head.startswith(PDF_SIGNATURE):
        raise FileValidationError(
            f"{label}: not a PDF: a PDF starts with {PDF_SIGNATURE!r}, found {_describe(head)}",
            filename=name,
        )


def _too_large(label: str, name: str, size: int, *, at_least: bool = False) -> FileValidationError:
    more = "at least " if at_least else ""
    return FileValidationError(
        f"{label}: the file is {more}{size:,} bytes ({size / 2**20:,.1f} MiB); the limit is 512 MiB "
        f"({MAX_FILE_BYTES:,} bytes) per file",
        filename=name,
    )


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/PPTX/EPUB)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office document (DOC/XLS/PPT)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"%!PS", "a PostScript file"),
    (b"{\\rtf", "an RTF document"),
    (b"JVBERi0", "base64 text of a PDF (pass the raw bytes; pdf_part encodes them)"),
    (b"data:", "a data URL (pass the raw bytes; pdf_part encodes them)"),
    (b"\xef\xbb\xbf", "UTF-8 text with a byte-order mark"),
)


def _describe(head: bytes) -> str:
    shown = repr(head[:8])
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return f"a WebP image ({shown})"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return f"{kind} ({shown})"
    if PDF_SIGNATURE in head:
        return f"{shown}: the signature is not at the start of the file"
    if head.lstrip()[:1] in (b"<",):
        return f"HTML/XML text ({shown})"
    if head.lstrip()[:1] in (b"{", b"["):
        return f"JSON-like text ({shown})"
    return shown


# --------------------------------------------------------------------------------------------
# decode_file_data
# --------------------------------------------------------------------------------------------


def decode_file_data(s: str) -> bytes:
    """The bytes of a ``file_data`` value: a ``data:<mime>;base64,<b64>`` URL or bare base64.

    Strict: only the base64 alphabet (no whitespace or line breaks), ``=`` padding only at the
    end and the length a multiple of 4; anything else raises `FileValidationError`.
    """
    payload = _b64_payload(s, "file_data")
    _check_b64_chars(payload, "file_data")
    if len(payload) % 4:
        raise FileValidationError(
            f"file_data: bad base64 padding: length {len(payload)} is not a multiple of 4 "
            "(truncated, or '=' padding missing)"
        )
    try:
        return binascii.a2b_base64(payload, strict_mode=True)
    except (binascii.Error, ValueError) as exc:
        raise FileValidationError(f"file_data: invalid base64: {exc}") from exc


def _b64_payload(s: str, label: str) -> str:
    if not isinstance(s, str):
        raise TypeError(f"{label} must be a str, not {type(s).__name__}")
    if not s.startswith("data:"):
        return s
    header, comma, payload = s.partition(",")
    if not comma:
        raise FileValidationError(f"{label}: data URL has no ',' separating the header from the data")
    if not header.endswith(";base64"):
        raise FileValidationError(f"{label}: data URL {header!r} is not base64-encoded (no ';base64')")
    return payload


def _check_b64_chars(payload: str, label: str) -> None:
    """Raise naming the first character that is not base64, or misplaced/excess padding."""
    bad = _B64_BAD.search(payload)
    if bad:
        raise FileValidationError(
            f"{label}: invalid base64: character {bad.group()!r} at position {bad.start()} "
            "is not in the base64 alphabet (A-Z a-z 0-9 + / and '=' padding)"
        )
    eq = payload.find("=")
    if eq != -1:
        if payload[eq:].strip("="):
            raise FileValidationError(f"{label}: bad base64 padding: '=' at position {eq} is not at the end")
        if len(payload) - eq > 2:
            raise FileValidationError(f"{label}: bad base64 padding: more than two '=' at the end")


# --------------------------------------------------------------------------------------------
# Whole-request checks and the message helper
# --------------------------------------------------------------------------------------------


def validate_request_files(messages: Any) -> None:
    """Check every file part of a request's messages before it is sent.

    At most 20 file parts per request; each ``file_data`` given as a string must be base64 of a
    non-empty PDF of at most 512 MiB. Only the first few characters are decoded (to see the
    ``%PDF-`` signature) and the length checked, so this is cheap even for large strings.
    `FileData` values were checked when made. Messages and parts may be dicts or objects with
    ``to_dict()``.
    """
    count = 0
    for i, message in enumerate(_as_list(messages)):
        msg = _as_mapping(message)
        content = msg.get("content") if msg is not None else None
        if isinstance(content, (str, bytes)) or content is None:
            continue
        for j, raw_part in enumerate(_as_list(content)):
            part = _as_mapping(raw_part)
            if part is None or part.get("type") != "file":
                continue
            count += 1
            file = _as_mapping(part.get("file")) or {}
            data = file.get("file_data")
            if isinstance(data, str):
                where = f"messages[{i}].content[{j}].file"
                filename = file.get("filename")
                label = f"{filename} ({where})" if isinstance(filename, str) else where
                _check_file_data_str(data, label, filename if isinstance(filename, str) else None, where)
    if count > MAX_FILES_PER_REQUEST:
        raise FileValidationError(
            f"the request has {count} file parts; at most {MAX_FILES_PER_REQUEST} files are allowed "
            "in one request",
            field="messages",
        )


def _check_file_data_str(data: str, label: str, filename: str | None, where: str) -> None:
    field = f"{where}.file_data"
    try:
        payload = _b64_payload(data, label)
        if not payload:
            raise FileValidationError(f"{label}: the file is empty (file_data has no data)")
        # Decode just the first 8 characters (6 bytes): enough to see the 5-byte signature.
        head_chars = payload[:8]
        _check_b64_chars(head_chars, label)
        if len(payload) % 4:
            raise FileValidationError(
                f"{label}: bad base64 padding: file_data length {len(payload)} is not a multiple of 4"
            )
        padding = len(payload) - len(payload.rstrip("="))
        size = len(payload) // 4 * 3 - min(padding, 2)
        if size == 0:
            raise FileValidationError(f"{label}: the file is empty (file_data has no data)")
        if size > MAX_FILE_BYTES:
            raise _too_large(label, filename or label, size)
        head = base64.b64decode(head_chars, validate=True)
        if not head.startswith(PDF_SIGNATURE):
            raise FileValidationError(
                f"{label}: not a PDF: a PDF starts with {PDF_SIGNATURE!r}, found {_describe(head)}"
            )
    except FileValidationError as exc:
        raise FileValidationError(exc.message, filename=filename, field=field) from None
    except binascii.Error as exc:
        raise FileValidationError(f"{label}: invalid base64: {exc}", filename=filename, field=field) from None


def _as_mapping(value: Any) -> Mapping[str, Any] | None:
    if isinstance(value, Mapping):
        return value
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        result = to_dict()
        return result if isinstance(result, Mapping) else None
    return None


def _as_list(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return list(value)
    return []


def user_with_files(text: str, files: Sequence[PDFSource | FilePartDict]) -> dict[str, Any]:
    """``{"role": "user", "content": [text part, file parts...]}``; each file through `pdf_part`.

    Ready-made parts (dicts with ``"type": "file"``) are kept as they are. ``files`` must be a
    list or tuple: a lone path string is refused rather than read as a list of characters.
    """
    if isinstance(files, (str, bytes, bytearray, memoryview, os.PathLike)):
        raise TypeError("files must be a list of sources, e.g. files=['report.pdf']")
    if len(files) > MAX_FILES_PER_REQUEST:
        raise FileValidationError(
            f"{len(files)} files given; at most {MAX_FILES_PER_REQUEST} files are allowed in one request",
            field="files",
        )
    content: list[dict[str, Any]] = []
    if text:
        content.append({"type": "text", "text": text})
    for source in files:
        if isinstance(source, Mapping) and source.get("type") == "file":
            content.append(dict(source))
        else:
            content.append(dict(pdf_part(source)))  # type: ignore[arg-type]
    return {"role": "user", "content": content}
