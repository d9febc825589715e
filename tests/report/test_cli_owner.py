"""``guidebot report`` and ``kb export`` on the command line: a missing database, database
errors and ``--lang``, each as one line on stderr with exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.app import App
from bot.runtime.settings import Settings
from tests.conftest import EVAL_KB, KbWriter, run_cli
from tests.core.kb_text import variant


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working directory without ``.env``, as when the owner is in the wrong folder."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    for name in ("DATABASE_URL", "GUIDEBOT_KB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "200")  # argparse's usage line stays on one line
    return cwd


def test_report_without_a_database_refuses_instead_of_creating_one(
    capsys: pytest.CaptureFixture[str], _elsewhere: Path
) -> None:
    code, out, err = run_cli(capsys, "report")
    assert (code, out) == (2, "")
    assert err == f"guidebot: no database at {_elsewhere / 'guidebot.db'} (set DATABASE_URL)\n"
    assert list(_elsewhere.iterdir()) == []  # nothing created, nothing migrated


def test_report_with_a_missing_database_file_names_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "nowhere" / "bot.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{missing}")
    code, _, err = run_cli(capsys, "report", "--json")
    assert code == 2
    assert err == f"guidebot: no database at {missing} (set DATABASE_URL)\n"
    assert not missing.parent.exists()


def test_report_database_errors_are_said_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "bogus://x")
    code, _, err = run_cli(capsys, "report")
    assert code == 2
    (line,) = err.splitlines()
    assert line.startswith("guidebot: cannot open database bogus://x: ")
    assert line.count("cannot open") == 1 and "StorageError" not in line


def test_report_reads_an_existing_database(
    app: App, settings: Settings, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", settings.database_url)  # made by the app fixture
    code, out, err = run_cli(capsys, "report", "--kb", str(EVAL_KB), "--lang", "ja")
    assert (code, err) == (0, "")
    assert out.startswith("ガイドライン利用レポート（") and "ナレッジの不足" in out


def _french_kb(write_kb: KbWriter) -> Path:
    return write_kb(
        variant(
            "answer: {en: Check the background first., ja: 背景を確認してください。}",
            "answer: {en: Check the background first., ja: 背景を確認してください。, fr: Vérifiez l'arrière-plan.}",
        )
    )


def test_export_takes_any_language_the_policy_has(capsys: pytest.CaptureFixture[str], write_kb: KbWriter) -> None:
    kb = _french_kb(write_kb)
    code, out, _ = run_cli(capsys, "kb", "export", str(kb), "--lang", "fr")
    assert code == 0 and "Vérifiez l'arrière-plan." in out
    code, out, err = run_cli(capsys, "kb", "export", str(kb), "--lang", "de")
    assert (code, out) == (2, "")
    assert err == "guidebot: --lang de: the knowledge base has no 'de' texts (it has en, fr, ja)\n"


def test_report_refuses_a_language_the_policy_lacks(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'never.db'}")
    code, _, err = run_cli(capsys, "report", "--kb", str(EVAL_KB), "--lang", "ko")
    assert code == 2
    assert err.startswith("guidebot: --lang ko: the knowledge base has no 'ko' texts")
    assert not (tmp_path / "never.db").exists()
    code, _, err = run_cli(capsys, "report", "--lang", "not a code")
    assert code == 2
    assert err.splitlines()[-1] == "guidebot: argument --lang: 'not a code' is not a language code (e.g. en, ja, pt-BR)"


async def test_report_and_suggest_never_show_what_the_keep_setting_no_longer_allows(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Texts kept under GUIDEBOT_KEEP_QUESTIONS_DAYS=30 are not shown once it is 0, whether or
    not a server has pruned them yet."""
    from bot.app import build_app
    from bot.domain.commands import Ask, ButtonPress, Incoming
    from tests.report.conftest import make_settings

    question = "Who pays for parking at the office?"  # unsure: its text is kept under the opt-in
    settings = make_settings(tmp_path, keep_questions_days=30)
    app = build_app(settings)
    try:
        reply = await app.dispatcher.handle(Incoming("console", "U1", Ask(question)))
        offered = reply.alternatives[0].clause.id if reply.alternatives else "AC-SCOPE"
        await app.dispatcher.press(ButtonPress("console", "U1", "offered_clause", {"clause": offered}, "en"))
    finally:
        app.close()
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("GUIDEBOT_KEEP_QUESTIONS_DAYS", "30")
    assert question in run_cli(capsys, "report", "--kb", str(EVAL_KB), "--json")[1]
    assert question in run_cli(capsys, "kb", "suggest", str(EVAL_KB))[1]
    monkeypatch.setenv("GUIDEBOT_KEEP_QUESTIONS_DAYS", "0")
    code, out, _ = run_cli(capsys, "report", "--kb", str(EVAL_KB), "--json")
    assert code == 0 and question not in out and "parking" in out  # the gap's keywords stay
    assert json.loads(out)["suggestions"] == 0  # as kb suggest says: none to review
    code, out, _ = run_cli(capsys, "kb", "suggest", str(EVAL_KB))
    assert code == 0 and question not in out
    # Reading deletes nothing: that is the server's pruning, with the server's settings.
    monkeypatch.setenv("GUIDEBOT_KEEP_QUESTIONS_DAYS", "30")
    assert question in run_cli(capsys, "kb", "suggest", str(EVAL_KB))[1]
