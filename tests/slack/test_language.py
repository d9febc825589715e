"""Slack: a command whose words show no language is answered in the person's Slack language
(``users.info`` with ``include_locale``), looked up once per person, not once per command."""

from __future__ import annotations

from .conftest import Slack
from .support import blocks_text, command_body, dm_event, event_body


async def test_policy_help_answers_in_the_persons_slack_language(slack: Slack) -> None:
    slack.mock.users["UJA"] = {"locale": "ja-JP"}
    slack.mock.users["UEN"] = {"locale": "en-US"}
    for n, (text, user) in enumerate((("help", "UJA"), ("list", "UJA"), ("help", "UEN")), 1):
        await slack.form(command_body("/policy", text, slack.mock, user=user))
        await slack.mock.wait_for("response_url", n)  # one command after another, as a person types them
    texts = [blocks_text(r.body) for r in await slack.mock.wait_for("response_url", 3)]
    (ja_help,) = [t for t in texts if "ご利用方法" in t]
    (ja_list,) = [t for t in texts if "条項一覧" in t]
    (en_help,) = [t for t in texts if "How I can help" in t]
    assert ja_help.startswith("ご利用方法") and "「クイズ」" in ja_help
    assert ja_list.startswith("アクメ ソーシャルメディア・ガイドラインの条項一覧")
    assert en_help.startswith("How I can help")
    # (help also asks users.info whether the person is an admin; those calls carry no include_locale)
    lookups = [c for c in slack.mock.named("users.info") if c.body.get("include_locale") in ("1", "true")]
    assert sorted(c.body["user"] for c in lookups) == ["UEN", "UJA"]  # UJA's second command: remembered


async def test_words_decide_before_the_locale_and_cost_no_lookup(slack: Slack) -> None:
    slack.mock.users["UJA"] = {"locale": "ja-JP"}
    event = dm_event("Can I share a news article about us?", user="UJA")
    await slack.event(event_body(event))
    (posted,) = await slack.mock.wait_for("chat.postMessage")
    assert "Acme Social Media Guidelines, version 2026-11-01" in blocks_text(posted.body)
    assert [c for c in slack.mock.named("users.info") if c.body.get("include_locale")] == []


async def test_a_failed_lookup_answers_in_the_default_language(slack: Slack) -> None:
    await slack.form(command_body("/policy", "help", slack.mock, user="UNKNOWN"))
    (reply,) = await slack.mock.wait_for("response_url")
    assert blocks_text(reply.body).startswith("How I can help")  # users.info failed; the reply still came
