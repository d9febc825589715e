"""Real Bot Framework activities posted to /api/messages of the running server."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest

from adapters.teams import conversation_store
from adapters.teams.turns import conversation_key
from bot.domain.commands import ButtonPress
from bot.domain.replies import NoticeReply, Reply

from .support import BOT, Connector, Server, activity, card_of, card_text, start_server

SCOPE_QUESTION = "Does the social media policy apply to contractors and part-timers?"
LEAKY_DRAFT = (
    "Not yet announced, but in my opinion our new AI assistant is miles ahead of Globex's. "
    "Want to try the beta? Use key sk-proj-Yt4RkP8vQw2LmN6sHc3JzA9bXe7UfG5iDo1KqV0TnWrMyE8s"
)
APP_ID = "11111111-2222-3333-4444-555555555555"


async def test_unauthenticated_activity_is_refused_when_an_app_id_is_set(connector: Connector, tmp_path: Path) -> None:
    runner, server = await start_server(
        connector, tmp_path / "g.db", microsoft_app_id=APP_ID, microsoft_app_password="secret"
    )
    try:
        status, _ = await server.post(activity(connector, text=SCOPE_QUESTION))
        forged, _ = await server.post(activity(connector, text=SCOPE_QUESTION), {"Authorization": "Bearer not.a.jwt"})
    finally:
        await runner.cleanup()
        server.app.close()
    assert (status, forged) == (401, 401)
    assert connector.calls == []


async def test_empty_app_id_warns_loudly_at_start_up(
    connector: Connector, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        runner, server = await start_server(connector, tmp_path / "g.db")
    await runner.cleanup()
    server.app.close()
    assert any(r.levelno == logging.WARNING and "UNAUTHENTICATED" in r.getMessage() for r in caplog.records)


async def test_personal_question_is_answered_naming_the_clause(server: Server, connector: Connector) -> None:
    status, _ = await server.post(activity(connector, text=SCOPE_QUESTION))
    assert status == 201
    (method, path, reply), *_ = connector.calls
    assert (method, path) == ("POST", "/v3/conversations/a:personal-ann/activities/act-message-1")
    card = card_of(reply)
    assert "AC-SCOPE" in card_text(card)
    (buttons,) = [e["actions"] for e in card["body"] if e["type"] == "ActionSet"]  # under the answer
    assert [a["data"] for a in buttons] == [
        {"action": "helpful", "clause": "AC-SCOPE", "helpful": True, "lang": "en"},
        {"action": "helpful", "clause": "AC-SCOPE", "helpful": False, "lang": "en"},
    ]


async def test_japanese_question_gets_a_japanese_card(server: Server, connector: Connector) -> None:
    await server.post(activity(connector, text="派遣社員やアルバイトにもこのガイドラインは適用されますか?"))
    card = card_of(connector.sent()[0])
    text = card_text(card)
    assert "AC-SCOPE：このガイドラインの対象" in text
    assert "はい" in text and "いいえ" in text


async def test_channel_mention_is_stripped_before_the_command(server: Server, connector: Connector) -> None:
    thread = "19:general@thread.tacv2;messageid=1700000000000"
    message = activity(
        connector,
        text="<at>guidebot</at> policy show AC-OPINION",
        conversation=thread,
        conversation_type="channel",
        entities=[{"type": "mention", "mentioned": BOT, "text": "<at>guidebot</at>"}],
    )
    status, _ = await server.post(message)
    assert status == 201
    text = card_text(card_of(connector.sent()[0]))
    assert "AC-OPINION: Personal opinions vs. official views" in text  # policy show, not a question
    assert connector.calls[0][1] == f"/v3/conversations/{thread}/activities/act-message-1"
    store = conversation_store(server.app)
    saved = await store.get("19:general@thread.tacv2")
    assert saved is not None and saved["conversation"]["id"] == "19:general@thread.tacv2"


async def test_checkpost_in_personal_chat_shows_findings_with_clause_and_masked_excerpt(
    server: Server, connector: Connector
) -> None:
    await server.post(activity(connector, text="checkpost " + LEAKY_DRAFT))
    card = card_of(connector.sent()[0])
    text = card_text(card)
    assert "Do not post this" in text
    assert "AC-OPINION: Personal opinions vs. official views" in text
    assert "“sk-p••••8s”" in text  # the quoted part, masked by the core
    assert "sk-proj-Yt4RkP8vQw2LmN6sHc3JzA9bXe7UfG5iDo1KqV0TnWrMyE8s" not in str(card)


async def test_checkpost_without_a_draft_replies_with_the_paste_form(server: Server, connector: Connector) -> None:
    await server.post(activity(connector, text="checkpost"))
    card = card_of(connector.sent()[0])
    inputs = [e for e in card["body"] if e["type"] == "Input.Text"]
    assert inputs and inputs[0]["id"] == "draft" and inputs[0]["isMultiline"] is True
    assert card["actions"][0]["data"] == {"action": "checkpost"}


async def test_paste_form_submit_checks_the_draft(server: Server, connector: Connector) -> None:
    await server.post(activity(connector, value={"action": "checkpost", "draft": LEAKY_DRAFT}))
    assert "Do not post this" in card_text(card_of(connector.sent()[0]))


async def test_checkpost_in_a_channel_goes_to_a_private_chat(server: Server, connector: Connector) -> None:
    await server.post(
        activity(
            connector,
            text="checkpost " + LEAKY_DRAFT,
            conversation="19:general@thread.tacv2",
            conversation_type="channel",
        )
    )
    created = [body for method, path, body in connector.calls if path == "/v3/conversations"]
    assert created and created[0]["members"][0]["id"] == "29:ann" and created[0]["isGroup"] is False
    private, notice = connector.sent()
    assert "Do not post this" in card_text(card_of(private))
    assert notice["text"] == "I sent you the result in a private chat."
    paths = [path for method, path, _ in connector.calls if method == "POST"]
    assert paths[1].startswith("/v3/conversations/a:private-1/activities")
    assert paths[2].startswith("/v3/conversations/19:general@thread.tacv2/activities")


def invoke(connector: Connector, name: str, value: dict[str, Any]) -> dict[str, Any]:
    return activity(connector, "invoke", name=name, value=value)


HTML_POST = {
    "body": {
        "contentType": "html",
        "content": "<p>Not yet announced, but in my opinion our new AI assistant is miles ahead of Globex&#39;s.</p>"
        "<p>Try the beta: key&nbsp;sk-proj-Yt4RkP8vQw2LmN6sHc3JzA9bXe7UfG5iDo1KqV0TnWrMyE8s</p>",
    }
}


async def test_fetch_task_on_a_message_returns_its_result_card(server: Server, connector: Connector) -> None:
    value = {"commandId": "checkPost", "commandContext": "message", "messagePayload": HTML_POST}
    status, body = await server.post(invoke(connector, "composeExtension/fetchTask", value))
    assert status == 200
    assert body["task"]["type"] == "continue"
    card = body["task"]["value"]["card"]
    assert card["contentType"] == "application/vnd.microsoft.card.adaptive"
    text = card_text(card["content"])
    assert "Do not post this" in text
    assert "&#39;" not in str(card) and "<p>" not in str(card)
    assert connector.sent() == []  # the result is shown in the dialog only


async def test_fetch_task_without_a_message_opens_the_paste_form(server: Server, connector: Connector) -> None:
    value = {"commandId": "checkPost", "commandContext": "compose"}
    status, body = await server.post(invoke(connector, "composeExtension/fetchTask", value))
    assert status == 200 and body["task"]["type"] == "continue"
    content = body["task"]["value"]["card"]["content"]
    assert any(e["type"] == "Input.Text" and e["isMultiline"] for e in content["body"])


@pytest.mark.parametrize(
    "value",
    [
        {"commandId": "checkPost", "commandContext": "message", "messagePayload": HTML_POST, "data": {}},
        {"commandId": "checkPost", "commandContext": "compose", "data": {"action": "checkpost", "draft": LEAKY_DRAFT}},
    ],
    ids=["message-payload", "pasted-draft"],
)
async def test_submit_action_returns_the_result_card(
    server: Server, connector: Connector, value: dict[str, Any]
) -> None:
    status, body = await server.post(invoke(connector, "composeExtension/submitAction", value))
    assert status == 200
    assert "Do not post this" in card_text(body["task"]["value"]["card"]["content"])


async def test_bot_added_to_a_team_keeps_the_reference_for_proactive_posts(
    server: Server, connector: Connector
) -> None:
    added = activity(
        connector,
        "conversationUpdate",
        conversation="19:general@thread.tacv2",
        conversation_type="channel",
        membersAdded=[BOT],
    )
    status, _ = await server.post(added)
    assert status == 201
    stored = await conversation_store(server.app).all()
    assert [key for key, _, _ in stored] == ["19:general@thread.tacv2"]
    _, reference, meta = stored[0]
    assert (
        reference["serviceUrl"] == connector.url + "/" and reference["conversation"]["id"] == "19:general@thread.tacv2"
    )
    assert meta["team_id"] == "19:team@thread.tacv2" and meta["conversation_type"] == "channel"

    sender = server.app.senders["teams"]
    activity_id = await sender.post("19:general@thread.tacv2", NoticeReply("en", "Reminder: read AC-OPINION."))
    assert activity_id.startswith("activity-")
    method, path, body = connector.calls[-1]
    assert method == "POST" and path.startswith("/v3/conversations/19:general@thread.tacv2/activities")
    assert body["text"] == "Reminder: read AC-OPINION."

    await sender.update("19:general@thread.tacv2", activity_id, NoticeReply("en", "Reminder (read by 3)."))
    method, path, body = connector.calls[-1]
    assert (method, path) == ("PUT", f"/v3/conversations/19:general@thread.tacv2/activities/{activity_id}")
    assert body["text"] == "Reminder (read by 3)."


async def test_personal_install_greets_with_help(server: Server, connector: Connector) -> None:
    await server.post(activity(connector, "conversationUpdate", membersAdded=[BOT, {"id": "29:ann"}]))
    assert "How I can help" in card_text(card_of(connector.sent()[0]))
    assert await conversation_store(server.app).get(conversation_key("a:personal-ann")) is not None


async def test_helpful_submit_thanks_and_records_feedback(server: Server, connector: Connector) -> None:
    recorded: list[tuple[str, str, str, bool]] = []

    real = server.app.dispatcher.actions["helpful"]

    async def feedback(press: ButtonPress) -> Reply | None:
        recorded.append((press.platform, press.user_id, press.value("clause"), press.value("helpful") == "yes"))
        return await real(press)

    server.app.dispatcher.add_action("helpful", feedback)
    value = {"action": "helpful", "clause": "AC-SCOPE", "helpful": False, "lang": "ja"}
    await server.post(activity(connector, value=value))
    assert recorded == [("teams", "aad-ann", "AC-SCOPE", False)]
    text = connector.sent()[0]["text"]  # after "no": where to find the clause that answers
    assert text.startswith("フィードバックありがとうございます。") and "policy list" in text


async def test_wrong_content_type_is_refused(server: Server) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session, session.post(f"{server.url}/api/messages", data="x") as response:
        assert response.status == 415


async def test_message_action_on_a_post_without_text_says_so(server: Server, connector: Connector) -> None:
    value = {
        "commandId": "checkPost",
        "commandContext": "message",
        "messagePayload": {"body": {"contentType": "html", "content": '<img src="x.png">'}},
    }
    status, body = await server.post(invoke(connector, "composeExtension/fetchTask", value))
    assert status == 200
    assert "That message has no text I can check." in card_text(body["task"]["value"]["card"]["content"])
