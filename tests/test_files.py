"""Pure tests of aiml_chat.files and aiml_chat._body: no network, files under tmp_path."""

from __future__ import annotations

import asyncio
import base64
import gc
import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aiml_chat import _filecheck, _filedata
from aiml_chat._body import StreamingBody, dumps, encode_body
from aiml_chat._exceptions import FileValidationError, ValidationError
from aiml_chat.files import (
    DATA_URL_PREFIX,
    MAX_FILE_BYTES,
    FileData,
    decode_file_data,
    pdf_part,
    user_with_files,
    validate_request_files,
)


def pdf_bytes(n: int, seed: int = 0) -> bytes:
    """n bytes starting with the PDF signature (n >= 5), the rest pseudo-random."""
    body = bytes((i * 131 + seed * 17 + (i >> 7)) & 0xFF for i in range(max(n - 5, 0)))
    return (b"%PDF-" + body)[:n]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def materialise(value: Any) -> Any:
    """The in-memory equivalent of a payload: every FileData replaced by its to_str()."""
    if isinstance(value, FileData):
        return value.to_str()
    if isinstance(value, dict):
        return {k: materialise(v) for k, v in value.items()}
    if isinstance(value, list):
        return [materialise(v) for v in value]
    return value


def payload_with(*parts: Any) -> dict[str, Any]:
    return {
        "model": "google/gemini-2.5-flash-lite-preview",
        "messages": [
            {"role": "system", "content": 'Résumé des pièces jointes — 日本語 ✓ "quoted" \\ back'},
            {"role": "user", "content": [{"type": "text", "text": "Summarise ☃"}, *parts]},
        ],
        "temperature": 0.5,
    }


def join_sync(body: StreamingBody) -> bytes:
    return b"".join(body)


def join_async(body: StreamingBody) -> bytes:
    async def run() -> bytes:
        return b"".join([chunk async for chunk in body])

    return asyncio.run(run())


def assert_streams_like_dumps(payload: dict[str, Any]) -> StreamingBody:
    body = encode_body(payload)
    assert isinstance(body, StreamingBody)
    expected = dumps(materialise(payload))
    first = join_sync(body)
    assert first == expected
    assert body.content_length == len(first)
    assert join_sync(body) == first  # a retry re-reads the files
    assert join_async(body) == first
    return body


# ---------------------------------------------------------------------------------------------
# dumps / encode_body
# ---------------------------------------------------------------------------------------------


def test_dumps_is_compact_utf8() -> None:
    assert dumps({"a": [1, "é"], "b": None}) == '{"a":[1,"é"],"b":null}'.encode()


def test_encode_body_without_files_is_dumps() -> None:
    text = DATA_URL_PREFIX + base64.b64encode(pdf_bytes(100)).decode()
    payload = payload_with({"type": "file", "file": {"filename": "a.pdf", "file_data": text}})
    assert encode_body(payload) == dumps(payload)


def test_dumps_refuses_file_data(tmp_path: Path) -> None:
    part = pdf_part(write(tmp_path, "a.pdf", pdf_bytes(30)))
    with pytest.raises(TypeError, match="encode_body"):
        dumps(payload_with(part))


@pytest.mark.parametrize("size", [3000, 3001, 3002, 3003, 3004, 3005])
@pytest.mark.parametrize("block_size", [3, 999, 2997, 3000, 3003, 3006, 30_000])
@pytest.mark.parametrize("data_url", [True, False])
def test_streamed_body_equals_in_memory(tmp_path: Path, size: int, block_size: int, data_url: bool) -> None:
    data = pdf_bytes(size)
    part = pdf_part(write(tmp_path, "f.pdf", data), data_url=data_url)
    file_data = part["file"]["file_data"]
    assert isinstance(file_data, FileData)
    prefix = DATA_URL_PREFIX if data_url else ""
    assert file_data.to_str() == prefix + base64.b64encode(data).decode()
    assert file_data.encoded_length() == len(file_data.to_str())
    chunks = list(file_data.iter_chunks(block_size))
    assert b"".join(chunks).decode() == file_data.to_str()
    # every base64 block but the last encodes exactly block_size bytes
    blocks = chunks[1:] if data_url else chunks
    assert all(len(c) == block_size // 3 * 4 for c in blocks[:-1])
    # the same as the in-memory part, which streams too
    in_memory = pdf_part(data, filename="f.pdf", data_url=data_url)
    assert isinstance(in_memory["file"]["file_data"], FileData)
    assert in_memory["file"]["file_data"].to_str() == file_data.to_str()

    payload = payload_with(part)
    body = encode_body(payload, block_size=block_size)
    assert isinstance(body, StreamingBody)
    joined = join_sync(body)
    assert joined == dumps(materialise(payload_with(in_memory)))
    from_memory = encode_body(payload_with(in_memory), block_size=block_size)
    assert isinstance(from_memory, StreamingBody)
    assert join_sync(from_memory) == joined
    assert body.content_length == len(joined)
    assert join_sync(body) == joined
    assert join_async(body) == joined
    json.loads(joined)


def test_several_files_in_one_payload(tmp_path: Path) -> None:
    paths = [write(tmp_path, f"f{n}.pdf", pdf_bytes(n, seed=n)) for n in (3000, 3001, 3002, 5, 7)]
    parts = [pdf_part(p, data_url=i % 2 == 0) for i, p in enumerate(paths)]
    payload = payload_with(*parts)
    # a file between other JSON in a later message, and an in-memory part too
    payload["messages"].append(
        {
            "role": "user",
            "content": [pdf_part(pdf_bytes(9)), pdf_part(paths[0]), {"type": "text", "text": "ü"}],
        }
    )
    body = assert_streams_like_dumps(payload)
    assert len(body.files) == 7
    for block_size in (3, 6, 3000, 3003):
        streamed = encode_body(payload, block_size=block_size)
        assert isinstance(streamed, StreamingBody)
        assert join_sync(streamed) == dumps(materialise(payload))


def test_file_data_at_the_payload_edges(tmp_path: Path) -> None:
    fd = pdf_part(write(tmp_path, "a.pdf", pdf_bytes(10)))["file"]["file_data"]
    for payload in ({"x": fd}, {"x": [fd, fd]}, {"a": "é", "x": fd, "z": "ß"}):
        assert_streams_like_dumps(payload)


def test_body_chunks_stay_block_sized(tmp_path: Path) -> None:
    part = pdf_part(write(tmp_path, "big.pdf", pdf_bytes(100_000)))
    body = encode_body(payload_with(part), block_size=3 * 1024)
    assert isinstance(body, StreamingBody)
    assert max(len(chunk) for chunk in body) <= 4 * 1024


def test_block_size_must_be_multiple_of_three(tmp_path: Path) -> None:
    part = pdf_part(write(tmp_path, "a.pdf", pdf_bytes(10)))
    fd = part["file"]["file_data"]
    assert isinstance(fd, FileData)
    with pytest.raises(ValueError, match="multiple of 3"):
        list(fd.iter_chunks(1000))
    with pytest.raises(ValueError, match="multiple of 3"):
        encode_body(payload_with(part), block_size=0)


def test_file_changed_after_pdf_part(tmp_path: Path) -> None:
    path = write(tmp_path, "a.pdf", pdf_bytes(3000))
    body = encode_body(payload_with(pdf_part(path)))
    assert isinstance(body, StreamingBody)
    path.write_bytes(pdf_bytes(2000))
    with pytest.raises(FileValidationError, match=r"changed.*3000 bytes.*ended after 2000"):
        join_sync(body)
    path.write_bytes(pdf_bytes(4000))
    with pytest.raises(FileValidationError, match="grown"):
        join_sync(body)
    path.unlink()
    with pytest.raises(FileValidationError, match=r"a\.pdf.*No such file"):
        join_sync(body)


def test_a_writable_buffer_is_copied_and_bytes_are_sent_as_they_are() -> None:
    data = bytearray(pdf_bytes(3000))
    expected = bytes(data)
    body = encode_body(payload_with(pdf_part(data)))
    assert isinstance(body, StreamingBody)
    data[:4] = b"PK\x03\x04"  # the caller reuses its buffer after making the part
    data.clear()  # and may resize it: nothing holds it
    sent = json.loads(join_sync(body))["messages"][1]["content"][1]["file"]["file_data"]
    assert decode_file_data(sent) == expected
    fixed = pdf_bytes(3000)
    shared = pdf_part(fixed)["file"]["file_data"]
    assert isinstance(shared, FileData)
    assert decode_file_data(shared.to_str()) == fixed


def test_a_non_contiguous_or_typed_memoryview_is_sent_byte_for_byte() -> None:
    data = pdf_bytes(3001)
    doubled = bytes(b for pair in zip(data, b"\0" * len(data), strict=True) for b in pair)
    strided = memoryview(doubled)[::2]  # not contiguous
    wide = memoryview(data[:3000]).cast("H")  # 2-byte items
    assert decode_file_data(pdf_part(strided)["file"]["file_data"].to_str()) == data  # type: ignore[union-attr]
    assert decode_file_data(pdf_part(wide)["file"]["file_data"].to_str()) == data[:3000]  # type: ignore[union-attr]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    size=st.integers(min_value=1, max_value=19_999),
    block_size=st.integers(min_value=1, max_value=8_000).map(lambda k: 3 * k),
    data_url=st.booleans(),
)
def test_streamed_identity_property(tmp_path: Path, size: int, block_size: int, data_url: bool) -> None:
    data = os.urandom(size)
    path = tmp_path / f"h-{size}-{block_size}.bin"
    path.write_bytes(data)
    # Sizes below 5 cannot be PDFs, so build the FileData without pdf_part's checks.
    prefix = DATA_URL_PREFIX if data_url else ""
    fd = _filedata._unchecked_path_data(str(path), size, name="h.pdf", label=str(path), prefix=prefix)
    payload = payload_with({"type": "file", "file": {"filename": "h.pdf", "file_data": fd}})
    body = encode_body(payload, block_size=block_size)
    assert isinstance(body, StreamingBody)
    expected = dumps(
        payload_with(
            {
                "type": "file",
                "file": {"filename": "h.pdf", "file_data": prefix + base64.b64encode(data).decode()},
            }
        )
    )
    joined = join_sync(body)
    assert joined == expected
    assert body.content_length == len(expected)
    assert join_async(body) == expected
    assert decode_file_data(fd.to_str()) == data


# ---------------------------------------------------------------------------------------------
# pdf_part: sources and validation
# ---------------------------------------------------------------------------------------------


def test_bytes_sources() -> None:
    data = pdf_bytes(100)
    for source in (data, bytearray(data), memoryview(data)):
        part = pdf_part(source)
        assert isinstance(part["file"]["file_data"], FileData)
        assert materialise(part) == {
            "type": "file",
            "file": {
                "filename": "document.pdf",
                "file_data": DATA_URL_PREFIX + base64.b64encode(data).decode(),
            },
        }
    bare = pdf_part(data, filename="x.pdf", data_url=False)
    assert materialise(bare["file"]) == {"filename": "x.pdf", "file_data": base64.b64encode(data).decode()}


def test_path_sources_and_filename(tmp_path: Path) -> None:
    path = write(tmp_path, "report.pdf", pdf_bytes(50))
    assert pdf_part(path)["file"]["filename"] == "report.pdf"
    assert pdf_part(str(path))["file"]["filename"] == "report.pdf"
    assert pdf_part(path, filename="other.pdf")["file"]["filename"] == "other.pdf"
    fd = pdf_part(path)["file"]["file_data"]
    assert isinstance(fd, FileData)
    assert fd.size == 50
    assert fd.prefix == DATA_URL_PREFIX
    assert pdf_part(path, data_url=False)["file"]["file_data"].prefix == ""  # type: ignore[union-attr]


def test_seekable_file_object_from_nonzero_position(tmp_path: Path) -> None:
    data = pdf_bytes(3001)
    stream = io.BytesIO(b"JUNK HEADER" + data)
    stream.seek(11)
    part = pdf_part(stream)
    assert part["file"]["filename"] == "document.pdf"
    fd = part["file"]["file_data"]
    assert isinstance(fd, FileData)
    assert fd.size == 3001
    assert stream.tell() == 11  # left where it was
    expected = DATA_URL_PREFIX + base64.b64encode(data).decode()
    assert fd.to_str() == expected
    assert fd.to_str() == expected  # seeks back for each read
    assert_streams_like_dumps(payload_with(part))


def test_real_file_object_uses_its_name(tmp_path: Path) -> None:
    path = write(tmp_path, "named.pdf", pdf_bytes(40))
    with path.open("rb") as f:
        part = pdf_part(f)
        assert part["file"]["filename"] == "named.pdf"
        assert decode_file_data(part["file"]["file_data"].to_str()) == pdf_bytes(40)  # type: ignore[union-attr]


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


def test_non_seekable_stream_is_spooled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spool_dir = tmp_path / "spool"
    spool_dir.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(spool_dir))
    data = pdf_bytes(2 * 1024 * 1024 + 1)
    stream = OneShotStream(data)
    part = pdf_part(stream, filename="piped.pdf")
    assert part["file"]["filename"] == "piped.pdf"
    fd = part["file"]["file_data"]
    assert isinstance(fd, FileData)
    assert fd.size == len(data)
    assert stream.read() == b""  # consumed once, at pdf_part time
    expected = DATA_URL_PREFIX + base64.b64encode(data).decode()
    assert fd.to_str() == expected
    assert fd.to_str() == expected  # re-read from the spool
    assert_streams_like_dumps(payload_with(part))
    assert len(list(spool_dir.iterdir())) == 1
    del part, fd
    gc.collect()
    assert list(spool_dir.iterdir()) == []  # the spool goes with its FileData


def test_non_seekable_stream_validation() -> None:
    with pytest.raises(FileValidationError, match=r"empty"):
        pdf_part(OneShotStream(b""))
    with pytest.raises(FileValidationError, match=r"x\.pdf \(file object\): not a PDF.*PNG"):
        pdf_part(OneShotStream(b"\x89PNG\r\n\x1a\n" + b"\0" * 5000), filename="x.pdf")


def test_text_mode_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "t.pdf", pdf_bytes(10))
    with path.open("r", encoding="latin-1") as f, pytest.raises(TypeError, match="'rb'"):
        pdf_part(f)


def test_unsupported_source_type() -> None:
    with pytest.raises(TypeError, match="int"):
        pdf_part(42)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("content", "found"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 20, "a PNG image"),
        (b"PK\x03\x04" + b"\0" * 20, "a ZIP archive"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "a JPEG image"),
        (b"JVBERi0xLjQK", "base64 text of a PDF"),
        (b"hello, world", r"b'hello, w'"),
        (b"  %PDF-1.4 late", "not at the start"),
    ],
)
def test_not_a_pdf(tmp_path: Path, content: bytes, found: str) -> None:
    path = write(tmp_path, "fake.pdf", content)
    with pytest.raises(FileValidationError, match=r"fake\.pdf: not a PDF") as info:
        pdf_part(path)
    assert found in str(info.value) or found.strip("b'") in str(info.value)
    assert "%PDF-" in str(info.value)
    assert info.value.filename == "fake.pdf"
    assert isinstance(info.value, ValidationError)
    assert isinstance(info.value, ValueError)
    with pytest.raises(FileValidationError, match=r"scan\.pdf \(in-memory bytes\): not a PDF"):
        pdf_part(content, filename="scan.pdf")


def test_empty(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.pdf", b"")
    with pytest.raises(FileValidationError, match=r"empty\.pdf: the file is empty"):
        pdf_part(path)
    with pytest.raises(FileValidationError, match=r"document\.pdf \(in-memory bytes\): the file is empty"):
        pdf_part(b"")
    with pytest.raises(FileValidationError, match="empty"):
        pdf_part(io.BytesIO(b""))


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as f:
        f.write(b"%PDF-1.4\n")
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(FileValidationError, match=r"huge\.pdf: the file is 536,870,913 bytes.*512 MiB"):
        pdf_part(path)
    with path.open("rb") as f, pytest.raises(FileValidationError, match=r"huge\.pdf.*536,870,913 bytes"):
        pdf_part(f)
    # exactly at the limit is fine (and nothing is read beyond the first bytes)
    with path.open("r+b") as f:
        f.truncate(MAX_FILE_BYTES)
    assert pdf_part(path)["file"]["file_data"].size == MAX_FILE_BYTES  # type: ignore[union-attr]


def test_too_large_non_seekable_stream_stops_spooling(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(_filecheck, "MAX_FILE_BYTES", 1_500_000)
    with pytest.raises(
        FileValidationError, match=r"x\.pdf \(file object\): the file is at least 2,097,152 bytes"
    ):
        pdf_part(OneShotStream(pdf_bytes(5_000_000)), filename="x.pdf")
    assert list(tmp_path.iterdir()) == []  # the partial spool is removed
    monkeypatch.setattr(_filecheck, "MAX_FILE_BYTES", 1000)
    with pytest.raises(FileValidationError, match="at least 1,048,576 bytes"):
        pdf_part(OneShotStream(pdf_bytes(5_000_000)), filename="x.pdf")


def test_unreadable_paths(tmp_path: Path) -> None:
    missing = tmp_path / "missing.pdf"
    with pytest.raises(
        FileValidationError, match=r"missing\.pdf: cannot read the file: No such file"
    ) as info:
        pdf_part(missing)
    assert isinstance(info.value.__cause__, FileNotFoundError)
    assert str(missing) in str(info.value)
    with pytest.raises(FileValidationError, match=r"cannot read the file: Is a directory") as info:
        pdf_part(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_path_through_a_file_is_unreadable(tmp_path: Path) -> None:
    # Permission bits do not stop root (CI runs as root); a path "inside" a file fails for everyone.
    parent = write(tmp_path, "plain.pdf", pdf_bytes(10))
    with pytest.raises(FileValidationError, match=r"child\.pdf: cannot read the file: Not a directory"):
        pdf_part(parent / "child.pdf")


# ---------------------------------------------------------------------------------------------
# decode_file_data
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 100])
def test_decode_round_trip(n: int) -> None:
    data = os.urandom(n)
    b64 = base64.b64encode(data).decode()
    assert decode_file_data(b64) == data
    assert decode_file_data(DATA_URL_PREFIX + b64) == data
    assert decode_file_data("data:application/octet-stream;base64," + b64) == data
    assert decode_file_data("") == b""


@pytest.mark.parametrize(
    ("value", "cause"),
    [
        ("JVBE Ri0=", r"character ' ' at position 4"),
        ("JVBERi0=\n", r"character '\\n' at position 8"),
        ("JVBERi0*", r"character '\*' at position 7"),
        ("JVBERé0=", r"character 'é' at position 5"),
        ("JVBERi0", "padding: length 7 is not a multiple of 4"),
        ("JVBERi0=A===", "padding"),
        ("JV=ERi0=", r"'=' at position 2 is not at the end"),
        ("JVBE====", "more than two"),
        ("data:application/pdf;base64,JVBERi0", "padding"),
        ("data:application/pdf,%PDF-", "not base64-encoded"),
        ("data:application/pdf;base64", "no ','"),
    ],
)
def test_decode_is_strict(value: str, cause: str) -> None:
    with pytest.raises(FileValidationError, match=cause):
        decode_file_data(value)


# ---------------------------------------------------------------------------------------------
# validate_request_files and user_with_files
# ---------------------------------------------------------------------------------------------


def file_part(file_data: str, filename: str = "a.pdf") -> dict[str, Any]:
    return {"type": "file", "file": {"filename": filename, "file_data": file_data}}


def test_validate_accepts_good_requests(tmp_path: Path) -> None:
    path = write(tmp_path, "a.pdf", pdf_bytes(100))
    messages = [
        {"role": "system", "content": "x"},
        user_with_files("hi", [path, pdf_bytes(10)] * 10),
        {"role": "user", "content": [file_part(base64.b64encode(pdf_bytes(7)).decode())]},
    ]
    # 21 parts in total: too many; 20 are fine
    with pytest.raises(FileValidationError, match="21 file parts; at most 20"):
        validate_request_files(messages)
    validate_request_files(messages[:2])
    validate_request_files([{"role": "user", "content": "text only"}])
    validate_request_files([])


def test_validate_counts_across_messages() -> None:
    data = DATA_URL_PREFIX + base64.b64encode(pdf_bytes(10)).decode()
    messages = [{"role": "user", "content": [file_part(data)] * 7} for _ in range(3)]
    with pytest.raises(FileValidationError, match=r"21 file parts") as info:
        validate_request_files(messages)
    assert info.value.field == "messages"
    validate_request_files([*messages[:2], {"role": "user", "content": [file_part(data)] * 6}])


class Model:
    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def to_dict(self) -> dict[str, Any]:
        return self._data


def test_validate_accepts_models_with_to_dict() -> None:
    bad = file_part(base64.b64encode(b"GIF89a....").decode(), "pic.pdf")
    with pytest.raises(FileValidationError, match=r"pic\.pdf.*not a PDF.*GIF"):
        validate_request_files([Model({"role": "user", "content": [Model(bad)]})])


@pytest.mark.parametrize(
    ("file_data", "cause"),
    [
        (base64.b64encode(b"\x89PNG\r\n\x1a\nxxxx").decode(), "not a PDF.*PNG"),
        (DATA_URL_PREFIX + base64.b64encode(b"PK\x03\x04zip").decode(), "not a PDF.*ZIP"),
        ("", "empty"),
        (DATA_URL_PREFIX, "empty"),
        (base64.b64encode(b"%PD").decode(), r"not a PDF.*%PD"),
        ("JVBE*Ri0", "not valid base64"),
        ("JVBERi0xLjQ", "padding"),
    ],
)
def test_validate_checks_string_file_data(file_data: str, cause: str) -> None:
    messages = [{"role": "user", "content": [{"type": "text", "text": "x"}, file_part(file_data, "q.pdf")]}]
    with pytest.raises(
        FileValidationError, match=rf"q\.pdf \(messages\[0\]\.content\[1\]\.file\).*{cause}"
    ) as info:
        validate_request_files(messages)
    assert info.value.filename == "q.pdf"
    assert info.value.field == "messages[0].content[1].file.file_data"


def test_validate_size_from_base64_length(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_filecheck, "MAX_FILE_BYTES", 30)
    ok = base64.b64encode(pdf_bytes(30)).decode()
    validate_request_files([{"role": "user", "content": [file_part(ok)]}])
    big = base64.b64encode(pdf_bytes(31)).decode()
    with pytest.raises(FileValidationError, match="31 bytes"):
        validate_request_files([{"role": "user", "content": [file_part(big)]}])


def test_user_with_files(tmp_path: Path) -> None:
    path = write(tmp_path, "r.pdf", pdf_bytes(20))
    ready = pdf_part(pdf_bytes(9), filename="ready.pdf")
    message = user_with_files("Summarise this", [path, ready])
    assert message["role"] == "user"
    text, first, second = message["content"]
    assert text == {"type": "text", "text": "Summarise this"}
    assert first["file"]["filename"] == "r.pdf"
    assert isinstance(first["file"]["file_data"], FileData)
    assert second == ready
    with pytest.raises(TypeError, match="list"):
        user_with_files("x", str(path))
    with pytest.raises(FileValidationError, match="21 PDF files"):
        user_with_files("x", [path] * 21)
    with pytest.raises(FileValidationError, match=r"nope\.pdf"):
        user_with_files("x", [tmp_path / "nope.pdf"])
