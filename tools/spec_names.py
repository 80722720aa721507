"""Give every object a user touches a named schema in openapi.json, as declared in spec/names.yaml.

The upstream spec is one inline tree; generators in every language name inline objects after
their position (`MessagesInnerOneOf2`, `Type10`). After the fixes, `apply_names` moves each
declared schema to `components/schemas/<Name>` and leaves a `$ref` in its place, and tags each
declared union with a `discriminator`. Everything is selected by what it is (a role, a `type`
value, a property name), so an upstream that inserts a variant renames nothing.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonpath_ng.ext import parse as jsonpath  # type: ignore[attr-defined]

NAMES = Path(__file__).resolve().parent.parent / "spec" / "names.yaml"
SCHEMAS = "#/components/schemas/"


class NamesError(Exception):
    """A declared name cannot be applied (its target matches nothing, or more than one schema)."""


@dataclass
class NamesReport:
    doc: dict[str, Any]
    stale: list[str] = field(default_factory=list)


def load_names(path: Path = NAMES) -> dict[str, Any]:
    declared: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return declared


def pascal(value: str) -> str:
    """`image_url` -> `ImageUrl`, `json_schema` -> `JsonSchema`: a discriminator value as a name part."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", value) if part)


def _hoist(doc: dict[str, Any], match: Any, name: str) -> None:
    """Move the matched schema to components/schemas/<name> and leave a $ref in its place."""
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    node = match.value
    if "$ref" in node:
        return  # already named (a union rule met a branch an earlier entry named)
    if name in schemas:
        raise NamesError(f"{name}: the name is already taken by another schema")
    schema = copy.deepcopy(node)
    # A nullable schema keeps its `nullable` (OpenAPI 3.0 ignores siblings of $ref, and the
    # `allOf: [$ref]` + `nullable` form fails Redocly's nullable-type-sibling rule); generators
    # that want the null at the place of use get it from spectool.generator_input.
    site: dict[str, Any] = {"$ref": SCHEMAS + name}
    schemas[name] = schema
    match.full_path.update(doc, site)


def _union(doc: dict[str, Any], node: dict[str, Any], entry: dict[str, Any]) -> list[str]:
    """Name each branch of the oneOf/anyOf at `node` after its discriminator value; tag the union."""
    prop, pattern, fixed = entry["property"], entry["name"], entry.get("names", {})
    key = "oneOf" if "oneOf" in node else "anyOf" if "anyOf" in node else None
    branches = node.get(key or "")
    if not isinstance(branches, list):
        # A single object in place of a union (one variant): name it the same way.
        branches, key = [node], None
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    mapping: dict[str, str] = {}
    for index, branch in enumerate(branches):
        target = schemas[branch["$ref"].removeprefix(SCHEMAS)] if "$ref" in branch else branch
        values = ((target.get("properties") or {}).get(prop) or {}).get("enum") or []
        if len(values) != 1:
            raise NamesError(f"{entry['union']}: a branch has no single `{prop}` value to name it by")
        value = values[0]
        name = fixed.get(value) or pattern.format(Value=pascal(value))
        if "$ref" not in branch:
            schemas[name] = copy.deepcopy(branch)
            if key is None:
                node.clear()
                node["$ref"] = SCHEMAS + name
                return [name]
            branches[index] = {"$ref": SCHEMAS + name}
        else:
            name = branch["$ref"].removeprefix(SCHEMAS)
        required = schemas[name].setdefault("required", [])
        if prop not in required:  # a discriminator property must be required in every variant
            required.insert(0, prop)
        mapping[value] = SCHEMAS + name
    if key == "anyOf":  # variants told apart by a single value exclude each other
        node["oneOf"] = node.pop("anyOf")
    node["discriminator"] = {"propertyName": prop, "mapping": mapping}
    return list(mapping)


def _open_enum(node: dict[str, Any]) -> None:
    """`type: string` + `enum` -> `anyOf: [the known values, any string or null]`, in place."""
    known = {key: node.pop(key) for key in ("type", "enum") if key in node}
    known["enum"] = [value for value in known.get("enum", []) if value is not None]
    node.pop("nullable", None)
    node["anyOf"] = [known, {"type": "string", "nullable": True}]


def apply_names(spec: dict[str, Any], declared: dict[str, Any]) -> NamesReport:
    report = NamesReport(copy.deepcopy(spec))
    for number, entry in enumerate(declared.get("open_enums", []), start=1):
        matches = jsonpath(entry["at"]).find(report.doc)
        if not matches:
            report.stale.append(f"open enum {number}: target {entry['at']} matches nothing")
        for match in matches:
            if "enum" in match.value:
                _open_enum(match.value)
    for number, entry in enumerate(declared.get("names", []), start=1):
        where = entry.get("at") or entry.get("union")
        matches = jsonpath(where).find(report.doc)
        label = entry.get("schema") or f"union {entry.get('name')}"
        if not matches:
            report.stale.append(f"name {number} ({label}): target {where} matches nothing")
            continue
        if len(matches) > 1:
            raise NamesError(f"name {number} ({label}): target {where} matches {len(matches)} schemas")
        if "union" in entry:
            _union(report.doc, matches[0].value, entry)
        else:
            _hoist(report.doc, matches[0], entry["schema"])
    return report
