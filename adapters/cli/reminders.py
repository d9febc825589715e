"""``guidebot reminders run-due [--now ISO-8601]``: one delivery pass, then exit (for cron hosting)."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
from typing import Any

from bot.domain.errors import UserFacingError
from bot.runtime.settings import Settings


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    reminders = sub.add_parser("reminders", help="policy reminders")
    rsub = reminders.add_subparsers(dest="reminders_command", required=True, parser_class=type(reminders))
    run = rsub.add_parser("run-due", help="deliver every reminder that is due and not yet delivered, then exit")
    run.add_argument("--now", help="the time to run at, ISO-8601 (default: now; no zone: UTC)")
    run.add_argument("--kb", help="knowledge base directory or file")
    run.set_defaults(func=cmd_run_due)


def parse_now(raw: str | None) -> datetime:
    if not raw:
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(raw.replace("Z", "+00:00") if raw.endswith("Z") else raw)
    except ValueError:
        raise UserFacingError(f"--now: not an ISO-8601 time: {raw!r}") from None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)


def cmd_run_due(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.outbound import build_senders
    from bot.app import build_app

    now = parse_now(args.now)
    app = build_app(settings, args.kb)
    app.senders.update(build_senders(app))
    try:
        report = asyncio.run(app.reminders.run_due(now))
    finally:
        app.close()
    print(
        f"sent {report.sent}, failed {report.failed} (will retry), gave up {report.gave_up}, "
        f"missed {report.missed}, already taken {report.skipped}"
    )
    return 0
