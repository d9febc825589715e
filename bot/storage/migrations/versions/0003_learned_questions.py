"""Questions people corrected, as candidate example questions of the clause they picked.

Revision ID: 0003_learned_questions
Revises: 0002_installation
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_learned_questions"
down_revision = "0002_installation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "learned_questions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user_hash", sa.String(128), nullable=False),
        sa.Column("lang", sa.String(8), nullable=False),
        sa.Column("question", sa.Text, nullable=False),
        sa.Column("answered_clause", sa.String(128)),
        sa.Column("chosen_clause", sa.String(128)),
        sa.Column("status", sa.String(16), nullable=False),
    )
    op.create_index("ix_learned_questions_at", "learned_questions", ["at"])
    op.create_index("ix_learned_questions_user_hash", "learned_questions", ["user_hash"])


def downgrade() -> None:
    op.drop_index("ix_learned_questions_user_hash", "learned_questions")
    op.drop_index("ix_learned_questions_at", "learned_questions")
    op.drop_table("learned_questions")
