"""State that several replicas share: quizzes in progress and the Slack events already taken.

Revision ID: 0004_replicas
Revises: 0003_learned_questions
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_replicas"
down_revision = "0003_learned_questions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "quizzes",
        sa.Column("platform", sa.String(16), primary_key=True),
        sa.Column("user_id", sa.String(255), primary_key=True),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("questions", sa.Text, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("correct", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_quizzes_updated_at", "quizzes", ["updated_at"])
    op.create_table(
        "slack_events",
        sa.Column("event_id", sa.String(128), primary_key=True),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_slack_events_taken_at", "slack_events", ["taken_at"])


def downgrade() -> None:
    op.drop_index("ix_slack_events_taken_at", "slack_events")
    op.drop_table("slack_events")
    op.drop_index("ix_quizzes_updated_at", "quizzes")
    op.drop_table("quizzes")
