"""`aiml-chat batch`: run a JSONL file of chat-completion requests with bounded, adaptive concurrency.

One job per module: `_input` reads and names the request lines, `_output` resumes from and appends
to the results file, `_limit` and `_hooks` keep the in-flight limit (AIMD on 429s), `_client`
frees a job's slot while it waits to retry and bounds its streams, `_summary` counts, `_progress`
reports, and `_runner` ties them together in `run_batch`.
"""

from ._options import BatchError, BatchOptions
from ._runner import run_batch
from ._summary import BatchSummary

__all__ = ["BatchError", "BatchOptions", "BatchSummary", "run_batch"]
