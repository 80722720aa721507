"""Maintainer tool for the spec: apply the declared fixes, check them, lint-free output.

Usage: python -m tools.spectool apply [--check]
"""

from __future__ import annotations

import argparse
import copy
import filecmp
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonpath_ng.ext import parse as jsonpath  # type: ignore[attr-defined]
from oas_patch.overlay import apply_overlay, deep_update

from .spec_names import apply_names, load_names
from .spec_params import (
    PARAMS,
    REQUEST_CHECK,
    REQUEST_SCHEMA,
    render_params,
    render_request_check,
    render_request_schema,
)

ROOT = Path(__file__).resolve().parent.parent
UPSTREAM = ROOT / "spec" / "upstream.json"
FIXES = ROOT / "spec" / "fixes.overlay.yaml"
SPEC = ROOT / "openapi.json"


def dump(doc: Any) -> str:
    """The one serialisation every spec file in the repo uses, so diffs stay readable."""
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def load_fixes(path: Path = FIXES) -> dict[str, Any]:
    fixes: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return fixes


@dataclass
class FixReport:
    """The fixed document, the fixes whose target matched nothing, and the fixes that changed nothing."""

    doc: dict[str, Any]
    stale: list[str] = field(default_factory=list)
    unnecessary: list[str] = field(default_factory=list)


def apply_fixes_report(upstream: dict[str, Any], fixes: dict[str, Any]) -> FixReport:
    """Apply the overlay action by action, noting each action that misses or changes nothing.

    A fix that changes nothing is one the upstream made unnecessary (it already says what the fix
    declares), so it can be dropped from spec/fixes.overlay.yaml.
    """
    report = FixReport(copy.deepcopy(upstream))
    for number, action in enumerate(fixes.get("actions", []), start=1):
        if not jsonpath(action["target"]).find(report.doc):
            report.stale.append(f"fix {number}: target {action['target']} matches nothing")
            continue
        before = copy.deepcopy(report.doc)
        report.doc = _apply_action(report.doc, action)
        if report.doc == before:
            report.unnecessary.append(
                f"fix {number}: {action['target']} changes nothing (the upstream already has it)"
            )
    return report


def _apply_action(doc: dict[str, Any], action: dict[str, Any]) -> dict[str, Any]:
    matches = jsonpath(action["target"]).find(doc)
    if "update" in action and all(isinstance(m.value, dict) for m in matches):
        # Merge into each matched object in place (Overlay 1.0 update semantics, oas-patch's own
        # merge): oas-patch 0.6 cannot update an object that is an array element, such as one
        # branch of an anyOf (TypeError: list indices must be integers or slices, not NoneType).
        for match in matches:
            deep_update(match.value, copy.deepcopy(action["update"]))
        return doc
    result: dict[str, Any] = apply_overlay(doc, {"actions": [action]})
    return result


def apply_fixes(upstream: dict[str, Any], fixes: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Apply the overlay action by action; return the result and the actions whose target matched nothing."""
    report = apply_fixes_report(upstream, fixes)
    return report.doc, report.stale


def _drop_nullable_on_null_enums(node: Any) -> None:
    # openapi-python-client 0.29 turns `nullable: true` plus `null` in `enum` (what OpenAPI 3.0.3
    # requires) into three copies of the enum class; the null in the enum alone is what it needs.
    if isinstance(node, dict):
        if None in (node.get("enum") or ()):
            node.pop("nullable", None)
        for value in node.values():
            _drop_nullable_on_null_enums(value)
    elif isinstance(node, list):
        for value in node:
            _drop_nullable_on_null_enums(value)


def _nullable_at_use(node: Any, nullable: dict[str, dict[str, Any]]) -> Any:
    """`$ref` to a nullable schema -> `allOf: [$ref]` + `nullable` (+ its description)."""
    if isinstance(node, list):
        return [_nullable_at_use(item, nullable) for item in node]
    if not isinstance(node, dict):
        return node
    target = nullable.get(node.get("$ref", ""))
    if target is not None:
        site: dict[str, Any] = {"allOf": [dict(node)], "nullable": True}
        if "description" in target:
            site["description"] = target["description"]
        return site
    return {key: _nullable_at_use(value, nullable) for key, value in node.items()}


def generator_input(spec: dict[str, Any]) -> dict[str, Any]:
    """openapi.json as openapi-python-client reads it best. It names a class `XType0` when the
    schema X itself is nullable, so the null moves to each place of use (`allOf` + `nullable`)."""
    doc = copy.deepcopy(spec)
    _drop_nullable_on_null_enums(doc)
    schemas = doc.get("components", {}).get("schemas", {})
    nullable = {
        f"#/components/schemas/{name}": schema
        for name, schema in schemas.items()
        if schema.get("nullable") is True and "enum" not in schema
    }
    for schema in (schemas[ref.rsplit("/", 1)[1]] for ref in nullable):
        del schema["nullable"]
    doc["paths"] = _nullable_at_use(doc["paths"], nullable)
    doc["components"]["schemas"] = _nullable_at_use(schemas, nullable)
    return doc


def build_report(upstream: dict[str, Any], root: Path = ROOT) -> FixReport:
    """upstream -> declared fixes -> declared names: the one recipe for openapi.json."""
    report = apply_fixes_report(upstream, load_fixes(root / "spec" / "fixes.overlay.yaml"))
    named = apply_names(report.doc, load_names(root / "spec" / "names.yaml"))
    report.doc = named.doc
    report.stale.extend(named.stale)
    return report


def build() -> tuple[str, list[str]]:
    report = build_report(json.loads(UPSTREAM.read_text(encoding="utf-8")))
    return dump(report.doc), report.stale


PACKAGE = "aiml_api_client"
GENERATED = ROOT / "generated" / PACKAGE


def regenerate(out: Path, spec: dict[str, Any] | None = None, root: Path = ROOT) -> None:
    """Generate the client for `spec` (default: root's openapi.json) into `out`: the one recipe
    that `nox -s generate`, `nox -s check`, the update flow and the freshness test all use."""
    if spec is None:
        spec = json.loads((root / "openapi.json").read_text(encoding="utf-8"))
    bindir = Path(sys.executable).parent
    search = f"{bindir}{os.pathsep}{os.environ.get('PATH', '')}"
    generator = shutil.which("openapi-python-client", path=search)
    if generator is None:
        raise RuntimeError("openapi-python-client is not installed (run through nox)")
    with tempfile.TemporaryDirectory() as tmp:
        gen_input = Path(tmp) / "generator-input.json"
        gen_input.write_text(dump(generator_input(spec)), encoding="utf-8")
        command = [
            generator,
            "generate",
            "--path",
            str(gen_input),
            "--meta",
            "none",
            "--config",
            str(root / "generator-config.yaml"),
            "--custom-template-path",
            str(root / "templates"),
            "--output-path",
            str(out),
            "--overwrite",
        ]
        env = {**os.environ, "PATH": search}
        result = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (out / "__init__.py").exists():
        raise RuntimeError("openapi-python-client failed:\n" + (result.stdout + result.stderr).strip())
    for cache in (*out.rglob(".ruff_cache"), *out.rglob("__pycache__")):  # the post-hooks' leftovers
        shutil.rmtree(cache, ignore_errors=True)
    # PEP 561: without it, mypy in user code sees every model as Any (`--meta none` writes none).
    (out / "py.typed").write_text("", encoding="utf-8")


REMOVED = Path("spec") / "removed.yaml"


def load_removed(root: Path = ROOT) -> dict[str, str]:
    """Request properties upstream updates removed: name -> what to tell a caller who sends it."""
    path = root / REMOVED
    if not path.exists():
        return {}
    removed: dict[str, str] = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("removed") or {}
    return removed


def dump_removed(removed: dict[str, str]) -> str:
    header = (
        "# Request properties that upstream spec updates removed, written by `nox -s update_spec`.\n"
        "# create() refuses each with this note (it names the change and how to send it anyway).\n"
    )
    return header + yaml.safe_dump({"removed": dict(sorted(removed.items()))}, sort_keys=False, width=1000)


def write_params(
    spec: dict[str, Any] | None = None,
    out: Path | None = None,
    root: Path = ROOT,
    removed: dict[str, str] | None = None,
) -> Path:
    """Write the overlay's generated request surface (tools/spec_params.py) for `spec`."""
    if spec is None:
        spec = json.loads((root / "openapi.json").read_text(encoding="utf-8"))
    out = out or root / PARAMS
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_params(spec, load_removed(root) if removed is None else removed), encoding="utf-8")
    out.with_name(REQUEST_SCHEMA.name).write_text(render_request_schema(spec), encoding="utf-8")
    out.with_name(REQUEST_CHECK.name).write_text(render_request_check(spec), encoding="utf-8")
    return out


def stale_params(root: Path = ROOT) -> list[str]:
    """The overlay's generated modules (_params.py, _request_schema.py, _request_check.py) that
    are not what openapi.json gives."""
    spec = json.loads((root / "openapi.json").read_text(encoding="utf-8"))
    expected = {
        PARAMS: render_params(spec, load_removed(root)),
        REQUEST_SCHEMA: render_request_schema(spec),
        REQUEST_CHECK: render_request_check(spec),
    }
    return [
        str(name)
        for name, text in expected.items()
        if not (root / name).exists() or (root / name).read_text(encoding="utf-8") != text
    ]


def stale_files(expected: Path, actual: Path = GENERATED) -> list[str]:
    """The .py files that differ between a fresh generation and generated/, named for humans."""
    names = {p.relative_to(expected) for p in (*expected.rglob("*.py"), *expected.rglob("py.typed"))}
    names |= {p.relative_to(actual) for p in (*actual.rglob("*.py"), *actual.rglob("py.typed"))}
    return sorted(
        f"generated/{PACKAGE}/{name}"
        for name in names
        if not (expected / name).exists()
        or not (actual / name).exists()
        or not filecmp.cmp(expected / name, actual / name, shallow=False)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["apply", "generate", "check-generated"])
    parser.add_argument("--check", action="store_true", help="fail if openapi.json is not the fixed upstream")
    args = parser.parse_args(argv)
    if args.command == "generate":
        regenerate(GENERATED)
        write_params()
        print(f"regenerated generated/{PACKAGE}, {PARAMS}, {REQUEST_SCHEMA} and {REQUEST_CHECK}")
        return 0
    if args.command == "check-generated":
        with tempfile.TemporaryDirectory() as tmp:
            regenerate(Path(tmp) / PACKAGE)
            stale = stale_files(Path(tmp) / PACKAGE) + stale_params()
        if stale:
            print("generated code is stale, run `nox -s generate`: " + ", ".join(stale), file=sys.stderr)
            return 1
        print("generated/ and the overlay's generated modules match openapi.json and generator-config.yaml")
        return 0
    report = build_report(json.loads(UPSTREAM.read_text(encoding="utf-8")))
    text, stale = dump(report.doc), report.stale
    for line in stale:
        print(f"stale {line}", file=sys.stderr)
    for line in report.unnecessary:
        print(f"unnecessary {line}: drop it from {FIXES.name}", file=sys.stderr)
    if stale:
        return 1
    if args.check:
        if SPEC.read_text(encoding="utf-8") != text:
            print("openapi.json is stale: run `nox -s fix_spec`", file=sys.stderr)
            return 1
        print("openapi.json matches spec/upstream.json + spec/fixes.overlay.yaml")
        return 0
    SPEC.write_text(text, encoding="utf-8")
    print(f"wrote {SPEC.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
