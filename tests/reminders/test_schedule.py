"""Schedules: phrases (English, Japanese) and cron, read in local time, DST-correct."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.features.reminders.schedule import ScheduleError, TooOftenError, next_run, parse_schedule

NY = "America/New_York"
BERLIN = "Europe/Berlin"


@pytest.mark.parametrize(
    ("text", "cron"),
    [
        ("every monday 09:00", "0 9 * * 1"),
        ("every weekday 17:30", "30 17 * * 1-5"),
        ("every 1st 10:00", "0 10 1 * *"),
        ("every day 08:00", "0 8 * * *"),
        ("Every Friday at 4pm", "0 16 * * 5"),
        ("daily 7:05am", "5 7 * * *"),
        ("0 9 * * 1", "0 9 * * 1"),
        ("0 9-17 * * 1-5", "0 9-17 * * 1-5"),
        ("0 9 * * MON-FRI", "0 9 * * mon-fri"),
        ("every 1st of the month 10:00", "0 10 1 * *"),
        ("every 15th at 9:30am", "30 9 15 * *"),
        ("every 2 of the month 10:00", "0 10 2 * *"),
        ("every weekdays 17:30", "30 17 * * 1-5"),
        ("every days 08:00", "0 8 * * *"),
        ("every tuesdays 9:00", "0 9 * * 2"),
        ("毎日 午後0時30分", "30 12 * * *"),
        ("毎日 午前0時", "0 0 * * *"),
        ("毎日 午後12時", "0 12 * * *"),
        ("毎週月曜 9:00", "0 9 * * 1"),
        ("毎週金曜日 １７:３０", "30 17 * * 5"),
        ("平日 17:30", "30 17 * * 1-5"),
        ("毎月1日 10:00", "0 10 1 * *"),
        ("毎日 8:00", "0 8 * * *"),
        ("毎日 午後3時半", "30 15 * * *"),
    ],
)
def test_phrases_become_cron(text: str, cron: str) -> None:
    assert parse_schedule(text).cron == cron


@pytest.mark.parametrize(
    "text",
    [
        "", "every blursday 09:00", "every day 25:00", "every 32nd 10:00", "0 9 * *", "61 9 * * *", "soon",
        # A bare number is not a day of the month, and a time needs a separator.
        "every 10:00", "every 12:30", "every 1000", "every 2 10:00", "every 1st10:00", "every day0900",
        "every day 0am", "毎日 午後13時",
    ],
)  # fmt: skip
def test_unreadable_schedules_are_refused(text: str) -> None:
    with pytest.raises(ScheduleError):
        parse_schedule(text)


@pytest.mark.parametrize("text", ["*/1 * * * *", "* 9 * * *", "*/30 9-17 * * 1-5", "0,30 9 * * *"])
def test_schedules_more_often_than_hourly_are_refused(text: str) -> None:
    with pytest.raises(TooOftenError, match="more than once an hour"):
        parse_schedule(text)


def test_hourly_is_the_limit() -> None:
    assert parse_schedule("0 * * * *").cron == "0 * * * *"


def local_runs(cron: str, tz: str, start: datetime, n: int) -> list[str]:
    runs, t = [], start
    for _ in range(n):
        t = next_run(cron, tz, t)
        runs.append(t.astimezone(ZoneInfo(tz)).strftime("%m-%d %H:%M %Z"))
    return runs


@pytest.mark.parametrize(
    ("tz", "start", "expected"),
    [
        # New York springs forward on 2026-03-08, Berlin on 2026-03-29; both fall back later.
        (NY, datetime(2026, 3, 6, 15, tzinfo=UTC), ["03-07 09:00 EST", "03-08 09:00 EDT", "03-09 09:00 EDT"]),
        (NY, datetime(2026, 10, 31, 15, tzinfo=UTC), ["11-01 09:00 EST", "11-02 09:00 EST", "11-03 09:00 EST"]),
        (BERLIN, datetime(2026, 3, 28, 12, tzinfo=UTC), ["03-29 09:00 CEST", "03-30 09:00 CEST", "03-31 09:00 CEST"]),
    ],
)
def test_every_day_0900_stays_0900_local(tz: str, start: datetime, expected: list[str]) -> None:
    assert local_runs("0 9 * * *", tz, start, 3) == expected


def test_a_time_skipped_by_spring_forward_runs_once_an_hour_later() -> None:
    runs = local_runs("30 2 * * *", NY, datetime(2026, 3, 7, 12, tzinfo=UTC), 3)
    assert runs == ["03-08 03:30 EDT", "03-09 02:30 EDT", "03-10 02:30 EDT"]


def test_a_time_repeated_by_fall_back_runs_once() -> None:
    runs = local_runs("30 1 * * *", NY, datetime(2026, 10, 31, 12, tzinfo=UTC), 3)
    assert runs == ["11-01 01:30 EDT", "11-02 01:30 EST", "11-03 01:30 EST"]


def test_next_run_is_strictly_after() -> None:
    at = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a Monday, 09:00
    assert next_run("0 9 * * 1", "UTC", at) == datetime(2026, 3, 9, 9, 0, tzinfo=UTC)
