"""`aiml-chat chat`'s options for the spec's request properties, derived from openapi.json at run time.

Numbers and integers take a value, booleans are --x/--no-x, enums take one of their values,
objects and arrays take JSON (or @file.json); a string-or-strings property (`stop`) is a
repeatable plain string and a choice of objects told apart by a discriminator (`response_format`,
by `type`) also takes a bare tag. A new property in the spec is a new option with no edit here.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Final

from ._spec import discriminator, request_schema

SPEC_DEST_PREFIX: Final = "spec:"


class UsageError(Exception):
    """A command that cannot run as given (exit status 2)."""


@dataclass(frozen=True)
class SpecOption:
    """One request property of the spec as a `chat` option."""

    name: str  # the property name, e.g. "parallel_tool_calls"
    flag: str  # "--parallel-tool-calls"
    kind: str  # int | float | str | bool | choice | json | choice-or-json | strings | tag-or-json
    help: str
    choices: tuple[str, ...] = ()
    nullable: bool = False
    tag: str = ""  # tag-or-json: the union's discriminator, the property a bare tag fills in

    @property
    def dest(self) -> str:
        return SPEC_DEST_PREFIX + self.name


def _first_sentence(text: str) -> str:
    text = " ".join(text.split())
    for end in (". ", "? ", "! "):
        cut = text.find(end)
        if cut != -1:
            text = text[: cut + 1]
            break
    return text


def _range(schema: dict[str, Any]) -> str:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is not None and high is not None:
        return f"{low} to {high}"
    if low is not None:
        return f">= {low}"
    if high is not None:
        return f"<= {high}"
    return ""


def _string_enum(schema: dict[str, Any]) -> tuple[str, ...] | None:
    enum = schema.get("enum")
    if schema.get("type") == "string" and isinstance(enum, list) and all(isinstance(v, str) for v in enum):
        return tuple(enum)
    return None


def spec_options() -> list[SpecOption]:
    """Every request property of the spec, as the options `chat` offers (spec order)."""
    options = []
    for name, schema in request_schema()["properties"].items():
        flag = "--" + name.replace("_", "-")
        description = _first_sentence(str(schema.get("description", "")))
        nullable = bool(schema.get("nullable"))
        kind, choices = _kind(schema)
        notes = [note for note in (_range(schema), "or null" if nullable else "") if note]
        if kind in ("json", "choice-or-json", "tag-or-json"):
            notes.append(f"JSON {schema.get('type', 'value')}" if kind == "json" else "or a JSON object")
            notes.append("@FILE reads it from a file")
        if kind == "strings":
            notes.append("repeat for several")
        if name == "model":
            description = f"The model (default: {choices[0] if choices else 'the spec default'})."
        elif name == "messages":
            description = "Earlier messages (a JSON array) to send before PROMPT."
        text = description + (f" ({'; '.join(notes)})" if notes else "")
        tag = discriminator(schema) or ""
        options.append(SpecOption(name, flag, kind, text.replace("%", "%%"), choices, nullable, tag))
    return options


def _is_string_list(schema: Any) -> bool:
    items = schema.get("items") if isinstance(schema, dict) else None
    return schema.get("type") == "array" and isinstance(items, dict) and items.get("type") == "string"


def _bare_tags(branches: list[Any], name: str | None) -> tuple[str, ...] | None:
    """The tags of a choice of objects told apart by their discriminator `name` (as openapi.json
    declares it), for the objects that need nothing but their tag (`{"type": "json_object"}`);
    None when the union declares no discriminator."""
    if name is None:
        return None
    tags: list[str] = []
    for branch in branches:
        tag = ((branch.get("properties") or {}).get(name) or {}) if isinstance(branch, dict) else {}
        enum = tag.get("enum") if isinstance(tag, dict) else None
        if not (isinstance(enum, list) and len(enum) == 1 and isinstance(enum[0], str)):
            return None
        if set(branch.get("required") or ()) <= {name}:
            tags.append(enum[0])
    return tuple(tags) or None


def _kind(schema: dict[str, Any]) -> tuple[str, tuple[str, ...]]:
    enum = _string_enum(schema)
    if enum is not None:
        return "choice", enum
    branches = schema.get("anyOf") or schema.get("oneOf")
    if isinstance(branches, list):
        types = sorted("strings" if _is_string_list(b) else str(b.get("type")) for b in branches)
        if types == ["string", "strings"]:
            return "strings", ()  # `stop`: a plain string, repeated for several
        tags = _bare_tags(branches, discriminator(schema))
        if tags is not None:
            return "tag-or-json", tags
        enums = [e for e in (_string_enum(b) for b in branches) if e is not None]
        if enums and len(enums) < len(branches):
            return "choice-or-json", tuple(v for e in enums for v in e)
        if enums:
            return "choice", tuple(v for e in enums for v in e)
        return "json", ()
    kind = {"integer": "int", "number": "float", "string": "str", "boolean": "bool"}.get(
        str(schema.get("type")), "json"
    )
    return kind, ()


def _read_json(text: str) -> Any:
    if text.startswith("@"):
        try:
            with open(text[1:], encoding="utf-8") as f:
                text = f.read()
        except OSError as error:
            raise argparse.ArgumentTypeError(f"cannot read {text[1:]}: {error.strerror or error}") from None
    try:
        return json.loads(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"not valid JSON ({error})") from None


def _converter(option: SpecOption) -> Callable[[str], Any]:
    def convert(text: str) -> Any:
        if option.nullable and text == "null":
            return None
        if option.kind == "int":
            try:
                return int(text)
            except ValueError:
                raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if option.kind == "float":
            try:
                return float(text)
            except ValueError:
                raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if option.kind == "tag-or-json":
            if text in option.choices:
                return {option.tag: text}
            if not text.lstrip().startswith(("{", "@")):
                raise argparse.ArgumentTypeError(
                    f"expected one of {', '.join(option.choices)} or a JSON object, got {text!r}"
                )
            return _read_json(text)
        if option.kind == "choice-or-json":
            if text in option.choices:
                return text
            if not text.lstrip().startswith(("{", "[", "@")):
                raise argparse.ArgumentTypeError(
                    f"expected one of {', '.join(option.choices)} or a JSON object, got {text!r}"
                )
            return _read_json(text)
        if option.kind == "json":
            return _read_json(text)
        return text

    convert.__name__ = option.kind  # argparse names the type in "invalid <type> value" messages
    return convert


# Short spellings of spec options, as other chat CLIs offer them (`-n 2` for two choices).
SHORT_FLAGS: Final = {"n": "-n"}


def add_spec_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("request properties (from the API spec)")
    for option in spec_options():
        common: dict[str, Any] = {"dest": option.dest, "default": argparse.SUPPRESS, "help": option.help}
        flags = [f for f in (SHORT_FLAGS.get(option.name), option.flag) if f]
        if option.kind == "bool":
            group.add_argument(*flags, action=argparse.BooleanOptionalAction, **common)
        elif option.kind == "choice":
            group.add_argument(*flags, choices=option.choices, **common)
        elif option.kind == "strings":
            group.add_argument(*flags, action="append", metavar="TEXT", **common)
        else:
            metavar = {"int": "N", "float": "X", "str": "TEXT", "json": "JSON"}.get(option.kind)
            if option.kind in ("choice-or-json", "tag-or-json"):
                metavar = "{" + ",".join(option.choices) + "}|JSON"
            group.add_argument(*flags, type=_converter(option), metavar=metavar, **common)


def _strings_value(values: list[str], nullable: bool) -> str | list[str] | None:
    """A repeated plain-string option: one value is sent as a string, several as an array."""
    if len(values) == 1:
        return None if nullable and values[0] == "null" else values[0]
    return values


def spec_values(args: argparse.Namespace) -> dict[str, Any]:
    """The request properties given on the command line, by property name."""
    repeated = {o.name: o.nullable for o in spec_options() if o.kind == "strings"}
    values = {
        dest[len(SPEC_DEST_PREFIX) :]: value
        for dest, value in vars(args).items()
        if dest.startswith(SPEC_DEST_PREFIX)
    }
    for name, nullable in repeated.items():
        if name in values:
            values[name] = _strings_value(values[name], nullable)
    return values


# --------------------------------------------------------------------------- the parser
