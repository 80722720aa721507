"""``python -m aiml_chat.testing``: run the local server in the foreground until Ctrl-C.

It prints its base URL on one line once it listens, so scripts can read it (``--port 0`` = any free port).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys

from aiml_chat._config import KEY_ENV_VARS
from aiml_chat.testing import HEADER_TIMEOUT, HOST, IDLE_TIMEOUT, MAX_BODY_BYTES, _Uvicorn, make_config
from aiml_chat.testing._app import create_app
from aiml_chat.testing._faults import Fault, FaultSpecError
from aiml_chat.testing._state import ServerState


def _server_key_from_env() -> str:
    """One variable configures both ends: the server accepts the key the client would send."""
    for name in ("AIML_CHAT_SERVER_KEY", *KEY_ENV_VARS):
        if os.environ.get(name):
            return os.environ[name]
    return "test-key"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aiml_chat.testing", description=__doc__)
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (default: any free port)")
    parser.add_argument(
        "--api-key",
        default=_server_key_from_env(),
        help="the accepted Bearer key (default: $AIML_CHAT_SERVER_KEY, then $AIMLAPI_API_KEY and "
        "$AIML_API_KEY as the client reads them, then test-key)",
    )
    parser.add_argument(
        "--max-body-bytes", type=int, default=MAX_BODY_BYTES, help="larger request bodies get 413"
    )
    parser.add_argument(
        "--header-timeout", type=float, default=HEADER_TIMEOUT, help="seconds allowed for request headers"
    )
    parser.add_argument(
        "--idle-timeout", type=float, default=IDLE_TIMEOUT, help="seconds a request body may stall"
    )
    parser.add_argument("--faults", default="", help="default X-Mock-Fault spec for every request")
    args = parser.parse_args(argv)
    try:
        faults = Fault.parse(args.faults) if args.faults.strip() else None
    except FaultSpecError as exc:
        parser.error(f"--faults: {exc}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")

    def started(port: int) -> None:
        print(f"http://{HOST}:{port}", flush=True)

    app = create_app(args.api_key, ServerState(faults), max_body_bytes=args.max_body_bytes)
    server = _Uvicorn(make_config(app, args.port, args.header_timeout, args.idle_timeout), started)
    # uvicorn traps SIGINT/SIGTERM, shuts down gracefully, then re-raises the signal: Ctrl-C is normal.
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    return 0 if server.started else 1


if __name__ == "__main__":
    sys.exit(main())
