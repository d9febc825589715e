"""The HTML report: standalone, escaped, and rendered by headless Chromium (screenshot)."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from bot.features.owner.report import ReminderStat, build_report
from bot.features.owner.report_html import report_html
from bot.features.owner.usage import UsageEvent

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _report() -> object:
    until = date(2026, 11, 30)
    events = []
    for i in range(30):
        at = datetime(2026, 11, 1, 12, tzinfo=UTC) + timedelta(days=i)
        events += [
            UsageEvent(at, "slack", "question", f"u{j}", "answered", clause_id="AC-OPINION") for j in range(i % 5)
        ]
        events.append(UsageEvent(at, "teams", "question", "u9", "unsure", keywords="vacation days <script>"))
        events.append(UsageEvent(at, "slack", "check", "u1", ("pass", "warn", "block")[i % 3], categories="disclaimer"))
    return build_report(
        events,
        until - timedelta(days=29),
        until,
        policy_version="2026-11-01",
        titles={"AC-OPINION": "Opinions & <views>"},
        reminders=[ReminderStat(1, "C1", "every monday 09:00", True, 4, 0, 12)],
    )


def test_html_report_is_standalone_and_escaped() -> None:
    html = report_html(_report(), "en", "Acme <Guidelines>")  # type: ignore[arg-type]
    assert html.startswith("<!DOCTYPE html>") and html.count("<svg") >= 4
    assert "<script>" not in html and "&lt;script&gt;" in html and "Opinions &amp; &lt;views&gt;" in html
    assert "http://" not in html and "https://" not in html  # no external assets


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_report_renders_in_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(report_html(_report(), "ja", "アクメ"), encoding="utf-8")  # type: ignore[arg-type]
    shot = tmp_path / "report.png"
    assert CHROMIUM is not None
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1200,1600",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC)
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 1600)
    # A rendered page with charts is far from a blank image (a blank PNG of this size is a few KB).
    assert len(data) > 30_000


def test_every_label_is_in_the_report_language_and_every_emoji_has_words_beside_it() -> None:
    html = report_html(_report(), "ja", "アクメ")  # type: ignore[arg-type]
    for english in (">Clause<", ">asked<", ">Check<", ">fired<", ">channel<", ">schedule<", ">Quiz<", "answered<"):
        assert english not in html, english
    assert "免責表示" in html and "disclaimer<" not in html  # the category, named in Japanese
    cells = re.findall(r"<t[hd][^>]*>([^<]*)</t[hd]>", html)
    for emoji in ("👍", "👎"):
        assert all(cell.strip() != emoji for cell in cells), emoji
        assert f"{emoji} 役に立" in html
