"""uvicorn's h11 protocol with the two timeouts it lacks: slow headers and a silent body.

uvicorn only times out a connection between requests (``timeout_keep_alive``, armed after a
response). A client that connects and sends nothing, or sends its headers a byte at a time, or
stops in the middle of its body, holds its connection forever: 500 such clients were all still
connected after 40 s. This subclass drops a connection whose request headers are not complete
``header_timeout`` seconds after they began (or after the connection opened), and one whose
request body goes ``idle_timeout`` seconds without a byte while the app waits for it.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol


class GuardedH11Protocol(H11Protocol):
    header_timeout: float = 10.0
    idle_timeout: float = 30.0

    _guard: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self.header_timeout)  # a connection that never says anything

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.transport.is_closing():
            return
        state = self.conn.their_state
        if state is h11.SEND_BODY:
            self._arm(self.idle_timeout)  # the body moves: restart the idle clock
        elif state is h11.IDLE:
            if self._guard is None:  # the next request's headers began: they get header_timeout
                self._arm(self.header_timeout)
        else:  # the request is in; the app's time is not the client's fault
            self._disarm()

    def on_response_complete(self) -> None:
        self._disarm()  # between requests, uvicorn's keep-alive timeout applies
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self, seconds: float) -> None:
        self._disarm()
        self._guard = self.loop.call_later(seconds, self._expired)

    def _disarm(self) -> None:
        if self._guard is not None:
            self._guard.cancel()
            self._guard = None

    def _expired(self) -> None:
        self._guard = None
        if self.transport.is_closing():
            return
        if self.conn.their_state is h11.SEND_BODY and self.flow.read_paused:
            self._arm(self.idle_timeout)  # we stopped reading (the app is busy), not the client
            return
        self.transport.close()


def guarded_protocol(header_timeout: float, idle_timeout: float) -> type[Any]:
    """The protocol class for uvicorn's ``http=`` setting, with these timeouts."""
    return type(
        "GuardedH11Protocol",
        (GuardedH11Protocol,),
        {"header_timeout": header_timeout, "idle_timeout": idle_timeout},
    )
