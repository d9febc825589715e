"""Initial tables: reminders, deliveries, acks, conversation_refs, usage_events, quiz_scores.

Revision ID: 0001
Revises:
Create Date: 2026-11-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("team_id", sa.String(64)),
        sa.Column("channel_id", sa.String(255), nullable=False),
        sa.Column("schedule", sa.Text, nullable=False),
        sa.Column("cron", sa.String(128), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("clause_ids", sa.Text, nullable=False),
        sa.Column("rotation_index", sa.Integer, nullable=False),
        sa.Column("lang", sa.String(8)),
        sa.Column("created_by", sa.String(255), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("next_run_at", TS),
        sa.Column("last_message_ref", sa.Text),
    )
    op.create_index("ix_reminders_next_run_at", "reminders", ["next_run_at"])
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("reminder_id", sa.Integer, sa.ForeignKey("reminders.id"), nullable=False),
        sa.Column("due_at", TS, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("clause_id", sa.Text),
        sa.Column("message_ref", sa.Text),
        sa.Column("claimed_at", TS, nullable=False),
        sa.Column("sent_at", TS),
        sa.Column("error", sa.Text),
        sa.UniqueConstraint("reminder_id", "due_at", name="uq_deliveries_reminder_due"),
    )
    op.create_table(
        "acks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("reminder_id", sa.Integer, sa.ForeignKey("reminders.id"), nullable=False),
        sa.Column("delivery_id", sa.Integer, sa.ForeignKey("deliveries.id")),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("user_id", sa.String(255), nullable=False),
        sa.Column("acked_at", TS, nullable=False),
        sa.UniqueConstraint("reminder_id", "platform", "user_id", name="uq_acks_reminder_person"),
    )
    op.create_table(
        "conversation_refs",
        sa.Column("key", sa.String(512), primary_key=True),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("reference", sa.Text, nullable=False),
        sa.Column("meta", sa.Text, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "usage_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", TS, nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("user_hash", sa.String(128), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("clause_id", sa.String(128)),
        sa.Column("check_id", sa.String(128)),
        sa.Column("categories", sa.Text),
        sa.Column("keywords", sa.Text),
        sa.Column("question_text", sa.Text),
        sa.Column("duration_ms", sa.Float),
        sa.Column("lang", sa.String(8)),
    )
    op.create_index("ix_usage_events_at", "usage_events", ["at"])
    op.create_table(
        "quiz_scores",
        sa.Column("platform", sa.String(16), primary_key=True),
        sa.Column("user_id", sa.String(255), primary_key=True),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("correct", sa.Integer, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )


def downgrade() -> None:
    for table in ("quiz_scores", "usage_events", "conversation_refs", "acks", "deliveries", "reminders"):
        op.drop_table(table)
