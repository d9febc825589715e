"""``guidebot report`` and ``guidebot kb export``: the policy owner's command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.domain.errors import UserFacingError
from bot.knowledge.languages import lang_code, load_for
from bot.runtime.settings import Settings

if TYPE_CHECKING:
    from bot.storage import Storage


def register(kb_sub: argparse._SubParsersAction[Any], sub: argparse._SubParsersAction[Any]) -> None:
    export = kb_sub.add_parser("export", help="the policy as a document to publish (Markdown or HTML)")
    export.add_argument("path", nargs="?", help="knowledge base directory or file")
    export.add_argument("--format", choices=["md", "html"], default="md")
    export.add_argument("--lang", type=lang_code, help="language, e.g. en or ja (default: the policy's)")
    export.add_argument("-o", "--output", help="write to FILE instead of stdout")
    export.set_defaults(func=cmd_kb_export)

    suggest = kb_sub.add_parser(
        "suggest", help="example questions learnt from people's corrections, as YAML for the owner to review"
    )
    suggest.add_argument("path", nargs="?", help="knowledge base directory or file")
    suggest.add_argument("--days", type=int, help="only what was learnt in the last N days (default: all kept)")
    suggest.add_argument("--lang", type=lang_code, help="language of the comments, e.g. en or ja")
    suggest.add_argument("-o", "--output", help="write to FILE instead of stdout")
    suggest.set_defaults(func=cmd_kb_suggest)

    report = sub.add_parser("report", help="the policy owner's report (usage, knowledge gaps, checks, quiz, reminders)")
    report.add_argument("--days", type=int, default=30, help="days to cover, today included (default 30)")
    report.add_argument("--kb", help="knowledge base (for clause titles)")
    report.add_argument("--lang", type=lang_code, help="language, e.g. en or ja (default: the policy's)")
    mode = report.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument("--html", action="store_true", help="a standalone HTML page with charts")
    report.add_argument("-o", "--output", help="write to FILE instead of stdout")
    report.set_defaults(func=cmd_report)


def _missing_sqlite_file(url: str) -> str | None:
    """The path of a SQLite database file that does not exist, else ``None`` (other URLs too)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from bot.storage import engine_url

    try:
        real = make_url(engine_url(url))
    except (ArgumentError, ValueError):
        return None  # Storage.open explains a bad URL
    database = real.database or ""
    if real.get_backend_name() != "sqlite" or database in ("", ":memory:") or database.startswith("file:"):
        return None
    path = Path(database).expanduser()
    return None if path.exists() else str(path.resolve())


def _existing_storage(url: str) -> Storage:
    """The database at ``url``, opened; a SQLite file that does not exist is refused, since
    opening it would create and migrate an empty database and read nothing but zeros."""
    from bot.storage import Storage

    missing = _missing_sqlite_file(url)
    if missing:
        raise UserFacingError(f"no database at {missing} (set DATABASE_URL)")
    return Storage.open(url)  # a StorageError says what is wrong, without passwords


def _write(text: str, output: str | None) -> int:
    if not output:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return 0
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserFacingError(f"{output}: {exc.strerror or exc}") from None
    return 0


def cmd_kb_export(args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge.export import export

    kb = load_for(args.path or settings.kb_path, args.lang)
    return _write(export(kb, args.format, args.lang or kb.policy.default_language), args.output)


def cmd_kb_suggest(args: argparse.Namespace, settings: Settings) -> int:
    from datetime import UTC, datetime, timedelta

    from bot.data.messages import msg
    from bot.features.owner.feature import MAX_DAYS
    from bot.features.owner.learning import LearningRepo, additions, additions_yaml, question_count

    if args.days is not None and not 1 <= args.days <= MAX_DAYS:
        raise UserFacingError(f"--days must be between 1 and {MAX_DAYS}")
    kb = load_for(args.path or settings.kb_path, args.lang)
    lang = args.lang or kb.policy.default_language
    storage = _existing_storage(settings.database_url)
    try:
        # Only what GUIDEBOT_KEEP_QUESTIONS_DAYS still allows, whether or not a server pruned it yet.
        now = datetime.now(UTC)
        kept = now - timedelta(days=settings.keep_questions_days)
        since = max(kept, now - timedelta(days=args.days)) if args.days else kept
        suggestions = LearningRepo(storage.engine).suggestions(since) if settings.keep_questions_days else []
    finally:
        storage.close()
    clauses = additions(suggestions, kb)
    if not clauses:
        return _write(f"# {msg('suggest.none', lang)}", args.output)
    header = msg("suggest.header", lang, questions=question_count(clauses), clauses=len(clauses))
    return _write(f"# {header}\n{additions_yaml(clauses)}", args.output)


def cmd_report(args: argparse.Namespace, settings: Settings) -> int:
    from bot.domain.texts import pick
    from bot.features.owner.feature import MAX_DAYS, load_report
    from bot.features.owner.render_text import report_text
    from bot.features.owner.report_html import report_html
    from bot.features.owner.store import UsageRepo

    if not 1 <= args.days <= MAX_DAYS:
        raise UserFacingError(f"--days must be between 1 and {MAX_DAYS}")
    kb = load_for(args.kb or settings.kb_path, args.lang)
    lang = args.lang or kb.policy.default_language
    storage = _existing_storage(settings.database_url)
    try:
        report = load_report(
            UsageRepo(storage.engine), kb, args.days, lang, keep_questions_days=settings.keep_questions_days
        )
    finally:
        storage.close()
    if args.json:
        return _write(json.dumps(report.to_json(), ensure_ascii=False, indent=2), args.output)
    if args.html:
        return _write(report_html(report, lang, pick(kb.policy.title, lang, kb.policy.default_language)), args.output)
    return _write(report_text(report, lang), args.output)
