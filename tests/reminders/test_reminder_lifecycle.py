"""Reminder edge cases over Slack's protocol: cancelling while a retry is pending, retries
past the grace period, clauses removed from the policy, schedule/clause boundaries."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from bot.app import App
from bot.assistant.render_text import to_text
from bot.data.messages import msg
from bot.domain.replies import NoticeReply, ReminderListReply
from bot.features.reminders.service import GRACE, RunReport

from .fake_slack import FakeSlack
from .test_reminders_slack import MONDAY_0900, _close_apps, deliveries, fake, say, service, slack_app

__all__ = ["_close_apps", "fake"]  # pytest fixtures, shared with the Slack reminder tests


def drop_clauses(app: App, *ids: str) -> None:
    """Hot-swap the knowledge base for one without ``ids`` (as a `policy reload` would)."""
    kb = app.bot.kb
    kept = tuple(c for c in kb.clauses if c.id not in ids)
    app.bot.replace(replace(kb, clauses=kept, by_id={c.id: c for c in kept}))


def errors(app: App) -> list[str | None]:
    d = app.storage.tables.deliveries
    with app.storage.engine.connect() as conn:
        return [e for (e,) in conn.execute(d.select().with_only_columns(d.c.error).order_by(d.c.id))]


async def test_cancelling_gives_up_a_pending_retry(fake: FakeSlack, db_url: str) -> None:
    fake.failing_channels.add("CGONE")
    app = await slack_app(fake, db_url)
    await say(app, "policy remind <#CGONE> every day 09:00")
    assert (await service(app).run_due(MONDAY_0900)).failed == 1
    await say(app, "policy reminders cancel 1")
    fake.failing_channels.clear()  # the channel works again, but the reminder is cancelled
    report = await service(app).run_due(MONDAY_0900 + timedelta(minutes=1))
    assert (report.sent, report.failed) == (0, 0)
    assert deliveries(app) == [(1, "gave_up", 1)]
    assert errors(app) == ["reminder cancelled"]
    assert len(fake.named("chat.postMessage")) == 1  # the first, failed try only


async def test_a_failed_send_is_not_retried_after_the_grace_period(fake: FakeSlack, db_url: str) -> None:
    fake.failing_channels.add("CGONE")
    app = await slack_app(fake, db_url)
    await say(app, "policy remind <#CGONE> every monday 09:00")
    assert (await service(app).run_due(MONDAY_0900)).failed == 1
    fake.failing_channels.clear()
    # The next pass comes three days later (the bot was down): far too late to post Monday's reminder.
    report = await service(app).run_due(MONDAY_0900 + timedelta(days=3))
    assert (report.sent, report.missed) == (0, 1)
    assert deliveries(app) == [(1, "missed", 1)]
    # Inside the grace period a retry still goes out.
    fake.failing_channels.add("CGONE")
    next_monday = MONDAY_0900 + timedelta(days=7)
    assert (await service(app).run_due(next_monday)).failed == 1
    fake.failing_channels.clear()
    assert (await service(app).run_due(next_monday + GRACE - timedelta(minutes=1))).sent == 1


async def test_a_failed_announcement_is_not_posted_later_behind_the_managers_back(fake: FakeSlack, db_url: str) -> None:
    """The manager is told it failed; once they have invited the bot they announce again, and
    the channel gets the one announcement, not that one and a retry of the failed one."""
    fake.failing_channels.add("CGONE")
    app = await slack_app(fake, db_url)
    failed = await say(app, "policy announce <#CGONE> AC-OPINION")
    assert isinstance(failed, NoticeReply) and failed.level == "error"
    fake.failing_channels.clear()
    done = await say(app, "policy announce <#CGONE> AC-OPINION")
    assert isinstance(done, NoticeReply) and done.level == "success"
    now = service(app).clock()
    assert (await service(app).run_due(now + timedelta(minutes=1))).sent == 0
    assert len(fake.named("chat.postMessage")) == 2  # the refused try and the second announcement only


async def test_a_reminder_whose_clauses_all_left_the_policy_gives_up_and_needs_attention(
    fake: FakeSlack, db_url: str
) -> None:
    app = await slack_app(fake, db_url)
    await say(app, "policy remind <#C9> every day 09:00 AC-OPINION")
    assert (await service(app).run_due(MONDAY_0900)).sent == 1
    first_post = fake.named("chat.postMessage")[0]
    drop_clauses(app, "AC-OPINION")
    report = await service(app).run_due(MONDAY_0900 + timedelta(days=1))
    assert (report.sent, report.gave_up) == (0, 1)
    assert deliveries(app) == [(1, "sent", 1), (1, "gave_up", 1)]
    assert errors(app)[-1] == "clause AC-OPINION is no longer in the policy"
    assert len(fake.named("chat.postMessage")) == 1  # no rotation through other clauses
    assert fake.named("chat.update") == []  # the old post keeps its clause (and button)
    listing = await say(app, "policy reminders")
    assert isinstance(listing, ReminderListReply)
    assert "needs attention: clause AC-OPINION is no longer in the policy" in to_text(listing)
    assert "AC-OPINION" in str(first_post["blocks"])


async def test_retiring_an_old_post_keeps_its_own_clause(fake: FakeSlack, db_url: str) -> None:
    app = await slack_app(fake, db_url)
    await say(app, "policy remind <#C9> every day 09:00 AC-OPINION AC-PRIVACY")
    await service(app).run_due(MONDAY_0900)  # posts AC-OPINION
    drop_clauses(app, "AC-OPINION")
    assert (await service(app).run_due(MONDAY_0900 + timedelta(days=1))).sent == 1  # AC-PRIVACY
    # The AC-OPINION post is gone from the policy: it is not redrawn with AC-PRIVACY.
    assert fake.named("chat.update") == []
    assert (await service(app).run_due(MONDAY_0900 + timedelta(days=2))).sent == 1
    [update] = fake.named("chat.update")  # the AC-PRIVACY post loses its button, keeps its clause
    assert "AC-PRIVACY" in str(update["blocks"]) and "ack_reminder" not in str(update["blocks"])
    listing = await say(app, "policy reminders")
    assert "attention" not in to_text(listing)  # one of its clauses is still there


async def test_cron_day_names_are_schedule_not_clause_ids(fake: FakeSlack, db_url: str) -> None:
    app = await slack_app(fake, db_url)
    made = await say(app, "policy remind <#C9> 0 9 * * MON-FRI AC-OPINION")
    assert isinstance(made, NoticeReply) and made.level == "success", made
    assert "Clauses: AC-OPINION" in made.text
    lower = await say(app, "policy remind <#C9> 0 9 * * mon-fri")
    assert isinstance(lower, NoticeReply) and lower.level == "success"
    unknown = await say(app, "policy remind <#C9> 0 9 * * MON-FRI AC-NOPE")
    assert isinstance(unknown, NoticeReply) and "There is no clause AC-NOPE" in unknown.text
    [stats, _] = app.reminders.repo.stats()
    assert (stats.reminder.cron, stats.reminder.clause_ids) == ("0 9 * * mon-fri", ("AC-OPINION",))


async def test_bare_times_and_too_frequent_schedules_are_refused(fake: FakeSlack, db_url: str) -> None:
    app = await slack_app(fake, db_url)
    for text in ("every 10:00", "every 12:30", "every 1000"):
        bad = await say(app, f"policy remind <#C9> {text}")
        assert isinstance(bad, NoticeReply) and "`every day 08:00`" in bad.text, text
    often = await say(app, "policy remind <#C9> */1 * * * *")
    assert isinstance(often, NoticeReply) and "more than once an hour" in often.text
    assert app.reminders.repo.stats() == []


async def test_a_schedule_whose_day_never_comes_is_refused(fake: FakeSlack, db_url: str) -> None:
    """Readable cron expressions that never run (31 February, a fifth Monday on the 1st)."""
    app = await slack_app(fake, db_url)
    for cron in ("0 9 31 2 *", "0 9 31 4,6,9,11 *", "0 9 1 * mon#5"):
        never = await say(app, f"policy remind <#C9> {cron}")
        assert isinstance(never, NoticeReply) and never.level == "warning", cron
        assert "never comes round" in never.text, cron
    leap = await say(app, "policy remind <#C9> 0 9 29 2 *")  # every four years is still a schedule
    assert isinstance(leap, NoticeReply) and leap.level == "success"
    assert [s.reminder.cron for s in app.reminders.repo.stats()] == ["0 9 29 2 *"]


async def test_numbers_that_are_no_reminder_id_are_a_usage_hint(fake: FakeSlack, db_url: str) -> None:
    app = await slack_app(fake, db_url)
    for number in ("²", "99999999999999999999999", "#x"):
        reply = await say(app, f"policy reminders cancel {number}")
        assert isinstance(reply, NoticeReply) and reply.text == msg("reminders.cancel_usage", "en"), number


async def test_a_post_whose_answer_never_came_is_not_posted_again(fake: FakeSlack, db_url: str) -> None:
    """Slack got the post, then the connection dropped: it may be in the channel, so neither the
    client nor a later pass sends it again (at most once per due time)."""
    fake.dropping_channels.add("CLOST")
    app = await slack_app(fake, db_url)
    await say(app, "policy remind <#CLOST> every day 09:00")
    report = await service(app).run_due(MONDAY_0900)
    assert (report.sent, report.failed, report.gave_up) == (0, 0, 1)
    fake.dropping_channels.clear()
    assert (await service(app).run_due(MONDAY_0900 + timedelta(minutes=1))).sent == 0
    assert len(fake.named("chat.postMessage")) == 1
    assert deliveries(app) == [(1, "gave_up", 1)]
    assert str(errors(app)[-1]).startswith("outcome unknown")


async def test_a_failed_send_is_tried_again_in_a_later_minute_not_the_same_one(fake: FakeSlack, db_url: str) -> None:
    """Replicas all wake in the same minute: one's failure is left to the next minute's pass."""
    fake.failing_channels.add("CGONE")
    app = await slack_app(fake, db_url)
    await say(app, "policy remind <#CGONE> every day 09:00")
    assert (await service(app).run_due(MONDAY_0900)).failed == 1
    assert await service(app).run_due(MONDAY_0900 + timedelta(seconds=20)) == RunReport()  # another replica
    assert (await service(app).run_due(MONDAY_0900 + timedelta(minutes=1))).failed == 1
    assert len(fake.named("chat.postMessage")) == 2


def shown_clauses(app: App) -> list[str | None]:
    d = app.storage.tables.deliveries
    with app.storage.engine.connect() as conn:
        return [c for (c,) in conn.execute(d.select().with_only_columns(d.c.clause_id).order_by(d.c.id))]


async def test_a_reminder_that_cannot_post_needs_attention_and_keeps_its_place_in_the_rotation(
    fake: FakeSlack, db_url: str
) -> None:
    fake.failing_channels.add("CGONE")
    app = await slack_app(fake, db_url)
    await say(app, "policy remind <#CGONE> every day 09:00 AC-OPINION AC-CITE")
    for minutes in (0, 1, 2):  # three tries, then it gives up
        await service(app).run_due(MONDAY_0900 + timedelta(minutes=minutes))
    assert deliveries(app) == [(1, "gave_up", 3)]
    listing = await say(app, "policy reminders")
    assert isinstance(listing, ReminderListReply)
    assert msg("reminders.failing", "en") in to_text(listing)
    # Invited at last: the next day's post shows the clause that never went out, then the next.
    fake.failing_channels.clear()
    assert (await service(app).run_due(MONDAY_0900 + timedelta(days=1))).sent == 1
    assert (await service(app).run_due(MONDAY_0900 + timedelta(days=2))).sent == 1
    assert shown_clauses(app) == ["AC-OPINION", "AC-OPINION", "AC-CITE"]
    listing = await say(app, "policy reminders")
    assert isinstance(listing, ReminderListReply) and msg("reminders.failing", "en") not in to_text(listing)


async def test_the_list_names_a_time_zone_only_when_every_reminder_runs_in_it(fake: FakeSlack, db_url: str) -> None:
    """A reminder keeps the zone it was scheduled in; GUIDEBOT_TIMEZONE changed since."""
    app = await slack_app(fake, db_url)
    await say(app, "policy remind <#C9> every monday 09:00")
    listing = await say(app, "policy reminders")
    assert isinstance(listing, ReminderListReply)
    assert to_text(listing).startswith(msg("reminders.title", "en", tz=service(app).timezone))
    service(app).timezone = "Asia/Tokyo"
    await say(app, "policy remind <#C9> every monday 09:00")
    listing = await say(app, "policy reminders")
    assert isinstance(listing, ReminderListReply)
    text = to_text(listing)
    assert text.startswith(msg("reminders.title_zones", "en")) and "UTC" in text and "JST" in text
