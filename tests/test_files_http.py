"""PDF uploads through the client to the local server, which reports what it decoded."""

from __future__ import annotations

import asyncio
import hashlib
import io
import os
import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import pytest

from aiml_chat import AsyncClient, Client, FileValidationError, user
from aiml_chat.files import image_part, pdf_part
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


# --- files that change or are pipes (issue 15, point 7) ---------------------------------------


def test_a_file_replaced_by_a_same_size_non_pdf_is_not_uploaded(server: LocalServer, tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_bytes(50_000))
    message = user("Read", files=[path])  # checked now: a PDF
    path.write_bytes(b"PK\x03\x04" + os.urandom(50_000 - 4))  # then replaced, same size
    with (
        Client(api_key=KEY, base_url=server.base_url, max_retries=2) as client,
        pytest.raises(
            FileValidationError, match=r"report\.pdf: the file changed .* now it starts like a ZIP"
        ),
    ):
        client.chat.completions.create(messages=[message])
    # At most the headers went out: no body, no answer, and no retry of a file that is wrong.
    assert len(server.requests) <= 1
    assert all(r.body_size == 0 and r.status is None and not r.completed for r in server.requests)


def test_async_client_refuses_a_replaced_file_too(server: LocalServer, tmp_path: Path) -> None:
    path = tmp_path / "a.pdf"
    path.write_bytes(pdf_bytes(10_000))
    message = user("Read", files=[path])
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(10_000 - 8))

    async def main() -> None:
        async with AsyncClient(api_key=KEY, base_url=server.base_url) as client:
            await client.chat.completions.create(messages=[message])

    with pytest.raises(FileValidationError, match=r"was a PDF .* now it starts like a PNG image"):
        asyncio.run(main())
    assert all(r.status is None for r in server.requests)


def feed_fifo(path: Path, data: bytes) -> threading.Thread:
    """Make a FIFO at ``path`` and write ``data`` into it from a thread once a reader opens it."""
    os.mkfifo(path)

    def writer() -> None:
        with path.open("wb") as f:
            f.write(data)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    return thread


def test_a_pipe_given_as_a_path_is_sent_and_resent_from_its_spool(
    server: LocalServer, tmp_path: Path
) -> None:
    data = pdf_bytes(5 * 1024 * 1024 + 1)
    writer = feed_fifo(tmp_path / "piped.pdf", data)
    with Client(api_key=KEY, base_url=server.base_url) as client:
        completion = client.chat.completions.create(
            messages=[user("Read", files=[tmp_path / "piped.pdf"])],
            extra_headers={"X-Mock-Fault": "status=500;times=1;retry_after=0"},
        )
    writer.join(timeout=60)
    assert reports(completion.choices[0].message.content) == [
        ("piped.pdf", len(data), hashlib.sha256(data).hexdigest())
    ]
    first, second = server.requests
    assert (first.status, second.status) == (500, 200)
    assert first.body_sha256 == second.body_sha256  # the pipe was read once; the retry re-read the copy


def run_cli(server: LocalServer, *args: str, stdin: bytes | IO[bytes]) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "AIML_FILES_TEST_KEY": KEY}
    env.pop("AIMLAPI_BASE_URL", None)
    command = ["chat", "--base-url", server.base_url, "--api-key-env", "AIML_FILES_TEST_KEY", *args]
    return subprocess.run(
        [sys.executable, "-m", "aiml_chat", *command],
        **({"input": stdin} if isinstance(stdin, bytes) else {"stdin": stdin}),  # type: ignore[arg-type]
        capture_output=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.mark.parametrize(("file_arg", "name"), [("-", "stdin.pdf"), ("/dev/stdin", "stdin")])
def test_cli_reads_a_pdf_from_stdin(server: LocalServer, file_arg: str, name: str) -> None:
    data = make_pdf(["Read from a pipe"]) + os.urandom(3 * 1024 * 1024)  # past one spool block
    result = run_cli(server, "--file", file_arg, "Summarise", stdin=data)
    assert result.returncode == 0, result.stderr.decode()
    assert reports(result.stdout.decode()) == [(name, len(data), hashlib.sha256(data).hexdigest())]


def test_cli_reads_a_pdf_redirected_from_a_file(server: LocalServer, tmp_path: Path) -> None:
    data = make_pdf(["Redirected"])
    (tmp_path / "in.pdf").write_bytes(data)
    with (tmp_path / "in.pdf").open("rb") as stdin:  # seekable stdin: read in place, not copied
        result = run_cli(server, "--file", "-", "Summarise", stdin=stdin)
    assert result.returncode == 0, result.stderr.decode()
    assert reports(result.stdout.decode()) == [("stdin.pdf", len(data), hashlib.sha256(data).hexdigest())]


def test_cli_refuses_stdin_twice_and_junk_on_stdin(server: LocalServer) -> None:
    result = run_cli(server, "--file", "-", "-", stdin=b"%PDF-1.4\n")
    assert result.returncode == 2
    assert b"standard input can be read once" in result.stderr
    result = run_cli(server, "--file", "-", "Summarise", stdin=b"just some text")
    assert result.returncode == 2
    assert b"<stdin>: not a PDF or a PNG" in result.stderr
    assert b"Traceback" not in result.stderr
    assert server.requests == []


# --- images over HTTP --------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


def test_images_from_a_path_and_from_bytes_reach_the_server(server: LocalServer, tmp_path: Path) -> None:
    big = PNG + os.urandom(4 * 1024 * 1024)
    (tmp_path / "photo.png").write_bytes(big)
    small = b"\xff\xd8\xff\xe0" + os.urandom(1000)
    pdf = pdf_bytes(100)
    message = user("What is in these?", files=[tmp_path / "photo.png", small, pdf])
    message["content"].append(image_part(small, detail="low"))  # type: ignore[union-attr,arg-type]
    with Client(api_key=KEY, base_url=server.base_url) as client:
        text = client.chat.completions.create(messages=[message]).choices[0].message.content
    sha = hashlib.sha256
    assert reports(text) == [
        ("image1", len(big), sha(big).hexdigest()),
        ("image2", len(small), sha(small).hexdigest()),
        ("document.pdf", 100, sha(pdf).hexdigest()),
        ("image4", len(small), sha(small).hexdigest()),
    ]


def test_async_client_streams_an_image_by_path(server: LocalServer, tmp_path: Path) -> None:
    data = b"GIF89a" + os.urandom(3 * 1024 * 1024 + 1)
    (tmp_path / "anim.gif").write_bytes(data)

    async def main() -> str:
        async with AsyncClient(api_key=KEY, base_url=server.base_url) as client:
            part = image_part(tmp_path / "anim.gif", detail="high")
            content = [{"type": "text", "text": "Describe"}, part]
            completion = await client.chat.completions.create(messages=[{"role": "user", "content": content}])
            return completion.choices[0].message.content

    assert reports(asyncio.run(main())) == [("image1", len(data), hashlib.sha256(data).hexdigest())]
