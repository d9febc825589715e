"""Reminder schedules: friendly phrases (English and Japanese) or cron, and their next run.

Phrases are translated to a five-field cron expression and croniter does the
calendar work. Cron fields are read as *local wall-clock time* in the reminder's
IANA zone, then placed on the UTC timeline with zoneinfo, so ``every day 09:00``
stays 09:00 local across daylight-saving changes. A wall time that does not exist
(02:30 on a spring-forward day) runs once, at the same instant the clock would have
shown it without the jump (03:30 in New York); a wall time that happens twice (01:30
on a fall-back day) runs once, at its first occurrence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from croniter import CroniterBadDateError, croniter

EXAMPLES = ("every monday 09:00", "every weekday 17:30", "every 1st 10:00", "every day 08:00", "0 9 * * 1")
EXAMPLES_JA = ("毎週月曜 9:00", "平日 17:30", "毎月1日 10:00", "毎日 8:00", "0 9 * * 1")

_DAYS = {
    "sunday": 0, "sun": 0, "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thu": 4, "thur": 4, "thurs": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
}  # fmt: skip
_DAYS_JA = {"日": 0, "月": 1, "火": 2, "水": 3, "木": 4, "金": 5, "土": 6}

# A phrase's time follows a separator (a space or "at"): "every 1000" is not 10:00 on the 1st.
_TIME = r"(?:\s+at)?\s+(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>am|pm)?"
_TIME_JA = r"(?P<ap>午前|午後)?\s*(?P<h>\d{1,2})(?:(?::(?P<m>\d{2}))|(?:時(?:(?P<m2>\d{1,2})分|半)?))"
# A day of the month needs an ordinal ("1st", "15th") or "of the month": a bare number is a time.
_DOM = (
    r"(?:(?:month\s+on\s+the\s+)?(?P<dom>\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+the\s+month)?"
    r"|(?P<dom2>\d{1,2})\s+of\s+the\s+month)"
)
_EN = [
    (re.compile(rf"^(?:every\s*days?|daily|every\s*mornings?){_TIME}$"), "day"),
    (re.compile(rf"^(?:every\s*weekdays?|weekdays|every\s*work\s*days?){_TIME}$"), "weekday"),
    (re.compile(rf"^every\s*(?P<dow>[a-z]+?)s?{_TIME}$"), "dow"),
    (re.compile(rf"^every\s*{_DOM}{_TIME}$"), "dom"),
]  # fmt: skip
_JA = [
    (re.compile(rf"^毎日\s*{_TIME_JA}$"), "day"),
    (re.compile(rf"^(?:毎)?平日\s*(?:の)?\s*{_TIME_JA}$"), "weekday"),
    (re.compile(rf"^毎週\s*(?P<dow>[日月火水木金土])(?:曜日?)?\s*(?:の)?\s*{_TIME_JA}$"), "dow"),
    (re.compile(rf"^毎月\s*(?P<dom>\d{{1,2}})日\s*(?:の)?\s*{_TIME_JA}$"), "dom"),
]  # fmt: skip


class ScheduleError(ValueError):
    """A schedule that cannot be read (the message says why)."""


class TooOftenError(ScheduleError):
    """A readable schedule that would post more than once an hour (``*/1 * * * *``)."""


class NeverRunsError(ScheduleError):
    """A readable schedule whose day never comes (``0 9 31 2 *``: 31 February)."""


@dataclass(frozen=True, slots=True)
class Schedule:
    text: str  # as typed
    cron: str  # normalised five-field cron, read in local wall-clock time


def parse_schedule(text: str) -> Schedule:
    """Read a phrase or a cron expression; raises :class:`ScheduleError`,
    :class:`TooOftenError` for one that would post more than once an hour, or
    :class:`NeverRunsError` for one that would never post."""
    schedule = read_schedule(text)
    # One minute value per hour means at most one post an hour, whatever the other fields say.
    minutes = croniter(schedule.cron).expanded[0]
    if len(minutes) > 1 or "*" in minutes:  # croniter keeps a full range as "*"
        raise TooOftenError(f"{schedule.text!r} would post more than once an hour")
    try:
        croniter(schedule.cron, datetime(2000, 1, 1)).get_next(datetime)  # croniter looks decades ahead
    except CroniterBadDateError:
        raise NeverRunsError(f"{schedule.text!r} never runs") from None
    return schedule


def read_schedule(text: str) -> Schedule:
    """Read a phrase or a cron expression, however often it runs; raises :class:`ScheduleError`."""
    typed = " ".join(text.split())
    flat = unicodedata.normalize("NFKC", typed).lower().strip()
    if not flat:
        raise ScheduleError("empty schedule")
    for pattern, kind in _EN + _JA:
        m = pattern.match(flat)
        if m:
            return Schedule(typed, _to_cron(kind, m))
    fields = flat.split()
    if len(fields) == 5 and croniter.is_valid(flat):
        return Schedule(typed, flat)
    raise ScheduleError(f"cannot read schedule {typed!r}")


def _to_cron(kind: str, m: re.Match[str]) -> str:
    hour, minute = _clock(m)
    groups = m.groupdict()
    if kind == "day":
        return f"{minute} {hour} * * *"
    if kind == "weekday":
        return f"{minute} {hour} * * 1-5"
    if kind == "dow":
        name = groups["dow"]
        day = _DAYS.get(name, _DAYS_JA.get(name))
        if day is None:
            raise ScheduleError(f"unknown day {name!r}")
        return f"{minute} {hour} * * {day}"
    dom = int(groups["dom"] or groups["dom2"])
    if not 1 <= dom <= 31:
        raise ScheduleError(f"day of month {dom} is not between 1 and 31")
    return f"{minute} {hour} {dom} * *"


def _clock(m: re.Match[str]) -> tuple[int, int]:
    g = m.groupdict()
    hour = int(g["h"])
    minute = int(g.get("m") or g.get("m2") or (30 if "半" in m.group(0) else 0))
    half_day = g.get("ampm") or {"午前": "am", "午後": "pm"}.get(g.get("ap") or "")
    if half_day:
        # 午前0時 and 午後0時 are ordinary Japanese (midnight and noon); "0am" is not English.
        lowest = 0 if g.get("ap") else 1
        if not lowest <= hour <= 12:
            raise ScheduleError(f"{hour} is not a 12-hour clock hour")
        hour = hour % 12 + (12 if half_day == "pm" else 0)
    if hour > 23 or minute > 59:
        raise ScheduleError(f"{hour}:{minute:02d} is not a time of day")
    return hour, minute


def zone(name: str) -> ZoneInfo:
    """The IANA zone ``name``; raises :class:`ScheduleError` for an unknown one."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ScheduleError(f"unknown time zone {name!r}") from exc


def next_run(cron: str, tz_name: str, after: datetime) -> datetime:
    """The first run strictly after ``after`` (aware), in UTC."""
    tz = zone(tz_name)
    after = after.astimezone(UTC)
    # Walk wall-clock candidates; each is placed with fold=0 (see the module docstring).
    local = after.astimezone(tz).replace(tzinfo=None, second=0, microsecond=0)
    it = croniter(cron, local)
    for _ in range(1000):
        candidate: datetime = it.get_next(datetime)
        when = candidate.replace(tzinfo=tz).astimezone(UTC)
        if when > after:
            return when
    raise ScheduleError(f"no run time found for {cron!r}")  # pragma: no cover: cron always recurs


def local_time(when: datetime, tz_name: str) -> str:
    """``when`` as local wall-clock text, e.g. ``2026-03-09 09:00 EDT``."""
    return when.astimezone(zone(tz_name)).strftime("%Y-%m-%d %H:%M %Z")
