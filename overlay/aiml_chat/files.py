"""PDF and image content parts for user messages: built from a path, bytes or a binary file object.

    from aiml_chat.files import attachment_part, image_part, pdf_part
    pdf_part("report.pdf")     # {"type": "file", "file": {"filename": ..., "file_data": ...}}
    image_part("chart.png")    # {"type": "image_url", "image_url": {"url": "data:image/png;base64,..."}}
    attachment_part(source)    # whichever of the two the content is

Everything is checked here, before any network I/O: the file must be readable, non-empty, of the
right kind -- told from its first bytes (``%PDF-``, or the PNG, JPEG, GIF and WebP signatures),
never from its name -- and at most 512 MiB. Errors are `FileValidationError`s whose message names
the file and the cause.

In-memory sources (``bytes``/``bytearray``/``memoryview``) are encoded at once into a string.
Paths and file objects get a lazy `FileData` instead: nothing is encoded or held in memory until
the request body is sent, and then the file is read and base64-encoded in blocks (see
`aiml_chat._body.encode_body`), so a 256 MiB PDF never sits in memory whole. Each send re-reads
the file (which is what makes retries possible) and checks its first bytes again, so a file
replaced after the part was made is refused rather than sent. Pipes, FIFOs and ``/dev/stdin``
(given as a path or as a file object) can be read only once: they are copied once into a
temporary file, up to the size limit, and then handled like a file.

Size limit. The spec says "Up to 512 MB" per file without saying which megabyte; this module
uses 512 MiB = 512 * 1024 * 1024 = 536,870,912 bytes (the larger reading: a file we refuse is
certainly over the limit; the server has the last word on files between 512 MB and 512 MiB).
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import stat
import tempfile
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any, Literal, Protocol, TypeAlias, TypedDict, runtime_checkable

from . import _filecheck
from ._exceptions import FileValidationError, ValidationError
from ._filecheck import MAX_FILE_BYTES, MIME_TYPES, Accept, describe, os_reason

__all__ = [
    "DATA_URL_PREFIX",
    "DEFAULT_BLOCK_SIZE",
    "IMAGE_DETAILS",
    "MAX_FILES_PER_REQUEST",
    "MAX_FILE_BYTES",
    "FileData",
    "FileFieldDict",
    "FilePartDict",
    "FileSource",
    "ImagePartDict",
    "ImageSource",
    "ImageURLDict",
    "PDFSource",
    "attachment_part",
    "decode_file_data",
    "image_part",
    "iter_file_data_blocks",
    "pdf_part",
    "user_with_files",
    "validate_request_files",
]

MAX_FILES_PER_REQUEST = 20
"""The spec's "Up to 20 files" (PDF file parts); enforced per request."""

DATA_URL_PREFIX = "data:application/pdf;base64,"

IMAGE_DETAILS = ("low", "high", "auto")
"""The values of ``image_url.detail``."""

DEFAULT_BLOCK_SIZE = 3 * 1024 * 1024
"""Bytes read from a file per block: 3 MiB in, exactly 4 MiB of base64 out (a multiple of 3
so only the last block can carry ``=`` padding)."""

PDF_SIGNATURE = _filecheck.PDF_SIGNATURE
_DEFAULT_FILENAME = "document.pdf"
_HEAD = _filecheck.HEAD_BYTES
_SPOOL_READ = 1024 * 1024
# Characters that json.dumps writes unchanged inside a string: printable ASCII minus `"` and `\`.
# The data-URL prefix and base64 text must consist of these for the streamed body to be exact.
_JSON_SAFE = re.compile(r"[ !#-\[\]-~]*")
_WHAT = {"pdf": "pdf_part()", "image": "image_part()", "any": "attachment_part()"}


@runtime_checkable
class _Readable(Protocol):
    def read(self, size: int = ..., /) -> Any: ...


PDFSource: TypeAlias = "str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes] | _Readable"
"""What `pdf_part` accepts: a path, in-memory bytes, or a binary file object."""

ImageSource: TypeAlias = PDFSource
"""What `image_part` accepts: the same, and an ``http(s)://`` URL string (passed through)."""

FileSource: TypeAlias = PDFSource
"""What `attachment_part` and ``user(files=...)`` accept: a PDF or an image, in any of those forms."""


class FileFieldDict(TypedDict):
    filename: str
    file_data: str | FileData


class FilePartDict(TypedDict):
    type: Literal["file"]
    file: FileFieldDict


class _ImageURLBase(TypedDict):
    url: str | FileData


class ImageURLDict(_ImageURLBase, total=False):
    detail: Literal["low", "high", "auto"]


class ImagePartDict(TypedDict):
    type: Literal["image_url"]
    image_url: ImageURLDict


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
    data: bytes | None = None
    opener: _Opener | None = None
    spool: str | None = None  # a temporary copy, deleted with the FileData

    def file_data(self, prefix: str) -> str | FileData:
        if self.data is not None:
            return prefix + base64.b64encode(self.data).decode("ascii")
        assert self.opener is not None
        fd = FileData(
            self.opener, self.size, prefix=prefix, filename=self.name or "", label=self.label, kind=self.kind
        )
        if self.spool is not None:
            weakref.finalize(fd, _unlink_quietly, self.spool)
        return fd


def _load(source: object, *, filename: str | None, accept: Accept) -> _Loaded:
    """Open, size and sniff ``source`` once; raise `FileValidationError` if it cannot be sent."""
    placeholder = filename or {"pdf": _DEFAULT_FILENAME, "image": "image", "any": "file"}[accept]
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = source.tobytes() if isinstance(source, memoryview) else bytes(source)
        label = f"{placeholder} (in-memory bytes)"
        kind = _filecheck.check_content(label, filename, len(data), data[:_HEAD], accept=accept)
        return _Loaded(kind, filename, label, len(data), data=data)
    if isinstance(source, (str, os.PathLike)):
        path = os.fsdecode(os.fspath(source))
        return _load_path(path, filename or os.path.basename(path) or None, accept)
    if hasattr(source, "read"):
        name = filename or _stream_name(source)
        return _load_stream(source, name, _stream_label(source, name or placeholder), accept)
    raise TypeError(
        f"{_WHAT[accept]} needs a path, bytes or a binary file object, not {type(source).__name__}"
    )


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


def pdf_part(source: PDFSource, *, filename: str | None = None, data_url: bool = True) -> FilePartDict:
    """A ``{"type": "file", ...}`` content part for a PDF, validated now.

    ``source`` is a path (``str``/``os.PathLike``), ``bytes``/``bytearray``/``memoryview``, or a
    binary file object. ``filename`` defaults to the path's name (or the file object's ``.name``),
    else ``"document.pdf"``. ``file_data`` is a ``data:application/pdf;base64,...`` URL, or bare
    base64 with ``data_url=False``; for paths and file objects it is a lazy `FileData`.
    Raises `FileValidationError` (not a PDF, empty, over 512 MiB, unreadable).
    """
    return _pdf(_load(source, filename=filename, accept="pdf"), data_url=data_url)


def _pdf(loaded: _Loaded, *, data_url: bool = True) -> FilePartDict:
    name = loaded.name or _DEFAULT_FILENAME
    loaded.name = name
    file_data = loaded.file_data(DATA_URL_PREFIX if data_url else "")
    return {"type": "file", "file": {"filename": name, "file_data": file_data}}


def image_part(source: ImageSource, *, detail: str | None = None) -> ImagePartDict:
    """An ``{"type": "image_url", ...}`` content part for a PNG, JPEG, GIF or WebP image.

    ``source`` is a path, in-memory bytes or a binary file object (the image is checked now and
    sent as a ``data:image/<type>;base64,...`` URL, the type told from its bytes; a path or file
    object is read and encoded in blocks at send time), an ``http(s)://`` URL (passed through
    unchanged: the server fetches it), or an image ``data:`` URL (checked, passed through).
    ``detail`` is ``"low"``, ``"high"`` or ``"auto"``. Raises `ValidationError` for a bad
    ``detail``, `FileValidationError` for a file that is not such an image, empty, too large or
    unreadable.
    """
    if detail is not None and detail not in IMAGE_DETAILS:
        raise ValidationError(
            f"detail: {detail!r} is not one of 'low', 'high', 'auto'", field="detail", value=detail
        )
    url: str | FileData
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        url = source
    elif isinstance(source, str) and source.startswith("data:"):
        _filecheck.inspect_b64(source, label="image data URL", expect="image")
        url = source
    else:
        url = _image_url(_load(source, filename=None, accept="image"))
    return _image(url, detail)


def _image_url(loaded: _Loaded) -> str | FileData:
    return loaded.file_data(f"data:{MIME_TYPES[loaded.kind]};base64,")


def _image(url: str | FileData, detail: str | None) -> ImagePartDict:
    image: ImageURLDict = {"url": url}
    if detail is not None:
        image["detail"] = detail  # type: ignore[typeddict-item]  # checked by image_part
    return {"type": "image_url", "image_url": image}


def attachment_part(source: FileSource, *, filename: str | None = None) -> FilePartDict | ImagePartDict:
    """A PDF file part or an image part, whichever ``source`` is (told from its bytes).

    What ``user(text, files=[...])`` uses for each file. ``filename`` names a PDF's part (images
    carry no name). ``http(s)://`` URL strings become image parts; ``data:`` URL strings are
    checked and become the part their content calls for.
    """
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        return image_part(source)
    if isinstance(source, str) and source.startswith("data:"):
        kind, _, _ = _filecheck.inspect_b64(source, label=filename or "data URL", expect="any")
        if kind == "pdf":
            return {"type": "file", "file": {"filename": filename or _DEFAULT_FILENAME, "file_data": source}}
        return image_part(source)
    loaded = _load(source, filename=filename, accept="any")
    if loaded.kind == "pdf":
        return _pdf(loaded)
    return _image(_image_url(loaded), None)


def user_with_files(text: str, files: Sequence[FileSource | FilePartDict | ImagePartDict]) -> dict[str, Any]:
    """``{"role": "user", "content": [text part, file and image parts...]}``.

    Each source goes through `attachment_part` (a PDF or an image, by content); ready-made parts
    (dicts with ``"type": "file"`` or ``"image_url"``) are kept as they are. ``files`` must be a
    list or tuple: a lone path string is refused rather than read as a list of characters.
    """
    content: list[dict[str, Any]] = []
    if text:
        content.append({"type": "text", "text": text})
    content.extend(attachment_parts(files))
    pdfs = sum(part.get("type") == "file" for part in content)
    if pdfs > MAX_FILES_PER_REQUEST:
        raise FileValidationError(
            f"{pdfs} PDF files given; at most {MAX_FILES_PER_REQUEST} files are allowed in one request",
            field="files",
        )
    return {"role": "user", "content": content}


def attachment_parts(files: Sequence[Any]) -> list[dict[str, Any]]:
    """The parts for ``user(files=...)``: ready-made parts kept, anything else via `attachment_part`."""
    if isinstance(files, (str, bytes, bytearray, memoryview, os.PathLike)):
        raise TypeError("files must be a list of sources, e.g. files=['report.pdf']")
    parts: list[dict[str, Any]] = []
    for source in files:
        if isinstance(source, Mapping) and source.get("type") in ("file", "image_url"):
            parts.append(dict(source))
        else:
            parts.append(dict(attachment_part(source)))
    return parts


# --------------------------------------------------------------------------------------------
# decode_file_data and whole-request checks
# --------------------------------------------------------------------------------------------


def decode_file_data(s: str) -> bytes:
    """The bytes of a ``file_data`` or image ``url`` value: a ``data:<mime>;base64,`` URL or bare base64.

    Strict: only the base64 alphabet (no whitespace or line breaks), ``=`` padding only at the
    end and the length a multiple of 4; anything else raises `FileValidationError`.
    """
    return b"".join(_filecheck.iter_b64_blocks(s, label="file_data"))


def iter_file_data_blocks(
    s: str, *, label: str = "file_data", expect: Accept | None = None
) -> Iterator[bytes]:
    """`decode_file_data` block by block (3 MiB each), for uploads too large to hold twice.

    With ``expect`` ("pdf", "image" or "any") the data must also be a non-empty file of that
    kind, at most 512 MiB; errors name ``label``.
    """
    return _filecheck.iter_b64_blocks(s, label=label, expect=expect)


def validate_request_files(messages: Any) -> None:
    """Check every file and image part of a request's messages before it is sent.

    At most 20 file (PDF) parts per request; each ``file_data`` given as a string must be base64
    of a non-empty PDF of at most 512 MiB, and each image ``url`` given as a ``data:`` URL base64
    of a PNG, JPEG, GIF or WebP image of the type the URL names. Only the first few characters
    are decoded (to see the signature) and the length checked, so this is cheap even for large
    strings. `FileData` values were checked when made. Messages and parts may be dicts or objects
    with ``to_dict()``.
    """
    count = 0
    for i, message in enumerate(_as_list(messages)):
        msg = _as_mapping(message)
        content = msg.get("content") if msg is not None else None
        if isinstance(content, (str, bytes)) or content is None:
            continue
        for j, raw_part in enumerate(_as_list(content)):
            part = _as_mapping(raw_part)
            kind = part.get("type") if part is not None else None
            if part is None or kind not in ("file", "image_url"):
                continue
            where = f"messages[{i}].content[{j}].{kind}"
            if kind == "file":
                count += 1
                file = _as_mapping(part.get("file")) or {}
                data = file.get("file_data")
                if isinstance(data, str):
                    filename = file.get("filename")
                    name = filename if isinstance(filename, str) else None
                    label = f"{name} ({where})" if name else where
                    _check_b64_field(data, label, name, f"{where}.file_data", "pdf")
            else:
                url = (_as_mapping(part.get("image_url")) or {}).get("url")
                if isinstance(url, str) and url.startswith("data:"):
                    _check_b64_field(url, where, None, f"{where}.url", "image")
    if count > MAX_FILES_PER_REQUEST:
        raise FileValidationError(
            f"the request has {count} file parts; at most {MAX_FILES_PER_REQUEST} files are allowed "
            "in one request",
            field="messages",
        )


def _check_b64_field(data: str, label: str, filename: str | None, field: str, expect: Accept) -> None:
    try:
        _filecheck.inspect_b64(data, label=label, expect=expect)
    except FileValidationError as exc:
        raise FileValidationError(exc.message, filename=filename, field=field) from None


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
