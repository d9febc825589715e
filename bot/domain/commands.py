"""What a person asks of the bot, parsed once: incoming messages, typed commands, button presses.

Adapters turn a platform's payload into an :class:`Incoming` carrying a :data:`Command`
value: a slash command or a message action becomes :class:`CheckDraft` or
:class:`PolicyCommand` directly, a chat message is read by :func:`parse_command`. Nothing
downstream parses text into a command again.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from bot.domain.texts import has_japanese, spoken_language

CHECK_WORD = "checkpost"
POLICY_WORD = "policy"
HELP_WORDS = frozenset({"help", "ヘルプ", "使い方"})
# Japanese names of the ``policy`` subcommands, after ``policy`` or alone (``一覧``,
# ``表示 SM-SCOPE``). A bare word is a command when it is the whole message, or when what
# follows it starts like an argument (an id, a channel, a number, a Japanese schedule or
# number of days: 毎週月曜 9:00, 30日), so that
# 「表示されない写真は？」 and 「一覧を見せて」 stay questions.
SUB_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        "ヘルプ": "help",
        "使い方": "help",
        "一覧": "list",
        "条項一覧": "list",
        "表示": "show",
        "条項": "show",
        "クイズ": "quiz",
        "レポート": "report",
        "リマインド": "remind",
        "リマインダー": "reminders",
        "告知": "announce",
    }
)
# English subcommand names that are a command when typed alone as the whole message.
BARE_SUBCOMMANDS = frozenset({"quiz", "list"})
_ARGUMENT = re.compile(r"[\x21-\x7e]+(?:\s|$)")  # a first argument in ASCII: SM-SCOPE, #general, 30d, 2
# ... or in Japanese: a schedule (毎週月曜 9:00, 平日 17:30, 毎月1日 10:00) or a number of days (30日).
_JA_ARGUMENT = re.compile(r"毎(?:日|週|月)|(?:毎)?平日|[0-9０-９]+\s*日")
CHECK_ALIASES = frozenset({"投稿チェック"})
_FIRST_WORD = re.compile(r"(\S+)\s*(.*)", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Ask:
    """A question about the policy (it may quote a draft)."""

    question: str


@dataclass(frozen=True, slots=True)
class CheckDraft:
    """``checkpost DRAFT``, the message action or the paste form: check this draft."""

    draft: str


@dataclass(frozen=True, slots=True)
class PolicyCommand:
    """``policy SUB ARGS``: ``sub`` lower-case (``help`` when none), ``args`` as typed."""

    sub: str = "help"
    args: str = ""
    wording: str = ""  # the command words as typed ("ヘルプ", "policy 一覧"): they show the person's language


Command = Ask | CheckDraft | PolicyCommand


def parse_command(text: str) -> Command:
    """A chat message as the command it is: ``checkpost DRAFT``, ``policy SUB ...``, ``help``,
    ``quiz`` or ``list`` alone, else a question.

    The command word may carry Slack's slash and may end at a line break (``checkpost\\nDRAFT``).
    An empty message asks for help.
    """
    text = text.strip()
    if not text:
        return PolicyCommand()
    first, rest = _split(text)
    head = first.lower().lstrip("/")
    if head == CHECK_WORD or head in CHECK_ALIASES:
        return CheckDraft(rest.strip())
    if head == POLICY_WORD:
        return policy_command(rest, wording=first)
    if head in HELP_WORDS and not rest:
        return PolicyCommand(wording=first)
    if head in BARE_SUBCOMMANDS and not rest:
        return PolicyCommand(head, "", first)
    alias = SUB_ALIASES.get(head)
    if alias is not None and (not rest or _ARGUMENT.match(rest) or _JA_ARGUMENT.match(rest)):
        return PolicyCommand(alias, rest, first)
    return Ask(text)


def policy_command(args: str, wording: str = "") -> PolicyCommand:
    """The words after ``policy`` (or after Slack's ``/policy``) as a :class:`PolicyCommand`;
    a Japanese subcommand name (``一覧``) is read as its English one."""
    sub, rest = _split(args.strip())
    name = sub.lower()
    return PolicyCommand(SUB_ALIASES.get(name, name) or "help", rest, f"{wording} {sub}".strip())


def _split(text: str) -> tuple[str, str]:
    """The first word and the rest; any blank separates them (a line break, a full-width space)."""
    m = _FIRST_WORD.match(text)
    return (m.group(1), m.group(2).strip()) if m else ("", "")


def command_text(command: Command) -> str:
    """The person's own words in a command (the question, the draft or the arguments): what
    the reply's language follows."""
    match command:
        case Ask(question):
            return question
        case CheckDraft(draft):
            return draft
        case PolicyCommand(_, args, wording):
            return f"{wording} {args}".strip()


@dataclass(frozen=True, slots=True)
class Incoming:
    """A message or command from a person, whatever the platform."""

    platform: str  # slack | teams | console
    user_id: str
    command: Command
    channel_id: str | None = None
    is_direct: bool = True
    lang: str | None = None  # forced reply language; None: follow the person (see Dispatcher.language)
    team_id: str | None = None
    locale: str | None = None  # the person's platform locale when the platform sends it (Teams: ja-JP)

    @property
    def text(self) -> str:
        """The person's own words (see :func:`command_text`)."""
        return command_text(self.command)

    def spoken(self, languages: Collection[str] = ()) -> str | None:
        """The language the person's words show, if any, among ``languages`` (a knowledge
        base's): a question or a draft by its text; a ``policy`` command by a Japanese command
        word, else by its arguments (``every monday``, English or Japanese)."""
        match self.command:
            case PolicyCommand(_, args, wording):
                return "ja" if has_japanese(wording) else spoken_language(args)
            case _:
                return spoken_language(self.text, languages)


_NO_VALUES: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class ButtonPress:
    """A button or form of one of the bot's own messages, as every platform reports it.

    ``action`` is the button's name (``helpful``, ``ack_reminder``, ``quiz_answer``,
    ``finding_wrong``); ``values`` are the strings the button carries; ``lang`` is the
    language of the message the button was on, when the platform tells it.
    """

    platform: str
    user_id: str
    action: str
    values: Mapping[str, str] = field(default_factory=lambda: _NO_VALUES)
    lang: str | None = None

    def value(self, key: str = "value") -> str:
        return self.values.get(key, "")
