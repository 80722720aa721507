"""The generated models package imports each model on first use (templates/models_init.py.jinja).

Run in a fresh interpreter: what is loaded depends on what the process imported before.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run(code: str) -> None:
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_importing_the_package_builds_no_model_and_a_name_builds_only_its_own() -> None:
    run(
        """
        import sys
        import aiml_api_client.models as models

        loaded = lambda: {m for m in sys.modules if m.startswith("aiml_api_client.models.")}
        assert loaded() == set(), loaded()
        from aiml_api_client.models import ChatCompletion

        assert "aiml_api_client.models.chat_completion" in loaded()
        assert "aiml_api_client.models.choice" in loaded()  # what from_dict needs comes with it
        assert "aiml_api_client.models.chat_completion_request" not in loaded()
        assert models.ChatCompletion is ChatCompletion
        assert ChatCompletion.from_json('{"id": "x", "object": "chat.completion", "created": 1, "model": "m",'
            ' "choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"},'
            ' "finish_reason": "stop"}]}').choices[0].message.content == "hi"
        """
    )


def test_every_name_star_imports_and_submodules_resolve_as_before() -> None:
    run(
        """
        import types
        import aiml_api_client.models as models

        namespace = {}
        exec("from aiml_api_client.models import *", namespace)
        assert set(models.__all__) <= set(namespace)
        for name in models.__all__:
            assert getattr(models, name).__name__ == name
            assert name in dir(models)
        assert isinstance(models.chat_completion_chunk, types.ModuleType)
        try:
            models.NoSuchModel
        except AttributeError as error:
            assert "NoSuchModel" in str(error)
        else:
            raise AssertionError("a missing name must raise AttributeError")
        """
    )
