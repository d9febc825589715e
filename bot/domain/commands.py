"""What a person asks of the bot, parsed once: incoming messages, typed commands, button presses.

Adapters turn a platform's payload into an :class:`Incoming` carrying a :data:`Command`
value: a slash command or a message action becomes :class:`CheckDraft` or
:class:`PolicyCommand` directly, a chat message is read by :func:`parse_command`. Nothing
downstream parses text into a command again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

CHECK_WORD = "checkpost"
POLICY_WORD = "policy"
HELP_WORDS = frozenset({"help", "ヘルプ"})


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


Command = Ask | CheckDraft | PolicyCommand


def parse_command(text: str) -> Command:
    """A chat message as the command it is: ``checkpost DRAFT``, ``policy SUB ...``, ``help``, else a question.

    The command word may carry Slack's slash and may end at a line break (``checkpost\\nDRAFT``).
    An empty message asks for help.
    """
    text = text.strip()
    if not text:
        return PolicyCommand()
    first, _, rest = text.partition(" ")
    if "\n" in first:
        first, _, more = first.partition("\n")
        rest = more + (" " + rest if rest else "")
    head = first.lower().lstrip("/")
    if head == CHECK_WORD:
        return CheckDraft(rest.strip())
    if head == POLICY_WORD:
        return policy_command(rest)
    if head in HELP_WORDS and not rest.strip():
        return PolicyCommand()
    return Ask(text)


def policy_command(args: str) -> PolicyCommand:
    """The words after ``policy`` (or after Slack's ``/policy``) as a :class:`PolicyCommand`."""
    sub, _, rest = args.strip().partition(" ")
    return PolicyCommand(sub.lower() or "help", rest.strip())


def command_text(command: Command) -> str:
    """The person's own words in a command (the question, the draft or the arguments): what
    the reply's language follows."""
    match command:
        case Ask(question):
            return question
        case CheckDraft(draft):
            return draft
        case PolicyCommand(_, args):
            return args


@dataclass(frozen=True, slots=True)
class Incoming:
    """A message or command from a person, whatever the platform."""

    platform: str  # slack | teams | console
    user_id: str
    command: Command
    channel_id: str | None = None
    is_direct: bool = True
    lang: str | None = None  # forced reply language; None: follow the text
    team_id: str | None = None

    @property
    def text(self) -> str:
        """The person's own words (see :func:`command_text`)."""
        return command_text(self.command)


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
