"""The policy owner's loop, wired onto an :class:`~bot.app.App`.

:func:`install` adds usage records (the dispatcher's ``recorder``), the
``feedback`` and ``finding_wrong`` hooks the adapters' buttons call, the
``quiz_answer`` hook, ``policy quiz``, ``policy report`` (managers) and the
knowledge-base watcher. :func:`background` runs the watcher and the daily
retention pruning while ``serve`` or ``chat`` runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.assistant.dispatch import CommandContext
from bot.data.messages import msg
from bot.domain.replies import NoticeReply, Reply, ReportReply
from bot.domain.texts import pick
from bot.features.owner.quiz import QuizMaster
from bot.features.owner.report import Report, build_report
from bot.features.owner.usage import UsageRecorder
from bot.knowledge.watch import KbWatcher
from bot.runtime.background import Loop, running
from bot.runtime.logsafe import describe_failure

if TYPE_CHECKING:
    from bot.app import App
    from bot.domain.policy import KnowledgeBase
    from bot.features.owner.store import UsageRepo

log = logging.getLogger(__name__)

DEFAULT_DAYS = 30
MAX_DAYS = 3660
PRUNE_EVERY = timedelta(days=1)
_DAYS = re.compile(r"^(\d{1,4})\s*(?:d|days?|日)?$", re.IGNORECASE)


def install(app: App, kb_path: str, repo: UsageRepo | None = None, *, quiz_seed: int | None = None) -> None:
    """Wire usage records, feedback, quiz, report and live reload onto ``app``."""
    settings = app.settings
    recorder = None
    if repo is not None:
        key = settings.hash_key.encode() if settings.hash_key else repo.hash_key()
        recorder = UsageRecorder(repo, key, settings.keep_questions_days)
        app.dispatcher.recorder = recorder
        app.extras["usage"] = recorder
        app.extras["usage_repo"] = repo
    quiz = QuizMaster(app.bot, repo, seed=quiz_seed, on_answer=recorder.quiz_answer if recorder else None)
    app.extras["quiz"] = quiz
    app.extras["kb_watcher"] = KbWatcher(kb_path, app.bot)

    async def feedback(platform: str, user_id: str, clause_id: str, helpful: bool) -> None:
        if recorder is not None and clause_id:
            await recorder.feedback(platform, user_id, clause_id, helpful)

    async def finding_wrong(platform: str, user_id: str, check_id: str, lang: str | None = None) -> Reply:
        if recorder is not None and check_id:
            await recorder.finding_wrong(platform, user_id, check_id)
        # The button carries its card's language; without it, the policy's default.
        lang = lang if lang and lang in app.bot.kb.languages else app.bot.kb.policy.default_language
        return NoticeReply(lang, msg("feedback.wrong", lang), "success")

    async def quiz_answer(platform: str, user_id: str, value: str) -> Reply:
        return await quiz.answer_value(platform, user_id, value)

    app.extras["feedback"] = feedback
    app.extras["finding_wrong"] = finding_wrong
    app.extras["quiz_answer"] = quiz_answer
    # Teams cards submit {"action": ..., "value": ...}: route ours through the same hooks.
    actions: dict[str, Any] = app.extras.setdefault("card_actions", {})
    actions["quiz_answer"] = lambda platform, user, value: quiz_answer(platform, user, str(value.get("value", "")))
    actions["finding_wrong"] = lambda platform, user, value: finding_wrong(
        platform, user, str(value.get("check", "")), value.get("lang")
    )
    # A bare number from someone with a quiz question open answers it, on every platform.
    app.dispatcher.awaiting["quiz"] = lambda incoming: quiz.pending(incoming.platform, incoming.user_id)

    async def quiz_command(ctx: CommandContext, rest: str) -> Reply:
        return await run_quiz_command(quiz, ctx, rest)

    async def report_command(ctx: CommandContext, rest: str) -> Reply:
        if not ctx.is_manager:
            owner = ctx.bot.policy_info(ctx.lang).owner
            return NoticeReply(ctx.lang, msg("manager.only", ctx.lang, sub="report", owner=owner), "warning")
        days = parse_days(rest)
        if days is None:
            return NoticeReply(ctx.lang, msg("report.usage", ctx.lang, max=MAX_DAYS), "warning")
        if repo is None:
            return NoticeReply(ctx.lang, msg("report.nostorage", ctx.lang), "warning")
        report = await asyncio.to_thread(load_report, repo, ctx.bot.kb, days, ctx.lang)
        return ReportReply(ctx.lang, report, ctx.bot.policy_info(ctx.lang))

    app.dispatcher.register("quiz", quiz_command)
    app.dispatcher.register("report", report_command)


async def run_quiz_command(quiz: QuizMaster, ctx: CommandContext, rest: str) -> Reply:
    """``policy quiz`` starts; ``policy quiz N`` answers; ``policy quiz stop`` ends."""
    who = (ctx.incoming.platform, ctx.incoming.user_id)
    arg = rest.strip().lower()
    if arg.isdigit() and quiz.pending(*who):
        return await quiz.answer(*who, int(arg))
    if arg in ("stop", "end", "やめる", "終了"):
        lang = quiz.stop(*who) or ctx.lang
        return NoticeReply(lang, msg("quiz.stopped", lang))
    lang = ctx.incoming.lang or (arg if arg in ctx.bot.kb.languages else ctx.lang)
    return quiz.start(*who, lang)


def parse_days(text: str) -> int | None:
    """``""`` -> 30; ``"90d"``, ``"90"``, ``"90 days"``, ``"90日"`` -> 90; anything else -> None."""
    text = text.strip()
    if not text:
        return DEFAULT_DAYS
    m = _DAYS.match(text)
    if not m or not 1 <= int(m.group(1)) <= MAX_DAYS:
        return None
    return int(m.group(1))


def load_report(repo: UsageRepo, kb: KnowledgeBase, days: int, lang: str, now: datetime | None = None) -> Report:
    """The report over the last ``days`` UTC days, today included."""
    now = now or datetime.now(UTC)
    until = now.date()
    since = until - timedelta(days=days - 1)
    start = datetime(since.year, since.month, since.day, tzinfo=UTC)
    end = datetime(until.year, until.month, until.day, tzinfo=UTC) + timedelta(days=1)
    titles = {c.id: pick(c.title, lang, kb.policy.default_language) for c in kb.clauses}
    return build_report(
        repo.events(start, end),
        since,
        until,
        policy_version=kb.policy.version,
        titles=titles,
        reminders=repo.reminder_stats(start, end),
    )


def prune(app: App, now: datetime | None = None) -> None:
    repo: UsageRepo | None = app.extras.get("usage_repo")
    if repo is None:
        return
    deleted, cleared = repo.prune(
        now or datetime.now(UTC), app.settings.retention_days, app.settings.keep_questions_days
    )
    if deleted or cleared:
        log.info("usage retention: %d old record(s) deleted, %d question text(s) cleared", deleted, cleared)


async def _prune(app: App) -> None:
    await asyncio.to_thread(prune, app)


@contextlib.asynccontextmanager
async def background(app: App) -> AsyncIterator[None]:
    """While ``serve`` or ``chat`` runs: watch the knowledge base, prune old records daily."""
    watcher: KbWatcher | None = app.extras.get("kb_watcher")
    loops = [Loop("usage retention pruning", lambda: _prune(app), PRUNE_EVERY.total_seconds)]
    if watcher is not None:
        loops.append(watcher.loop())
    stop = watcher.stop if watcher is not None else threading.Event()
    # The sentence model's vectors of the base, prepared without holding up start-up or a question.
    warming = asyncio.create_task(asyncio.to_thread(app.bot.warm, stop))
    try:
        async with running(*loops):
            try:
                yield
            finally:
                stop.set()  # before the loops are awaited: a reload's warming ends early too
    finally:
        stop.set()
        try:
            await warming
        except Exception as exc:  # the bot answers by words alone; say why once
            log.warning("preparing the sentence model's vectors failed: %s", describe_failure(exc))
