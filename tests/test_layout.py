"""The package's layout stays readable: small modules, and no module importing its way back to itself."""

from __future__ import annotations

import ast
from pathlib import Path

OVERLAY = Path(__file__).resolve().parent.parent / "overlay"
MAX_LINES = 350
GENERATED_HEADER = "# Generated from openapi.json"
# Hand-written modules still over the limit, each with where it is being split.
PENDING: dict[str, str] = {}  # module -> why it may be over the limit for now


def _modules() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for path in sorted(OVERLAY.rglob("*.py")):
        parts = list(path.relative_to(OVERLAY).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The package's modules `name` imports anywhere (top level, TYPE_CHECKING, inside functions)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            # `from pkg import mod` imports the module; `from pkg import name` the package
            found |= {f"{target}.{a.name}" if f"{target}.{a.name}" in modules else target for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return {module for module in found if module in modules and module != name}


def test_no_module_is_over_the_line_limit_but_generated_ones() -> None:
    too_long = {}
    for path in _modules().values():
        text = path.read_text(encoding="utf-8")
        key = path.relative_to(OVERLAY).as_posix()
        if not text.startswith(GENERATED_HEADER) and key not in PENDING and text.count("\n") > MAX_LINES:
            too_long[key] = text.count("\n")
    assert too_long == {}, f"split these modules (at most {MAX_LINES} lines each): {too_long}"


def test_no_import_circle() -> None:
    """Each module's imports (even lazy and TYPE_CHECKING ones) lead away from it, never back."""
    modules = _modules()
    graph = {name: _imports(name, path, modules) for name, path in modules.items()}
    circles: list[list[str]] = []

    def walk(name: str, trail: list[str], done: set[str]) -> None:
        for target in sorted(graph[name]):
            if target in trail:
                circles.append([*trail[trail.index(target) :], target])
            elif target not in done:
                walk(target, [*trail, target], done)
        done.add(name)

    done: set[str] = set()
    for name in sorted(graph):
        if name not in done:
            walk(name, [name], done)
    assert circles == [], "import circles: " + "; ".join(" -> ".join(circle) for circle in circles)
