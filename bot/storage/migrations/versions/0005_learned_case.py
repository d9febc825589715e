"""A candidate example question remembers the situation (case) of the clause it was picked in.

Revision ID: 0005_learned_case
Revises: 0004_replicas
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_learned_case"
down_revision = "0004_replicas"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("learned_questions") as batch:
        batch.add_column(sa.Column("chosen_case", sa.String(128), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("learned_questions") as batch:
        batch.drop_column("chosen_case")
