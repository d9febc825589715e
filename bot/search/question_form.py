"""Whether a question asks for permission or for what to do (see ``bot/data/question_forms.yaml``)."""

from __future__ import annotations

import unicodedata

from bot.data.question_forms import question_forms


def asks_how_to(question: str) -> bool:
    """True for a how-to question ("What should I do ...?", 「どう対応すれば？」): its answer
    is the clause's guidance, not a verdict."""
    return _matches(question, "how_to")


def asks_procedure(question: str) -> bool:
    """True for a question that asks how to operate something, when or where ("How do I
    reset my password?", 「申し込み方法を教えて」) and neither whether something may be done
    nor how to respond: usually a help-desk question."""
    return _matches(question, "procedure") and not _matches(question, "permission") and not _matches(question, "how_to")


def _matches(question: str, form: str) -> bool:
    text = unicodedata.normalize("NFKC", question)
    return any(p.search(text) for p in question_forms().get(form, ()))
