"""A database that is read-only, damaged or cannot be created: every command says what is
wrong in one line and exits 2 (a running server: tests/slack/test_degraded_server.py)."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.features.reminders.store import ReminderRepo
from bot.storage import Storage
from tests.conftest import EVAL_KB, run_cli

DUE = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GARBAGE = b"this is not a database, it was overwritten\n" * 200


def migrated(tmp_path: Path) -> Path:
    """A guidebot database with one reminder due at ``DUE``."""
    db = tmp_path / "guidebot.db"
    storage = Storage.open(f"sqlite:///{db}")
    ReminderRepo(storage.engine).create(
        platform="slack", team_id="T1", channel_id="C9", schedule="every monday 09:00", cron="0 9 * * 1",
        timezone="UTC", clause_ids=["AC-SCOPE"], lang=None, created_by="UMGR", now=DUE, next_run_at=DUE,
    )  # fmt: skip
    storage.close()
    return db


def read_only(tmp_path: Path) -> tuple[str, str]:
    db = migrated(tmp_path)
    return f"sqlite:///file:{db}?mode=ro&uri=true", f"database is read-only: {db}"


def garbage(tmp_path: Path) -> tuple[str, str]:
    db = migrated(tmp_path)
    db.write_bytes(GARBAGE)
    return f"sqlite:///{db}", f"not a guidebot database, or damaged: {db}"


def no_directory(tmp_path: Path) -> tuple[str, str]:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the directory should be", encoding="utf-8")
    return f"sqlite:///{blocker / 'guidebot.db'}", f"cannot create the database's directory {blocker}"


RUN_DUE = ("reminders", "run-due", "--now", DUE.isoformat())
CASES = [
    (read_only, RUN_DUE),
    (garbage, RUN_DUE),
    (garbage, ("report",)),
    (garbage, ("kb", "suggest", str(EVAL_KB))),
    (garbage, ("chat",)),
    (no_directory, RUN_DUE),
    (no_directory, ("report",)),
    (no_directory, ("chat",)),
]


@pytest.mark.parametrize(("broken", "argv"), CASES, ids=lambda c: getattr(c, "__name__", None) or " ".join(c))
def test_a_broken_database_is_one_line_and_exit_2(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    broken: object,
    argv: tuple[str, ...],
) -> None:
    url, said = broken(tmp_path)  # type: ignore[operator]
    for name, value in {
        "DATABASE_URL": url, "GUIDEBOT_KB": str(EVAL_KB), "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_API_URL": "http://127.0.0.1:9/api/", "SLACK_SIGNING_SECRET": "s",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # chat: nothing typed
    code, _, err = run_cli(capsys, *argv)
    assert code == 2
    (line,) = err.splitlines()
    if argv == ("report",) and broken is no_directory:
        said = "no database at"  # the report only reads: nothing there to read
    assert line.startswith(f"guidebot: {said}"), line


def test_a_read_only_database_still_gives_the_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url, _ = read_only(tmp_path)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("GUIDEBOT_KB", str(EVAL_KB))
    code, out, err = run_cli(capsys, "report", "--json")
    assert (code, err) == (0, "")
    assert '"questions"' in out
