"""Write overlay/aiml_chat/_params.py from openapi.json: the request surface as typed Python.

`create()`'s keywords, the message and content-part TypedDicts, their unions, the request
property list and the default model all come from the spec, so a spec update changes them with
no hand edit (`nox -s generate` runs this; `nox -s check` and the suite fail when it is stale).
"""

from __future__ import annotations

import importlib.util
import keyword
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PARAMS = Path("overlay") / "aiml_chat" / "_params.py"
REQUEST_SCHEMA = Path("overlay") / "aiml_chat" / "_request_schema.py"
REQUEST_CHECK = Path("overlay") / "aiml_chat" / "_request_check.py"
SCHEMAS = "#/components/schemas/"
OPERATION = ("paths", "/v1/chat/completions", "post")
# create() names these itself: `messages` with the generated models accepted too, `stream` to pick
# the return type in its overloads.
EXPLICIT = ("messages", "stream")

HEADER = '''\
# Generated from openapi.json by `nox -s generate` (tools/spec_params.py): do not edit by hand.
"""The request surface of POST {path}, from the spec: what `create()` takes and how messages look.

Every TypedDict below is a schema of openapi.json (`UserMessage` -> `UserMessageParam`); the
attribute docstrings are the spec's descriptions, shown by editors on hover.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, Required, TypeAlias, TypedDict

if TYPE_CHECKING:
    from aiml_api_client import models

PATH = {path!r}
DEFAULT_MODEL = {model!r}
# The request properties, in spec order.
REQUEST_PROPERTIES = {properties}
# Properties an upstream update removed (spec/removed.yaml, kept by `nox -s update_spec`):
# create() refuses them naming the change instead of a bare "unexpected keyword".
REMOVED_PROPERTIES: dict[str, str] = {removed}
'''


def _pascal(text: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", text) if part)


def _one_line(text: str | None) -> str:
    if not text:
        return ""
    line = " ".join(text.split())
    first = re.split(r"(?<=[.!?])\s", line, maxsplit=1)[0]
    return first.replace("\\", "\\\\").replace('"""', "'''")


class _Writer:
    def __init__(self, spec: dict[str, Any], removed: dict[str, str]) -> None:
        self.spec = spec
        self.removed = removed
        self.schemas: dict[str, Any] = spec.get("components", {}).get("schemas", {})
        self.classes: dict[str, str] = {}  # name -> source, in dependency order
        self.aliases: dict[str, str] = {}

    def _ref(self, ref: str) -> tuple[str, Any]:
        name = ref.removeprefix(SCHEMAS)
        return name, self.schemas[name]

    def type_of(self, schema: Any, owner: str) -> str:
        """The Python annotation for a value the request may carry at `schema`."""
        if not isinstance(schema, dict) or not schema:
            return "Any"
        nullable = " | None" if schema.get("nullable") else ""
        if "$ref" in schema:
            name, target = self._ref(schema["$ref"])
            return self.named(name, target) + nullable
        for key in ("oneOf", "anyOf"):
            if key in schema:
                branches: list[str] = []
                for branch in schema[key]:
                    label = self.type_of(branch, owner)
                    for part in label.split(" | "):
                        if part not in branches:
                            branches.append(part)
                if nullable and "None" not in branches:
                    branches.append("None")
                branches.sort(key=lambda part: part == "None")  # None last, as the overlay writes it
                return " | ".join(branches)
        if "allOf" in schema and len(schema["allOf"]) == 1:
            return self.type_of(schema["allOf"][0], owner) + nullable
        enum = schema.get("enum")
        if enum is not None:
            values = ", ".join(repr(value) for value in enum if value is not None)
            return f"Literal[{values}]" + nullable
        kind = schema.get("type")
        if kind == "array":
            return f"Sequence[{self.type_of(schema.get('items'), owner)}]" + nullable
        if kind == "object" or "properties" in schema:
            if not schema.get("properties"):
                return "Mapping[str, Any]" + nullable
            return self.typed_dict(owner, schema) + nullable
        simple = {"string": "str", "integer": "int", "number": "float", "boolean": "bool"}
        return simple.get(kind or "", "Any") + nullable

    def named(self, name: str, schema: Any) -> str:
        if "properties" in schema or schema.get("type") == "object":
            if not schema.get("properties"):
                return "Mapping[str, Any]"
            return self.typed_dict(name, schema)
        alias = f"{name}Param"
        if alias not in self.aliases:
            self.aliases[alias] = ""  # placeholder against recursion
            self.aliases[alias] = self.type_of({k: v for k, v in schema.items() if k != "nullable"}, name)
        return alias

    def typed_dict(self, name: str, schema: dict[str, Any]) -> str:
        cls = f"{name}Param"
        if cls in self.classes:
            return cls
        self.classes[cls] = ""  # reserve the name (and its place) before the fields are typed
        required = set(schema.get("required", []))
        lines = [f"class {cls}(TypedDict, total=False):"]
        doc = _one_line(schema.get("description"))
        lines.append(f'    """{doc or name + "."}"""')
        for prop, sub in schema["properties"].items():
            if not prop.isidentifier() or keyword.iskeyword(prop):
                raise ValueError(
                    f"{name}.{prop}: not a Python identifier; the TypedDict needs the functional form"
                )
            annotation = self.type_of(sub, name + _pascal(prop))
            if isinstance(sub, dict) and ("oneOf" in sub or "anyOf" in sub):
                # A union gets a name of its own, so helpers can say "what `content` takes" and
                # follow the spec when it adds a variant.
                alias = f"{name}{_pascal(prop)}Param"
                self.aliases[alias] = annotation
                annotation = alias
            if prop in required:
                annotation = f"Required[{annotation}]"
            lines.append(f"    {prop}: {annotation}")
            prop_doc = self.description(sub)
            if prop_doc:
                lines.append(f'    """{prop_doc}"""')
        self.classes[cls] = "\n".join(lines)
        return cls

    def description(self, schema: Any) -> str:
        if isinstance(schema, dict) and "$ref" in schema and not schema.get("description"):
            schema = self._ref(schema["$ref"])[1]
        if isinstance(schema, dict) and "allOf" in schema and not schema.get("description"):
            return self.description(schema["allOf"][0])
        return _one_line(schema.get("description") if isinstance(schema, dict) else None)

    def render(self) -> str:
        op: Any = self.spec
        for key in OPERATION:
            op = op[key]
        body = op["requestBody"]["content"]["application/json"]["schema"]
        request_name, request = self._ref(body["$ref"]) if "$ref" in body else ("ChatCompletionRequest", body)
        properties: dict[str, Any] = request["properties"]
        messages = properties["messages"]["items"]
        message_union = self.type_of(messages, "Message")
        model = properties.get("model", {})
        model_schema = self._ref(model["$ref"])[1] if "$ref" in model else model
        default_model = (model_schema.get("enum") or [None])[0]
        params = {k: v for k, v in properties.items() if k not in EXPLICIT}
        request_lines = [
            "class RequestParams(TypedDict, total=False):",
            f'    """The properties of {request_name} that create() takes as keywords."""',
        ]
        # parse() derives response_format from the type it is given: the same keywords without it.
        parse_lines = [
            "class ParseRequestParams(TypedDict, total=False):",
            '    """RequestParams without response_format, which parse() derives from its type."""',
        ]
        required = set(request.get("required", []))
        for prop, sub in params.items():
            annotation = self.type_of(sub, request_name + _pascal(prop))
            if prop in required and prop != "model":  # create() fills in the spec's only model
                annotation = f"Required[{annotation}]"
            lines = [f"    {prop}: {annotation}"]
            doc = self.description(sub)
            if doc:
                lines.append(f'    """{doc}"""')
            request_lines.extend(lines)
            if prop != "response_format":
                parse_lines.extend(lines)
        model_classes = [
            self._ref(branch["$ref"])[0] for branch in messages.get("oneOf", []) if "$ref" in branch
        ]
        docs = "\n".join(
            f"    {prop}: {self.description(sub) or '(see openapi.json)'}" for prop, sub in properties.items()
        )
        out = [
            HEADER.format(
                path=OPERATION[1],
                model=default_model,
                properties=repr(tuple(properties)).replace("'", '"'),
                removed=repr({k: v for k, v in sorted(self.removed.items()) if k not in properties}),
            )
        ]
        # Aliases are quoted: evaluated at run time, a union of forward references would fail.
        for alias, annotation in self.aliases.items():
            out.append(f'{alias}: TypeAlias = "{annotation}"')
        out.extend(source for source in self.classes.values())
        out.append(f'MessageParam: TypeAlias = "{message_union}"')
        out.append('"""One message of the conversation: a dict of one of the shapes above."""')
        if model_classes:
            union = " | ".join(f"models.{name}" for name in model_classes)
            out.append(f'MessageModel: TypeAlias = "{union}"')
            out.append('"""The same messages as the generated attrs models."""')
        else:
            out.append('MessageModel: TypeAlias = "Any"')
        out.append("\n".join(request_lines))
        out.append("\n".join(parse_lines))
        out.append(f'REQUEST_DOC = """\\\n{docs}\n"""')
        out.append(
            'MessagesParam: TypeAlias = "Iterable[MessageParam | MessageModel]"\n'
            '"""What `messages=` takes: any iterable of message dicts or generated message models."""'
        )
        return "\n\n\n".join(out) + "\n"


def render_params(spec: dict[str, Any], removed: dict[str, str] | None = None) -> str:
    """_params.py for `spec`, formatted as ruff formats the overlay (so the output is stable)."""
    return _formatted(_Writer(spec, removed or {}).render())


SCHEMA_MODULE = '''\
# Generated from openapi.json by `nox -s generate` (tools/spec_params.py): do not edit by hand.
"""The request body's schema with every `$ref` inlined (`_inline.inline_refs`), as a literal.

Written at generate time so that nothing parses openapi.json at run time: the validator's walk
reads it to name a failing field, the CLI its options; tests/test_drift.py checks it against the spec.
"""

from typing import Any

REQUEST_SCHEMA: dict[str, Any] = {literal}
'''


CHECK_MODULE = '''\
# Generated from openapi.json by `nox -s generate` (tools/spec_params.py): do not edit by hand.
"""The yes/no check of a request body against the spec's request schema (`valid`), as code.

Written by `_checkgen.render` from the tree in `_request_schema.py`: `_validation` runs `valid` on
every request and walks the schema for the error only when it answers no.
"""

{prelude}

{code}'''


def _request_body_schema(spec: dict[str, Any]) -> Any:
    """The tree `_spec.inline_refs` makes of the request body's schema."""
    operation = _overlay_module("_inline").inline_refs(spec["paths"][OPERATION[1]]["post"], spec)
    return operation["requestBody"]["content"]["application/json"]["schema"]


def render_request_schema(spec: dict[str, Any]) -> str:
    """_request_schema.py for `spec`."""
    return _formatted(SCHEMA_MODULE.format(literal=repr(_request_body_schema(spec))))  # ruff lays it out


def render_request_check(spec: dict[str, Any]) -> str:
    """_request_check.py for `spec`: the validator's yes/no check, as straight-line code."""
    checkgen = _overlay_module("_checkgen")
    code = checkgen.render(_request_body_schema(spec))
    return _formatted(CHECK_MODULE.format(prelude=checkgen.PRELUDE, code=code))


def _overlay_module(name: str) -> Any:
    """A dependency-free overlay module loaded by path: importing the package would need httpx2,
    which the generator's environment does not install."""
    path = ROOT / "overlay" / "aiml_chat" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"_aiml_chat_{name}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _formatted(text: str) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "module.py"
        path.write_text(text, encoding="utf-8")
        ruff = Path(sys.executable).with_name("ruff")
        command = [str(ruff) if ruff.exists() else "ruff", "format", "--isolated", "--line-length", "110"]
        subprocess.run([*command, "--quiet", str(path)], check=True)
        return path.read_text(encoding="utf-8")
