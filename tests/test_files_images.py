"""Pure tests of image parts, attachments picked by content, and files that change or are pipes.

No network: files under tmp_path, FIFOs fed by a writer thread. The HTTP side is in test_files_http.py.
"""

from __future__ import annotations

import base64
import io
import os
import re
import threading
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from aiml_chat import _filecheck, user
from aiml_chat._body import StreamingBody, dumps, encode_body
from aiml_chat._exceptions import FileValidationError, ValidationError
from aiml_chat.files import (
    FileData,
    attachment_part,
    decode_file_data,
    image_part,
    pdf_part,
    user_with_files,
    validate_request_files,
)

SIGNATURES = {
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "jpeg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00",
    "gif": b"GIF89a\x01\x00\x01\x00",
    "webp": b"RIFF\x24\x00\x00\x00WEBPVP8 ",
}


def image_bytes(kind: str, n: int = 100, seed: int = 0) -> bytes:
    """n bytes that start like an image of ``kind`` (the rest pseudo-random)."""
    head = SIGNATURES[kind]
    body = bytes((i * 151 + seed * 13 + (i >> 5)) & 0xFF for i in range(max(n - len(head), 0)))
    return (head + body)[:n]


def pdf_bytes(n: int) -> bytes:
    return (b"%PDF-1.7\n" + bytes(i & 0xFF for i in range(n)))[:n]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def url_of(part: Any) -> str:
    url = part["image_url"]["url"]
    return url.to_str() if isinstance(url, FileData) else url


def materialise(value: Any) -> Any:
    if isinstance(value, FileData):
        return value.to_str()
    if isinstance(value, dict):
        return {k: materialise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [materialise(v) for v in value]
    return value


class OneShotStream(io.RawIOBase):
    """A non-seekable stream (like a pipe) that returns short reads."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def readinto(self, buffer: Any) -> int:
        n = min(len(buffer), 1000, len(self._data) - self._pos)
        buffer[:n] = self._data[self._pos : self._pos + n]
        self._pos += n
        return n


# ---------------------------------------------------------------------------------------------
# image_part
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(SIGNATURES))
def test_image_from_bytes_is_a_data_url_of_the_sniffed_type(kind: str) -> None:
    data = image_bytes(kind, 1001)
    for source in (data, bytearray(data), memoryview(data)):
        part = image_part(source)
        assert isinstance(part["image_url"]["url"], FileData)
        assert materialise(part) == {
            "type": "image_url",
            "image_url": {"url": f"data:image/{kind};base64,{b64(data)}"},
        }
        assert decode_file_data(url_of(part)) == data


@pytest.mark.parametrize("kind", sorted(SIGNATURES))
@pytest.mark.parametrize("size", [13, 3000, 3001, 3002])
def test_image_from_a_path_streams_the_same_bytes(tmp_path: Path, kind: str, size: int) -> None:
    data = image_bytes(kind, size, seed=size)
    path = write(tmp_path, "picture.pdf", data)  # the name says PDF; the bytes decide
    part = image_part(path, detail="high")
    url = part["image_url"]["url"]
    assert isinstance(url, FileData)
    assert (url.size, url.prefix, url.kind) == (size, f"data:image/{kind};base64,", kind)
    assert part["image_url"]["detail"] == "high"
    assert url.to_str() == url_of(image_part(data))
    payload = {"messages": [{"role": "user", "content": [{"type": "text", "text": "é"}, part]}]}
    for block_size in (3, 999, 3000):
        body = encode_body(payload, block_size=block_size)
        assert isinstance(body, StreamingBody)
        joined = b"".join(body)
        assert joined == dumps(materialise(payload))
        assert body.content_length == len(joined)


def test_image_from_file_objects(tmp_path: Path) -> None:
    data = image_bytes("png", 5000)
    seekable = io.BytesIO(b"xx" + data)
    seekable.seek(2)
    part = image_part(seekable)
    assert url_of(part) == f"data:image/png;base64,{b64(data)}"
    assert url_of(part) == f"data:image/png;base64,{b64(data)}"  # rewinds for every send
    piped = image_part(OneShotStream(data))  # spooled once, re-readable
    assert isinstance(piped["image_url"]["url"], FileData)
    assert url_of(piped) == url_of(part)
    assert url_of(piped) == url_of(part)


def test_image_detail_is_checked_before_any_io(tmp_path: Path) -> None:
    for detail in ("low", "high", "auto"):
        assert image_part(image_bytes("gif"), detail=detail)["image_url"]["detail"] == detail
    assert "detail" not in image_part(image_bytes("gif"))["image_url"]
    with pytest.raises(ValidationError, match=r"detail: 'medium' is not one of") as info:
        image_part(tmp_path / "missing.png", detail="medium")  # the bad detail, not the missing file
    assert info.value.field == "detail"
    assert not isinstance(info.value, FileValidationError)
    with pytest.raises(ValidationError, match="detail"):
        image_part("https://example.com/a.png", detail="HIGH")


def test_image_urls_pass_through() -> None:
    for url in ("https://example.com/cat.png?x=1", "http://127.0.0.1/a.webp"):
        assert image_part(url) == {"type": "image_url", "image_url": {"url": url}}
    assert image_part("https://e.com/a", detail="low")["image_url"] == {
        "url": "https://e.com/a",
        "detail": "low",
    }
    good = f"data:image/jpeg;base64,{b64(image_bytes('jpeg'))}"
    assert image_part(good)["image_url"]["url"] == good  # checked, then passed through
    with pytest.raises(FileValidationError, match=r"says 'image/png' but the data is a JPEG image"):
        image_part(f"data:image/png;base64,{b64(image_bytes('jpeg'))}")


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (pdf_bytes(100), "a PDF document"),
        (b"BM" + bytes(50), "a BMP image"),
        (b"\x00\x00\x00\x18ftypheic" + bytes(20), "a HEIC/HEIF image"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "HTML/XML text"),
        (b"iVBORw0KGgoAAAANSUhEUg==", "base64 text of a PNG"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", r"b'RIFF$\x00\x00\x00'"),
    ],
)
def test_not_an_image(tmp_path: Path, content: bytes, found: str) -> None:
    path = write(tmp_path, "photo.png", content)
    with pytest.raises(FileValidationError, match=r"photo\.png: not a PNG, JPEG, GIF or WebP image") as info:
        image_part(path)
    assert found in str(info.value)
    assert info.value.filename == "photo.png"
    with pytest.raises(FileValidationError, match=r"image \(in-memory bytes\): not a PNG"):
        image_part(content)


def test_empty_large_and_unreadable_images(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(FileValidationError, match=r"e\.png: the file is empty \(0 bytes\); expected a PNG"):
        image_part(write(tmp_path, "e.png", b""))
    with pytest.raises(FileValidationError, match=r"image \(file object\): the file is empty"):
        image_part(OneShotStream(b""))
    with pytest.raises(FileValidationError, match=r"nope\.png: cannot read the file: No such file"):
        image_part(tmp_path / "nope.png")
    huge = tmp_path / "huge.webp"
    with huge.open("wb") as f:
        f.write(SIGNATURES["webp"])
        f.truncate(_filecheck.MAX_FILE_BYTES + 1)  # sparse: no disk cost
    with pytest.raises(FileValidationError, match=r"huge\.webp: the file is 536,870,913 bytes.*512 MiB"):
        image_part(huge)
    monkeypatch.setattr(_filecheck, "MAX_FILE_BYTES", 1_500_000)
    with pytest.raises(FileValidationError, match="at least 2,097,152 bytes"):
        image_part(OneShotStream(image_bytes("png", 3_000_000)))


def test_image_by_path_is_encoded_in_constant_memory(tmp_path: Path) -> None:
    size = 64 * 1024 * 1024
    path = tmp_path / "big.png"
    with path.open("wb") as f:
        f.write(SIGNATURES["png"])
        f.truncate(size)
    body = encode_body({"messages": [user("look", files=[path])]}, block_size=3 * 1024 * 1024)
    assert isinstance(body, StreamingBody)
    tracemalloc.start()
    try:
        total = sum(len(chunk) for chunk in body)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == body.content_length > size * 4 // 3
    assert peak < 16 * 1024 * 1024  # a block or two and its base64, not the 85 MiB of text


# ---------------------------------------------------------------------------------------------
# attachment_part and user(files=...): the part picked by content
# ---------------------------------------------------------------------------------------------


def test_user_picks_the_part_by_content(tmp_path: Path) -> None:
    png_named_pdf = write(tmp_path, "scan.pdf", image_bytes("png", 300))
    pdf_named_png = write(tmp_path, "chart.png", pdf_bytes(300))
    ready = image_part(image_bytes("gif"), detail="low")
    message = user(
        "What are these?",
        files=[
            png_named_pdf,
            pdf_named_png,
            image_bytes("webp"),
            pdf_bytes(50),
            "https://e.com/x.jpg",
            ready,
        ],
    )
    text, *parts = message["content"]
    assert text == {"type": "text", "text": "What are these?"}
    assert [p["type"] for p in parts] == ["image_url", "file", "image_url", "file", "image_url", "image_url"]
    assert url_of(parts[0]).startswith("data:image/png;base64,")
    assert parts[1]["file"]["filename"] == "chart.png"  # type: ignore[typeddict-item]
    assert url_of(parts[2]).startswith("data:image/webp;base64,")
    assert parts[3]["file"]["filename"] == "document.pdf"  # type: ignore[typeddict-item]
    assert parts[4] == {"type": "image_url", "image_url": {"url": "https://e.com/x.jpg"}}
    assert parts[5] == ready
    assert user_with_files("x", [png_named_pdf])["content"][1]["type"] == "image_url"


def test_attachment_part_refuses_what_is_neither(tmp_path: Path) -> None:
    path = write(tmp_path, "notes.txt", b"plain text, not a document")
    with pytest.raises(
        FileValidationError, match=r"notes\.txt: not a PDF or a PNG, JPEG, GIF or WebP image.*plain te"
    ):
        user("x", files=[path])
    with pytest.raises(FileValidationError, match=r"file \(in-memory bytes\): the file is empty"):
        attachment_part(b"")
    assert attachment_part(pdf_bytes(10), filename="a.pdf")["file"]["filename"] == "a.pdf"  # type: ignore[typeddict-item]
    pdf_url = f"data:application/pdf;base64,{b64(pdf_bytes(30))}"
    assert attachment_part(pdf_url) == {
        "type": "file",
        "file": {"filename": "document.pdf", "file_data": pdf_url},
    }
    png_url = f"data:image/png;base64,{b64(image_bytes('png'))}"
    assert attachment_part(png_url) == {"type": "image_url", "image_url": {"url": png_url}}
    with pytest.raises(FileValidationError, match=r"data URL: not a PDF or a PNG.*plain te"):
        attachment_part(f"data:text/plain;base64,{b64(b'plain text')}")
    with pytest.raises(TypeError, match="attachment_part"):
        attachment_part(3.5)  # type: ignore[arg-type]


def test_images_do_not_count_towards_the_file_limit() -> None:
    message = user_with_files("x", [image_bytes("png")] * 25 + [pdf_bytes(10)] * 20)
    validate_request_files([message])
    with pytest.raises(FileValidationError, match="21 PDF files"):
        user_with_files("x", [image_bytes("png")] * 5 + [pdf_bytes(10)] * 21)


# ---------------------------------------------------------------------------------------------
# decode_file_data and validate_request_files for images
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(SIGNATURES))
def test_decode_image_data_urls(kind: str) -> None:
    for n in (12, 13, 14, 15, 1000):
        data = image_bytes(kind, n)
        assert decode_file_data(f"data:image/{kind};base64,{b64(data)}") == data


def image_message(url: str) -> list[dict[str, Any]]:
    content = [{"type": "text", "text": "x"}, {"type": "image_url", "image_url": {"url": url}}]
    return [{"role": "user", "content": content}]


def test_validate_accepts_good_image_parts() -> None:
    for kind in SIGNATURES:
        validate_request_files(image_message(f"data:image/{kind};base64,{b64(image_bytes(kind))}"))
    validate_request_files(image_message(f"data:image/jpg;base64,{b64(image_bytes('jpeg'))}"))
    validate_request_files(image_message("https://example.com/not-checked.png"))


@pytest.mark.parametrize(
    ("url", "cause"),
    [
        (f"data:image/png;base64,{b64(pdf_bytes(30))}", "not a PNG, JPEG, GIF or WebP image.*a PDF document"),
        (f"data:image/gif;base64,{b64(image_bytes('png'))}", "says 'image/gif' but the data is a PNG image"),
        ("data:image/png;base64,", "empty"),
        ("data:image/png;base64,iVBO Rw0K", r"character ' ' at position 4"),
        ("data:image/png;base64,iVBORw0KGgo", "length 11 is not a multiple of 4"),
        ("data:image/png," + "x" * 10, "not base64-encoded"),
    ],
)
def test_validate_checks_image_data_urls(url: str, cause: str) -> None:
    with pytest.raises(
        FileValidationError, match=rf"messages\[0\]\.content\[1\]\.image_url: .*{cause}"
    ) as info:
        validate_request_files(image_message(url))
    assert info.value.field == "messages[0].content[1].image_url.url"


# ---------------------------------------------------------------------------------------------
# Files that change after the part was made
# ---------------------------------------------------------------------------------------------


def chunks_until_error(fd: FileData) -> tuple[list[bytes], BaseException | None]:
    got: list[bytes] = []
    try:
        for chunk in fd.iter_chunks(3):
            got.append(chunk)
    except FileValidationError as exc:
        return got, exc
    return got, None


@pytest.mark.parametrize(
    ("make", "original", "replacement", "words"),
    [
        (pdf_part, pdf_bytes(4000), b"PK\x03\x04" + bytes(3996), r"was a PDF .* now it starts like a ZIP"),
        (pdf_part, pdf_bytes(4000), image_bytes("png", 4000), r"was a PDF .* now it starts like a PNG"),
        (image_part, image_bytes("png", 4000), image_bytes("jpeg", 4000), r"was a PNG image .* JPEG"),
        (image_part, image_bytes("gif", 4000), pdf_bytes(4000), r"was a GIF image .* a PDF document"),
    ],
)
def test_a_file_replaced_by_another_kind_is_refused_before_any_of_it_is_yielded(
    tmp_path: Path, make: Any, original: bytes, replacement: bytes, words: str
) -> None:
    path = write(tmp_path, "doc", original)
    part = make(path)
    fd = part["file"]["file_data"] if part["type"] == "file" else part["image_url"]["url"]
    assert isinstance(fd, FileData)
    assert len(replacement) == len(original)  # same size: only the content check can tell
    path.write_bytes(replacement)
    got, error = chunks_until_error(fd)
    assert got == []  # not even the data-URL prefix
    assert isinstance(error, FileValidationError)
    assert error.filename == "doc"
    assert str(path) in str(error)
    assert re.search(words, str(error)), str(error)
    path.write_bytes(original)
    assert chunks_until_error(fd)[1] is None  # back as it was: sent again


def test_a_file_shrunk_below_its_head_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "a.pdf", pdf_bytes(4000))
    fd = pdf_part(path)["file"]["file_data"]
    assert isinstance(fd, FileData)
    path.write_bytes(b"%PDF")
    with pytest.raises(FileValidationError, match=r"it was 4000 bytes .* now it ended after 4 bytes"):
        fd.to_str()


# ---------------------------------------------------------------------------------------------
# Pipes given as paths
# ---------------------------------------------------------------------------------------------


def feed(path: Path, data: bytes) -> threading.Thread:
    """Write ``data`` into the FIFO at ``path`` from a thread (the open blocks until a reader comes)."""

    def writer() -> None:
        with path.open("wb") as f:
            f.write(data)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    return thread


def make_fifo(tmp_path: Path, name: str = "pipe.pdf") -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


def test_a_fifo_path_is_spooled_once_and_reread(tmp_path: Path) -> None:
    data = pdf_bytes(2 * 1024 * 1024 + 7)
    path = make_fifo(tmp_path)
    writer = feed(path, data)
    part = pdf_part(path)
    writer.join(timeout=60)
    fd = part["file"]["file_data"]
    assert isinstance(fd, FileData)
    assert (fd.size, part["file"]["filename"]) == (len(data), "pipe.pdf")
    assert decode_file_data(fd.to_str()) == data
    assert decode_file_data(fd.to_str()) == data  # from the spool: the pipe is empty now


def test_a_fifo_path_holding_an_image_or_junk(tmp_path: Path) -> None:
    data = image_bytes("jpeg", 5000)
    path = make_fifo(tmp_path, "cam")
    writer = feed(path, data)
    message = user("what is this?", files=[path])
    writer.join(timeout=60)
    assert url_of(message["content"][1]) == f"data:image/jpeg;base64,{b64(data)}"
    junk = make_fifo(tmp_path, "junk")
    writer = feed(junk, b"hello")
    with pytest.raises(FileValidationError, match=r"junk: not a PDF.*hello"):
        pdf_part(junk)
    writer.join(timeout=60)
    empty = make_fifo(tmp_path, "empty")
    writer = feed(empty, b"")
    with pytest.raises(FileValidationError, match=r"empty: the file is empty"):
        pdf_part(empty)
    writer.join(timeout=60)


def test_a_fifo_over_the_limit_stops_spooling(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spool = tmp_path / "spool"
    spool.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(spool))
    monkeypatch.setattr(_filecheck, "MAX_FILE_BYTES", 1_500_000)
    path = make_fifo(tmp_path)
    writer = threading.Thread(
        target=lambda: _write_ignoring_broken_pipe(path, pdf_bytes(5_000_000)), daemon=True
    )
    writer.start()
    with pytest.raises(FileValidationError, match=r"pipe\.pdf: the file is at least 2,097,152 bytes"):
        pdf_part(path)
    writer.join(timeout=60)
    assert list(spool.iterdir()) == []


def _write_ignoring_broken_pipe(path: Path, data: bytes) -> None:
    try:
        with path.open("wb") as f:
            f.write(data)
    except BrokenPipeError:  # the reader stopped at the limit, as it should
        pass


# ---------------------------------------------------------------------------------------------
# The shared block decoder (the local server decodes uploads with it too)
# ---------------------------------------------------------------------------------------------


@settings(max_examples=80, deadline=None)
@given(
    data=st.binary(min_size=0, max_size=600),
    block=st.integers(min_value=1, max_value=40).map(lambda k: 4 * k),
    data_url=st.booleans(),
)
def test_block_decoding_equals_base64_for_any_block_size(data: bytes, block: int, data_url: bool) -> None:
    text = ("data:application/octet-stream;base64," if data_url else "") + b64(data)
    assert b"".join(_filecheck.iter_b64_blocks(text, label="x", block_chars=block)) == data


@settings(max_examples=80, deadline=None)
@given(
    data=st.binary(min_size=1, max_size=300),
    block=st.integers(min_value=1, max_value=20).map(lambda k: 4 * k),
    position=st.integers(min_value=0),
    bad=st.sampled_from([" ", "\n", "*", "=", "é", "-"]),
)
def test_block_decoding_refuses_any_bad_character(data: bytes, block: int, position: int, bad: str) -> None:
    text = b64(data)
    at = position % len(text)
    corrupted = text[:at] + bad + text[at + 1 :]
    if bad == "=" and len(text) - at <= 2 and not corrupted[at:].strip("="):
        return  # padding in place of one of the last two characters can be valid base64 of other bytes
    with pytest.raises(FileValidationError, match="not valid base64"):
        b"".join(_filecheck.iter_b64_blocks(corrupted, label="x", block_chars=block))
