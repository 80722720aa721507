"""Every task of the project. `nox -l` lists them; README.md says which two matter first."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["tests"]

ROOT = Path(__file__).parent
GENERATOR = ["openapi-python-client==0.29.1", "ruff==0.17.6"]
SPEC_TOOLS = ["oas-patch==0.6.0", "pyyaml>=6", "openapi-spec-validator>=0.7"]
NPM_TOOLS = ["@redocly/cli@2.11.0", "openapi-typescript@7.13.0", "typescript@5.9.3"]
# `nox -s polyglot`: the other generators and what their programs need (Java 17 runs the generator jar).
POLYGLOT_PY = ["datamodel-code-generator==0.89.0", "openapi-generator-cli==7.26.0"]
POLYGLOT_NPM = ["openapi-fetch@0.17.0", "@types/node@20.19.43"]


@nox.session
def fix_spec(session: nox.Session) -> None:
    """Apply spec/fixes.overlay.yaml to spec/upstream.json, writing openapi.json."""
    session.install(*SPEC_TOOLS)
    session.run("python", "-m", "tools.spectool", "apply")


@nox.session
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from openapi.json and generator-config.yaml (deterministic)."""
    session.install(*GENERATOR, *SPEC_TOOLS)
    session.run("python", "-m", "tools.spectool", "generate")


@nox.session
def check(session: nox.Session) -> None:
    """Fail, naming the file, if openapi.json, API_SURFACE.md or generated/ is stale."""
    session.install(*GENERATOR, *SPEC_TOOLS)
    session.run("python", "-m", "tools.spectool", "apply", "--check")
    session.run("python", "-m", "tools.spec_surface", "--check")
    session.run("python", "-m", "tools.spectool", "check-generated")


@nox.session
def spec_lint(session: nox.Session) -> None:
    """Validate openapi.json: openapi-spec-validator, then Redocly's recommended rules (0 errors)."""
    session.install("openapi-spec-validator>=0.7")
    session.run("openapi-spec-validator", "openapi.json")
    npm_dir = _npm_tools(session)
    session.run(str(npm_dir / "node_modules" / ".bin" / "redocly"), "lint", "openapi.json", external=True)


def _npm_tools(session: nox.Session, *extra: str) -> Path:
    npm_dir = ROOT / ".nox" / "_npm"
    npm_dir.mkdir(parents=True, exist_ok=True)
    if not (npm_dir / "package.json").exists():
        (npm_dir / "package.json").write_text('{"private": true}\n')
    session.run(
        "npm",
        "install",
        "--no-audit",
        "--no-fund",
        "--silent",
        "--prefix",
        str(npm_dir),
        *NPM_TOOLS,
        *extra,
        external=True,
    )
    return npm_dir


@nox.session
def update_spec(session: nox.Session) -> None:
    """Take a new upstream spec: `nox -s update_spec -- SOURCE` (path/URL, raw JSON or docs page)."""
    if not session.posargs:
        session.error("usage: nox -s update_spec -- SOURCE [--allow-breaking] [--dry-run] [--json]")
    session.install(*GENERATOR, *SPEC_TOOLS)
    redocly = _npm_tools(session) / "node_modules" / ".bin" / "redocly"
    session.run("python", "-m", "tools.spec_update", "--redocly", str(redocly), *session.posargs)


@nox.session
def spec_diff(session: nox.Session) -> None:
    """Change report between two specs: `nox -s spec_diff -- OLD NEW [--json] [--allow-breaking]`."""
    if len(session.posargs) < 2:
        session.error("usage: nox -s spec_diff -- OLD NEW [--json] [--allow-breaking]")
    session.install(*SPEC_TOOLS)
    session.run("python", "-m", "tools.spec_diff", *session.posargs)


@nox.session
def surface(session: nox.Session) -> None:
    """Rewrite API_SURFACE.md from openapi.json (`-- --check` only checks it)."""
    session.run("python", "-m", "tools.spec_surface", *session.posargs)


@nox.session
def typescript(session: nox.Session) -> None:
    """openapi-typescript types from openapi.json, then tsc --noEmit on ts/usage.ts against them."""
    bin_dir = _npm_tools(session) / "node_modules" / ".bin"
    (ROOT / "ts" / "generated").mkdir(exist_ok=True)
    out = ROOT / "ts" / "generated" / "openapi.d.ts"
    session.run(str(bin_dir / "openapi-typescript"), "openapi.json", "-o", str(out), external=True)
    session.run(str(bin_dir / "tsc"), "-p", "ts/tsconfig.json", external=True)


@nox.session
def polyglot(session: nox.Session) -> None:
    """openapi.json through openapi-typescript+openapi-fetch, typescript-fetch, pydantic and our client,
    each used against the local server (see tools/polyglot.py; `-- STEP ...` runs some steps only)."""
    session.install(".[server]", *POLYGLOT_PY)
    npm_dir = _npm_tools(session, *POLYGLOT_NPM)
    session.run("python", "-m", "tools.polyglot", "--npm", str(npm_dir), *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """The whole test suite (behaviour tests run against the local server on 127.0.0.1)."""
    session.install(".[test]")
    # The update flow's lint test runs the real Redocly CLI, as `nox -s update_spec` does.
    redocly = _npm_tools(session) / "node_modules" / ".bin" / "redocly"
    session.run("pytest", *session.posargs, env={"AIML_REDOCLY": str(redocly)})


@nox.session
def lint(session: nox.Session) -> None:
    """ruff on the hand-written code (generated/ is excluded)."""
    session.install("ruff==0.17.6")
    session.run("ruff", "check", "overlay", "tests", "tools", "bench", "noxfile.py")
    session.run("ruff", "format", "--check", "overlay", "tests", "tools", "bench", "noxfile.py")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict on overlay/ (generated/ is excluded)."""
    session.install(".[server,cli]", "mypy>=1.10")
    session.run("mypy")


@nox.session
def demo(session: nox.Session) -> None:
    """The main job: chat calls through aiml_chat against the embedded local server."""
    session.install(".[server]")
    session.run("python", "-m", "aiml_chat.demo", *session.posargs)


@nox.session
def conformance(session: nox.Session) -> None:
    """schemathesis against the local server with openapi.json: zero failures (see tools/conformance.py)."""
    session.install(".[server]", "schemathesis==4.32.5")
    session.run("python", "-m", "tools.conformance", *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """aiml_chat vs raw httpx2 (the floor), httpx and openai on a local server: table + .bench/*.json."""
    session.install(".", "openai==3.57.0", "httpx==0.28.1")
    session.run("python", "-m", "bench", *session.posargs)
