"""The change report between two versions of the spec: what a client of each operation must follow.

Usage: python -m tools.spec_diff OLD NEW [--json] [--allow-breaking] [--no-normalise]

OLD and NEW are OpenAPI documents in any form `nox -s update_spec` accepts (raw JSON or a
Markdown docs page), normalised the same way first unless --no-normalise. Per operation it
reports, on the request side, removed properties, added required properties, narrowed enums or
ranges and changed types (breaking), and added optional properties or widened enums and ranges
(not breaking); on the response side, removed fields (breaking for readers), added fields and
added enum values (readers may meet unknown values); and the variants of each union added or
removed, each named by its discriminator value (`role=user`, `type=text`). The exit status is 1
when a change is breaking, unless --allow-breaking.

Everything but `main()` is a pure function of the two documents.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from .spec_source import SourceError, load_source, normalise

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Lower and upper bounds: narrowing means a larger lower bound or a smaller upper bound.
LOWER_BOUNDS = ("minimum", "minLength", "minItems", "minProperties")
UPPER_BOUNDS = ("maximum", "maxLength", "maxItems", "maxProperties")
MAX_DEPTH = 64

Schema = Mapping[str, Any]


@dataclass(frozen=True)
class Change:
    """One API change. `side` is request, response or operation; `path` is a property path."""

    operation: str
    side: str
    location: str
    kind: str
    path: str
    detail: str
    breaking: bool


# --- schema helpers (shared with spec_surface.py) ------------------------------------------------


def resolve(schema: Any, root: Schema, seen: frozenset[str] = frozenset()) -> Schema:
    """Follow local `$ref`s (`#/components/...`); a cycle or a remote ref gives an empty schema."""
    while isinstance(schema, Mapping) and "$ref" in schema:
        ref = schema["$ref"]
        if not isinstance(ref, str) or not ref.startswith("#/") or ref in seen:
            return {}
        seen = seen | {ref}
        target: Any = root
        for part in ref[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, Mapping) or part not in target:
                return {}
            target = target[part]
        schema = target
    return schema if isinstance(schema, Mapping) else {}


def types_of(schema: Schema) -> frozenset[str]:
    """The JSON types a schema admits, with "null" for `nullable` (3.0) or a 3.1 type list."""
    raw = schema.get("type")
    found = set(raw) if isinstance(raw, list) else {raw} if isinstance(raw, str) else set()
    if not found and "properties" in schema:
        found.add("object")
    if not found and "items" in schema:
        found.add("array")
    if schema.get("nullable") is True:
        found.add("null")
    return frozenset(found)


def type_label(schema: Schema) -> str:
    types = types_of(schema)
    names = sorted(types - {"null"})
    if not names:
        names = [key for key in ("oneOf", "anyOf", "allOf") if key in schema] or ["any"]
    label = " | ".join(names)
    return f"{label} | null" if "null" in types else label


def enum_values(schema: Schema) -> list[Any] | None:
    if "enum" in schema:
        return list(schema["enum"])
    if "const" in schema:
        return [schema["const"]]
    return None


def _literal(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def constraints(schema: Schema) -> list[str]:
    """Everything beyond the type a value must satisfy, as short human-readable phrases."""
    out: list[str] = []
    values = enum_values(schema)
    if values is not None:
        out.append("enum: " + ", ".join(_literal(v) for v in values))
    for key in (*LOWER_BOUNDS, "exclusiveMinimum", *UPPER_BOUNDS, "exclusiveMaximum"):
        if key in schema:
            out.append(f"{key}: {_literal(schema[key])}")
    for key in ("format", "pattern", "default"):
        if key in schema:
            out.append(f"{key}: {_literal(schema[key])}")
    extra = schema.get("additionalProperties")
    if extra is False:
        out.append("no additional properties")
    elif extra is True or (isinstance(extra, Mapping) and not extra):
        out.append("additional properties: any")
    elif isinstance(extra, Mapping):
        out.append(f"additional properties: {type_label(extra)}")
    return out


def describe(schema: Schema) -> str:
    return "; ".join([type_label(schema), *constraints(schema)])


def variants(schema: Schema, root: Schema) -> tuple[str, list[Schema]] | None:
    for key in ("oneOf", "anyOf"):
        if isinstance(schema.get(key), list):
            return key, [resolve(item, root) for item in schema[key]]
    return None


def _fixed_value(option: Schema, name: str) -> list[Any] | None:
    """The values a variant allows for property `name`, when it fixes them by an enum or const."""
    properties = option.get("properties") or {}
    return enum_values(properties.get(name) or {}) if isinstance(properties, Mapping) else None


def discriminator(union: Schema, options: list[Schema]) -> str | None:
    """The property that tells the variants of `union` apart: its declared
    `discriminator.propertyName`; for a spec that declares none (a raw upstream document), the
    property most variants fix to a single value."""
    declared = union.get("discriminator")
    if isinstance(declared, Mapping) and isinstance(declared.get("propertyName"), str):
        return str(declared["propertyName"])
    counts: dict[str, int] = {}
    for option in options:
        for name in option.get("properties") or {}:
            values = _fixed_value(option, name)
            if values is not None and len(values) == 1:
                counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda name: counts[name]) if counts else None


def variant_keys(union: Schema, options: list[Schema]) -> list[str]:
    """A stable key per variant: `role=user` / `type=text` by the union's discriminator, else the
    variant's type; duplicates get their position appended."""
    tag = discriminator(union, options)
    keys: list[str] = []
    for position, option in enumerate(options):
        key = type_label(option)
        values = _fixed_value(option, tag) if tag is not None else None
        if values is not None and len(values) == 1:
            key = f"{tag}={values[0]}"
        if key in keys:
            key = f"{key}#{position}"
        keys.append(key)
    return keys


def _range_direction(key: str, old: Any, new: Any) -> str | None:
    if old == new:
        return None
    lower = key in LOWER_BOUNDS
    if old is None:
        return "narrowed"
    if new is None:
        return "widened"
    if not isinstance(old, (int, float)) or not isinstance(new, (int, float)):
        return "narrowed"
    tighter = new > old if lower else new < old
    return "narrowed" if tighter else "widened"


def _accepts(wider: frozenset[str], narrower: frozenset[str]) -> bool:
    """Whether every value of the types in `narrower` is a value of a type in `wider`."""
    if not wider:  # no type: anything
        return True
    return all(t in wider or (t == "integer" and "number" in wider) for t in narrower)


# --- the diff --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Where:
    operation: str
    side: str  # "request" or "response"
    location: str
    old_root: Schema
    new_root: Schema

    def change(self, kind: str, path: str, detail: str, breaking: bool) -> Change:
        return Change(self.operation, self.side, self.location, kind, path or "(body)", detail, breaking)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _diff_schema(where: _Where, path: str, old_raw: Any, new_raw: Any, depth: int = 0) -> Iterator[Change]:
    if depth > MAX_DEPTH:  # a recursive schema: what changed above is what matters
        return
    old, new = resolve(old_raw, where.old_root), resolve(new_raw, where.new_root)
    request = where.side == "request"
    old_types, new_types = types_of(old), types_of(new)

    # type
    old_plain, new_plain = old_types - {"null"}, new_types - {"null"}
    if old_plain and new_plain and old_plain != new_plain:
        breaking = not _accepts(new_plain, old_plain) if request else not _accepts(old_plain, new_plain)
        detail = f"{type_label(old)} -> {type_label(new)}"
        yield where.change("type-changed", path, detail, breaking)
    elif ("null" in old_types) != ("null" in new_types):
        if "null" in new_types:  # nullable added
            kind, breaking = ("null-accepted", False) if request else ("may-be-null", True)
            detail = "now accepts null" if request else "may now be null"
        else:
            kind, breaking = ("null-refused", True) if request else ("never-null", False)
            detail = "no longer accepts null" if request else "is no longer null"
        yield where.change(kind, path, detail, breaking)

    # enum
    old_enum, new_enum = enum_values(old), enum_values(new)
    if old_enum != new_enum and (old_enum is not None or new_enum is not None):
        old_set = {_literal(v) for v in old_enum} if old_enum is not None else None
        new_set = {_literal(v) for v in new_enum} if new_enum is not None else None
        added = sorted(new_set - old_set) if old_set is not None and new_set is not None else []
        removed = sorted(old_set - new_set) if old_set is not None and new_set is not None else []
        if request:
            if old_set is not None and new_set is None:
                yield where.change("enum-widened", path, "no longer restricted to an enum", False)
            elif old_set is None:
                yield where.change(
                    "enum-narrowed", path, f"now restricted to {', '.join(sorted(new_set or ()))}", True
                )
            else:
                if removed:
                    yield where.change("enum-narrowed", path, "values removed: " + ", ".join(removed), True)
                if added:
                    yield where.change("enum-widened", path, "values added: " + ", ".join(added), False)
        else:
            if old_set is not None and new_set is None:
                yield where.change(
                    "enum-value-added", path, "no longer an enum: readers may meet any value", False
                )
            elif old_set is not None:
                if added:
                    detail = "values added: " + ", ".join(added) + " (readers may meet unknown values)"
                    yield where.change("enum-value-added", path, detail, False)
                if removed:
                    yield where.change(
                        "enum-value-removed", path, "values removed: " + ", ".join(removed), False
                    )

    # ranges
    for key in (*LOWER_BOUNDS, *UPPER_BOUNDS):
        direction = _range_direction(key, old.get(key), new.get(key))
        if direction is not None:
            detail = f"{key}: {_literal(old.get(key))} -> {_literal(new.get(key))}"
            yield where.change(f"range-{direction}", path, detail, request and direction == "narrowed")

    # properties
    old_props: Mapping[str, Any] = old.get("properties") or {}
    new_props: Mapping[str, Any] = new.get("properties") or {}
    old_required, new_required = set(old.get("required") or ()), set(new.get("required") or ())
    for name in old_props:
        sub = _join(path, name)
        if name not in new_props:
            if request:
                yield where.change(
                    "property-removed", sub, describe(resolve(old_props[name], where.old_root)), True
                )
            else:
                yield where.change(
                    "field-removed", sub, describe(resolve(old_props[name], where.old_root)), True
                )
            continue
        was, now = name in old_required, name in new_required
        if was != now:
            if request:
                kind, breaking = ("became-required", True) if now else ("became-optional", False)
            else:
                kind, breaking = ("field-became-required", False) if now else ("field-became-optional", True)
            yield where.change(kind, sub, "now required" if now else "now optional (may be absent)", breaking)
        yield from _diff_schema(where, sub, old_props[name], new_props[name], depth + 1)
    for name in new_props:
        if name in old_props:
            continue
        sub, detail = _join(path, name), describe(resolve(new_props[name], where.new_root))
        if not request:
            yield where.change("field-added", sub, detail, False)
        elif name in new_required:
            yield where.change("required-property-added", sub, detail, True)
        else:
            yield where.change("optional-property-added", sub, detail, False)

    # array items
    if "items" in old and "items" in new:
        yield from _diff_schema(where, f"{path}[]", old["items"], new["items"], depth + 1)

    # oneOf / anyOf variants
    old_variants, new_variants = variants(old, where.old_root), variants(new, where.new_root)
    if old_variants and new_variants:
        old_by_key = dict(zip(variant_keys(old, old_variants[1]), old_variants[1], strict=True))
        new_by_key = dict(zip(variant_keys(new, new_variants[1]), new_variants[1], strict=True))
        for key, schema in old_by_key.items():
            if key not in new_by_key:
                yield where.change("variant-removed", path, f"variant `{key}` removed", request)
            else:
                yield from _diff_schema(where, f"{path}({key})", schema, new_by_key[key], depth + 1)
        for key in new_by_key:
            if key not in old_by_key:
                note = "" if request else " (readers may meet it)"
                yield where.change("variant-added", path, f"variant `{key}` added{note}", False)
    elif bool(old_variants) != bool(new_variants):
        detail = f"{type_label(old)} -> {type_label(new)}"
        yield where.change("type-changed", path, detail, True)


def _operations(spec: Schema) -> dict[str, Schema]:
    found: dict[str, Schema] = {}
    for path, item in (spec.get("paths") or {}).items():
        for method in METHODS:
            if isinstance(item, Mapping) and isinstance(item.get(method), Mapping):
                found[f"{method.upper()} {path}"] = item[method]
    return found


def _diff_operation(
    name: str, old_spec: Schema, new_spec: Schema, old: Schema, new: Schema
) -> Iterator[Change]:
    # parameters (query, header, path, cookie)
    def params(spec: Schema, op: Schema) -> dict[str, Schema]:
        result: dict[str, Schema] = {}
        for raw in op.get("parameters") or ():
            param = resolve(raw, spec)
            result[f"{param.get('in')} {param.get('name')}"] = param
        return result

    old_params, new_params = params(old_spec, old), params(new_spec, new)
    for key in old_params:
        if key not in new_params:
            yield Change(name, "request", "parameters", "property-removed", key, "parameter removed", True)
    for key, param in new_params.items():
        if key not in old_params:
            required = bool(param.get("required"))
            kind = "required-property-added" if required else "optional-property-added"
            yield Change(name, "request", "parameters", kind, key, "parameter added", required)

    # request body; the new document's schemas resolve against the new document
    old_body = (resolve(old.get("requestBody"), old_spec).get("content")) or {}
    new_body = (resolve(new.get("requestBody"), new_spec).get("content")) or {}
    for media in old_body:
        location = f"request body ({media})"
        if media not in new_body:
            yield Change(
                name, "request", location, "media-type-removed", "(body)", "media type removed", True
            )
            continue
        yield from _diff_pair("request", name, location, old_spec, new_spec, old_body[media], new_body[media])
    for media in new_body:
        if media not in old_body:
            location = f"request body ({media})"
            yield Change(name, "request", location, "media-type-added", "(body)", "media type added", False)

    old_responses: Mapping[str, Any] = old.get("responses") or {}
    new_responses: Mapping[str, Any] = new.get("responses") or {}
    for status in old_responses:
        success = str(status).startswith("2")
        if status not in new_responses:
            location = f"response {status}"
            yield Change(
                name, "response", location, "response-removed", "(body)", "response removed", success
            )
            continue
        old_content = resolve(old_responses[status], old_spec).get("content") or {}
        new_content = resolve(new_responses[status], new_spec).get("content") or {}
        for media in old_content:
            location = f"response {status} ({media})"
            if media not in new_content:
                yield Change(
                    name, "response", location, "media-type-removed", "(body)", "media type removed", success
                )
                continue
            yield from _diff_pair(
                "response", name, location, old_spec, new_spec, old_content[media], new_content[media]
            )
        for media in new_content:
            if media not in old_content:
                location = f"response {status} ({media})"
                yield Change(
                    name, "response", location, "media-type-added", "(body)", "media type added", False
                )
    for status in new_responses:
        if status not in old_responses:
            location = f"response {status}"
            yield Change(name, "response", location, "response-added", "(body)", "response added", False)


def _diff_pair(
    side: str, name: str, location: str, old_spec: Schema, new_spec: Schema, old_media: Any, new_media: Any
) -> Iterator[Change]:
    old_schema = resolve(old_media, old_spec).get("schema")
    new_schema = resolve(new_media, new_spec).get("schema")
    yield from _diff_schema(_Where(name, side, location, old_spec, new_spec), "", old_schema, new_schema)


def diff_specs(old: Schema, new: Schema) -> list[Change]:
    """Every API change from `old` to `new`, operation by operation, in document order."""
    changes: list[Change] = []
    old_ops, new_ops = _operations(old), _operations(new)
    for name, op in old_ops.items():
        if name not in new_ops:
            changes.append(Change(name, "operation", "operation", "operation-removed", "", "", True))
        else:
            changes.extend(_diff_operation(name, old, new, op, new_ops[name]))
    for name in new_ops:
        if name not in old_ops:
            changes.append(Change(name, "operation", "operation", "operation-added", "", "", False))
    return changes


KIND_TEXT = {
    "property-removed": "property removed",
    "required-property-added": "required property added",
    "optional-property-added": "optional property added",
    "became-required": "property became required",
    "became-optional": "property became optional",
    "enum-narrowed": "enum narrowed",
    "enum-widened": "enum widened",
    "range-narrowed": "range narrowed",
    "range-widened": "range widened",
    "type-changed": "type changed",
    "null-accepted": "nullable",
    "null-refused": "no longer nullable",
    "may-be-null": "may be null",
    "never-null": "never null",
    "field-removed": "field removed",
    "field-added": "field added",
    "field-became-optional": "field became optional",
    "field-became-required": "field became required",
    "enum-value-added": "enum value added",
    "enum-value-removed": "enum value removed",
    "variant-added": "variant added",
    "variant-removed": "variant removed",
}


def render_text(changes: list[Change]) -> str:
    if not changes:
        return "No API change.\n"
    lines: list[str] = []
    operation = location = None
    for change in changes:
        if change.operation != operation:
            operation, location = change.operation, None
            lines.append(change.operation)
        if change.location != location:
            location = change.location
            lines.append(f"  {location}")
        mark = "BREAKING" if change.breaking else "        "
        what = KIND_TEXT.get(change.kind, change.kind.replace("-", " "))
        subject = f" `{change.path}`" if change.path else ""
        detail = f": {change.detail}" if change.detail else ""
        lines.append(f"    {mark}  {what}{subject}{detail}")
    breaking = sum(change.breaking for change in changes)
    lines.append("")
    lines.append(f"{len(changes)} API change(s), {breaking} breaking.")
    return "\n".join(lines) + "\n"


def render_json(changes: list[Change]) -> str:
    report = {
        "changes": [asdict(change) for change in changes],
        "breaking": sum(change.breaking for change in changes),
    }
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("old", help="the older spec (JSON, or a Markdown docs page embedding it)")
    parser.add_argument("new", help="the newer spec")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--allow-breaking", action="store_true", help="exit 0 even on breaking changes")
    parser.add_argument(
        "--no-normalise",
        action="store_true",
        help="compare as given (default: normalise raw upstream forms first)",
    )
    args = parser.parse_args(argv)
    try:
        old, new = load_source(args.old), load_source(args.new)
        if not args.no_normalise:
            old, new = normalise(old), normalise(new)
    except SourceError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    changes = diff_specs(old, new)
    sys.stdout.write(render_json(changes) if args.json else render_text(changes))
    if any(change.breaking for change in changes) and not args.allow_breaking:
        print("breaking changes (pass --allow-breaking to accept them)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
