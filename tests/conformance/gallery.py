"""A gallery of replies: every reply type, in English and Japanese, with 0, 1, 5 and 60
findings, and with every text a person or a knowledge base can write replaced by
hostile text (markup, mentions, links).

The conformance tests render the whole gallery on every surface and validate it with the
platforms' own validators; the property test feeds random hostile text through
:func:`every_reply`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date

from bot.assistant.engine import GuideBot
from bot.domain.findings import CheckResult, Finding
from bot.domain.policy import Clause
from bot.domain.replies import (
    AnswerReply,
    CheckReply,
    ClauseListReply,
    ClauseReply,
    FormReply,
    HelpReply,
    NoticeReply,
    PolicyInfo,
    ReminderItem,
    ReminderListReply,
    ReminderReply,
    Reply,
    ScoredClause,
)
from bot.domain.texts import pick
from bot.features.owner.replies import QuizOutcome, QuizQuestion, QuizReply, ReportReply
from bot.features.owner.report import CheckStat, ClauseStat, DayCount, Gap, ReminderStat, Report
from tests.report.samples import empty_report_reply, quiz_steps, report_reply

LANGS = ("en", "ja")
FINDING_COUNTS = (0, 1, 5, 60)
# A draft and knowledge-base text full of what the surfaces would read as markup.
MARKUP = (
    "**revenue** [click here](evil.example/x) *profits* _x_ ~soon~ `code` <@U123> <!channel> "
    "<#C0GEN> @here &amp; & < > <https://evil.example|login> # heading\n- item\n1. first\n> quote "
    "https://evil.example/y www.evil.example a@b.example :smile: <at>Bob</at> \\ | 社外秘の**売上**"
)


def _findings(bot: GuideBot, lang: str, n: int, text: str | None) -> tuple[Finding, ...]:
    checks = bot.kb.checks
    out = []
    for i in range(n):
        check = checks[i % len(checks)]
        excerpt = text if text is not None else f"draft part {i} {MARKUP[: 20 + i]}"
        out.append(
            Finding(
                check.id,
                check.category,
                check.severity,
                check.clause,
                i,
                i + len(excerpt),
                text if text is not None else pick(check.message, lang),
                (text if text is not None else pick(check.suggestion, lang)) if check.suggestion else None,
                excerpt if i % 4 != 3 else None,  # some findings are about the whole draft
            )
        )
    return tuple(out)


def _result(bot: GuideBot, lang: str, n: int, text: str | None) -> CheckResult:
    findings = _findings(bot, lang, n, text)
    verdict = "pass" if not findings else ("block" if any(f.severity == "error" for f in findings) else "warn")
    return CheckResult(verdict, lang, findings)


def _clause(clause: Clause, text: str | None) -> Clause:
    if text is None:
        return clause
    return dataclasses.replace(clause, title={"en": text, "ja": text}, answer={"en": text, "ja": text})


def _report(text: str) -> Report:
    day = date(2026, 11, 2)
    return Report(
        since=date(2026, 11, 1),
        until=date(2026, 11, 30),
        policy_version=text,
        questions=3,
        answered=1,
        unsure=2,
        per_day=(DayCount(day, 3, 2, 1),),
        clauses=(ClauseStat("AC-SCOPE", text, 2, 1, 0),),
        gaps=(Gap((text, "vacation"), 2),),
        checks={"warn": 1},
        categories={text: 1},
        check_stats=(CheckStat(text, 3, 1),),
        helpful_yes=1,
        helpful_no=0,
        quiz_attempts=1,
        quiz_correct=1,
        quiz_people=1,
        reminders=(ReminderStat(1, text, text, True, 2, 0, 1),),
        median_ms=3.0,
    )


def every_reply(bot: GuideBot, lang: str, text: str | None = None, findings: int = 3) -> dict[str, Reply]:
    """One reply of every type; with ``text``, every person's or knowledge base's text is ``text``."""
    kb = bot.kb
    clauses = [_clause(c, text) for c in kb.clauses[:3]]
    info = bot.policy_info(lang)
    if text is not None:
        info = PolicyInfo(text, info.version, text)
    result = _result(bot, lang, findings, text)
    cited = {f.clause: _clause(kb.by_id[f.clause], text) for f in result.findings}
    answered = (ScoredClause(clauses[0], 0.9), ScoredClause(clauses[1], 0.4))
    word = text if text is not None else "AC-NOPE"
    steps = quiz_steps(bot, lang)
    question = QuizQuestion(f"clause:{clauses[0].id}", text or "Which clause?", (word, "b", "c"), 0, clauses[0].id)
    outcome = QuizOutcome(False, word, clauses[1])
    item = ReminderItem(1, "C0GENERAL", text or "every monday 09:00", "2026-12-07 09:00", 2, 1, ("AC-SCOPE",), text)
    replies: dict[str, Reply] = {
        "answer": AnswerReply(lang, lang, "answered", answered, info),
        "answer_quoting_draft": AnswerReply(lang, lang, "answered", answered, info, result),
        "unsure": AnswerReply(lang, lang, "unsure", answered, info, result),
        "check": CheckReply(lang, result, info, cited),
        "clause": ClauseReply(lang, clauses[0], info, tuple(clauses[1:])),
        "list": ClauseListReply(lang, tuple(clauses), info),
        "help": HelpReply(lang, info, is_manager=True),
        "notice": NoticeReply(lang, f"No such clause: {word}", "warning"),
        "form": FormReply(lang),
        "reminder": ReminderReply(lang, 1, 2, tuple(clauses[:2]), info),
        "reminder_superseded": ReminderReply(lang, 1, 2, tuple(clauses[:1]), info, active=False),
        "reminder_list": ReminderListReply(lang, (item,), "Asia/Tokyo"),
        "reminder_list_empty": ReminderListReply(lang, (), "UTC"),
        "quiz_start": steps["start"] if text is None else QuizReply(lang, info, 1, 3, question),
        "quiz_next": steps["next"] if text is None else QuizReply(lang, info, 2, 3, question, outcome),
        "quiz_done": steps["done"],
        "report": report_reply(bot, lang) if text is None else ReportReply(lang, _report(text), info),
        "report_empty": empty_report_reply(bot, lang),
    }
    return replies


def gallery(bot: GuideBot) -> Iterator[tuple[str, Reply]]:
    """The whole gallery: ``(name, reply)`` for every type, language, finding count and hostile text."""
    for lang in LANGS:
        for name, reply in every_reply(bot, lang).items():
            yield f"{name}-{lang}", reply
        for n in FINDING_COUNTS:
            yield f"check-{n}-{lang}", every_reply(bot, lang, findings=n)["check"]
            yield f"answer_quoting_draft-{n}-{lang}", every_reply(bot, lang, findings=n)["answer_quoting_draft"]
        for name, reply in every_reply(bot, lang, MARKUP, findings=5).items():
            yield f"{name}-markup-{lang}", reply
        yield f"check-60-markup-{lang}", every_reply(bot, lang, MARKUP * 3, findings=60)["check"]
