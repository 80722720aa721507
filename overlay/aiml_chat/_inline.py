"""One inline tree from an OpenAPI document: `$ref`s replaced by their targets.

Standard library only and no package imports, so the generator (tools/spec_params.py, which runs
without the package's dependencies) loads this file by path to write `_request_schema.py` with
exactly the tree the client reads at run time.
"""

from __future__ import annotations

from typing import Any, Final

# Where an inline tree keeps a union's `discriminator.propertyName` (see inline_refs).
DISCRIMINATOR: Final = "x-discriminator"


def inline_refs(node: Any, spec: dict[str, Any]) -> Any:
    """`node` with each `$ref` to `#/components/...` replaced by (a copy of) its target; an
    `allOf` of one schema, the form a nullable named schema takes, merges into its place.

    A union's `discriminator` becomes `x-discriminator: <propertyName>`: its `mapping` names
    components an inline tree no longer has (a validator would try to resolve them), while the
    property name is what readers need (`discriminator()`)."""
    if isinstance(node, list):
        return [inline_refs(item, spec) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return inline_refs(target, spec)
    out = {key: inline_refs(value, spec) for key, value in node.items() if key != "discriminator"}
    declared = node.get("discriminator")
    if isinstance(declared, dict) and isinstance(declared.get("propertyName"), str):
        out[DISCRIMINATOR] = declared["propertyName"]
    all_of = out.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1 and isinstance(all_of[0], dict):
        del out["allOf"]
        merged = {**all_of[0], **out}
        if merged.get("nullable") and "enum" in merged and None not in merged["enum"]:
            merged["enum"] = [*merged["enum"], None]  # OpenAPI 3.0.3: a nullable enum lists null
        return merged
    return out
