"""Built-in "none of the above" documents: what a workplace help desk is asked.

A social media policy does not answer questions about leave, payroll, laptops or
the canteen, yet such questions share words with it ("office", "account",
"post"). These pseudo-documents compete with the clauses in the index: when one
of them explains a question better than every clause, the bot says it is unsure
instead of answering with the least bad clause. They describe generic topics of
any company, in English and Japanese, and never the policy's own subjects.

The areas are data: ``bot/data/helpdesk.yaml`` (:mod:`bot.data.helpdesk`).
"""

from __future__ import annotations

from bot.data.helpdesk import helpdesk_areas

# One document per help-desk area; each string is one "field" of plain text.
OFF_TOPIC: dict[str, tuple[str, ...]] = {area.name: area.texts for area in helpdesk_areas()}
# These areas are indexed by their own words only: "Slack" or "intranet" in a question about
# channel settings must not bring them the thesaurus concepts the policy's clauses are about.
WORDS_ONLY = frozenset(area.name for area in helpdesk_areas() if area.words_only)
# A few typical questions per area, for the sentence model only (never indexed as words).
HELP_DESK_QUESTIONS: dict[str, tuple[str, ...]] = {area.name: area.examples for area in helpdesk_areas()}
