"""Example questions for the help-desk areas, for the sentence model
(``bot/data/helpdesk.yaml``; see :data:`bot.search.helpdesk.HELP_DESK_QUESTIONS`)."""

from __future__ import annotations

from bot.search.helpdesk import HELP_DESK_QUESTIONS

__all__ = ["HELP_DESK_QUESTIONS"]
