from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from storage.databases import DATABASES, database


@pytest.fixture(params=DATABASES)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The same test on an embedded SQLite file and on PostgreSQL."""
    with database(request.param, tmp_path) as url:
        yield url
