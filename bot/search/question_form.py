"""How a question is asked (see ``bot/data/question_forms.yaml``): whether it asks what to
do (how-to), whether something may be done (permission), or how to operate something rather
than whether something may be done (a procedure), whether it is placed before or after
something happens, and whether it keeps quiet who is posting."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from bot.data.lexicon import JAPANESE_LETTER
from bot.data.question_forms import question_forms


def asks_how_to(question: str) -> bool:
    """True for a how-to question ("What should I do ...?", 「どう対応すれば？」): its answer
    is the clause's guidance, not a verdict."""
    return _matches(_normalised(question), "how_to")


class Asking(NamedTuple):
    """What the answered/unsure decision reads of a question's form (:func:`asking`)."""

    procedure: bool  # how to operate something, when or where (:func:`asks_procedure`)
    permission: bool  # whether something may be done (:func:`asks_permission`)


def asking(question: str) -> Asking:
    """Both forms the decision reads, from one normalised text."""
    text = _normalised(question)
    permission = _matches(text, "permission")
    # Something that will not work, or a thing asked for ("who do I ask to get a Jira account"),
    # is the help desk's even when it asks what to do about it, or whether it may be done.
    procedure = (_matches(text, "failure") or _matches(text, "request")) or (
        not permission and _matches(text, "procedure") and not _matches(text, "how_to")
    )
    return Asking(procedure, permission)


def asks_procedure(question: str) -> bool:
    """True for a question that asks how to operate something, when or where ("How do I
    reset my password?", 「申し込み方法を教えて」) and neither whether something may be done
    nor how to respond, or that says something will not work ("my laptop keeps freezing, how
    do I fix it?") or asks whom to ask for a thing ("who do I ask for a Steam Deck to test
    on?"): usually a help-desk question."""
    return asking(question).procedure


def timing(text: str) -> str | None:
    """``"before"`` or ``"after"`` when the text places itself on one side of an event only
    ("before they are published", 「公表済みの」); None when it says neither, or both."""
    normal = _normalised(text)
    sides = [side for side in ("before", "after") if _matches(normal, side)]
    return sides[0] if len(sides) == 1 else None


def disclosure(text: str) -> str | None:
    """``"hidden"`` when the text keeps quiet who is posting or that a post is paid
    ("without saying I work there", 「社員なのは伏せて」), ``"open"`` when it says so
    ("saying that I work here", 「社員であることを明記して」); None when neither. Hidden wins:
    "wouldn't mention I work there" holds "mention I work there" too."""
    normal = _normalised(text)
    if _matches(normal, "hidden"):
        return "hidden"
    return "open" if _matches(normal, "open") else None


def asks_permission(question: str) -> bool:
    """True for a question that asks whether something may be done ("can I …?", "is it ok
    …?", 「〜してもいい?」「投稿できる?」)."""
    return asking(question).permission


def asks_in_general(question: str) -> bool:
    """True for a question about a subject's rules as a whole rather than one situation
    ("any rules about mentioning competitors?", 「どこまで書いていい?」)."""
    return _matches(_normalised(question), "general")


# Posting said not to happen ("not for posting, for a client deck", 「投稿用じゃなくて」): the forms'
# guards read a posting word as a question about posting, and this one is not.
_NOT_POSTING = re.compile(
    r"\bnot (?:for |going to |gonna )?post(?:ing|ed)?(?: (?:it|them|this|these|that|anywhere|online))?\b"
    r"|\bnot (?:for|on) (?:social(?: media)?|instagram|tiktok|linkedin|facebook|x|twitter)\b"
    r"|投稿用(?:じゃ|では)な(?:くて|いけど|いです|く)|投稿(?:は|も)?(?:しない|しません)(?:けど|が|ので|から)"
    r"|(?:SNS|ネット)(?:には|に)?(?:載せ|上げ|出さ)(?:ない|ません)(?:けど|が|ので|から)",
    re.IGNORECASE,
)


def _normalised(question: str) -> str:
    # NFKC keeps the typographic apostrophe phones type ("wouldn’t"): the forms write "'".
    text = unicodedata.normalize("NFKC", question).replace("’", "'")
    return _NOT_POSTING.sub(" ", text)


def _matches(text: str, form: str) -> bool:
    patterns = question_forms().get(form)
    if patterns is None:
        return False
    if patterns.anywhere.search(text):
        return True
    return bool(patterns.japanese) and JAPANESE_LETTER.search(text) is not None and patterns.japanese.search(text)
