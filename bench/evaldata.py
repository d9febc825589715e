"""Where the evaluation data is: one place for the benchmarks, ``make eval`` and the tests.

The full evaluation data (the evaluation knowledge base, the labelled development
questions and drafts, the external detector corpus) lives beside the repository, in
``../shared/eval``, or wherever ``GUIDEBOT_EVAL_DIR`` points. The repository carries a
copy of the knowledge base and of the development sets in ``tests/fixtures/eval``, so
the tests and ``make bench`` run in a clone that has nothing next to it.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURE_DIR = REPO / "tests" / "fixtures" / "eval"
ENV_VAR = "GUIDEBOT_EVAL_DIR"


def shared_eval_dir() -> Path | None:
    """The full evaluation data, or None when this machine does not have it."""
    configured = os.environ.get(ENV_VAR)
    candidate = Path(configured) if configured else REPO.parent / "shared" / "eval"
    return candidate if (candidate / "kb").is_dir() else None


def eval_dir() -> Path:
    """The full evaluation data if present, else the repository's copy of its dev part."""
    return shared_eval_dir() or FIXTURE_DIR


def missing_message() -> str:
    """One line saying what is missing, for ``make eval`` on a machine without the data."""
    where = os.environ.get(ENV_VAR) or str(Path("..") / "shared" / "eval")
    return f"evaluation data not found at {where} (set {ENV_VAR} to its folder)"
