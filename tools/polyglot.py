"""`nox -s polyglot`: openapi.json through four generators, each proven against the local server.

A team in another language gets only openapi.json. This builds what four generators make of it
and uses it the way such a team would, against `aiml_chat.testing.LocalServer` on 127.0.0.1:

- typescript: openapi-typescript types + openapi-fetch; polyglot/typescript/src/main.ts (a plain
  call, a PDF part, two streams read chunk by chunk, a `weird=1` answer) must compile under
  tsc --strict and pass its checks; src/wrong.ts holds usages that must NOT type-check.
- typescript-fetch: openapi-generator's client; polyglot/typescript-fetch/src/main.ts sends a PDF
  part built through the generated models and checks the server saw its size and sha256.
- pydantic: datamodel-code-generator models; every answer and every stream event the server sends
  (each reply kind, each X-Mock-Fault shape that is still a 200, the error bodies) must validate,
  and no class may carry a collision number (`Type1`, `Function2`).
- python-client: our generated/ (openapi-python-client) still exports every model name listed in
  tools/model_names.txt.

Each step runs the tool itself; on failure the tool's own output is shown and the run stops.
Usage: python -m tools.polyglot --npm DIR [STEP ...]   (DIR: an npm prefix with node_modules/.bin)
"""

from __future__ import annotations

import argparse
import base64
import collections
import hashlib
import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.json"
PROGRAMS = ROOT / "polyglot"
MODEL_NAMES = Path(__file__).with_name("model_names.txt")
KEY = "test-key"  # the key the programs in polyglot/ send
MODEL = "google/gemini-2.5-flash-lite-preview"

# openapi-typescript marks a property with a `default` as always present (it is, in an answer). It
# exempts inline request bodies, but ours is the named ChatCompletionRequest, so `stream` (default
# false) would become required in requests: the switch keeps defaulted properties optional.
OPENAPI_TYPESCRIPT_ARGS = ["--default-non-nullable", "false"]
# typescript-fetch 7.26.0: `.js` import suffixes for NodeNext ESM; no docs. The open-enum wrapper of
# `ChoiceDelta.role` (anyOf [ChoiceDeltaRole, string]) is named `ChoiceDeltaRole` by the generator,
# the name of the enum it wraps: one file overwrites the other and the enum's values vanish. The
# mapping renames only that TypeScript wrapper; the spec's ChoiceDeltaRole stays, and with it the
# Python class of that name.
TYPESCRIPT_FETCH_ARGS = [
    "--additional-properties=supportsES6=true,importFileExtension=.js",
    "--global-property=apiDocs=false,modelDocs=false,apiTests=false,modelTests=false",
    "--model-name-mappings=ChoiceDelta_role=ChoiceDeltaOpenRole",
]
# pydantic v2 models. `--enum-field-as-literal one`: a single-value enum is a tag (a message's role,
# a part's type) and becomes Literal["user"]; as an enum it is a spare `Role1` class per variant.
# `--naming-strategy parent-prefixed`: inline schemas (the oneOf items of content and messages) are
# named after their owner (`UserMessageContent`), not numbered (`Content1`).
DATAMODEL_CODEGEN_ARGS = [
    "--input-file-type=openapi",
    "--openapi-scopes",
    "schemas",
    "paths",
    "--output-model-type=pydantic_v2.BaseModel",
    "--target-python-version=3.11",
    "--strict-nullable",
    "--enum-field-as-literal=one",
    "--naming-strategy=parent-prefixed",
    "--disable-timestamp",
]
NUMBERED = re.compile(r"[A-Za-z]\d+$")


class StepFailed(Exception):
    """A step's tool failed or a check did not hold; the message says which."""


@dataclass
class Context:
    npm_bin: Path
    base_url: str
    pdf: Path
    work: Path


def run(cmd: list[str | Path], *, quiet: bool = False, cwd: Path = ROOT) -> str:
    """Run a tool; its own output goes to the console (quiet: only when it fails)."""
    argv = [str(part) for part in cmd]
    print("$", " ".join(argv), flush=True)
    result = subprocess.run(
        argv, cwd=cwd, text=True, stdout=subprocess.PIPE if quiet else None, stderr=subprocess.STDOUT
    )
    if result.returncode != 0:
        if quiet:
            print(result.stdout, end="", flush=True)
        raise StepFailed(f"`{argv[0]} ...` exited with {result.returncode} (its output is above)")
    return result.stdout or ""


def link_node_modules(npm_dir: Path) -> None:
    """polyglot/node_modules -> the pinned npm tools, so tsc and node resolve openapi-fetch."""
    link = PROGRAMS / "node_modules"
    target = npm_dir / "node_modules"
    if link.is_symlink() and link.resolve() == target.resolve():
        return
    if link.is_symlink():
        link.unlink()
    elif link.exists():
        raise StepFailed(f"{link} exists and is not a link to {target}: remove it")
    link.symlink_to(target, target_is_directory=True)


# --- TypeScript ------------------------------------------------------------------------------


def step_typescript(ctx: Context) -> str:
    program = PROGRAMS / "typescript"
    out = program / "src" / "generated" / "openapi.d.ts"
    out.parent.mkdir(parents=True, exist_ok=True)
    run([ctx.npm_bin / "openapi-typescript", SPEC, *OPENAPI_TYPESCRIPT_ARGS, "-o", out], quiet=True)
    run([ctx.npm_bin / "tsc", "-p", program / "tsconfig.json"])
    run(["node", program / "dist" / "main.js", ctx.base_url, ctx.pdf])
    schemas = json.loads(SPEC.read_text(encoding="utf-8"))["components"]["schemas"]
    return f"{len(schemas)} named types (components['schemas']); wrong.ts rejected as expected"


def step_typescript_fetch(ctx: Context) -> str:
    program = PROGRAMS / "typescript-fetch"
    out = program / "generated"
    shutil.rmtree(out, ignore_errors=True)
    log = run(
        [
            "openapi-generator-cli",
            "generate",
            "-g",
            "typescript-fetch",
            "-i",
            SPEC,
            "-o",
            out,
            *TYPESCRIPT_FETCH_ARGS,
        ],
        quiet=True,
    )
    written = re.findall(r"writing file (\S+)", log)
    twice = sorted(path for path, n in collections.Counter(written).items() if n > 1)
    if twice:
        raise StepFailed(f"two schemas got the same TypeScript name, one file overwrote the other: {twice}")
    run([ctx.npm_bin / "tsc", "-p", program / "tsconfig.json"])
    run(["node", program / "dist" / "src" / "main.js", ctx.base_url, ctx.pdf])
    models = sorted(p.stem for p in (out / "models").glob("*.ts") if p.stem != "index")
    return f"{len(models)} model types"


# --- pydantic (datamodel-code-generator) -----------------------------------------------------


def load_models(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("polyglot_models", path)
    if spec is None or spec.loader is None:
        raise StepFailed(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def model_classes(source: Path) -> list[str]:
    return sorted(re.findall(r"^class (\w+)", source.read_text(encoding="utf-8"), flags=re.MULTILINE))


@dataclass(frozen=True)
class Case:
    """One request: what it asks for and which answer shape the server gives."""

    label: str
    body: dict[str, Any]
    fault: str = ""
    chunks: int | None = None


def bodies(pdf: bytes) -> dict[str, dict[str, Any]]:
    """One body per kind of reply the server makes."""
    user = {"role": "user", "content": "Look up the word fox"}
    call = {"id": "call_1", "type": "function", "function": {"name": "lookup", "arguments": "{}"}}
    lookup = {
        "type": "function",
        "function": {
            "name": "lookup",
            "parameters": {
                "type": "object",
                "properties": {"word": {"type": "string"}},
                "required": ["word"],
            },
        },
    }
    data_url = "data:application/pdf;base64," + base64.b64encode(pdf).decode()
    return {
        "text": {"messages": [user]},
        "length": {"messages": [user], "max_tokens": 2},
        "tool_calls": {"messages": [user], "tools": [lookup], "tool_choice": "auto"},
        "tool_results": {
            "messages": [
                user,
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [call],
                },
                {"role": "tool", "tool_call_id": "call_1", "content": "a small wild dog"},
            ],
            "tools": [lookup],
        },
        "file": {
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "Summarise the file."},
                        {"type": "file", "file": {"filename": "doc.pdf", "file_data": data_url}},
                    ],
                }
            ]
        },
    }


# Every X-Mock-Fault shape that is still a 200 (aiml_chat/testing/_faults.py). Not here: malformed
# and drop/drop_after (not a valid answer: broken JSON, a cut body), and delay, chunk_delay, barrier,
# times, rate (timing and selection only; the answer's shape is one of these).
JSON_FAULTS = ["", "weird=1"]
STREAM_FAULTS = [
    "",
    "weird=1",
    "keepalive=1",
    "eol=cr",
    "eol=crlf",
    "bom=1",
    "weird=1;keepalive=1;eol=cr;bom=1",
    "stream_error=2",
    "error_event=2",
]
ERROR_FAULTS = ["status=400", "status=429;retry_after=1", "status=500"]


def cases(pdf: bytes) -> Iterator[Case]:
    for kind, body in bodies(pdf).items():
        base = {"model": MODEL, **body}
        for fault in JSON_FAULTS:
            yield Case(f"{kind} json {fault}", base, fault)
        for usage in (False, True):
            streaming = {**base, "stream": True, "stream_options": {"include_usage": usage}}
            for fault in STREAM_FAULTS:
                yield Case(f"{kind} stream usage={usage} {fault}", streaming, fault)
    yield Case("text stream in 1 chunk", {"model": MODEL, "stream": True, **bodies(pdf)["text"]}, "", 1)
    for fault in ERROR_FAULTS:
        yield Case(f"error {fault}", {"model": MODEL, **bodies(pdf)["text"]}, fault)


def validate(models: ModuleType, case: Case, status: int, content: bytes) -> tuple[int, list[str]]:
    """Validate one answer (strict JSON mode); returns (objects validated, finish reasons seen)."""
    # Imported here: the overlay's incremental SSE decoder (LF/CR/CRLF, BOM) splits the stream.
    from aiml_chat._sse import SSEDecoder

    if status != 200:
        models.ErrorResponse.model_validate_json(content, strict=True)
        return 1, []
    if not case.body.get("stream"):
        completion = models.ChatCompletion.model_validate_json(content, strict=True)
        return 1, [str(choice.finish_reason) for choice in completion.choices]
    decoder = SSEDecoder()
    events = decoder.feed(content) + decoder.close()
    count, finishes, done = 0, [], False
    for event in events:
        if event.data == "[DONE]":
            done = True
            break
        if event.event == "error" or "error" in json.loads(event.data):
            models.ErrorResponse.model_validate_json(event.data, strict=True)
        else:
            chunk = models.ChatCompletionChunk.model_validate_json(event.data, strict=True)
            finishes += [str(c.finish_reason) for c in chunk.choices if c.finish_reason is not None]
        count += 1
    ends_in_error = "stream_error" in case.fault or "error_event" in case.fault
    if count == 0 or done == ends_in_error:
        raise StepFailed(f"{case.label}: {count} events, [DONE] {'seen' if done else 'missing'}")
    return count, finishes


def step_pydantic(ctx: Context) -> str:
    import httpx2

    out = ctx.work / "models.py"
    run(["datamodel-codegen", "--input", SPEC, "--output", out, *DATAMODEL_CODEGEN_ARGS], quiet=True)
    models = load_models(out)
    classes = model_classes(out)
    numbered = [name for name in classes if NUMBERED.search(name)]
    print(f"{len(classes)} classes, {len(numbered)} numbered: {' '.join(classes)}")
    if numbered:
        raise StepFailed(f"numbered class names from datamodel-code-generator: {numbered}")
    requests = responses = objects = 0
    finishes: collections.Counter[str] = collections.Counter()
    pdf = ctx.pdf.read_bytes()
    headers = {"Authorization": f"Bearer {KEY}"}
    with httpx2.Client(base_url=ctx.base_url, timeout=30) as client:
        for case in cases(pdf):
            models.ChatCompletionRequest.model_validate_json(json.dumps(case.body), strict=True)
            extra = {"X-Mock-Fault": case.fault} if case.fault else {}
            if case.chunks is not None:
                extra["X-Mock-Chunks"] = str(case.chunks)
            response = client.post("/v1/chat/completions", json=case.body, headers=headers | extra)
            requests += 1
            expected = 200 if not case.fault.startswith("status=") else int(case.fault[7:10])
            if response.status_code != expected:
                raise StepFailed(f"{case.label}: HTTP {response.status_code}: {response.text[:300]}")
            try:
                count, seen = validate(models, case, response.status_code, response.content)
            except Exception as exc:
                raise StepFailed(f"{case.label}: the answer does not validate:\n{exc}") from exc
            responses += 1
            objects += count
            finishes.update(seen)
    if {"stop", "length", "tool_calls", "error"} - set(finishes):
        raise StepFailed(f"not every finish reason was exercised: {dict(finishes)}")
    return (
        f"{len(classes)} classes, 0 numbered; {requests} requests, {objects} answers/chunks/error events "
        f"validated (finish reasons {dict(finishes)})"
    )


# --- openapi-python-client (generated/) ------------------------------------------------------


def step_python_client(ctx: Context) -> str:
    from aiml_api_client import models

    expected = {
        line.strip()
        for line in MODEL_NAMES.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    present = set(models.__all__)
    missing = sorted(expected - present)
    if missing:
        raise StepFailed(f"aiml_api_client.models lost public names (see {MODEL_NAMES.name}): {missing}")
    added = sorted(present - expected)
    return (
        f"{len(present)} classes; all {len(expected)} of {MODEL_NAMES.name} present; new: {added or 'none'}"
    )


STEPS: dict[str, Callable[[Context], str]] = {
    "typescript": step_typescript,
    "typescript-fetch": step_typescript_fetch,
    "pydantic": step_pydantic,
    "python-client": step_python_client,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.polyglot", description=__doc__.split("\n")[0])
    parser.add_argument("--npm", type=Path, required=True, help="npm prefix holding the pinned npm tools")
    parser.add_argument("steps", nargs="*", help=f"steps to run (default: all): {', '.join(STEPS)}")
    args = parser.parse_args(argv)
    unknown = [name for name in args.steps if name not in STEPS]
    if unknown:
        parser.error(f"unknown steps {unknown}; choose from {list(STEPS)}")
    from aiml_chat.testing import LocalServer, make_pdf

    link_node_modules(args.npm)
    timings: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory(prefix="polyglot-") as tmp, LocalServer(api_key=KEY) as server:
        pdf = Path(tmp) / "doc.pdf"
        pdf.write_bytes(make_pdf(["A PDF for the polyglot check.", "Its second page."]))
        print(
            f"local server {server.base_url}; PDF {pdf.stat().st_size} bytes sha256="
            f"{hashlib.sha256(pdf.read_bytes()).hexdigest()}",
            flush=True,
        )
        ctx = Context(args.npm / "node_modules" / ".bin", server.base_url, pdf, Path(tmp))
        for name in args.steps or list(STEPS):
            print(f"\n== polyglot: {name}", flush=True)
            start = time.perf_counter()
            try:
                summary = STEPS[name](ctx)
            except StepFailed as exc:
                print(f"\npolyglot: step {name!r} FAILED: {exc}", file=sys.stderr, flush=True)
                return 1
            timings.append((name, time.perf_counter() - start, summary))
            print(f"ok {name}: {summary}", flush=True)
    print("\n== polyglot: summary")
    for name, seconds, summary in timings:
        print(f"{name:17} {seconds:6.1f} s  {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
