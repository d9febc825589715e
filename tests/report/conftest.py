"""Fixtures for the owner's loop: an App on the evaluation KB with a throw-away SQLite database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import App, build_app
from bot.runtime.settings import Settings
from bot.storage import Storage
from tests.conftest import EVAL_KB

MANAGER = "boss"


def make_settings(tmp_path: Path, kb: Path = EVAL_KB, **more: object) -> Settings:
    return Settings(
        kb_path=str(kb),
        database_url=f"sqlite:///{tmp_path / 'guidebot.db'}",
        managers=frozenset({MANAGER}),
        **more,  # type: ignore[arg-type]
    )


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path)


@pytest.fixture
def app(settings: Settings) -> Iterator[App]:
    app = build_app(settings)
    app.owner.quiz.rng.seed(7)  # deterministic quizzes
    yield app
    storage: Storage = app.storage
    storage.close()
