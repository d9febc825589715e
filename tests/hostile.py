"""Assertions shared by the hostile-request tests: refusals are one log line each, never a traceback."""

from __future__ import annotations

import pytest


def rejections(caplog: pytest.LogCaptureFixture) -> list[str]:
    """The lines logged for refused or ignored requests."""
    return [r.getMessage() for r in caplog.records if r.name == "guidebot.rejected"]


def assert_no_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    assert "Traceback" not in caplog.text and 'File "' not in caplog.text
