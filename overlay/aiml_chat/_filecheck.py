"""What a file is, told from its first bytes, and the strict checks of base64 file text.

The one place that decides whether bytes are a PDF or an image the API takes, and whether a
``file_data`` / image data URL string is strict base64 of one: `aiml_chat.files` uses it for the
parts it builds and the strings it is given, the local test server (`aiml_chat.testing`) for
the requests it receives.
"""

from __future__ import annotations

import binascii
import errno
import re
from collections.abc import Iterator
from typing import Literal, TypeAlias

from ._exceptions import FileValidationError

__all__ = [
    "IMAGE_KINDS",
    "MAX_FILE_BYTES",
    "MIME_TYPES",
    "PDF_SIGNATURE",
    "Accept",
    "check_content",
    "describe",
    "inspect_b64",
    "iter_b64_blocks",
    "os_reason",
    "sniff",
    "too_large",
]

MAX_FILE_BYTES = 512 * 1024 * 1024
"""Largest accepted file: the spec's "Up to 512 MB", read as 512 MiB (536,870,912 bytes). The
spec states no limit for images; the same one bounds them, so a runaway pipe stops somewhere."""

PDF_SIGNATURE = b"%PDF-"
HEAD_BYTES = 16
"""Bytes read to tell a file's kind (WebP, the longest signature, ends at byte 12)."""

Kind: TypeAlias = Literal["pdf", "png", "jpeg", "gif", "webp"]
Accept: TypeAlias = Literal["pdf", "image", "any"]
"""What a caller takes: a PDF, one of the image kinds, or either."""

MIME_TYPES: dict[str, str] = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpeg": "image/jpeg",
    "gif": "image/gif",
    "webp": "image/webp",
}
IMAGE_KINDS = frozenset({"png", "jpeg", "gif", "webp"})
_MIME_ALIASES = {"image/jpg": "image/jpeg", "image/pjpeg": "image/jpeg"}
_EXPECTED = {
    "pdf": "a PDF",
    "image": "a PNG, JPEG, GIF or WebP image",
    "any": "a PDF or a PNG, JPEG, GIF or WebP image",
}

B64_BLOCK = 4 * 1024 * 1024
"""Base64 characters decoded at a time (a multiple of 4): 3 MiB of bytes per block."""
_HEAD_CHARS = 16  # base64 characters holding the first 12 bytes: enough for `sniff`
_MAX_HEADER = 256  # a data URL's "data:<mime>;base64," must end within this many characters
_B64_BAD = re.compile(r"[^A-Za-z0-9+/=]")


def sniff(head: bytes) -> Kind | None:
    """The kind of file that starts with ``head`` (its first 12+ bytes), by magic number."""
    if head.startswith(PDF_SIGNATURE):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    return None


def _accepts(accept: Accept, kind: Kind | None) -> bool:
    if kind is None:
        return False
    return accept == "any" or (kind == "pdf") == (accept == "pdf")


def check_content(
    label: str, name: str | None, size: int, head: bytes, *, accept: Accept, size_known: bool = True
) -> Kind:
    """The file's kind, or `FileValidationError` naming ``label``: empty, too large, wrong kind."""
    if size == 0:
        raise FileValidationError(
            f"{label}: the file is empty (0 bytes); expected {_EXPECTED[accept]}", filename=name
        )
    if size > MAX_FILE_BYTES:
        raise too_large(label, name, size, at_least=not size_known)
    kind = sniff(head)
    if kind is None or not _accepts(accept, kind):
        raise wrong_kind(label, name, head, accept)
    return kind


def wrong_kind(label: str, name: str | None, head: bytes, accept: Accept) -> FileValidationError:
    if accept == "pdf":
        why = f"not a PDF: a PDF starts with {PDF_SIGNATURE!r}"
    else:
        why = f"not {_EXPECTED[accept]} (the kinds the API takes)"
    return FileValidationError(f"{label}: {why}, found {describe(head)}", filename=name)


def too_large(label: str, name: str | None, size: int, *, at_least: bool = False) -> FileValidationError:
    more = "at least " if at_least else ""
    return FileValidationError(
        f"{label}: the file is {more}{size:,} bytes ({size / 2**20:,.1f} MiB); the limit is 512 MiB "
        f"({MAX_FILE_BYTES:,} bytes) per file",
        filename=name,
    )


_MAGIC: tuple[tuple[bytes, str], ...] = (
    (PDF_SIGNATURE, "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/PPTX/EPUB)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Microsoft Office document (DOC/XLS/PPT)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"%!PS", "a PostScript file"),
    (b"{\\rtf", "an RTF document"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BM", "a BMP image"),
    (b"JVBERi0", "base64 text of a PDF (pass the raw bytes; they are encoded for you)"),
    (b"iVBORw0KGgo", "base64 text of a PNG (pass the raw bytes; they are encoded for you)"),
    (b"/9j/", "base64 text of a JPEG (pass the raw bytes; they are encoded for you)"),
    (b"data:", "a data URL (pass the raw bytes; they are encoded for you)"),
    (b"\xef\xbb\xbf", "UTF-8 text with a byte-order mark"),
)


def describe(head: bytes) -> str:
    """What the first bytes of a file look like, for error messages."""
    shown = repr(head[:8])
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return f"a WebP image ({shown})"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1"):
        return f"a HEIC/HEIF image ({shown})"
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            return f"{kind} ({shown})"
    if PDF_SIGNATURE in head:
        return f"{shown}: the signature is not at the start of the file"
    if head.lstrip()[:1] == b"<":
        return f"HTML/XML text ({shown})"
    if head.lstrip()[:1] in (b"{", b"["):
        return f"JSON-like text ({shown})"
    return shown


def os_reason(exc: OSError) -> str:
    """The OS's words for a failed open/read, e.g. "No such file or directory (ENOENT)"."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    code = errno.errorcode.get(exc.errno) if isinstance(exc.errno, int) else None
    return f"{reason} ({code})" if code else reason


# --------------------------------------------------------------------------------------------
# base64 text: data_url header, shape, head, blocks
# --------------------------------------------------------------------------------------------


def _split_data_url(s: str, label: str) -> tuple[str | None, int]:
    """(the data URL's media type or None for bare base64, the index where the base64 starts)."""
    if not s.startswith("data:"):
        return None, 0
    comma = s.find(",", 0, _MAX_HEADER)
    if comma < 0:
        raise FileValidationError(
            f"{label}: data URL has no ',' separating the header from the data "
            f"(in its first {_MAX_HEADER} characters)"
        )
    if not s.endswith(";base64", 0, comma):
        raise FileValidationError(f"{label}: data URL {s[:comma]!r} is not base64-encoded (no ';base64')")
    return s[5 : comma - 7], comma + 1


def _padding(s: str, start: int, label: str) -> int:
    """The number of '=' at the end (0-2), read from the tail only: no copy of the string."""
    pad = 0
    while pad < 3 and len(s) - pad > start and s[-1 - pad] == "=":
        pad += 1
    if pad > 2:
        raise FileValidationError(f"{label}: not valid base64: bad padding: more than two '=' at the end")
    return pad


def _b64_error(s: str, start: int, begin: int, end: int, label: str, cause: object) -> FileValidationError:
    """The precise complaint about s[begin:end], which failed to decode (or holds padding too early)."""
    bad = _B64_BAD.search(s, begin, end)
    if bad:
        return FileValidationError(
            f"{label}: not valid base64: character {bad.group()!r} at position {bad.start() - start} "
            "is not in the base64 alphabet (A-Z a-z 0-9 + / and '=' padding)"
        )
    eq = s.find("=", begin, end)
    if eq != -1:
        return FileValidationError(
            f"{label}: not valid base64: bad padding: '=' at position {eq - start} is not at the end"
        )
    return FileValidationError(f"{label}: not valid base64: {cause}")


def _decode(s: str, start: int, begin: int, end: int, label: str) -> bytes:
    if end < len(s) and s.find("=", begin, end) != -1:  # padding only in the last block
        raise _b64_error(s, start, begin, end, label, "padding before the end")
    try:
        return binascii.a2b_base64(s[begin:end], strict_mode=True)
    except (binascii.Error, ValueError) as exc:  # ValueError: non-ASCII characters
        raise _b64_error(s, start, begin, end, label, exc) from None


def inspect_b64(s: str, *, label: str, expect: Accept | None) -> tuple[Kind | None, int, int]:
    """Check base64 file text cheaply: (kind, decoded size, index where the base64 starts).

    ``s`` is a ``data:<mime>;base64,<b64>`` URL or bare base64. Checked: the data URL header,
    the length (a multiple of 4) and padding, and the first 16 characters, decoded to see the
    kind. With ``expect``, also: not empty, at most 512 MiB, and of the expected kind (for an
    image data URL, the kind its media type names). The rest of the text is not read: a huge
    string costs no more than a small one. Raises `FileValidationError` naming ``label``.
    """
    if not isinstance(s, str):
        raise TypeError(f"{label} must be a str, not {type(s).__name__}")
    mime, start = _split_data_url(s, label)
    length = len(s) - start
    if length % 4:
        if _B64_BAD.search(s, start):  # usually why the length is off: whitespace, line breaks
            raise _b64_error(s, start, start, len(s), label, "bad length")
        raise FileValidationError(
            f"{label}: not valid base64: bad padding: length {length} is not a multiple of 4 "
            "(truncated, or '=' padding missing)"
        )
    size = length // 4 * 3 - _padding(s, start, label)
    head_end = min(start + _HEAD_CHARS, len(s))
    if head_end < len(s) and s.find("=", start, head_end) != -1:
        raise _b64_error(s, start, start, head_end, label, "padding before the end")
    head = _decode(s, start, start, head_end, label)
    kind = sniff(head)
    if expect is None:
        return kind, size, start
    if size == 0:
        raise FileValidationError(f"{label}: the file is empty (no data); expected {_EXPECTED[expect]}")
    if size > MAX_FILE_BYTES:
        raise too_large(label, None, size)
    if not _accepts(expect, kind):
        raise wrong_kind(label, None, head, expect)
    if mime is not None and expect == "image":
        said = _MIME_ALIASES.get(mime.lower(), mime.lower())
        if kind is not None and said != MIME_TYPES[kind]:
            raise FileValidationError(
                f"{label}: the data URL says {mime!r} but the data is {describe(head)}; "
                f"use data:{MIME_TYPES[kind]};base64,"
            )
    return kind, size, start


def iter_b64_blocks(
    s: str, *, label: str, expect: Accept | None = None, block_chars: int = B64_BLOCK
) -> Iterator[bytes]:
    """Strictly decode base64 file text block by block (after `inspect_b64`'s checks).

    Strict: only the base64 alphabet (no whitespace or line breaks), ``=`` padding only at the
    end. At most one block of text and its bytes are alive at a time, so a huge upload can be
    hashed or written out in constant extra memory.
    """
    if block_chars <= 0 or block_chars % 4:
        raise ValueError(f"block_chars must be a positive multiple of 4, got {block_chars}")
    _, _, start = inspect_b64(s, label=label, expect=expect)
    for begin in range(start, len(s), block_chars):
        yield _decode(s, start, begin, min(begin + block_chars, len(s)), label)
