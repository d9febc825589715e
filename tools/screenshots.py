"""Screenshots of what people see (docs/screenshots/): a Teams check card and the report, in English and Japanese.

``make screenshots`` installs the official Adaptive Cards renderer (npm ``adaptivecards``,
with ``markdown-it`` for the cards' Markdown, as Teams uses it) into ``build/screenshots`` and
runs ``python -m tools.screenshots --node-modules build/screenshots/node_modules``. The check
card is rendered by that renderer in headless Chromium from the very JSON guidebot sends; the
report is the HTML page ``guidebot report --html`` writes. Japanese text needs a CJK font
(Debian: ``fonts-noto-cjk``) and emoji an emoji font (``fonts-noto-color-emoji``).
"""

from __future__ import annotations

import argparse
import html
import json
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from adapters.teams.cards import to_adaptive_card
from bot.assistant.engine import GuideBot
from bot.domain.texts import pick
from bot.features.owner.report import ReminderStat, build_report
from bot.features.owner.report_html import report_html
from bot.features.owner.usage import UsageEvent
from bot.knowledge.loader import load

ROOT = Path(__file__).resolve().parents[1]
DRAFTS = {
    "en": "Big news: Project Bluefin ships next month! Our Q3 revenue beat every forecast. "
    "Questions? Mail jane.doe@example.com or call +1 415 555 0132. **Click** [here](evil.example/x)",
    "ja": "社外秘ですが、ブルーフィン計画は来月発表です！今期の売上は過去最高でした。"
    "詳しくは tanaka.hanako@example.co.jp まで。**ここをクリック** [詳細](evil.example/x)",
}
# Teams' light theme: the colours and fonts the card is drawn with.
HOST_CONFIG = {
    "fontFamily": "'Segoe UI', 'Noto Sans', 'Noto Sans CJK JP', sans-serif",
    "containerStyles": {
        "default": {
            "backgroundColor": "#FFFFFF",
            "foregroundColors": {
                "default": {"default": "#242424", "subtle": "#616161"},
                "attention": {"default": "#C4314B", "subtle": "#C4314B"},
                "good": {"default": "#237B4B", "subtle": "#237B4B"},
                "warning": {"default": "#835C00", "subtle": "#835C00"},
            },
        }
    },
    "actions": {"actionsOrientation": "Horizontal", "buttonSpacing": 8, "maxActions": 6},
}
PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="{modules}/adaptivecards/dist/adaptivecards.css">
<style>body{{margin:0;padding:24px;background:#F5F5F5;font-family:'Segoe UI','Noto Sans','Noto Sans CJK JP',sans-serif}}
#card{{width:560px;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.2);padding:4px}}
.ac-pushButton{{border:1px solid #d1d1d1;border-radius:4px;background:#fff;padding:4px 12px;cursor:pointer}}</style>
<script src="{modules}/markdown-it/dist/markdown-it.min.js"></script>
<script src="{modules}/adaptivecards/dist/adaptivecards.min.js"></script>
</head><body><div id="card"></div><script>
AdaptiveCards.AdaptiveCard.onProcessMarkdown = function (text, result) {{
  result.outputHtml = markdownit({{linkify: true}}).render(text); result.didProcess = true;
}};
var card = new AdaptiveCards.AdaptiveCard();
card.hostConfig = new AdaptiveCards.HostConfig({host});
card.parse({card});
document.getElementById("card").appendChild(card.render());
</script></body></html>
"""


def check_page(bot: GuideBot, lang: str, modules: Path) -> str:
    card = to_adaptive_card(bot.check(DRAFTS[lang], lang))
    return PAGE.format(
        lang=lang, title=html.escape(f"check {lang}"), modules=modules.as_uri(),
        host=json.dumps(HOST_CONFIG), card=json.dumps(card, ensure_ascii=False),
    )  # fmt: skip


def sample_report_page(bot: GuideBot, lang: str) -> str:
    """A month of made-up usage, rendered as ``guidebot report --html`` does."""
    until = date(2026, 11, 30)
    ids = [c.id for c in bot.kb.clauses[:6]]
    events: list[UsageEvent] = []
    for i in range(30):
        at = datetime(2026, 11, 1, 10, tzinfo=UTC) + timedelta(days=i)
        for j in range(i % 6):
            events.append(UsageEvent(at, "slack", "question", f"u{j}", "answered", clause_id=ids[(i + j) % 6]))
        if i % 3 == 0:
            events.append(UsageEvent(at, "teams", "question", "u9", "unsure", keywords="parking office pays"))
        verdict = ("pass", "warn", "block")[i % 3]
        category = ("disclaimer", "personal-data", "confidential")[i % 3]
        events.append(UsageEvent(at, "slack", "check", "u1", verdict, categories=category))
        events.append(UsageEvent(at, "slack", "feedback", f"u{i % 4}", "yes" if i % 5 else "no", clause_id=ids[0]))
    reminders = [
        ReminderStat(1, "C0123ABCD", "every monday 09:00", True, 4, 0, 11, "#general"),
        ReminderStat(2, "19:comms@thread.tacv2", "0 10 1 * *", True, 1, 0, 6, "Comms › Announcements"),
    ]
    titles = {c.id: pick(c.title, lang) for c in bot.kb.clauses}
    report = build_report(
        events, until - timedelta(days=29), until, policy_version=bot.kb.policy.version, titles=titles,
        reminders=reminders,
    )  # fmt: skip
    return report_html(report, lang, pick(bot.kb.policy.title, lang))


def shoot(chromium: str, page: Path, png: Path, size: str) -> None:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(  # noqa: S603 (our own Chromium and a page we wrote)
            [
                chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--allow-file-access-from-files", f"--user-data-dir={profile}",
                f"--window-size={size}", "--virtual-time-budget=5000", f"--screenshot={png}", page.as_uri(),
            ],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.screenshots", description=__doc__)
    parser.add_argument("--node-modules", type=Path, required=True, help="where adaptivecards and markdown-it are")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        print("screenshots: Chromium is needed (apt-get install chromium)", file=sys.stderr)
        return 2
    modules = args.node_modules.resolve()
    bot = GuideBot(load(ROOT / "knowledge"))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for lang in ("en", "ja"):
            page = Path(tmp) / f"check-{lang}.html"
            page.write_text(check_page(bot, lang, modules), encoding="utf-8")
            shoot(chromium, page, args.out / f"check-card-{lang}.png", "620,820")
            page = Path(tmp) / f"report-{lang}.html"
            page.write_text(sample_report_page(bot, lang), encoding="utf-8")
            shoot(chromium, page, args.out / f"report-{lang}.png", "1100,1900")
    print(f"wrote {args.out}/check-card-{{en,ja}}.png and report-{{en,ja}}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
