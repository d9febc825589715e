"""One storage layer for everything guidebot keeps (SQLAlchemy Core + alembic).

``Storage.open(url)`` connects (SQLite by default, PostgreSQL when the URL says so),
migrates to the newest schema and exposes the engine, the tables and the
repositories. Repositories are synchronous; async callers use ``asyncio.to_thread``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from bot.domain.errors import UserFacingError
from bot.storage import schema
from bot.storage.conversations import ConversationStore


class StorageError(UserFacingError):
    """The database cannot be opened or migrated; the message is one line, without passwords."""


MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_MIGRATION_LOCK = 0x67756964  # any constant: serialises concurrent start-ups on PostgreSQL


def engine_url(url: str) -> str:
    """Pick the drivers we ship: psycopg 3 for PostgreSQL (``postgres://`` is accepted too)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def create(url: str) -> Engine:
    """An engine for ``url``; SQLite waits for locks instead of failing at once.

    ``hide_parameters``: database errors never echo bound values (usage rows may hold
    the keywords of a question), so they are safe to log."""
    real = make_url(engine_url(url))
    if real.get_backend_name() == "sqlite":
        if real.database and real.database != ":memory:":
            directory = Path(real.database.removeprefix("file:")).expanduser().parent
            try:
                directory.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                reason = exc.strerror or exc
                raise StorageError(f"cannot create the database's directory {directory}: {reason}") from None
        engine = create_engine(real, connect_args={"timeout": 30}, hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(real, pool_pre_ping=True, hide_parameters=True)


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (SQLAlchemyError, ValueError):
        return "(unreadable DATABASE_URL)"


# What SQLite and PostgreSQL say, and what a person is told instead.
_PROBLEMS = (
    ("readonly database", "database is read-only"),
    ("read-only", "database is read-only"),
    ("file is not a database", "not a guidebot database, or damaged"),
    ("database disk image is malformed", "not a guidebot database, or damaged"),
    ("unable to open database file", "cannot open the database file (is its directory there and writable?)"),
    ("database is locked", "database is locked by another process"),
    ("disk i/o error", "disk error on the database"),
    ("database or disk is full", "the disk holding the database is full"),
)


def database_name(url: str) -> str:
    """The database as a person knows it: the SQLite file as configured, else the URL without password."""
    try:
        real = make_url(engine_url(url))
    except (SQLAlchemyError, ValueError):
        return "(unreadable DATABASE_URL)"
    if real.get_backend_name() == "sqlite":
        return (real.database or ":memory:").removeprefix("file:")
    return _safe(url)


def database_problem(exc: BaseException, url: str) -> str:
    """One line for a person: what is wrong with the database ``url`` names (no bound values:
    engines hide parameters)."""
    reason = _reason(exc)
    low = reason.lower()
    for needle, said in _PROBLEMS:
        if needle in low:
            return f"{said}: {database_name(url)}"
    return f"cannot open database {_safe(url)}: {reason}"


def _reason(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0]


def _sqlite_pragmas(dbapi_connection: object, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def migrate(engine: Engine) -> None:
    """Bring the database to the newest revision (idempotent, safe with several replicas)."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        config.attributes["connection"] = conn
        # "heads": revisions written side by side (each adding its own tables) all apply.
        command.upgrade(config, "heads")


@dataclass
class Storage:
    """The open database: ``engine``, ``tables`` (the schema module) and the conversation store.

    Features keep their own repositories over ``engine`` (``bot.features.*.store``)."""

    engine: Engine
    tables: ModuleType
    conversations: ConversationStore

    @classmethod
    def open(cls, url: str) -> Storage:
        """Connect and migrate; raises :class:`StorageError` with a short reason."""
        try:
            engine = create(url)
            migrate(engine)
        except (SQLAlchemyError, OSError, ValueError) as exc:
            raise StorageError(database_problem(exc, url)) from exc
        return cls(engine, schema, ConversationStore(engine))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()


__all__ = ["ConversationStore", "Storage", "StorageError", "database_problem", "engine_url", "migrate"]
