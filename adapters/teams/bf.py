"""Everything that touches the Bot Framework SDK (botbuilder 4.17.1) lives here.

botbuilder-python is archived (its successor is the Microsoft 365 Agents SDK), so
the rest of the Teams adapter speaks plain dicts and the core's replies; moving to
another SDK means rewriting this module only. It holds the HTTP endpoint (with a
fix for the SDK's invoke-response bug), the activity handler that converts
activities to :class:`~adapters.teams.turns.Turn`, and the proactive transport.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from botbuilder.core import InvokeResponse, TurnContext
from botbuilder.core.teams import TeamsActivityHandler
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botbuilder.integration.aiohttp.cloud_adapter import serializer_helper
from botbuilder.schema import (
    Activity,
    ActivityTypes,
    Attachment,
    ConversationParameters,
    ConversationReference,
    Entity,
    TextFormatTypes,
)
from botframework.connector.auth import AuthenticateRequestResult

from adapters.payloads import Field, json_type, shape_problem
from adapters.teams import turns
from adapters.teams.cards import ADAPTIVE_CARD, OutMessage, to_message
from adapters.teams.signing_keys import FAILURE_PAUSE, KeysUnavailable, install, token_problem
from adapters.teams.store import ConversationStore
from bot.app import App
from bot.domain.replies import HelpReply
from bot.domain.texts import clean_text
from bot.runtime.logsafe import RejectionLog, describe_failure
from bot.runtime.settings import Settings

log = logging.getLogger(__name__)

AUTH_TIMEOUT = 10.0  # seconds: a backstop; key fetches time out sooner (signing_keys.FETCH_TIMEOUT)

install()  # signing keys fetched off the event loop, with a timeout and a cache


@dataclass(frozen=True)
class BotConfig:
    """The attribute names the SDK reads its credentials from."""

    APP_ID: str
    APP_PASSWORD: str
    APP_TYPE: str
    APP_TENANTID: str

    @classmethod
    def from_settings(cls, s: Settings) -> BotConfig:
        return cls(s.microsoft_app_id, s.microsoft_app_password, s.microsoft_app_type, s.microsoft_app_tenant_id)


class PassThroughCloudAdapter(CloudAdapter):
    """``CloudAdapter`` whose HTTP endpoint refuses hostile requests cleanly and sends invoke bodies as they are.

    - Authentication never raises past it: a token that cannot be a Bot Framework token
      is refused (401) before the body is read (:func:`~adapters.teams.signing_keys.token_problem`);
      an unreadable body gets 400; a token the SDK does not accept 401; signing keys that
      cannot be fetched 503. Each is logged as one rate-limited line.
    - The stock 4.17.x ``process`` serialises the invoke body a second time and answers
      500 to every invoke with a body (message actions, task modules).
    """

    def __init__(self, auth: ConfigurationBotFrameworkAuthentication, app_id: str) -> None:
        super().__init__(auth)
        self.authenticating = bool(app_id)
        self.log_rejection = RejectionLog("teams")

    async def process(self, request: web.Request, bot: Any, ws_response: Any = None) -> web.Response | None:
        if request.method != "POST":
            raise web.HTTPMethodNotAllowed(request.method, ["POST"])
        if "application/json" not in request.headers.get("Content-Type", ""):
            raise web.HTTPUnsupportedMediaType()
        auth_header = request.headers.get("Authorization", "")
        try:
            if self.authenticating and (problem := token_problem(auth_header)):
                raise Refused(401, problem)
            activity = await read_activity(request)
            authenticated = await self._authenticate(activity, auth_header)
        except Refused as refused:
            self.log_rejection(refused.status, refused.reason)
            headers = {"Retry-After": str(int(FAILURE_PAUSE))} if refused.status == 503 else None
            return web.Response(status=refused.status, headers=headers)
        response = await self.process_activity(authenticated, activity, bot.on_turn)
        if response is None:
            return web.Response(status=201)
        body = response.body
        data = body if body is None or isinstance(body, dict | list) else serializer_helper(body)
        return web.json_response(data=data, status=response.status)

    async def _authenticate(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        try:
            return await asyncio.wait_for(
                self.bot_framework_authentication.authenticate_request(activity, auth_header), AUTH_TIMEOUT
            )
        except (KeysUnavailable, TimeoutError):
            raise Refused(503, "signing keys unavailable") from None
        except Exception as exc:  # every other failure of a token is a refusal, whatever the SDK raised
            raise Refused(401, f"token not accepted ({type(exc).__name__})") from None


@dataclass(frozen=True)
class Refused(Exception):
    status: int
    reason: str


async def read_activity(request: web.Request) -> Activity:
    """The request's activity; :class:`Refused` (400) when the body is not one."""
    raw = await request.read()
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise Refused(400, "body is not UTF-8") from None
    except ValueError:
        raise Refused(400, "body is not JSON") from None
    if not isinstance(body, dict):
        raise Refused(400, f"body is a JSON {json_type(body)}, not an object")
    if problem := shape_problem(body, ACTIVITY_SHAPE, "activity"):
        raise Refused(400, problem)
    try:
        activity = Activity().deserialize(body)
    except Exception:  # msrest's DeserializationError and the types it lets through
        raise Refused(400, "body is not an activity") from None
    if not activity.type:
        raise Refused(400, "activity has no type")
    return activity


# The fields of an activity the adapter and the SDK read (what the Bot Framework always sends).
ACTIVITY_SHAPE: list[Field] = [
    ("type", str, True),
    ("channelId", str, True),
    ("serviceUrl", str, True),
    ("conversation", dict, True),
    ("conversation.id", str, True),
    ("conversation.conversationType", str, False),
    ("conversation.tenantId", str, False),
    ("from", dict, True),
    ("from.id", str, True),
    ("from.aadObjectId", str, False),
    ("recipient", dict, True),
    ("recipient.id", str, True),
    ("channelData", dict, False),
    ("channelData.tenant", dict, False),
    ("channelData.tenant.id", str, False),
    ("channelData.team", dict, False),
    ("channelData.team.id", str, False),
    ("channelData.team.name", str, False),
    ("channelData.channel", dict, False),
    ("channelData.channel.name", str, False),
    ("text", str, False),
    ("name", str, False),
    ("membersAdded", list, False),
    ("membersAdded.*", dict, True),
    ("membersAdded.*.id", str, True),
    ("entities", list, False),
    ("entities.*", dict, True),
    ("entities.*.type", str, False),
    ("entities.*.text", str, False),
    ("entities.*.mentioned", dict, False),
    ("entities.*.mentioned.id", str, False),
    ("entities.*.mentioned.name", str, False),
]


def to_activity(message: OutMessage) -> Activity:
    if message.card is None:
        # A notice may echo what a person typed: sent as plain text, so Teams formats none of it.
        return Activity(type=ActivityTypes.message, text=message.text, text_format=TextFormatTypes.plain)
    # The card carries its own text fallback; a message text would show above the card.
    summary = message.text.split("\n", 1)[0][:120]
    attachment = Attachment(content_type=ADAPTIVE_CARD, content=message.card)
    return Activity(type=ActivityTypes.message, attachments=[attachment], summary=summary)


def to_turn(activity: Activity, text: str = "") -> turns.Turn:
    channel_data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    # Like Slack's workspace id, the tenant scopes `policy reminders`: a Teams team id would hide a
    # channel's reminders from the manager's 1:1 chat and from the organisation's other teams.
    tenant = channel_data.get("tenant")
    tenant_id = tenant.get("id") if isinstance(tenant, dict) else None
    sender = activity.from_property
    user_id = (sender.aad_object_id or sender.id) if sender else ""
    value = activity.value if isinstance(activity.value, dict) else None
    return turns.Turn(
        user_id=user_id or "",
        conversation_id=turns.conversation_key(activity.conversation.id),
        conversation_type=activity.conversation.conversation_type or "personal",
        text=clean_text(text or "").strip(),
        value=value,
        team_id=tenant_id or activity.conversation.tenant_id,
        locale=activity.locale or None,
    )


def without_mention_of(recipient_id: str | None, text: str, entities: Sequence[Entity]) -> str:
    """``text`` without the mentions of ``recipient_id`` (the bot): each mention entity of
    it names the markup it stands for in the text ("<at>guidebot</at>"), which is removed
    literally (the SDK's ``remove_recipient_mention`` builds a regular expression from it)."""
    for entity in entities:
        props = entity.additional_properties or {}
        mentioned = props.get("mentioned")
        if (entity.type or "").lower() != "mention" or not isinstance(mentioned, dict):
            continue
        if mentioned.get("id") != recipient_id:
            continue
        name = mentioned.get("name")
        markup = props.get("text") or (f"<at>{name}</at>" if isinstance(name, str) else "")
        if isinstance(markup, str) and markup:
            text = text.replace(markup, "")
    return text.strip()


def conversation_name(name: str | None, channel_data: dict[str, Any]) -> str | None:
    """How people know a conversation: "Team › Channel" for a channel, else its own name."""
    team = (channel_data.get("team") or {}).get("name")
    channel = (channel_data.get("channel") or {}).get("name") or name
    if team and channel:
        return f"{team} › {channel}"
    return channel or team


class GuidebotTeamsBot(TeamsActivityHandler):
    """Routes Teams activities to :mod:`adapters.teams.turns` and keeps conversation references."""

    def __init__(self, app: App, store: ConversationStore, app_id: str) -> None:
        super().__init__()
        self.app = app
        self.store = store
        self.app_id = app_id
        self._known: set[str] = set()  # references saved by this process (skip rewriting them)

    async def on_message_activity(self, turn_context: TurnContext) -> None:
        activity = turn_context.activity
        text = without_mention_of(activity.recipient.id, activity.text or "", activity.entities or ())
        await self.remember(activity)
        for out in await turns.on_message(self.app, to_turn(activity, text)):
            reply = to_activity(to_message(out.reply))
            if not out.private:
                await turn_context.send_activity(reply)
                continue
            notice = out.if_sent if await self._send_private(turn_context, reply) else out.if_failed
            if notice is not None:
                await turn_context.send_activity(to_activity(to_message(notice)))

    async def on_invoke_activity(self, turn_context: TurnContext) -> InvokeResponse:
        name = turn_context.activity.name or ""
        if name not in turns.INVOKES:
            return await super().on_invoke_activity(turn_context)
        status, body = await turns.on_invoke(self.app, name, to_turn(turn_context.activity))
        return InvokeResponse(status=status, body=body)

    async def on_conversation_update_activity(self, turn_context: TurnContext) -> None:
        # Only the bot's own arrival matters; members joining need no connector calls.
        activity = turn_context.activity
        me = activity.recipient.id if activity.recipient else None
        if any(m.id == me for m in activity.members_added or ()):
            await self.remember(activity, force=True)
            if activity.conversation.conversation_type in (None, "personal"):
                lang = self.app.bot.kb.policy.default_language
                help_reply = HelpReply(lang, self.app.bot.policy_info(lang))
                await turn_context.send_activity(to_activity(to_message(help_reply)))

    async def on_installation_update_add(self, turn_context: TurnContext) -> None:
        await self.remember(turn_context.activity, force=True)

    async def remember(self, activity: Activity, force: bool = False) -> None:
        """Store the conversation's reference so reminders can post into it later."""
        key = turns.conversation_key(activity.conversation.id)
        if key in self._known and not force:
            return
        reference = TurnContext.get_conversation_reference(activity)
        reference.conversation.id = key  # the channel itself, not the thread the message was in
        reference.activity_id = None
        channel_data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
        meta = {
            "platform": turns.PLATFORM,
            "conversation_type": activity.conversation.conversation_type or "personal",
            "team_id": (channel_data.get("team") or {}).get("id"),
            "tenant_id": (channel_data.get("tenant") or {}).get("id") or activity.conversation.tenant_id,
            "name": conversation_name(activity.conversation.name, channel_data),
        }
        await self.store.save(key, reference.serialize(), {k: str(v) for k, v in meta.items() if v})
        self._known.add(key)

    async def _send_private(self, turn_context: TurnContext, reply: Activity) -> bool:
        """Send to the person in a 1:1 chat (Teams has no ephemeral messages in channels).

        False when the chat could not be opened, typically 403 from the connector because the
        person has not installed the app personally; the caller tells the thread what to do.
        """
        activity = turn_context.activity
        if activity.conversation.conversation_type == "personal":
            await turn_context.send_activity(reply)
            return True
        tenant = ((activity.channel_data or {}).get("tenant") or {}).get("id") or activity.conversation.tenant_id
        parameters = ConversationParameters(
            is_group=False,
            bot=activity.recipient,
            members=[activity.from_property],
            tenant_id=tenant,
            channel_data={"tenant": {"id": tenant}} if tenant else None,
        )

        async def deliver(private: TurnContext) -> None:
            await private.send_activity(reply)

        adapter = turn_context.adapter
        try:
            await adapter.create_conversation(
                self.app_id, deliver, parameters, activity.channel_id, activity.service_url
            )
        except Exception as exc:  # logged without the reply: it may quote a draft
            log.warning("Teams private chat could not be opened: %s", describe_failure(exc))
            return False
        return True


class BotFrameworkTransport:
    """The SDK side of the Teams adapter: the HTTP endpoint and proactive sends."""

    def __init__(self, app: App, store: ConversationStore) -> None:
        config = BotConfig.from_settings(app.settings)
        self.app_id = config.APP_ID
        self.adapter = PassThroughCloudAdapter(ConfigurationBotFrameworkAuthentication(config), config.APP_ID)
        self.adapter.on_turn_error = self._on_turn_error
        self.bot = GuidebotTeamsBot(app, store, config.APP_ID)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        response = await self.adapter.process(request, self.bot)
        return response if response is not None else web.Response(status=201)

    async def send(self, reference: dict[str, Any], message: OutMessage) -> str:
        """Post ``message`` into the stored conversation; returns the new activity's id. A
        failed post raises (the adapter's turn-error handler would otherwise swallow it and
        a reminder would count as sent)."""
        sent: list[str] = []
        failed: list[Exception] = []

        async def deliver(turn_context: TurnContext) -> None:
            try:
                resource = await turn_context.send_activity(to_activity(message))
            except Exception as exc:
                failed.append(exc)
                return
            sent.append(resource.id if resource and resource.id else "")

        await self.adapter.continue_conversation(self._reference(reference), deliver, self.app_id)
        if failed:
            raise failed[0]
        return sent[0] if sent else ""

    async def update(self, reference: dict[str, Any], activity_id: str, message: OutMessage) -> None:
        async def replace(turn_context: TurnContext) -> None:
            activity = to_activity(message)
            activity.id = activity_id
            await turn_context.update_activity(activity)

        await self.adapter.continue_conversation(self._reference(reference), replace, self.app_id)

    @staticmethod
    def _reference(reference: dict[str, Any]) -> ConversationReference:
        return ConversationReference().deserialize(reference)

    @staticmethod
    async def _on_turn_error(turn_context: TurnContext, error: Exception) -> None:
        # Never log the activity: its text may be a confidential draft.
        log.error("Teams turn failed (%s): %s", turn_context.activity.type, describe_failure(error))
