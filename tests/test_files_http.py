"""PDF uploads through the client to the local server, which reports what it decoded."""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from aiml_chat import AsyncClient, Client, FileValidationError, user
from aiml_chat.files import pdf_part
from aiml_chat.testing import LocalServer, make_pdf

KEY = "sk-files-test-key"
REPORT = re.compile(r"file (?P<name>\S+): (?P<size>\d+) bytes sha256=(?P<sha>[0-9a-f]{64})")


@pytest.fixture(scope="module")
def server() -> Iterator[LocalServer]:
    with LocalServer(api_key=KEY) as running:
        yield running


@pytest.fixture(autouse=True)
def _fresh(server: LocalServer) -> None:
    server.reset()


def pdf_bytes(size: int) -> bytes:
    head = b"%PDF-1.4\n"
    body = os.urandom(max(0, size - len(head)))
    return (head + body)[:size]


def reports(text: str) -> list[tuple[str, int, str]]:
    return [(m["name"], int(m["size"]), m["sha"]) for m in REPORT.finditer(text)]


def ask(server: LocalServer, *sources: object, data_url: bool = True, **kwargs: object) -> str:
    parts = [pdf_part(s, filename=f"f{i}.pdf", data_url=data_url) for i, s in enumerate(sources)]  # type: ignore[arg-type]
    with Client(api_key=KEY, base_url=server.base_url, **kwargs) as client:  # type: ignore[arg-type]
        completion = client.chat.completions.create(
            messages=[{"role": "user", "content": [{"type": "text", "text": "What is in these?"}, *parts]}]
        )
    return completion.choices[0].message.content


@pytest.mark.parametrize("tail", [1, 2, 3])
@pytest.mark.parametrize("kind", ["bytes", "path", "stream"])
def test_round_trip_is_exact_for_every_base64_tail(
    server: LocalServer, tmp_path: Path, tail: int, kind: str
) -> None:
    data = pdf_bytes(3 * 1000 + tail)
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    source: object = {"bytes": data, "path": path, "stream": io.BytesIO(data)}[kind]
    text = ask(server, source)
    assert reports(text) == [("f0.pdf", len(data), hashlib.sha256(data).hexdigest())]


@pytest.mark.parametrize("data_url", [True, False])
def test_ten_mib_file_by_path_streams_exactly(server: LocalServer, tmp_path: Path, data_url: bool) -> None:
    data = pdf_bytes(10 * 1024 * 1024 + 1)
    path = tmp_path / "big.pdf"
    path.write_bytes(data)
    text = ask(server, path, data_url=data_url)
    assert reports(text) == [("f0.pdf", len(data), hashlib.sha256(data).hexdigest())]
    [request] = server.requests
    assert request.body_size > len(data) * 4 // 3  # the whole base64 went over the wire


def test_real_multi_page_pdf_with_the_one_line_helper(server: LocalServer, tmp_path: Path) -> None:
    data = make_pdf(["Page one: revenue", "Page two: costs", "Page three: outlook"])
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    with Client(api_key=KEY, base_url=server.base_url) as client:
        text = (
            client.chat.completions.create(messages=[user("Summarise this", files=[path])])
            .choices[0]
            .message.content
        )
    assert reports(text) == [("report.pdf", len(data), hashlib.sha256(data).hexdigest())]


def test_async_client_streams_files_too(server: LocalServer, tmp_path: Path) -> None:
    data = pdf_bytes(3 * 1024 * 1024 + 2)
    path = tmp_path / "a.pdf"
    path.write_bytes(data)

    async def main() -> str:
        async with AsyncClient(api_key=KEY, base_url=server.base_url) as client:
            completion = await client.chat.completions.create(messages=[user("Read", files=[path, data])])
            return completion.choices[0].message.content

    text = asyncio.run(main())
    sha = hashlib.sha256(data).hexdigest()
    assert [(size, digest) for _, size, digest in reports(text)] == [(len(data), sha), (len(data), sha)]


def test_streamed_64_mib_upload_survives_one_injected_500(server: LocalServer, tmp_path: Path) -> None:
    data = pdf_bytes(64 * 1024 * 1024)
    path = tmp_path / "huge.pdf"
    path.write_bytes(data)
    with Client(api_key=KEY, base_url=server.base_url) as client:
        completion = client.chat.completions.create(
            messages=[user("Read", files=[path])],
            extra_headers={"X-Mock-Fault": "status=500;times=1;retry_after=0"},
        )
    assert reports(completion.choices[0].message.content) == [
        ("huge.pdf", len(data), hashlib.sha256(data).hexdigest())
    ]
    first, second = server.requests
    assert (first.status, second.status) == (500, 200)
    assert first.body_size == second.body_size  # the body was sent twice, complete both times
    assert first.body_sha256 == second.body_sha256


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_bytes(b"PK\x03\x04 rest"), "ZIP"),
        (lambda p: p.write_bytes(b""), "empty"),
        (lambda p: None, "No such file"),
    ],
)
def test_bad_files_are_refused_before_any_connection(
    server: LocalServer, tmp_path: Path, make: object, words: str
) -> None:
    path = tmp_path / "bad.pdf"
    make(path)  # type: ignore[operator]
    with (
        Client(api_key=KEY, base_url=server.base_url) as client,
        pytest.raises(FileValidationError) as caught,
    ):
        client.chat.completions.create(messages=[user("Read", files=[path])])
    assert "bad.pdf" in str(caught.value)
    assert words.lower() in str(caught.value).lower()
    assert server.requests == []


def test_too_large_and_too_many_are_refused_before_any_connection(
    server: LocalServer, tmp_path: Path
) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as f:
        f.write(b"%PDF-1.4\n")
        f.truncate(512 * 1024 * 1024 + 1)  # sparse: no disk cost
    with Client(api_key=KEY, base_url=server.base_url) as client:
        with pytest.raises(FileValidationError, match=r"huge\.pdf"):
            client.chat.completions.create(messages=[user("Read", files=[huge])])
        small = pdf_bytes(10)
        with pytest.raises(FileValidationError, match="21"):
            client.chat.completions.create(messages=[user("Read", files=[small] * 21)])
        bad_inline = {
            "type": "file",
            "file": {"filename": "x.pdf", "file_data": "data:application/pdf;base64,aGVsbG8="},
        }
        with pytest.raises(FileValidationError, match=r"x\.pdf"):
            client.chat.completions.create(messages=[{"role": "user", "content": [bad_inline]}])
    assert server.requests == []
