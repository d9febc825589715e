"""Teams: the activity's locale is the person's language when their words show none."""

from __future__ import annotations

from .support import Connector, Server, activity, card_of, card_text


async def test_policy_help_follows_the_teams_locale(server: Server, connector: Connector) -> None:
    await server.post(activity(connector, text="policy help", locale="ja-JP"))
    await server.post(activity(connector, text="policy help", locale="en-US"))
    ja, en = (card_text(card_of(sent)) for sent in connector.sent())
    assert ja.startswith("ご利用方法") and "「一覧」" in ja
    assert en.startswith("How I can help")


async def test_the_words_win_over_the_teams_locale(server: Server, connector: Connector) -> None:
    await server.post(activity(connector, text="Can I share a news article about us?", locale="ja-JP"))
    await server.post(activity(connector, text="一覧", locale="en-US"))
    english, japanese = (card_text(card_of(sent)) for sent in connector.sent())
    assert "Acme Social Media Guidelines, version 2026-11-01" in english
    assert "の条項一覧" in japanese
