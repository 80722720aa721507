"""Shared fixtures. `server`: one local AIML API server (aiml_chat.testing) for the whole session."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from aiml_chat.testing import LocalServer

SERVER_KEY = "test-key"


@pytest.fixture(scope="session")
def server() -> Iterator[LocalServer]:
    """A running LocalServer accepting `test-key`; call `server.reset()` before counting its requests."""
    with LocalServer(api_key=SERVER_KEY) as running:
        yield running
