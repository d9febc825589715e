"""The policy owner's loop, wired onto the dispatcher by :meth:`OwnerTools.activate`.

It adds usage records (the dispatcher's ``recorder``), the buttons ``helpful``,
``finding_wrong`` and ``quiz_answer``, ``policy quiz``, ``policy report`` (managers
only) and the knowledge-base watcher. :meth:`OwnerTools.background` runs the watcher,
the sentence model's warm-up and the daily retention pruning while ``serve`` or
``chat`` runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from bot.assistant.dispatch import OFFERED_CLAUSE, CommandContext, CommandSpec, Dispatcher, Observer
from bot.assistant.engine import GuideBot
from bot.data.messages import msg
from bot.domain.commands import ButtonPress, Incoming
from bot.domain.policy import KnowledgeBase
from bot.domain.replies import AnswerReply, NoticeReply, Reply
from bot.domain.texts import pick, whole_number
from bot.features.owner.learning import Learning, LearningRepo
from bot.features.owner.quiz import QuizMaster
from bot.features.owner.replies import ReportReply
from bot.features.owner.report import Report, build_report
from bot.features.owner.store import QuizRepo, UsageRepo
from bot.features.owner.usage import UsageRecorder
from bot.knowledge.watch import KbWatcher
from bot.runtime.background import Loop, running
from bot.runtime.logsafe import describe_failure
from bot.runtime.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_DAYS = 30
MAX_DAYS = 3660
PRUNE_EVERY = timedelta(days=1)
EXPIRE_EVERY = timedelta(minutes=5)  # a person's last question is kept an hour at most, give or take this
QUIZ_KEPT = timedelta(days=7)  # a quiz in progress is forgotten after this long without an answer
_DAYS = re.compile(r"^(\d{1,4})\s*(?:d|days?|日)?$", re.IGNORECASE)
_YES = frozenset({"yes", "true"})


@dataclass(slots=True)
class OwnerTools:
    """Usage records, feedback, the quiz, the report and live reload, for one app."""

    bot: GuideBot
    settings: Settings
    repo: UsageRepo | None
    recorder: UsageRecorder | None
    quiz: QuizMaster
    watcher: KbWatcher

    @classmethod
    def activate(
        cls,
        bot: GuideBot,
        settings: Settings,
        dispatcher: Dispatcher,
        kb_path: str,
        repo: UsageRepo | None,
        *,
        quiz_seed: int | None = None,
    ) -> OwnerTools:
        """Build the owner's tools and register their subcommands and buttons on ``dispatcher``."""
        recorder = None
        if repo is not None:
            key = settings.hash_key.encode() if settings.hash_key else repo.hash_key()
            recorder = UsageRecorder(repo, key, settings.keep_questions_days, kb=lambda: bot.kb)
            dispatcher.recorder = recorder
            learning = Learning(LearningRepo(repo.engine), recorder.hash, settings.keep_questions_days, lambda: bot.kb)
            dispatcher.observers.append(learning.observe)
            dispatcher.observers.append(_record_choice(recorder))
        store = QuizRepo(repo.engine) if repo is not None else None
        quiz = QuizMaster(bot, store, seed=quiz_seed, on_answer=recorder.quiz_answer if recorder else None)
        tools = cls(bot, settings, repo, recorder, quiz, KbWatcher(kb_path, bot))
        dispatcher.add_command(CommandSpec("quiz", tools.quiz_command))
        dispatcher.add_command(CommandSpec("report", tools.report_command, manager_only=True))
        dispatcher.add_action("helpful", tools.helpful)
        dispatcher.add_action("finding_wrong", tools.finding_wrong)
        dispatcher.add_action("quiz_answer", tools.quiz_answer)
        # A bare number from someone with a quiz question open answers it, on every platform.
        dispatcher.await_number("quiz", lambda incoming: quiz.pending(incoming.platform, incoming.user_id))
        return tools

    def _lang(self, press: ButtonPress) -> str:
        # The button carries its message's language; without it, the policy's default.
        lang = press.lang
        return lang if lang and lang in self.bot.kb.languages else self.bot.kb.policy.default_language

    async def helpful(self, press: ButtonPress) -> Reply:
        """ "Was this helpful?": recorded against the clause, then thanks; after "no", where
        to find the clause that answers (picking it is the correction the base learns from).
        A button only carries a clause of the base: any other value was not made by guidebot
        (or names a clause removed since) and is not recorded."""
        clause = self.bot.kb.clause(press.value("clause"))
        helped = press.value("helpful") in _YES
        if self.recorder is not None and clause is not None:
            await self.recorder.feedback(press.platform, press.user_id, clause.id, helped)
        elif clause is None:
            log.info("ignored feedback on a clause the knowledge base does not have (platform=%s)", press.platform)
        lang = self._lang(press)
        return NoticeReply(lang, msg("helpful.thanks" if helped else "helpful.sorry", lang), "success")

    async def finding_wrong(self, press: ButtonPress) -> Reply:
        """ "This finding is wrong": recorded against the check id, then thanks (an id the
        base has no check for is not recorded, as for :meth:`helpful`)."""
        check_id = press.value("check")
        known = any(c.id == check_id for c in self.bot.kb.checks)
        if self.recorder is not None and known:
            await self.recorder.finding_wrong(press.platform, press.user_id, check_id)
        elif not known:
            log.info("ignored a report on a check the knowledge base does not have (platform=%s)", press.platform)
        lang = self._lang(press)
        return NoticeReply(lang, msg("feedback.wrong", lang), "success")

    async def quiz_answer(self, press: ButtonPress) -> Reply:
        return await self.quiz.answer_value(press.platform, press.user_id, press.value())

    async def quiz_command(self, ctx: CommandContext) -> Reply:
        return await run_quiz_command(self.quiz, ctx)

    async def report_command(self, ctx: CommandContext) -> Reply:
        days = parse_days(ctx.args)
        if days is None:
            return NoticeReply(ctx.lang, msg("report.usage", ctx.lang, max=MAX_DAYS), "warning")
        if self.repo is None:
            return NoticeReply(ctx.lang, msg("report.nostorage", ctx.lang), "warning")
        keep = self.settings.keep_questions_days
        report = await asyncio.to_thread(load_report, self.repo, ctx.bot.kb, days, ctx.lang, None, keep)
        return ReportReply(ctx.lang, report, ctx.bot.policy_info(ctx.lang))

    def prune(self, now: datetime | None = None) -> None:
        """Delete usage records past their retention, and question texts past theirs."""
        if self.repo is not None:
            prune(self.repo, self.settings, now or datetime.now(UTC))

    def expire_questions(self, now: datetime | None = None) -> None:
        """Forget each person's last question once it can no longer be corrected."""
        if self.repo is not None:
            LearningRepo(self.repo.engine).prune(now or datetime.now(UTC), self.settings.keep_questions_days)

    @contextlib.asynccontextmanager
    async def background(self) -> AsyncIterator[None]:
        """While ``serve`` or ``chat`` runs: watch the knowledge base, prune old records daily."""
        watcher = self.watcher
        loops = [
            Loop("usage retention pruning", lambda: asyncio.to_thread(self.prune), PRUNE_EVERY.total_seconds),
            Loop("question expiry", lambda: asyncio.to_thread(self.expire_questions), EXPIRE_EVERY.total_seconds),
            watcher.loop(),
        ]
        stop = watcher.stop
        # The sentence model's vectors of the base, prepared without holding up start-up or a question.
        warming = asyncio.create_task(asyncio.to_thread(self.bot.warm, stop))
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


async def run_quiz_command(quiz: QuizMaster, ctx: CommandContext) -> Reply:
    """``policy quiz`` starts; ``policy quiz N`` answers; ``policy quiz stop`` ends."""
    who = (ctx.incoming.platform, ctx.incoming.user_id)
    arg = ctx.args.strip().lower()
    number = whole_number(arg)
    if number is not None and await asyncio.to_thread(quiz.pending, *who):
        return await quiz.answer(*who, number)
    if arg in ("stop", "end", "やめる", "終了"):
        lang = await quiz.stop(*who) or ctx.lang
        return NoticeReply(lang, msg("quiz.stopped", lang))
    lang = arg if arg in ctx.bot.kb.languages else ctx.lang
    return await quiz.start(*who, lang)


def parse_days(text: str) -> int | None:
    """``""`` -> 30; ``"90d"``, ``"90"``, ``"90 days"``, ``"90日"`` -> 90; anything else -> None."""
    text = text.strip()
    if not text:
        return DEFAULT_DAYS
    m = _DAYS.match(text)
    if not m or not 1 <= int(m.group(1)) <= MAX_DAYS:
        return None
    return int(m.group(1))


def prune(repo: UsageRepo, settings: Settings, now: datetime) -> None:
    """Delete usage records past ``GUIDEBOT_RETENTION_DAYS``, question texts and learnt
    questions past ``GUIDEBOT_KEEP_QUESTIONS_DAYS`` and quizzes long left unanswered (``serve``
    and ``chat``: at start-up, then daily)."""
    deleted, cleared = repo.prune(now, settings.retention_days, settings.keep_questions_days)
    if deleted or cleared:
        log.info("usage retention: %d old record(s) deleted, %d question text(s) cleared", deleted, cleared)
    left = QuizRepo(repo.engine).prune(now - QUIZ_KEPT)
    if left:
        log.info("%d quiz(zes) left unanswered for %d days forgotten", left, QUIZ_KEPT.days)
    learnt = LearningRepo(repo.engine).prune(now, settings.keep_questions_days)
    if learnt:
        log.info("learned questions: %d past their keep period deleted", learnt)


def load_report(
    repo: UsageRepo,
    kb: KnowledgeBase,
    days: int,
    lang: str,
    now: datetime | None = None,
    keep_questions_days: int | None = None,
) -> Report:
    """The report over the last ``days`` UTC days, today included. With
    ``keep_questions_days``, question texts older than that (all of them at 0) are left out,
    whether or not they were pruned yet (the setting may have been lowered since)."""
    now = now or datetime.now(UTC)
    until = now.date()
    since = until - timedelta(days=days - 1)
    start = datetime(since.year, since.month, since.day, tzinfo=UTC)
    end = datetime(until.year, until.month, until.day, tzinfo=UTC) + timedelta(days=1)
    titles = {c.id: pick(c.title, lang, kb.policy.default_language) for c in kb.clauses}
    events = repo.events(start, end)
    kept = None if keep_questions_days is None else now - timedelta(days=keep_questions_days)
    if kept is not None:
        events = [
            replace(e, question_text=None) if e.question_text and not (keep_questions_days and e.at >= kept) else e
            for e in events
        ]
    return build_report(
        events,
        since,
        until,
        policy_version=kb.policy.version,
        titles=titles,
        reminders=repo.reminder_stats(start, end),
        suggestions=0 if keep_questions_days == 0 else LearningRepo(repo.engine).waiting(kept),
    )


def _record_choice(recorder: UsageRecorder) -> Observer:
    """The dispatcher's observer that counts an offered clause picked as an answer with it.
    A situation of the clause already answered is no other clause: its question was counted."""

    async def observe(event: Incoming | ButtonPress, reply: Reply | None) -> None:
        if not (isinstance(event, ButtonPress) and event.action == OFFERED_CLAUSE):
            return
        if isinstance(reply, AnswerReply) and reply.clause is not None and event.value("answered") != reply.clause.id:
            await recorder.chose(event.platform, event.user_id, reply.clause.id)

    return observe
