"""Whether a question asks for permission or for what to do (see ``bot/data/question_forms.yaml``)."""

from __future__ import annotations

import unicodedata

from bot.data.question_forms import question_forms


def asks_how_to(question: str) -> bool:
    """True for a how-to question ("What should I do ...?", 「どう対応すれば？」): its answer
    is the clause's guidance, not a verdict."""
    text = unicodedata.normalize("NFKC", question)
    return any(p.search(text) for p in question_forms().get("how_to", ()))
