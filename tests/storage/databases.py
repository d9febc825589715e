"""Throw-away databases for the storage and reminder tests: SQLite files, and PostgreSQL
databases on the server named by GUIDEBOT_TEST_POSTGRES (``.ci/run`` starts one)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PG_ADMIN = os.environ.get("GUIDEBOT_TEST_POSTGRES", "")
EVAL_KB = Path(__file__).resolve().parents[1] / "fixtures" / "eval" / "kb"  # a copy of the evaluation knowledge base

needs_postgres = pytest.mark.skipif(not PG_ADMIN, reason="GUIDEBOT_TEST_POSTGRES is not set")


@contextmanager
def fresh_postgres() -> Iterator[str]:
    """A new, empty PostgreSQL database (dropped afterwards); yields its URL."""
    import psycopg

    name = f"guidebot_test_{uuid.uuid4().hex[:12]}"
    admin = PG_ADMIN.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def database(kind: str, tmp_path: Path) -> Iterator[str]:
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'guidebot.db'}"
    else:
        with fresh_postgres() as url:
            yield url


DATABASES = ["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres, needs_postgres])]
