"""Maintainer tools for the spec pipeline; run each as `python -m tools.NAME` from the repository root."""
