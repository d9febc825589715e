"""Usage records of conversations: what was asked and checked, never what was written.

Every chat message passes :meth:`bot.assistant.dispatch.Dispatcher.handle`, which hands the
reply to a :class:`UsageRecorder`. The recorder keeps outcomes, clause and check
ids, categories and timings. People appear only as a keyed hash (HMAC-SHA256 of
``platform:user_id`` with a per-installation secret). Unsure questions keep their
content words (knowledge gaps), and their text only when the operator opts in.
Drafts, including drafts quoted inside a question, are never kept in any form.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol

from bot.assistant.drafts import possible_draft
from bot.checks.masking import mask_sensitive
from bot.domain.commands import Incoming
from bot.domain.findings import CheckResult
from bot.domain.policy import KnowledgeBase
from bot.domain.replies import AnswerReply, CheckReply, Reply
from bot.runtime.logsafe import describe_failure
from bot.search.analysis import STOP_WORDS, fold, japanese_terms

log = logging.getLogger(__name__)

MAX_KEYWORDS = 12
MAX_CHECK_IDS_CHARS = 128
# Anything between quotes may be a draft (see bot.assistant.engine.quoted_draft): dropped
# before keywords are taken, whatever its length; so is a draft a question points at
# without quotes ("Can I post this? <draft>").
_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"]*\"|“[^”]*”|「[^」]*」|『[^』]*』|‘[^’]*’")
_LATIN = re.compile(r"[a-z][a-z'-]*[a-z]")
# Slack user, group and channel references (<@U123|jane>, <!subteam^S1>), Teams <at>…</at>
# mentions and typed @handles.
_MENTION = re.compile(r"<[@!#][^>]*>|<at>.*?</at>|@[\w.\-]+", re.IGNORECASE)
# Two or more capitalised words in a row ("Kenji Tanaka", "Jane Doe"): likely a person's name.
_NAME_RUN = re.compile(r"\b[A-Z][a-z'\-]+(?:\s+[A-Z][a-z'\-]+)+\b")
# Short or generic words that say nothing about the topic of a question.
_GENERIC = frozenset({"can", "could", "would", "should", "post", "posting", "share", "okay", "ok", "way", "get"})


@dataclass(frozen=True, slots=True)
class UsageEvent:
    """One row of ``usage_events``: no draft, no user id in clear."""

    at: datetime
    platform: str
    kind: str  # question | check | feedback | quiz | choice (an offered clause picked: "Also see")
    user_hash: str
    outcome: str  # answered | unsure | pass | warn | block | yes | no | wrong_finding | correct | wrong
    clause_id: str | None = None
    check_id: str | None = None  # check events: the ids of the checks that fired, comma-separated
    categories: str | None = None
    keywords: str | None = None
    question_text: str | None = None
    duration_ms: float | None = None
    lang: str | None = None


class UsageSink(Protocol):
    """Where usage events go (the database in production, a list in tests)."""

    def add_events(self, events: Sequence[UsageEvent]) -> None: ...


def keywords(question: str, kb: KnowledgeBase | None = None) -> list[str]:
    """The content words of a question, in order, without repeats.

    Quoted passages and what a question points at as its post
    (:func:`~bot.assistant.drafts.possible_draft`), secrets and personal data
    (:func:`bot.checks.masking.mask_sensitive`, with ``kb``'s own checks), mentions, runs
    of capitalised words (likely names: "Kenji Tanaka") and words holding digits are
    dropped; Japanese gives kanji bigrams and katakana words.
    """
    draft = possible_draft(question)
    question = question.replace(draft, " ") if draft else question
    masked = _MENTION.sub(" ", mask_sensitive(kb, _QUOTED.sub(" ", question)))
    folded = fold(_without_names(masked))
    out: list[str] = []
    for word in _LATIN.findall(folded):
        word = word.strip("'-")
        if len(word) > 2 and word not in STOP_WORDS and word not in _GENERIC and word not in out:
            out.append(word)
    for term in japanese_terms(folded):
        if term not in out and len(term) > 1:
            out.append(term)
    return out[:MAX_KEYWORDS]


def user_hash(key: bytes, platform: str, user_id: str) -> str:
    """A stable pseudonym: HMAC-SHA256 of ``platform:user_id``, shortened."""
    return hmac.new(key, f"{platform}:{user_id}".encode(), hashlib.sha256).hexdigest()[:32]


class UsageRecorder:
    """Turns replies and button presses into :class:`UsageEvent` rows."""

    def __init__(
        self,
        sink: UsageSink,
        key: bytes,
        keep_questions_days: int = 0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        kb: Callable[[], KnowledgeBase | None] = lambda: None,
    ) -> None:
        self.sink = sink
        self.kb = kb  # the base in service: its secret and personal-data checks mask stored text
        self._key = key
        self.keep_questions = keep_questions_days > 0
        self.clock = clock

    def hash(self, platform: str, user_id: str) -> str:
        return user_hash(self._key, platform, user_id)

    def events_for(self, incoming: Incoming, reply: Reply, duration_ms: float) -> list[UsageEvent]:
        """The events one conversation turn leaves behind (pure; no I/O)."""
        at, who = self.clock(), self.hash(incoming.platform, incoming.user_id)
        ms = round(duration_ms, 3)
        if isinstance(reply, CheckReply):
            return [_check_event(at, incoming.platform, who, reply.result, ms)]
        if not isinstance(reply, AnswerReply):
            return []
        clause = reply.clause
        unsure = reply.outcome == "unsure"
        kb = self.kb() if unsure else None
        # A question that quoted a draft is never kept as text.
        keep_text = unsure and self.keep_questions and reply.check is None and possible_draft(incoming.text) is None
        events = [
            UsageEvent(
                at,
                incoming.platform,
                "question",
                who,
                reply.outcome,
                clause_id=clause.id if clause else None,
                keywords=(" ".join(keywords(incoming.text, kb)) or None) if unsure else None,
                question_text=mask_sensitive(kb, incoming.text)[:500] if keep_text else None,
                duration_ms=ms,
                lang=reply.lang,
            )
        ]
        if reply.check is not None:
            events.append(_check_event(at, incoming.platform, who, reply.check, None))
        return events

    async def __call__(self, incoming: Incoming, reply: Reply, duration_ms: float) -> None:
        """The dispatcher's hook: record one turn; storage errors are logged, not raised."""
        # Off the event loop: masking what is kept runs the knowledge base's checks.
        events = await asyncio.to_thread(self.events_for, incoming, reply, duration_ms)
        if events:
            await self._store(events)

    async def feedback(self, platform: str, user_id: str, clause_id: str, helpful: bool) -> None:
        """A "was this helpful?" answer about a clause."""
        await self._store(
            [self._simple("feedback", platform, user_id, "yes" if helpful else "no", clause_id=clause_id)]
        )

    async def chose(self, platform: str, user_id: str, clause_id: str) -> None:
        """An offered clause picked ("Also see"): it answered the person's question."""
        await self._store([self._simple("choice", platform, user_id, "answered", clause_id=clause_id)])

    async def finding_wrong(self, platform: str, user_id: str, check_id: str) -> None:
        """A "this finding is wrong" report about a check."""
        await self._store([self._simple("feedback", platform, user_id, "wrong_finding", check_id=check_id)])

    async def quiz_answer(self, platform: str, user_id: str, clause_id: str, correct: bool, lang: str) -> None:
        await self._store(
            [self._simple("quiz", platform, user_id, "correct" if correct else "wrong", clause_id=clause_id, lang=lang)]
        )

    def _simple(
        self,
        kind: str,
        platform: str,
        user_id: str,
        outcome: str,
        clause_id: str | None = None,
        check_id: str | None = None,
        lang: str | None = None,
    ) -> UsageEvent:
        at, who = self.clock(), self.hash(platform, user_id)
        return UsageEvent(at, platform, kind, who, outcome, clause_id=clause_id, check_id=check_id, lang=lang)

    async def _store(self, events: list[UsageEvent]) -> None:
        try:
            await asyncio.to_thread(self.sink.add_events, events)
        except Exception as exc:
            # Usage records must never break a conversation; log kinds only, no content.
            log.error("could not record usage (%s): %s", ",".join(e.kind for e in events), describe_failure(exc))


def _check_event(at: datetime, platform: str, who: str, result: CheckResult, duration_ms: float | None) -> UsageEvent:
    checks = sorted({f.check for f in result.findings})
    while len(",".join(checks)) > MAX_CHECK_IDS_CHARS:  # the column's width; rare, keep whole ids
        checks.pop()
    cats = sorted({f.category for f in result.findings if f.severity != "info"})
    return UsageEvent(
        at,
        platform,
        "check",
        who,
        result.verdict,
        check_id=",".join(checks) or None,
        categories=",".join(cats) or None,
        duration_ms=duration_ms,
        lang=result.lang,
    )


def _without_names(text: str) -> str:
    """``text`` without runs of two or more capitalised words. A run that opens a sentence
    loses its first word too ("Does Instagram allow"): that word is almost always a stop
    word, and telling it from a first name is not worth the risk."""
    return _NAME_RUN.sub(" ", text)
