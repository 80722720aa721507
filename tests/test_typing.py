"""mypy --strict on user code (tests/typing/): the types users see, not only the overlay's own."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TYPING = Path(__file__).parent / "typing"


def run_mypy(*files: Path, cwd: Path = TYPING) -> subprocess.CompletedProcess[str]:
    """mypy as a user runs it: the installed packages, --strict, and every ignore must be used."""
    command = [sys.executable, "-m", "mypy", "--strict", "--warn-unused-ignores", "--no-incremental"]
    command += ["--config-file", str(TYPING / "mypy.ini"), *map(str, files)]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd)


def test_user_code_type_checks_as_users_see_it() -> None:
    result = run_mypy(TYPING / "user_code.py")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found in 1 source file" in result.stdout


def test_a_wrong_keyword_is_an_error_users_see(tmp_path: Path) -> None:
    code = tmp_path / "wrong.py"
    code.write_text(
        "from aiml_chat import Client, user\n"
        "def f(client: Client) -> None:\n"
        "    client.chat.completions.create(messages=[user('hi')], temperature='hot')\n"
    )
    result = run_mypy(code)
    assert result.returncode == 1
    assert 'No overload variant of "create"' in result.stdout
    assert '"str"' in result.stdout  # the offending argument type is named
