"""Take a new upstream spec in one command: `nox -s update_spec -- SOURCE`.

Usage: python -m tools.spec_update SOURCE [--allow-breaking] [--dry-run] [--json]

SOURCE is a file path or an http(s) URL to either the raw spec as the upstream docs repository
publishes it, or a Markdown docs page embedding the spec JSON in a ```json block under an
"API Schema" heading (like the seed page). The update:

1. extracts the spec and normalises it (`normalise()`: the steps that turn the raw upstream form
   into the form the docs page shows);
2. re-applies the declared fixes (spec/fixes.overlay.yaml), reporting each fix whose target no
   longer exists and each fix the new upstream made unnecessary (applying it changes nothing);
3. validates the result (openapi-spec-validator);
4. prints the change report against the current openapi.json (tools/spec_diff.py) and stops,
   changing nothing, if a change is breaking and --allow-breaking is not given;
5. regenerates generated/ and the overlay's generated modules (exactly as `nox -s generate`) and
   the API surface file;
6. only then swaps spec/upstream.json, openapi.json, generated/, the overlay's generated modules
   (_params.py, _request_schema.py, _request_check.py) and API_SURFACE.md into place.

Every step works on a staging directory, so a failure anywhere leaves the repository as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, TextIO

from . import spectool
from .spec_diff import METHODS, diff_specs, render_json, render_text
from .spec_source import DOCUMENTED_PATHS, SourceError, load_source, normalise
from .spec_surface import render_surface

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "aiml_api_client"
# What the update replaces, relative to the repository root.
OUTPUTS = (
    "spec/upstream.json",
    "openapi.json",
    "API_SURFACE.md",
    f"generated/{PACKAGE}",
    str(spectool.PARAMS),
    str(spectool.REQUEST_SCHEMA),
    str(spectool.REQUEST_CHECK),
    str(spectool.REMOVED),
)


class UpdateError(Exception):
    """A step of the update failed; nothing was changed."""


# --- the update ------------------------------------------------------------------------------------


def _validation_reason(doc: dict[str, Any], error: Exception) -> str:
    """Where and why: openapi-spec-validator names only the operation part that fails, so the
    deepest error of the OpenAPI 3.0 JSON Schema points at the offending keyword instead."""
    try:
        from jsonschema import Draft4Validator
        from openapi_spec_validator.schemas import schema_v30

        def deepest(err: Any) -> Any:
            best = err
            for sub in err.context or ():
                sub = deepest(sub)
                if len(sub.absolute_path) > len(best.absolute_path):
                    best = sub
            return best

        for found in Draft4Validator(dict(schema_v30)).iter_errors(doc):
            err = deepest(found)
            return f"{err.json_path}: {err.message[:300]}"
    except Exception:
        pass
    where = getattr(error, "json_path", "")
    text = str(getattr(error, "message", error)).strip()
    return f"{where}: {text[:300]}" if where else text[:300] or type(error).__name__


def _regenerate(root: Path, spec: dict[str, Any], stage: Path) -> Path:
    """Generate the client for `spec` into stage/generated, exactly as `nox -s generate` does."""

    out = stage / "generated" / PACKAGE
    try:
        spectool.regenerate(out, spec, root)
    except RuntimeError as error:
        raise UpdateError(f"regenerating generated/ failed: {error}") from None
    return out


def _check_operation(doc: dict[str, Any]) -> None:
    """The one operation the client speaks must still be there, as a POST."""
    for path in DOCUMENTED_PATHS:
        item = doc["paths"][path]
        if not isinstance(item, dict) or "post" not in item:
            methods = sorted(k.upper() for k in item if k in METHODS) if isinstance(item, dict) else []
            moved = f" (it has {', '.join(methods)})" if methods else ""
            raise SourceError(f"{path} has no POST operation{moved}: the client sends POST {path}")


def _lint(doc: dict[str, Any], redocly: str | None, say: Any) -> list[str]:
    """Redocly's errors (recommended rules) for `doc`, each as `rule at pointer: message`."""
    if not redocly:
        say("lint: skipped (no Redocly CLI given; `nox -s update_spec` runs it)")
        return []
    with tempfile.TemporaryDirectory(prefix="spec-lint-") as tmp:
        path = Path(tmp) / "openapi.json"
        path.write_text(spectool.dump(doc), encoding="utf-8")
        result = subprocess.run(
            [redocly, "lint", "--format", "json", str(path)], capture_output=True, text=True, check=False
        )
    try:
        found = json.loads(result.stdout[result.stdout.index("{") :])
    except ValueError as error:
        raise UpdateError(f"Redocly lint gave no report ({result.stderr.strip()[:300]})") from error
    problems = [
        f"{p.get('ruleId')} at {(p.get('location') or [{}])[0].get('pointer', '?')}: {p.get('message')}"
        for p in found.get("problems", [])
        if p.get("severity") == "error"
    ]
    say(f"lint: Redocly recommended rules, {len(problems)} error(s)")
    return problems


def _removed_properties(root: Path, changes: list[Any], label: str) -> dict[str, str]:
    """spec/removed.yaml after this update: the earlier entries and each request property it removes."""
    removed = spectool.load_removed(root)
    for change in changes:
        top_level = not any(mark in change.path for mark in ".[(")
        if change.side == "request" and change.kind == "property-removed" and top_level:
            name = change.path.strip("`")
            removed[name] = (
                f"`{name}` was removed from the API spec by the update to {label}; to send it anyway "
                f"to a server that still takes it, pass extra_body={{{name!r}: ...}}"
            )
    return removed


def _swap_in(root: Path, staged: dict[str, Path]) -> None:
    """Move the staged outputs into the repository; on any error put the old ones back."""
    with tempfile.TemporaryDirectory(dir=root, prefix=".spec-update-") as tmp:
        incoming, outgoing = Path(tmp) / "new", Path(tmp) / "old"
        for name, source in staged.items():  # first copy onto the repository's filesystem
            target = incoming / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if source.is_dir():
                shutil.copytree(source, target)
            else:
                shutil.copy2(source, target)
        done: list[tuple[str, bool]] = []
        try:
            for name in staged:
                had_old = (root / name).exists()
                if had_old:
                    (outgoing / name).parent.mkdir(parents=True, exist_ok=True)
                    os.replace(root / name, outgoing / name)
                done.append((name, had_old))
                (root / name).parent.mkdir(parents=True, exist_ok=True)
                os.replace(incoming / name, root / name)
        except BaseException:
            for name, had_old in reversed(done):
                if (root / name).is_dir():
                    shutil.rmtree(root / name)
                elif (root / name).exists():
                    (root / name).unlink()
                if had_old:
                    os.replace(outgoing / name, root / name)
            raise


def update(
    source: str,
    root: Path = ROOT,
    *,
    allow_breaking: bool = False,
    dry_run: bool = False,
    as_json: bool = False,
    redocly: str | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Run the update against the repository at `root`; return the exit status (0: updated).

    With `as_json`, stdout carries exactly one JSON document (the change report) and every other
    line goes to stderr. `redocly` is the Redocly CLI to lint the result with (`nox -s
    update_spec` passes it); without one the lint is skipped, and the update says so."""
    out = out or sys.stdout
    err = err or sys.stderr

    def say(line: str = "") -> None:
        print(line, file=err if as_json else out)

    def report(text: str) -> None:
        print(text, file=out)

    try:
        return _update(source, root, allow_breaking, dry_run, as_json, say, report, redocly)
    except (SourceError, UpdateError) as error:
        print(f"error: {error}", file=err)
        print("nothing was changed.", file=err)
        return 1


def _update(
    source: str,
    root: Path,
    allow_breaking: bool,
    dry_run: bool,
    as_json: bool,
    say: Any,
    report_out: Any,
    redocly: str | None,
) -> int:
    from openapi_spec_validator import validate

    upstream = normalise(load_source(source))
    _check_operation(upstream)
    report = spectool.build_report(upstream, root)
    for line in report.stale:
        say(f"stale fix: {line}; the upstream changed there: edit or drop it in spec/fixes.overlay.yaml")
    for line in report.unnecessary:
        say(f"unnecessary fix: {line}; drop it from spec/fixes.overlay.yaml")
    try:
        validate(report.doc)
    except Exception as error:  # the validator raises several exception types
        reason = _validation_reason(report.doc, error)
        raise UpdateError(
            f"the new spec with the declared fixes is not valid OpenAPI 3.0: {reason}"
        ) from error

    current = json.loads((root / "openapi.json").read_text(encoding="utf-8"))
    changes = diff_specs(current, report.doc)
    report_out(render_json(changes).rstrip("\n") if as_json else render_text(changes).rstrip("\n"))
    problems = _lint(report.doc, redocly, say)
    if problems:
        listed = "; ".join(problems[:10])
        raise UpdateError(
            f"the new openapi.json has {len(problems)} Redocly error(s) under the recommended rules: "
            f"{listed}; declare a fix for each in spec/fixes.overlay.yaml (see the nullable-type-sibling "
            "fixes there) and rerun"
        )
    breaking = [change for change in changes if change.breaking]
    if breaking and not allow_breaking:
        raise UpdateError(
            f"{len(breaking)} breaking change(s); rerun with --allow-breaking to take the update"
        )
    if dry_run:
        say("dry run: nothing was changed.")
        return 0

    with tempfile.TemporaryDirectory(prefix="spec-update-") as tmp:
        stage = Path(tmp)
        staged = {
            "spec/upstream.json": stage / "upstream.json",
            "openapi.json": stage / "openapi.json",
            "API_SURFACE.md": stage / "API_SURFACE.md",
        }
        staged["spec/upstream.json"].write_text(spectool.dump(upstream), encoding="utf-8")
        staged["openapi.json"].write_text(spectool.dump(report.doc), encoding="utf-8")
        staged["API_SURFACE.md"].write_text(render_surface(report.doc), encoding="utf-8")
        staged[f"generated/{PACKAGE}"] = _regenerate(root, report.doc, stage)
        removed = _removed_properties(root, changes, Path(source).stem)
        if removed != spectool.load_removed(root):
            staged[str(spectool.REMOVED)] = stage / "removed.yaml"
            staged[str(spectool.REMOVED)].write_text(spectool.dump_removed(removed), encoding="utf-8")
        staged[str(spectool.PARAMS)] = spectool.write_params(report.doc, stage / "_params.py", root, removed)
        for beside in (spectool.REQUEST_SCHEMA, spectool.REQUEST_CHECK):  # written beside _params.py
            staged[str(beside)] = stage / beside.name
        _swap_in(root, staged)
    say("updated: " + ", ".join(OUTPUTS))
    if report.stale or report.unnecessary:
        say("next: follow the fix messages above, then `nox -s fix_spec generate surface`.")
    say("next: `nox -s tests`; create()'s keywords and the message types followed the spec by themselves.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("source", help="path or URL of the raw upstream spec or of a Markdown docs page")
    parser.add_argument(
        "--allow-breaking", action="store_true", help="take the update despite breaking changes"
    )
    parser.add_argument("--dry-run", action="store_true", help="print the reports, change nothing")
    parser.add_argument("--json", action="store_true", help="print the change report as JSON")
    parser.add_argument(
        "--root", type=Path, default=ROOT, help="the repository to update (default: this one)"
    )
    parser.add_argument("--redocly", help="the Redocly CLI to lint the new openapi.json with")
    args = parser.parse_args(argv)
    return update(
        args.source,
        args.root,
        allow_breaking=args.allow_breaking,
        dry_run=args.dry_run,
        as_json=args.json,
        redocly=args.redocly,
    )


if __name__ == "__main__":
    sys.exit(main())
