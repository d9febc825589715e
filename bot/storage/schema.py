"""The tables guidebot keeps (one MetaData), as agreed in the shared storage schema.

Times are stored in UTC and always come back timezone-aware (:class:`UTCDateTime`),
whatever the database; no table has a column for draft text.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp kept in UTC; SQLite (which has no zones) gets naive UTC, reads come back aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


metadata = MetaData()

reminders = Table(
    "reminders",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("platform", String(16), nullable=False),
    Column("team_id", String(64)),
    Column("channel_id", String(255), nullable=False),
    Column("schedule", Text, nullable=False),  # as the manager typed it
    Column("cron", String(128), nullable=False),  # normalised 5-field form; "" for a one-off announcement
    Column("timezone", String(64), nullable=False),
    Column("clause_ids", Text, nullable=False, default="[]"),  # JSON list; [] = rotation over all clauses
    Column("rotation_index", Integer, nullable=False, default=0),
    Column("lang", String(8)),  # reply language; NULL = the policy's default language
    Column("created_by", String(255), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("next_run_at", UTCDateTime, index=True),
    Column("last_message_ref", Text),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reminder_id", Integer, ForeignKey("reminders.id"), nullable=False),
    Column("due_at", UTCDateTime, nullable=False),
    Column("status", String(16), nullable=False),  # claimed | sent | failed | missed | gave_up
    Column("attempts", Integer, nullable=False, default=0),
    Column("clause_id", Text),  # comma-separated when one message shows several clauses
    Column("message_ref", Text),
    Column("claimed_at", UTCDateTime, nullable=False),
    Column("sent_at", UTCDateTime),
    Column("error", Text),
    UniqueConstraint("reminder_id", "due_at", name="uq_deliveries_reminder_due"),
)

acks = Table(
    "acks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reminder_id", Integer, ForeignKey("reminders.id"), nullable=False),
    Column("delivery_id", Integer, ForeignKey("deliveries.id")),
    Column("platform", String(16), nullable=False),
    Column("user_id", String(255), nullable=False),
    Column("acked_at", UTCDateTime, nullable=False),
    UniqueConstraint("reminder_id", "platform", "user_id", name="uq_acks_reminder_person"),
)

conversation_refs = Table(
    "conversation_refs",
    metadata,
    Column("key", String(512), primary_key=True),
    Column("platform", String(16), nullable=False),
    Column("reference", Text, nullable=False),  # JSON
    Column("meta", Text, nullable=False, default="{}"),  # JSON
    Column("updated_at", UTCDateTime, nullable=False),
)

usage_events = Table(
    "usage_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("platform", String(16), nullable=False),
    Column("kind", String(16), nullable=False),  # question | check | feedback | quiz | choice
    Column("user_hash", String(128), nullable=False),  # keyed HMAC of platform:user_id, never the id
    Column("outcome", String(16), nullable=False),
    Column("clause_id", String(128)),
    Column("check_id", String(128)),
    Column("categories", Text),
    Column("keywords", Text),
    Column("question_text", Text),  # only when GUIDEBOT_KEEP_QUESTIONS_DAYS > 0; pruned
    Column("duration_ms", Float),
    Column("lang", String(8)),
)

quiz_scores = Table(
    "quiz_scores",
    metadata,
    Column("platform", String(16), primary_key=True),
    Column("user_id", String(255), primary_key=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("correct", Integer, nullable=False, default=0),
    Column("updated_at", UTCDateTime, nullable=False),
)

# Questions people corrected: a "not helpful" answer, then the clause they picked. Candidate
# example questions for that clause (``guidebot kb suggest``), masked, kept at most
# GUIDEBOT_KEEP_QUESTIONS_DAYS. Each person's last question waits here (status asked or
# rejected) until their next one.
learned_questions = Table(
    "learned_questions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", UTCDateTime, nullable=False, index=True),
    Column("user_hash", String(128), nullable=False, index=True),  # keyed HMAC, as in usage_events
    Column("lang", String(8), nullable=False),
    Column("question", Text, nullable=False),  # masked (bot.checks.masking.mask_sensitive)
    Column("answered_clause", String(128)),  # NULL: the reply was unsure
    Column("chosen_clause", String(128)),
    Column("chosen_case", String(128)),  # the situation of chosen_clause the answer was in, if any
    Column("status", String(16), nullable=False),  # asked | rejected | chosen
)

# Per-installation values, e.g. the usage-hash key when GUIDEBOT_HASH_KEY is not set.
installation = Table(
    "installation",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

# Quizzes in progress, one per person, so that any replica takes the next answer.
quizzes = Table(
    "quizzes",
    metadata,
    Column("platform", String(16), primary_key=True),
    Column("user_id", String(255), primary_key=True),
    Column("lang", String(8), nullable=False),
    Column("questions", Text, nullable=False),  # JSON: the quiz's questions, options and answers
    Column("position", Integer, nullable=False, default=0),  # the question being asked, 0-based
    Column("correct", Integer, nullable=False, default=0),
    Column("updated_at", UTCDateTime, nullable=False, index=True),
)

# Slack event ids already taken, so that a retried event is answered once, whichever replica it reaches.
slack_events = Table(
    "slack_events",
    metadata,
    Column("event_id", String(128), primary_key=True),
    Column("taken_at", UTCDateTime, nullable=False, index=True),
)
