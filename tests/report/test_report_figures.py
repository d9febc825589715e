"""Report figures computed from known conversations driven through the console dispatcher."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from adapters.cli.main import main
from adapters.console import converse
from bot.app import App
from bot.domain.commands import ButtonPress
from bot.features.owner.feature import load_report, parse_days
from bot.features.owner.replies import ReportReply
from bot.runtime.settings import Settings
from bot.storage.schema import acks, deliveries, reminders, usage_events
from tests.report.conftest import MANAGER

ANSWERED = "Do I need to say I work at Acme when I talk about our industry?"
UNSURE = [
    "How many vacation days do I get?",
    "Can I carry over unused vacation days?",
    "Vacation days for new hires",
    "Who pays for parking at the office?",
]
PASS_DRAFT = "checkpost We had a lovely team lunch today."
WARN_DRAFT = "checkpost I think our product beats theirs."
BLOCK_DRAFT = "checkpost Project Kestrel launches next week."


async def _conversations(app: App) -> int:
    """Drive the known conversations; returns how many of dave's quiz answers are right."""
    await converse(app, [ANSWERED, UNSURE[0], PASS_DRAFT], user_id="alice")
    await converse(app, [ANSWERED, UNSURE[1], UNSURE[2], WARN_DRAFT], user_id="bob")
    await converse(app, [UNSURE[3], BLOCK_DRAFT, WARN_DRAFT], user_id="carol")
    for user, helpful in (("alice", "yes"), ("bob", "no"), ("carol", "yes")):
        await app.dispatcher.press(
            ButtonPress("console", user, "helpful", {"clause": "AC-DISCLOSE", "helpful": helpful})
        )
    await app.dispatcher.press(ButtonPress("console", "bob", "finding_wrong", {"check": "opinion-needs-disclaimer"}))
    (first,) = await converse(app, ["policy quiz"], user_id="dave")
    assert first.startswith("Question 1 of 3"), first
    # The seeded quiz's questions, as dealt: dave answers option 1, 2 and 3 in turn, each right
    # exactly where it is the question's right option.
    state = app.owner.quiz.state("console", "dave")
    assert state is not None and len(state.questions) == 3
    right = [q.answer == i for i, q in enumerate(state.questions)]
    replies = await converse(app, ["1", "2", "3"], user_id="dave")
    assert [r.startswith("✅ Right!") for r in replies] == right  # each reply says so
    return sum(right)


def _reminder_rows(app: App) -> None:
    now = datetime.now(UTC)
    with app.storage.engine.begin() as conn:
        rid = conn.execute(
            reminders.insert().values(
                platform="slack",
                channel_id="C1",
                schedule="every monday 09:00",
                cron="0 9 * * 1",
                timezone="UTC",
                clause_ids="[]",
                rotation_index=0,
                created_by=MANAGER,
                created_at=now,
                active=True,
            )
        ).inserted_primary_key[0]
        for days_ago, status in ((1, "sent"), (8, "sent"), (15, "failed"), (400, "sent")):
            conn.execute(
                deliveries.insert().values(
                    reminder_id=rid,
                    due_at=now - timedelta(days=days_ago),
                    status=status,
                    attempts=1,
                    claimed_at=now - timedelta(days=days_ago),
                )
            )
        for user in ("u1", "u2", "u3"):
            conn.execute(acks.insert().values(reminder_id=rid, platform="slack", user_id=user, acked_at=now))


async def test_report_counts_every_kind_of_interaction(app: App) -> None:
    assert app.bot.ask(ANSWERED).clause is not None
    assert app.bot.ask(ANSWERED).clause.id == "AC-DISCLOSE"  # type: ignore[union-attr]
    assert all(app.bot.ask(q).outcome == "unsure" for q in UNSURE)
    expected_correct = await _conversations(app)
    # The seed deals a quiz with both right and wrong answers: a count that mixes them up shows.
    assert 0 < expected_correct < 3
    _reminder_rows(app)

    report = load_report(app.owner.repo, app.bot.kb, 30, "en")
    data = report.to_json()
    assert (data["questions"], data["answered"], data["unsure"]) == (6, 2, 4)
    # Quiz commands and answers are not questions; only today is busy.
    today = [d for d in data["per_day"] if d["questions"]]  # type: ignore[union-attr]
    assert today == [{"day": datetime.now(UTC).date().isoformat(), "questions": 6, "unsure": 4, "checks": 4}]
    gaps = data["gaps"]
    assert isinstance(gaps, list)
    assert gaps[0]["count"] == 3 and {"vacation", "days"} <= set(gaps[0]["keywords"])
    assert [g["count"] for g in gaps] == [3, 1] and "parking" in gaps[1]["keywords"]
    assert data["checks"] == {"pass": 1, "warn": 2, "block": 1}
    assert data["categories"] == {"disclaimer": 2, "confidential": 1}
    assert data["helpful"] == {"yes": 2, "no": 1}
    clauses = {c["clause"]: c for c in data["clauses"]}  # type: ignore[union-attr]
    assert clauses["AC-DISCLOSE"]["asked"] == 2 and clauses["AC-DISCLOSE"]["helpful"] == {"yes": 2, "no": 1}
    findings = {f["check"]: f for f in data["findings"]}  # type: ignore[union-attr]
    assert findings["opinion-needs-disclaimer"] == {"check": "opinion-needs-disclaimer", "fired": 2, "wrong": 1}
    quiz = data["quiz"]
    assert isinstance(quiz, dict) and quiz["attempts"] == 3 and quiz["people"] == 1
    assert quiz["correct"] == expected_correct
    (reminder,) = data["reminders"]  # type: ignore[misc]
    assert reminder["deliveries"] == 2 and reminder["failed"] == 1 and reminder["acks"] == 3


async def test_policy_report_in_chat_is_for_managers_only(app: App) -> None:
    await converse(app, [UNSURE[0], UNSURE[1]], user_id="alice")
    refused = await app.dispatcher.handle(_incoming("alice", "policy report"))
    assert not isinstance(refused, ReportReply)
    (text,) = await converse(app, ["policy report 7d"], user_id=MANAGER)
    assert "Questions: 2 (0 answered, 2 unsure)" in text
    assert "2× " in text and "vacation" in text
    (bad,) = await converse(app, ["policy report forever"], user_id=MANAGER)
    assert "Usage: `policy report" in bad


def _incoming(user: str, text: str) -> object:
    from adapters.console import to_incoming

    return to_incoming(text, user)


@pytest.mark.parametrize(
    ("text", "days"), [("", 30), ("7d", 7), ("90", 90), ("14 days", 14), ("30日", 30), ("0d", None), ("x", None)]
)
def test_parse_days(text: str, days: int | None) -> None:
    assert parse_days(text) == days


async def test_cli_report_json_has_the_contract_keys(
    app: App, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    await _conversations(app)
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("GUIDEBOT_KB", settings.kb_path)
    assert main(["report", "--days", "7", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("questions", "unsure", "gaps", "checks", "helpful", "quiz", "reminders"):
        assert key in data
    assert data["questions"] == 6 and data["quiz"]["attempts"] == 3
    assert main(["report"]) == 0
    assert "Knowledge gaps" in capsys.readouterr().out
    assert main(["report", "--days", "0"]) == 2


async def test_users_are_hashed_and_old_records_pruned(app: App) -> None:

    await converse(app, [ANSWERED, UNSURE[0]], user_id="alice@example.com")
    engine = app.storage.engine
    with engine.connect() as conn:
        rows = conn.execute(select(usage_events)).mappings().all()
    assert rows and all("alice" not in str(v) for row in rows for v in row.values())
    assert len({row["user_hash"] for row in rows}) == 1
    assert all(row["question_text"] is None for row in rows)  # GUIDEBOT_KEEP_QUESTIONS_DAYS=0
    app.owner.prune(now=datetime.now(UTC) + timedelta(days=app.settings.retention_days + 1))
    with engine.connect() as conn:
        assert conn.execute(select(usage_events)).all() == []


async def test_feedback_on_what_the_base_does_not_have_is_not_recorded(app: App) -> None:
    """A button only carries the base's own clause and check ids; made-up values count nowhere."""
    for clause in ("AC-NOPE", "<!channel>", "x" * 10_000):
        await app.dispatcher.press(ButtonPress("console", "eve", "helpful", {"clause": clause, "helpful": "no"}))
    await app.dispatcher.press(ButtonPress("console", "eve", "finding_wrong", {"check": "no-such-check"}))
    await app.dispatcher.press(ButtonPress("console", "eve", "helpful", {"clause": "ac-disclose", "helpful": "yes"}))
    data = load_report(app.owner.repo, app.bot.kb, 30, "en").to_json()
    assert data["helpful"] == {"yes": 1, "no": 0}  # the lower-case id is the base's clause
    assert [c["clause"] for c in data["clauses"] if c["helpful"] != {"yes": 0, "no": 0}] == ["AC-DISCLOSE"]  # type: ignore[union-attr, index]
    assert all(f["wrong"] == 0 for f in data["findings"])  # type: ignore[union-attr, index]


async def test_a_clause_picked_under_also_see_counts_as_asked(app: App) -> None:
    """The offered clause answered the person's question: the report counts it with the others."""
    question = "teammate's leaving next month, ok to post a goodbye before she tells people?"
    first = app.bot.ask(question)
    assert first.clause is not None and "AC-COLLEAGUES" in [a.clause.id for a in first.alternatives]
    await converse(app, [question], user_id="erin")
    picked = ButtonPress("console", "erin", "offered_clause", {"clause": "AC-COLLEAGUES", "case": ""}, "en")
    assert await app.dispatcher.press(picked) is not None
    data = load_report(app.owner.repo, app.bot.kb, 30, "en").to_json()
    asked = {c["clause"]: c["asked"] for c in data["clauses"]}  # type: ignore[union-attr, index]
    assert asked[first.clause.id] == 1 and asked["AC-COLLEAGUES"] == 1
    assert data["questions"] == 1  # one question, answered twice
