"""Alembic environment: runs on the connection :func:`bot.storage.migrate` hands over.

No ``alembic.ini`` and no logging set-up here: the application owns both.
"""

from __future__ import annotations

from alembic import context

from bot.storage.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
