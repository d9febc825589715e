"""The guidebot core: a plain object that adapters hold.

It owns the knowledge base currently in service (with its index) and turns
questions and drafts into replies. Everything here is synchronous and pure; the
command dispatcher in :mod:`bot.assistant.dispatch` adds the I/O-bound commands.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace

from bot.assistant.drafts import QUOTED, reads_as_draft, unquoted_draft
from bot.checks.checker import MAX_DRAFT_CHARS, InputTooLarge, check_text
from bot.data.question_forms import prepare_question_forms
from bot.data.shorthand import spell_out
from bot.domain.findings import CheckResult
from bot.domain.policy import Clause, KnowledgeBase
from bot.domain.replies import AnswerReply, CheckReply, ClauseListReply, ClauseReply, PolicyInfo, ScoredClause
from bot.domain.texts import detect_language, pick
from bot.runtime.compiled import prepare_lazy
from bot.search.index import ClauseIndex, Ranking
from bot.search.question_form import asks_how_to
from bot.search.sentence_model import CONFIGURED, Configured, SentenceModel

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 10_000
MATCH_LIMIT = 5


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A knowledge base with its index: replaced as a whole on reload."""

    kb: KnowledgeBase
    index: ClauseIndex


class GuideBot:
    """Answers questions and checks drafts against the knowledge base in service."""

    def __init__(self, kb: KnowledgeBase, sentence_model: SentenceModel | Configured | None = CONFIGURED) -> None:
        """``sentence_model``: the process's (the default), another, or None (words only)."""
        self._model = sentence_model
        self._snapshot = Snapshot(kb, ClauseIndex(kb, sentence_model=sentence_model))
        self._lock = threading.Lock()

    @property
    def kb(self) -> KnowledgeBase:
        return self._snapshot.kb

    @property
    def index(self) -> ClauseIndex:
        return self._snapshot.index

    def replace(self, kb: KnowledgeBase) -> None:
        """Put a new (already validated) knowledge base into service."""
        snapshot = Snapshot(kb, ClauseIndex(kb, sentence_model=self._model))
        with self._lock:
            self._snapshot = snapshot

    def warm(self, stop: threading.Event | None = None) -> int:
        """Compile the patterns that wait for their first match (:mod:`bot.runtime.compiled`)
        and prepare the sentence model's vectors of the base in service (see ClauseIndex.warm)."""
        snap = self._snapshot
        prepare_question_forms()
        prepare_lazy()  # the draft checks' own patterns
        for check in snap.kb.checks:
            if stop is not None and stop.is_set():
                break
            try:
                check.rule.prepare()
            except Exception as exc:  # it compiled when the base was read: log it, and warm the rest
                log.warning("check %s did not compile at warm-up (%s)", check.id, type(exc).__name__)
        return snap.index.warm(stop)

    def policy_info(self, lang: str, kb: KnowledgeBase | None = None) -> PolicyInfo:
        kb = kb or self.kb
        d = kb.policy.default_language
        return PolicyInfo(pick(kb.policy.title, lang, d), kb.policy.version, pick(kb.policy.owner, lang, d))

    def language(self, text: str, forced: str | None = None) -> str:
        return forced or detect_language(text, self.kb.policy.default_language)

    def ask(self, question: str, lang: str | None = None) -> AnswerReply:
        """Answer a question (``unsure`` when no clause confidently covers it)."""
        if len(question) > MAX_QUESTION_CHARS:
            raise InputTooLarge(
                f"question too long: {len(question):,} characters (limit {MAX_QUESTION_CHARS:,})",
                len(question),
                MAX_QUESTION_CHARS,
            )
        snap = self._snapshot
        question_lang = detect_language(question, snap.kb.policy.default_language)
        lang = lang or question_lang
        named = _named_clause(snap.kb, question)
        if named is not None:  # a bare clause id, as every answer cites them: that clause
            info = self.policy_info(lang, snap.kb)
            return AnswerReply(question_lang, lang, "answered", (ScoredClause(named, 1.0),), info)
        ranking: Ranking = snap.index.search(question, MATCH_LIMIT)
        quoted = quoted_draft(question)
        check = check_text(snap.kb, quoted, lang) if quoted else None
        matches = [ScoredClause(m.clause, round(m.score, 3)) for m in ranking.matches]
        confident = ranking.confident
        alternatives = tuple(ScoredClause(m.clause, round(m.score, 3)) for m in ranking.offered)
        flagged = _flagged_clause(snap.kb, check)
        if flagged is not None:
            # "Can I post this: '...'" is answered by the clause the draft breaks: the check
            # has read the draft itself, which the question's own words only hint at.
            top = max((m.score for m in matches), default=0.0)
            matches = [ScoredClause(flagged, top), *(m for m in matches if m.clause.id != flagged.id)][:MATCH_LIMIT]
            if not confident:  # the words' best guesses are no longer the answer's rivals
                alternatives = ()
            alternatives = tuple(a for a in alternatives if a.clause.id != flagged.id)
            confident = True
        # Inside the answer's clause, the situation asked about decides the verdict.
        case = snap.index.case_for(matches[0].clause, question) if confident and matches else None
        # So does it inside each offered clause: its button answers with that situation.
        alternatives = tuple(replace(a, case=snap.index.case_for(a.clause, question)) for a in alternatives)
        return AnswerReply(
            question_lang,
            lang,
            "answered" if confident else "unsure",
            tuple(matches),
            self.policy_info(lang, snap.kb),
            check,
            case,
            alternatives=alternatives,
            cited=_cited(snap.kb, check),
            how_to=asks_how_to(spell_out(question)),
            vague=ranking.vague and check is None,
        )

    def named_clause(self, text: str) -> Clause | None:
        """The clause ``text`` is the id of (any case, spaces around it aside), else None."""
        return _named_clause(self.kb, text)

    def answer_with(self, clause_id: str, lang: str, case_id: str = "") -> AnswerReply | None:
        """The answer a person chose among those offered: ``clause_id`` as the answer, in the
        situation ``case_id`` when the clause still has it (else the clause in general)."""
        snap = self._snapshot
        clause = snap.kb.clause(clause_id)
        if clause is None:
            return None
        case = clause.case(case_id) if case_id else None
        info = self.policy_info(lang, snap.kb)
        return AnswerReply(lang, lang, "answered", (ScoredClause(clause, 1.0),), info, case=case)

    def answer(self, message: str, lang: str | None = None) -> AnswerReply | CheckReply:
        """A chat message: checked as a draft when it reads as one (:func:`reads_as_draft`),
        and the reply says so; otherwise asked as a question."""
        if len(message) <= MAX_DRAFT_CHARS and reads_as_draft(self.kb, message):
            return replace(self.check(message, lang), read_as_draft=True)
        return self.ask(message, lang)

    def check(self, draft: str, lang: str | None = None) -> CheckReply:
        """Check a draft; raises :class:`InputTooLarge` past the documented limit."""
        snap = self._snapshot
        result: CheckResult = check_text(snap.kb, draft, lang)
        return CheckReply(result.lang, result, self.policy_info(result.lang, snap.kb), _cited(snap.kb, result))

    def show(self, clause_id: str, lang: str) -> ClauseReply | None:
        kb = self.kb
        clause = kb.clause(clause_id)
        if clause is None:
            return None
        see = tuple(c for c in (kb.clause(i) for i in clause.see_also) if c is not None)
        return ClauseReply(lang, clause, self.policy_info(lang, kb), see)

    def list(self, lang: str) -> ClauseListReply:
        kb = self.kb
        return ClauseListReply(lang, kb.clauses, self.policy_info(lang, kb))

    def clause(self, clause_id: str) -> Clause | None:
        return self.kb.clause(clause_id)


_SEVERITY_RANK = {"error": 0, "warning": 1}


def _cited(kb: KnowledgeBase, result: CheckResult | None) -> dict[str, Clause]:
    """The clauses a check's findings rest on, by id (renderers show their titles)."""
    findings = result.findings if result is not None else ()
    return {f.clause: kb.by_id[f.clause] for f in findings if f.clause in kb.by_id}


def _flagged_clause(kb: KnowledgeBase, check: CheckResult | None) -> Clause | None:
    """The clause of the most severe (then first) warning or error about a quoted draft."""
    if check is None:
        return None
    flagged = [f for f in check.findings if f.severity in _SEVERITY_RANK and kb.clause(f.clause) is not None]
    if not flagged:
        return None
    return kb.clause(min(flagged, key=lambda f: _SEVERITY_RANK[f.severity]).clause)


def quoted_draft(question: str) -> str | None:
    """The draft a question carries, to check: its longest quoted passage, else the
    sentences it points at without quotes ("Can I post this? <draft>",
    :func:`bot.assistant.drafts.unquoted_draft`)."""
    best = ""
    for m in QUOTED.finditer(question):
        part = next(g for g in m.groups() if g)
        if len(part) > len(best):
            best = part
    return best or unquoted_draft(question)


__all__ = ["MAX_DRAFT_CHARS", "MAX_QUESTION_CHARS", "GuideBot", "InputTooLarge", "quoted_draft"]


def _named_clause(kb: KnowledgeBase, text: str) -> Clause | None:
    word = text.strip()
    return kb.clause(word) if word and not any(c.isspace() for c in word) else None
