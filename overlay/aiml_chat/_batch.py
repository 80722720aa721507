"""The batch runner's former module path; tests/test_cli.py still imports these names from here.

The runner lives in the `batch` package; drop this module once the tests import from there.
"""

from .batch._input import InputError, Job, parse_line
from .batch._limit import AdaptiveLimit
from .batch._output import ResultWriter

__all__ = ["AdaptiveLimit", "InputError", "Job", "ResultWriter", "parse_line"]
