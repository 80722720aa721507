"""What the model templates add at run time: each model imported on first use (models_init.py.jinja;
checked in a fresh interpreter, since what is loaded depends on what the process imported before)
and the enum tables of from_dict (model.py.jinja)."""

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


def test_unknown_enum_values_are_kept_and_the_table_of_them_stays_bounded() -> None:
    from aiml_api_client.models import ChatCompletionChunk, ServiceTier
    from aiml_api_client.models import chat_completion_chunk as module
    from aiml_api_client.types import ENUM_TABLE_LIMIT

    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": []}
    tiers = [ChatCompletionChunk.from_dict(chunk | {"service_tier": "on_demand"}).service_tier for _ in "ab"]
    assert tiers == ["on_demand", "on_demand"]
    assert all(isinstance(tier, ServiceTier) and tier.value == "on_demand" for tier in tiers)
    assert ChatCompletionChunk.from_dict(chunk | {"service_tier": "flex"}).service_tier is ServiceTier.FLEX
    for i in range(2 * ENUM_TABLE_LIMIT):
        tier = ChatCompletionChunk.from_dict(chunk | {"service_tier": f"tier-{i}"}).service_tier
        assert isinstance(tier, ServiceTier)
        assert tier.value == f"tier-{i}"
    assert len(module._ServiceTier_BY_VALUE) == ENUM_TABLE_LIMIT
    assert ChatCompletionChunk.from_dict(chunk | {"service_tier": 5}).service_tier == 5  # not a str: as is
