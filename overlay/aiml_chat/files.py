"""PDF and image content parts for user messages: built from a path, bytes or a binary file object.

    from aiml_chat.files import attachment_part, image_part, pdf_part
    pdf_part("report.pdf")     # {"type": "file", "file": {"filename": ..., "file_data": ...}}
    image_part("chart.png")    # {"type": "image_url", "image_url": {"url": "data:image/png;base64,..."}}
    attachment_part(source)    # whichever of the two the content is

Everything is checked here, before any network I/O: the file must be readable, non-empty, of the
right kind -- told from its first bytes (``%PDF-``, or the PNG, JPEG, GIF and WebP signatures),
never from its name -- and at most 512 MiB. Errors are `FileValidationError`s whose message names
the file and the cause.

Every source gives a lazy `FileData`: nothing is encoded until the request body is sent, and then
the file (or the caller's in-memory bytes: ``bytes`` read in place, a writable buffer copied once
when the part is made) is base64-encoded in blocks (see `aiml_chat._body.encode_body`), so neither
a 256 MiB PDF's base64 nor a body holding it ever sits in memory whole. Each send re-reads the
source (which is what makes retries possible) and checks its first bytes again, so a file
replaced after the part was made is refused rather than sent. Pipes, FIFOs and ``/dev/stdin``
(given as a path or as a file object) can be read only once: they are copied once into a
temporary file, up to the size limit, and then handled like a file.

Size limit. The spec says "Up to 512 MB" per file without saying which megabyte; this module
uses 512 MiB = 512 * 1024 * 1024 = 536,870,912 bytes (the larger reading: a file we refuse is
certainly over the limit; the server has the last word on files between 512 MB and 512 MiB).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any, Literal, TypeAlias, TypedDict

from . import _filecheck
from ._exceptions import FileValidationError, ValidationError
from ._filecheck import MAX_FILE_BYTES, MIME_TYPES, Accept
from ._filedata import DEFAULT_BLOCK_SIZE, DEFAULT_FILENAME, FileData, _load, _Loaded, _Readable

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


PDF_SIGNATURE = _filecheck.PDF_SIGNATURE


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


def pdf_part(source: PDFSource, *, filename: str | None = None, data_url: bool = True) -> FilePartDict:
    """A ``{"type": "file", ...}`` content part for a PDF, validated now.

    ``source`` is a path (``str``/``os.PathLike``), ``bytes``/``bytearray``/``memoryview``, or a
    binary file object. ``filename`` defaults to the path's name (or the file object's ``.name``),
    else ``"document.pdf"``. ``file_data`` is a ``data:application/pdf;base64,...`` URL, or bare
    base64 with ``data_url=False``, as a lazy `FileData` (call ``.to_str()`` for the text).
    Raises `FileValidationError` (not a PDF, empty, over 512 MiB, unreadable).
    """
    return _pdf(_load(source, filename=filename, accept="pdf"), data_url=data_url)


def _pdf(loaded: _Loaded, *, data_url: bool = True) -> FilePartDict:
    name = loaded.name or DEFAULT_FILENAME
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


def _image_url(loaded: _Loaded) -> FileData:
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
            return {"type": "file", "file": {"filename": filename or DEFAULT_FILENAME, "file_data": source}}
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
    if type(value) is dict or isinstance(value, Mapping):
        return value
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):
        result = to_dict()
        return result if isinstance(result, Mapping) else None
    return None


def _as_list(value: Any) -> list[Any]:
    if type(value) is list:
        return value  # only read
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        return list(value)
    return []
