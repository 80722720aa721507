"""The package version: one place, read by pyproject.toml (hatch), __init__ and the User-Agent."""

__version__ = "0.2.0"
