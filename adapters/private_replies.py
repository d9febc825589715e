"""Which replies to a message asked in a channel belong to the asker alone.

Both chat adapters answer a mention in a channel in its thread, except for these:
a check result or the paste form (a draft is confidential) and whatever a
manager subcommand answers (usage figures, the reminders list, confirmations and
refusals), which go to the person privately instead.
"""

from __future__ import annotations

from bot.domain.replies import CheckReply, FormReply, Incoming, ReminderListReply, Reply, ReportReply

# The ``policy`` subcommands reserved to managers (bot.features.reminders.feature, bot.features.owner.feature).
MANAGER_SUBCOMMANDS = frozenset({"remind", "reminders", "announce", "report"})
PRIVATE_REPLIES = (CheckReply, FormReply, ReportReply, ReminderListReply)


def is_manager_command(text: str) -> bool:
    """``policy SUB ...`` where SUB is a manager subcommand (the slash of ``/policy`` allowed)."""
    words = text.split(maxsplit=2)
    return len(words) >= 2 and words[0].lower().lstrip("/") == "policy" and words[1].lower() in MANAGER_SUBCOMMANDS


def is_private(incoming: Incoming, reply: Reply) -> bool:
    """True when ``reply`` to ``incoming`` must be shown to the asker only."""
    return isinstance(reply, PRIVATE_REPLIES) or is_manager_command(incoming.text)
