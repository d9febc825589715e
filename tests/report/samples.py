"""Fixed owner's-loop replies (quiz steps, reports) for the Slack and Teams renderer goldens.

Reports are built by the real :func:`bot.features.owner.report.build_report` from fixed usage events,
so a golden file shows what a manager reads for a known month.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.assistant.engine import GuideBot
from bot.data.messages import msg
from bot.domain.policy import VERDICTS, Clause
from bot.domain.texts import pick, pick_list
from bot.features.owner.replies import QuizOutcome, QuizQuestion, QuizReply, ReportReply
from bot.features.owner.report import ReminderStat, Report, build_report
from bot.features.owner.usage import UsageEvent

SINCE, UNTIL = date(2026, 11, 1), date(2026, 11, 30)


def _event(day: int, kind: str, outcome: str, user: str = "u1", **more: object) -> UsageEvent:
    at = datetime(2026, 11, day, 10, tzinfo=UTC) + timedelta(minutes=len(str(more)))
    return UsageEvent(at, "slack", kind, user, outcome, **more)  # type: ignore[arg-type]


def sample_events() -> list[UsageEvent]:
    ev = [
        _event(2, "question", "answered", clause_id="AC-DISCLOSE", duration_ms=4.0),
        _event(2, "question", "answered", "u2", clause_id="AC-DISCLOSE", duration_ms=6.0),
        _event(3, "question", "answered", clause_id="AC-PRIVACY", duration_ms=5.0),
        _event(3, "question", "unsure", keywords="vacation days", duration_ms=3.0),
        _event(4, "question", "unsure", "u2", keywords="carry unused vacation days", duration_ms=3.0),
        _event(4, "question", "unsure", "u3", keywords="parking office pays", duration_ms=3.0),
        _event(5, "check", "pass", duration_ms=2.0),
        _event(5, "check", "warn", check_id="opinion-needs-disclaimer", categories="disclaimer", duration_ms=2.0),
        _event(6, "check", "block", check_id="confidential-codenames", categories="confidential", duration_ms=2.0),
        _event(6, "feedback", "yes", clause_id="AC-DISCLOSE"),
        _event(6, "feedback", "no", "u2", clause_id="AC-DISCLOSE"),
        _event(7, "feedback", "wrong_finding", check_id="opinion-needs-disclaimer"),
        _event(8, "quiz", "correct", clause_id="AC-PRIVACY"),
        _event(8, "quiz", "wrong", clause_id="AC-DISCLOSE"),
        _event(8, "quiz", "correct", "u3", clause_id="AC-SCOPE"),
    ]
    return ev


def sample_report(bot: GuideBot, lang: str = "en") -> Report:
    titles = {c.id: pick(c.title, lang) for c in bot.kb.clauses}
    reminders = (
        ReminderStat(1, "C0123ABCD", "every monday 09:00", True, 4, 0, 7),
        ReminderStat(2, "19:comms@thread.tacv2", "0 10 1 * *", True, 1, 1, 0),
    )
    return build_report(
        sample_events(), SINCE, UNTIL, policy_version=bot.kb.policy.version, titles=titles, reminders=reminders
    )


def report_reply(bot: GuideBot, lang: str = "en") -> ReportReply:
    return ReportReply(lang, sample_report(bot, lang), bot.policy_info(lang))


def empty_report_reply(bot: GuideBot, lang: str = "en") -> ReportReply:
    report = build_report([], SINCE, UNTIL, policy_version=bot.kb.policy.version)
    return ReportReply(lang, report, bot.policy_info(lang))


def huge_report_reply(bot: GuideBot) -> ReportReply:
    """A month with 300 distinct gaps, 40 noisy checks and 60 reminders: lists must be cut."""
    events = [_event(1 + i % 28, "question", "unsure", f"u{i}", keywords=f"topic{i} word{i}") for i in range(300)]
    events += [_event(2, "check", "warn", check_id=f"check-{i}", categories=f"category-{i}" * 5) for i in range(40)]
    events += [_event(3, "feedback", "wrong_finding", check_id=f"check-{i}") for i in range(40)]
    reminders = tuple(ReminderStat(i, f"C{i:08d}", "every monday 09:00 " * 5, True, 3, 0, 2) for i in range(60))
    report = build_report(events, SINCE, UNTIL, policy_version="v" * 80, reminders=reminders)
    return ReportReply("en", report, bot.policy_info("en"))


def quiz_steps(bot: GuideBot, lang: str = "en") -> dict[str, QuizReply]:
    """The first question, a wrong answer with the next question, and the final score.

    Built by hand from fixed clauses, so the goldens do not move when the matcher
    (which :meth:`QuizMaster.make_questions` consults) is tuned.
    """
    crisis, copyright_, concerns, facility = (
        _clause(bot, i) for i in ("AC-CRISIS", "AC-COPYRIGHT", "AC-WORK-CONCERNS", "AC-FACILITY-SECURITY")
    )
    first = QuizQuestion(
        f"verdict:{crisis.id}",
        msg("quiz.verdict", lang, question=pick_list(crisis.questions, lang)[0]),
        tuple(msg(f"verdict.{v}", lang) for v in VERDICTS),
        VERDICTS.index(crisis.verdict),
        crisis.id,
    )
    second = QuizQuestion(
        f"clause:{copyright_.id}",
        msg("quiz.clause", lang, question=pick_list(copyright_.questions, lang)[0]),
        tuple(f"{c.id}: {pick(c.title, lang)}" for c in (copyright_, concerns, facility)),
        0,
        copyright_.id,
    )
    info = bot.policy_info(lang)
    wrong = QuizOutcome(False, first.options[first.answer], crisis)
    right = QuizOutcome(True, second.options[second.answer], copyright_)
    return {
        "start": QuizReply(lang, info, 1, 3, first),
        "next": QuizReply(lang, info, 2, 3, second, wrong),
        "done": QuizReply(lang, info, 3, 3, None, right, (2, 3), (5, 8)),
    }


def _clause(bot: GuideBot, clause_id: str) -> Clause:
    clause = bot.clause(clause_id)
    assert clause is not None, clause_id
    return clause
