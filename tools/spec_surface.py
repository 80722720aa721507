"""The API surface of openapi.json as a committed, human-readable file: API_SURFACE.md.

Usage: python -m tools.spec_surface [--check] [--spec openapi.json] [--output API_SURFACE.md]

Every request property with its type, constraints and required-ness, every response field and
every enum, one table row per line so a spec change shows up as a small, reviewable diff.
`nox -s update_spec` rewrites it; `nox -s surface` rewrites it from openapi.json alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .spec_diff import METHODS, Schema, constraints, resolve, type_label, variant_keys, variants

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "openapi.json"
SURFACE = ROOT / "API_SURFACE.md"
MAX_DEPTH = 32

HEADER = """\
# API surface

Generated from `openapi.json` by `nox -s surface` (and rewritten by `nox -s update_spec`); do not
edit by hand. Every request property, response field and enum of the spec, one per line, so that a
spec update shows up here as a reviewable diff. Paths: `a.b` is a property of an object, `a[]` the
items of an array, `a(role=user)` one variant of a `oneOf`/`anyOf`.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rows(root: Schema, raw: Any, path: str, required: str, depth: int = 0) -> Iterator[str]:
    schema = resolve(raw, root)
    found = variants(schema, root)
    if path:
        label = type_label(schema)
        if found:
            kind = f"{found[0]} of {len(found[1])}"  # "anyOf of 2", "anyOf of 2 | null"
            label = kind + label[len(found[0]) :] if label.startswith(found[0]) else f"{label} ({kind})"
        extra = "; ".join(constraints(schema))
        yield f"| `{_cell(path)}` | {_cell(label)} | {required} | {_cell(extra)} |"
    if depth > MAX_DEPTH:
        return
    needed = set(schema.get("required") or ())
    for name, sub in (schema.get("properties") or {}).items():
        child = f"{path}.{name}" if path else name
        yield from _rows(root, sub, child, "yes" if name in needed else "no", depth + 1)
    if isinstance(schema.get("items"), dict):
        yield from _rows(root, schema["items"], f"{path}[]", "", depth + 1)
    if found:
        for key, option in zip(variant_keys(schema, found[1]), found[1], strict=True):
            yield from _rows(root, option, f"{path}({key})", "", depth + 1)


def _table(root: Schema, schema: Any, what: str) -> list[str]:
    top = resolve(schema, root)
    summary = "; ".join([type_label(top), *constraints(top)])
    lines = [] if summary == "object" else [f"Body: {_cell(summary)}", ""]
    rows = list(_rows(root, schema, "", ""))
    if rows:
        lines += [f"| {what} | Type | Required | Constraints |", "| --- | --- | --- | --- |", *rows]
    return lines


def _body(root: Schema, schema: Any, what: str, refs: dict[str, Any]) -> list[str]:
    """A body's table, or for a shared component a pointer to its one table under Components."""
    ref = schema.get("$ref") if isinstance(schema, dict) else None
    if isinstance(ref, str) and ref.startswith("#/components/schemas/"):
        name = ref.rsplit("/", 1)[1]
        refs[name] = schema
        return [f"Body: `{name}` (see Components)"]
    return _table(root, schema, what)


def render_surface(spec: Schema) -> str:
    """The surface file's text for `spec` (a pure function)."""
    lines = [HEADER.rstrip("\n"), ""]
    info = spec.get("info") or {}
    lines += [f"OpenAPI {spec.get('openapi')}, {info.get('title')} {info.get('version')}.", ""]
    refs: dict[str, Any] = {}
    for path, item in (spec.get("paths") or {}).items():
        for method in METHODS:
            op = item.get(method) if isinstance(item, dict) else None
            if not isinstance(op, dict):
                continue
            summary = f": {op['summary']}" if op.get("summary") else ""
            lines += [f"## {method.upper()} {path}{summary}", ""]
            for raw in op.get("parameters") or ():
                param = resolve(raw, spec)
                needed = "required" if param.get("required") else "optional"
                kind = type_label(resolve(param.get("schema"), spec))
                lines += [f"- parameter `{param.get('name')}` in {param.get('in')}, {needed}: {kind}"]
            body = resolve(op.get("requestBody"), spec)
            for media, content in (body.get("content") or {}).items():
                needed = "required" if body.get("required") else "optional"
                lines += [f"### Request body ({media}, {needed})", ""]
                lines += [*_body(spec, resolve(content, spec).get("schema"), "Property", refs), ""]
            for status, raw_response in (op.get("responses") or {}).items():
                response = resolve(raw_response, spec)
                content = response.get("content") or {}
                if not content:
                    lines += [f"### Response {status} (no body)", ""]
                for media, media_object in content.items():
                    lines += [f"### Response {status} ({media})", ""]
                    lines += [*_body(spec, resolve(media_object, spec).get("schema"), "Field", refs), ""]
    if refs:
        lines += ["## Components", ""]
        for name in sorted(refs):
            lines += [f"### {name}", "", *_table(spec, refs[name], "Field"), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--spec", type=Path, default=SPEC)
    parser.add_argument("--output", type=Path, default=SURFACE)
    parser.add_argument("--check", action="store_true", help="fail if the surface file is stale")
    args = parser.parse_args(argv)
    text = render_surface(json.loads(args.spec.read_text(encoding="utf-8")))
    if args.check:
        if not args.output.exists() or args.output.read_text(encoding="utf-8") != text:
            print(
                f"{args.output.name} does not match {args.spec.name}: run `nox -s surface`", file=sys.stderr
            )
            return 1
        print(f"{args.output.name} matches {args.spec.name}")
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
