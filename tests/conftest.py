"""Shared fixtures: the evaluation knowledge base (loaded once per session), the small
fixture bases under ``tests/fixtures`` and a writer of throw-away knowledge bases."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from bot.assistant.engine import GuideBot
from bot.domain.policy import KnowledgeBase
from bot.knowledge.loader import load

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
# A copy of the evaluation knowledge base (35 clauses, 6 checks) so the suite runs anywhere.
EVAL_KB = FIXTURES / "eval" / "kb"
SMALL_KB = FIXTURES / "kb-small"
SPLIT_KB = FIXTURES / "kb-split"
# An in-scope question the evaluation base's bot is unsure of, listing its clause.
UNSURE_IN_SCOPE = "where can i find the latest version of these rules"
UNSURE_RELATED = "AC-MONITORING"  # the clause the unsure reply to it lists
CLOSE_QUESTION = "ライバル社が倒産寸前ってうわさ、シェアしていい?"  # close between competitors and rumours
# Bundled policy: the clause on criticism of the company is offered beside the competitors'
# one, and the question is its "defending the company" case (not allowed), whereas the clause
# in general allows a reply with conditions.
SITUATION_QUESTION = "競合がうちの製品について間違ったことを言っているので、反論のポストをしたい"

KbWriter = Callable[..., Path]

# Property tests generate the same examples on every run, so `make test` is repeatable;
# GUIDEBOT_HYPOTHESIS=explore draws new ones each time (for looking for new failures).
hypothesis_settings.register_profile("repeatable", derandomize=True, database=None)
hypothesis_settings.register_profile("explore", database=None)
hypothesis_settings.load_profile(os.environ.get("GUIDEBOT_HYPOTHESIS", "repeatable"))


_SESSION_CACHE: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """The vector cache and the record of compiled patterns live in a directory of the run's
    own, set before any test module is collected (some load a base at import), so the suite
    neither reads nor writes the user's cache."""
    if "GUIDEBOT_CACHE_DIR" not in os.environ:
        _SESSION_CACHE.append(tempfile.mkdtemp(prefix="guidebot-cache-"))
        os.environ["GUIDEBOT_CACHE_DIR"] = _SESSION_CACHE[0]


def pytest_unconfigure(config: pytest.Config) -> None:
    for path in _SESSION_CACHE:
        shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def eval_kb() -> KnowledgeBase:
    return load(EVAL_KB)


@pytest.fixture
def eval_bot(eval_kb: KnowledgeBase) -> GuideBot:
    # A fresh bot per test (cheap: the base is shared), so replace() in one test
    # cannot leak into another.
    return GuideBot(eval_kb)


@pytest.fixture(scope="session")
def small_kb() -> KnowledgeBase:
    return load(SMALL_KB)


@pytest.fixture
def write_kb(tmp_path: Path) -> KbWriter:
    """``write_kb(text)`` or ``write_kb({"a.yaml": text, ...})``: a KB directory in tmp_path."""
    counter = iter(range(1_000_000))

    def write(content: str | bytes | dict[str, str | bytes]) -> Path:
        d = tmp_path / f"kb{next(counter)}"
        d.mkdir()
        files = content if isinstance(content, dict) else {"policy.yaml": content}
        for name, data in files.items():
            target = d / name
            if isinstance(data, bytes):
                target.write_bytes(data)
            else:
                target.write_text(data, encoding="utf-8")
        return d

    return write


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``guidebot ARGV`` in-process: exit code (also from SystemExit), stdout, stderr."""
    from adapters.cli.main import main

    try:
        code = main(list(argv))
    except SystemExit as exc:
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err
