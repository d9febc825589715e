"""The Slack app manifests agree with the code and with each other."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from adapters.slack import EVENTS_PATH
from adapters.slack.listeners import CHECK_POST

MANIFESTS = Path(__file__).resolve().parents[2] / "manifests" / "slack"
SCOPES = {
    "app_mentions:read",
    "channels:read",  # conversations.info: the name of a channel the bot joins, for the owner's report
    "groups:read",  # the same for a private channel
    "chat:write",
    "chat:write.public",  # reminders to a public channel the bot was not invited to
    "commands",
    "im:history",
    "im:read",
    "im:write",
    "users:read",
}


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((MANIFESTS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize("name", ["manifest.http.yaml", "manifest.socket.yaml"])
def test_manifest_declares_what_the_adapter_handles(name: str) -> None:
    m = load(name)
    assert len(m["display_information"]["name"]) <= 35
    assert set(m["oauth_config"]["scopes"]["bot"]) == SCOPES
    assert [c["command"] for c in m["features"]["slash_commands"]] == ["/checkpost", "/policy"]
    assert all(c["description"] for c in m["features"]["slash_commands"])
    (shortcut,) = m["features"]["shortcuts"]
    assert (shortcut["type"], shortcut["callback_id"], shortcut["name"]) == ("message", CHECK_POST, "Check this post")
    assert len(shortcut["description"]) <= 150
    assert m["settings"]["event_subscriptions"]["bot_events"] == ["app_mention", "member_joined_channel", "message.im"]
    assert m["settings"]["interactivity"]["is_enabled"] is True
    assert m["features"]["app_home"]["messages_tab_enabled"] is True  # people DM the bot


def test_http_manifest_points_everything_at_one_url() -> None:
    m = load("manifest.http.yaml")
    urls = [c["url"] for c in m["features"]["slash_commands"]]
    urls += [m["settings"]["event_subscriptions"]["request_url"], m["settings"]["interactivity"]["request_url"]]
    assert all(u.endswith(EVENTS_PATH) for u in urls) and len(set(urls)) == 1
    assert m["settings"]["socket_mode_enabled"] is False


def test_socket_manifest_has_no_urls() -> None:
    m = load("manifest.socket.yaml")
    assert m["settings"]["socket_mode_enabled"] is True
    assert "url" not in str(m["features"]["slash_commands"]) and "request_url" not in str(m["settings"])
