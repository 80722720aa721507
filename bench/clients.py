"""The clients under test, each behind the same three operations: call, stream, close.

- ``aiml_chat`` / ``aiml_chat_async``: this project's Client and AsyncClient, as a user writes them.
- ``httpx2`` / ``httpx2_async``: THE FLOOR. Raw httpx2 as a user writes it, with httpx2's own
  defaults (no limits, no tuning): ``Client().post(json=...)`` + ``json.loads``; streams by
  ``iter_lines()`` + ``json.loads`` until ``[DONE]``. Every ratio and target is against this row.
- ``httpx2_tuned`` / ``httpx2_tuned_async``: the same code, configured as aiml_chat configures its
  own client (aiml_chat's DEFAULT_LIMITS and timeouts, read from aiml_chat so they stay in step).
- ``httpx`` / ``httpx_async``: the same code on httpx 0.28.1 with its defaults (reference only).
- ``openai`` / ``openai_async``: the peer, the official SDK pointed at the server with ``base_url``.

Every call checks what came back (the answer text, or the number of chunks), so a client that
silently did less work would fail instead of looking fast.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

MODEL = "google/gemini-2.5-flash-lite-preview"
API_KEY = "bench-key"
TIMEOUT = 120.0

SYNC_CLIENTS = ("aiml_chat", "httpx2", "httpx2_tuned", "httpx", "openai")
ASYNC_CLIENTS = tuple(f"{k}_async" for k in SYNC_CLIENTS)
RAW = ("httpx2", "httpx2_tuned", "httpx")


def floor(kind: str) -> str:
    """The client every ratio is taken against: raw httpx2 with its defaults (sync or async)."""
    return "httpx2_async" if kind.split(" ")[0].endswith("_async") else "httpx2"


def raw_client(kind: str, *, is_async: bool) -> Any:
    """The raw client as a user writes it (`httpx2`, `httpx`), or as aiml_chat tunes its own."""
    if kind == "httpx":
        import httpx

        return (httpx.AsyncClient if is_async else httpx.Client)(timeout=TIMEOUT)
    import httpx2

    if kind == "httpx2":
        return (httpx2.AsyncClient if is_async else httpx2.Client)(timeout=TIMEOUT)
    if kind == "httpx2_tuned":
        from aiml_chat._config import DEFAULT_LIMITS, as_timeout

        cls = httpx2.AsyncClient if is_async else httpx2.Client
        return cls(timeout=as_timeout(TIMEOUT), limits=DEFAULT_LIMITS)
    raise ValueError(f"unknown raw client {kind!r}")


_SENTENCE = (
    "Could you explain, in a few sentences, how connection pooling reduces latency for "
    "repeated HTTPS requests to the same host? Please keep it short and concrete."
)


def messages(count: int) -> list[dict[str, Any]]:
    """`count` alternating user/assistant messages of ~150 characters, as plain dicts."""
    return [
        {"role": "user" if i % 2 == 0 else "assistant", "content": f"{i}: {_SENTENCE}"} for i in range(count)
    ]


def _check_text(text: Any) -> str:
    if not isinstance(text, str) or not text:
        raise RuntimeError(f"unexpected answer: {text!r}")
    return text


class SyncClient:
    """One client kind bound to one server route (`base_url` already includes the route)."""

    def __init__(self, kind: str, base_url: str) -> None:
        self.kind = kind
        self.url = f"{base_url}/v1/chat/completions"
        self._call: Callable[[list[dict[str, Any]]], str]
        self._stream: Callable[[list[dict[str, Any]]], int]
        if kind == "aiml_chat":
            import aiml_chat

            client = aiml_chat.Client(api_key=API_KEY, base_url=base_url, timeout=TIMEOUT)
            self._close: Callable[[], None] = client.close
            create = client.chat.completions.create

            def call(msgs: list[dict[str, Any]]) -> str:
                return _check_text(create(messages=msgs).choices[0].message.content)

            def stream(msgs: list[dict[str, Any]]) -> int:
                n = 0
                for _chunk in create(messages=msgs, stream=True):
                    n += 1
                return n

        elif kind in RAW:
            http = raw_client(kind, is_async=False)
            self._close = http.close
            headers = {"Authorization": f"Bearer {API_KEY}"}
            url = self.url

            def call(msgs: list[dict[str, Any]]) -> str:
                response = http.post(url, json={"model": MODEL, "messages": msgs}, headers=headers)
                if response.status_code != 200:
                    raise RuntimeError(f"HTTP {response.status_code}")
                return _check_text(json.loads(response.content)["choices"][0]["message"]["content"])

            def stream(msgs: list[dict[str, Any]]) -> int:
                n = 0
                body = {"model": MODEL, "messages": msgs, "stream": True}
                with http.stream("POST", url, json=body, headers=headers) as response:
                    if response.status_code != 200:
                        raise RuntimeError(f"HTTP {response.status_code}")
                    for line in response.iter_lines():
                        if line.startswith("data: "):
                            data = line[6:]
                            if data == "[DONE]":
                                break
                            json.loads(data)
                            n += 1
                return n

        elif kind == "openai":
            import openai

            oclient = openai.OpenAI(api_key=API_KEY, base_url=f"{base_url}/v1", timeout=TIMEOUT)
            self._close = oclient.close
            ocreate = oclient.chat.completions.create

            def call(msgs: list[dict[str, Any]]) -> str:
                return _check_text(ocreate(model=MODEL, messages=msgs).choices[0].message.content)  # type: ignore[arg-type]

            def stream(msgs: list[dict[str, Any]]) -> int:
                n = 0
                for _chunk in ocreate(model=MODEL, messages=msgs, stream=True):  # type: ignore[arg-type]
                    n += 1
                return n

        else:
            raise ValueError(f"unknown client {kind!r}")
        self._call = call
        self._stream = stream

    def call(self, msgs: list[dict[str, Any]]) -> str:
        return self._call(msgs)

    def stream(self, msgs: list[dict[str, Any]]) -> int:
        return self._stream(msgs)

    def close(self) -> None:
        self._close()


class AsyncClient:
    """The async twin of SyncClient; create it inside the running event loop."""

    def __init__(self, kind: str, base_url: str) -> None:
        self.kind = kind
        self.url = f"{base_url}/v1/chat/completions"
        self.raw = False
        if kind == "aiml_chat_async":
            import aiml_chat

            client = aiml_chat.AsyncClient(api_key=API_KEY, base_url=base_url, timeout=TIMEOUT)
            self._aclose = client.close
            self._create = client.chat.completions.create
        elif kind.removesuffix("_async") in RAW:
            self.raw = True
            self._http = raw_client(kind.removesuffix("_async"), is_async=True)
            self._aclose = self._http.aclose
            self._headers = {"Authorization": f"Bearer {API_KEY}"}
        elif kind == "openai_async":
            import openai

            oclient = openai.AsyncOpenAI(api_key=API_KEY, base_url=f"{base_url}/v1", timeout=TIMEOUT)
            self._aclose = oclient.close
            self._create = oclient.chat.completions.create
        else:
            raise ValueError(f"unknown client {kind!r}")

    async def call(self, msgs: list[dict[str, Any]]) -> str:
        if self.raw:
            response = await self._http.post(
                self.url, json={"model": MODEL, "messages": msgs}, headers=self._headers
            )
            if response.status_code != 200:
                raise RuntimeError(f"HTTP {response.status_code}")
            return _check_text(json.loads(response.content)["choices"][0]["message"]["content"])
        if self.kind == "openai_async":
            completion = await self._create(model=MODEL, messages=msgs)
        else:
            completion = await self._create(messages=msgs)
        return _check_text(completion.choices[0].message.content)

    async def stream(self, msgs: list[dict[str, Any]]) -> int:
        n = 0
        if self.raw:
            body = {"model": MODEL, "messages": msgs, "stream": True}
            async with self._http.stream("POST", self.url, json=body, headers=self._headers) as response:
                if response.status_code != 200:
                    raise RuntimeError(f"HTTP {response.status_code}")
                async for line in response.aiter_lines():
                    if line.startswith("data: "):
                        data = line[6:]
                        if data == "[DONE]":
                            break
                        json.loads(data)
                        n += 1
            return n
        if self.kind == "openai_async":
            stream = await self._create(model=MODEL, messages=msgs, stream=True)
        else:
            stream = await self._create(messages=msgs, stream=True)
        async for _chunk in stream:
            n += 1
        return n

    async def close(self) -> None:
        await self._aclose()
