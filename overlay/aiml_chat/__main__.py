"""`python -m aiml_chat` and the `aiml-chat` console script: see `aiml_chat._cli`."""

from __future__ import annotations

import sys

from aiml_chat._cli import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
