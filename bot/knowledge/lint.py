"""``kb lint``: every error of a knowledge base, its checks' examples run as tests,
and warnings: clauses with few example questions, a clause's own questions answered by
another clause, a case's questions answered by another clause, another case or the clause
in general (or a clause's own questions taken by one of its cases), a case missing a
language its clause speaks, and a case whose verdict is the clause's own."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from bot.checks.checker import flags
from bot.data.messages import LANGUAGES as MESSAGE_LANGUAGES
from bot.domain.policy import Case, Clause, KnowledgeBase, Source
from bot.domain.texts import ANY
from bot.knowledge.issues import Issue, ItemSources
from bot.knowledge.loader import load_with_sources
from bot.search.index import ClauseIndex


def lint(path: str | os.PathLike[str], *, routing: bool = True) -> tuple[KnowledgeBase | None, list[Issue]]:
    """Load and lint; issues are errors (the base is unusable) or warnings.

    ``routing=False`` skips the routing warnings, which need an index of their own and
    can never refuse a base (live reload builds the serving index once, afterwards)."""
    kb, issues, sources = load_with_sources(path)
    if kb is None:
        return None, sorted(issues, key=lambda i: (i.file, i.line))
    issues += example_issues(kb, sources)
    issues += language_warnings(kb)
    issues += length_warnings(kb)
    issues += case_warnings(kb, sources)
    issues += question_warnings(kb)
    if routing:
        issues += routing_warnings(kb, sources)
    issues.sort(key=lambda i: (i.file, i.line))  # in the order of the files, whatever found them
    return (kb if not any(i.level == "error" for i in issues) else None), issues


def example_issues(kb: KnowledgeBase, sources: ItemSources) -> list[Issue]:
    """Errors for check examples that do not behave as stated, each at the example's line."""
    out = []
    for check in kb.checks:
        fld = f"checks[{check.id}].examples"
        for text in check.examples.flag:
            if not flags(check, text):
                at = sources.get((f"{fld}.flag", text), check.source)
                out.append(Issue(at.file, at.line, f"{fld}.flag", f"does not raise this check: {text!r}"))
        for text in check.examples.passes:
            if flags(check, text):
                at = sources.get((f"{fld}.pass", text), check.source)
                out.append(Issue(at.file, at.line, f"{fld}.pass", f"raises this check: {text!r}"))
    return out


# The longest answer every chat shows whole: Teams cuts a text block at 2,000 characters
# (Slack's section at 3,000).
LONG_ANSWER = 2_000


def length_warnings(kb: KnowledgeBase) -> list[Issue]:
    """A warning for each answer (of a clause or a case) longer than chats show whole."""
    out = []
    for clause in kb.clauses:
        answers = [(f"clauses[{clause.id}].answer", clause.answer, clause.source)]
        answers += [
            (f"clauses[{clause.id}].cases[{c.id}].answer", c.answer, c.source) for c in clause.cases if c.answer
        ]
        for fld, text, source in answers:
            for lang, answer in text.items():
                if len(answer) > LONG_ANSWER:
                    named = fld if lang == ANY else f"{fld}.{lang}"
                    said = f"{len(answer):,} characters: chats cut an answer past {LONG_ANSWER:,}; shorten it"
                    out.append(_warning(source.file, source.line, named, said))
    return out


def language_warnings(kb: KnowledgeBase) -> list[Issue]:
    """A warning, at the policy's line, for each language the base answers in that the bot's
    own words (verdicts, buttons, help: ``bot/data/messages.yaml``) lack: replies in it show
    those words in English."""
    missing = [lang for lang in kb.languages if lang not in MESSAGE_LANGUAGES]
    if not missing:
        return []
    at = kb.policy.source
    said = (
        f"guidebot's own words (verdicts, buttons, help) are in {', '.join(MESSAGE_LANGUAGES)}: replies in "
        f"{', '.join(missing)} show them in English (add the language to bot/data/messages.yaml)"
    )
    return [_warning(at.file, at.line, "policy", said)]


# Example questions a clause needs in each language: other organisations' bases with their
# clauses cut from four or five to two (and no cases) answered about one question in twenty
# fewer right (docs/answer-ranking.md, "parameters chosen on thin bases").
CLAUSE_QUESTIONS = 4
SMALL_BASE = 10


def question_warnings(kb: KnowledgeBase) -> list[Issue]:
    """One warning, at the policy's line, per language in which clauses have fewer than
    :data:`CLAUSE_QUESTIONS` example questions (in a base of :data:`SMALL_BASE` clauses or more):
    people's questions are matched against them."""
    if len(kb.clauses) < SMALL_BASE:
        return []  # a handful of clauses is a demo or a test, not a policy people ask
    out = []
    for lang in kb.languages:
        few = [
            c.id
            for c in kb.clauses
            if lang in c.answer and len(c.questions.get(lang, ())) + len(c.questions.get(ANY, ())) < CLAUSE_QUESTIONS
        ]
        if few:
            named = ", ".join(few[:5]) + (", …" if len(few) > 5 else "")
            said = (
                f"{len(few)} of {len(kb.clauses)} clauses have fewer than {CLAUSE_QUESTIONS} example questions in "
                f"{lang} ({named}): questions are matched to a clause more reliably when it has four or five, "
                "in the words people use"
            )
            out.append(_warning(kb.policy.source.file, kb.policy.source.line, "clauses.questions", said))
    return out


# Example questions a case needs in each language: situations are told apart by their words
# (bot/search/cases.py), and with fewer an incidental word of one example ("Instagram") can
# decide the verdict of a question that never states the situation.
CASE_QUESTIONS = 5


def case_warnings(kb: KnowledgeBase, sources: ItemSources) -> list[Issue]:
    """Warnings for a case missing a language its clause answers in, with fewer than
    :data:`CASE_QUESTIONS` example questions in one, and for a case whose verdict is its
    clause's (a case is for a situation whose verdict differs), each at the field's line."""
    out = []
    for clause in kb.clauses:
        # A clause written in plain strings (no language keys) answers in the base's default language.
        langs = sorted(k for k in clause.answer if k != ANY) or [kb.policy.default_language]
        for case in clause.cases:
            fld = f"clauses[{clause.id}].cases[{case.id}]"
            texts = {"when": case.when, "questions": case.questions}
            if case.answer is not None:
                texts["answer"] = case.answer
            for name, text in texts.items():
                missing = [lang for lang in langs if ANY not in text and lang not in text]
                if missing:
                    at = sources.get((f"{fld}.{name}", ""), case.source)
                    out.append(_warning(at.file, at.line, f"{fld}.{name}", f"no {', '.join(missing)}"))
            for lang in langs:
                have = len(case.questions.get(lang, ())) + len(case.questions.get(ANY, ()))
                if 0 < have < CASE_QUESTIONS:
                    at = sources.get((f"{fld}.questions", ""), case.source)
                    few = (
                        f"only {have} example question(s): a situation is told apart by its words, so give it "
                        f"{CASE_QUESTIONS} or more, in the ways people put its deciding detail"
                    )
                    named = f"{fld}.questions.{lang}" if lang in clause.answer else f"{fld}.questions"
                    out.append(_warning(at.file, at.line, named, few))
            if case.verdict == clause.verdict:
                at = sources.get((f"{fld}.verdict", ""), case.source)
                same = f"same as the clause's ({clause.verdict}): a case is for a situation whose verdict differs"
                out.append(_warning(at.file, at.line, f"{fld}.verdict", same))
    return out


def routing_warnings(kb: KnowledgeBase, sources: ItemSources, index: ClauseIndex | None = None) -> list[Issue]:
    """Warnings for a clause's own questions whose best match is another clause (one of its
    own cases may take them: a clause's examples may name a situation), and for a case's
    questions answered by another clause, another case or the clause in general; each at
    the question's line."""
    index = index or ClauseIndex(kb)
    out = []
    for clause in kb.clauses:
        fld = f"clauses[{clause.id}]"
        asked: list[tuple[str, Source, str | None, tuple[str, str]]]
        asked = [(f"{fld}.questions", clause.source, None, q) for q in _questions(clause.questions)]
        asked += [
            (f"{fld}.cases[{c.id}].questions", c.source, c.id, q) for c in clause.cases for q in _questions(c.questions)
        ]
        for name, source, case_id, (lang, q) in asked:
            top, case = _answered_by(index, q)
            if top is clause and (case_id is None or (case is not None and case.id == case_id)):
                continue
            got = "no clause" if top is None else f"{top.id}/{case.id}" if case else _general(top)
            fld = name if lang == ANY else f"{name}.{lang}"
            at = sources.get((fld, q), source)
            out.append(_warning(at.file, at.line, fld, f"{q!r} is answered by {got} instead"))
    return out


def _questions(texts: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    return [(lang, q) for lang, questions in texts.items() for q in questions]


def _answered_by(index: ClauseIndex, question: str) -> tuple[Clause | None, Case | None]:
    """The clause that answers ``question`` first, and the case of it that the question matches."""
    ranked = index.rank(question, 1)
    if not ranked:
        return None, None
    top = ranked[0].clause
    return top, index.case_for(top, question)


def _general(clause: Clause) -> str:
    """How a clause answering in general is named: ``ID``, or ``ID (in general)`` when it has cases."""
    return f"{clause.id} (in general)" if clause.cases else clause.id


def _warning(file: str, line: int, fld: str, message: str) -> Issue:
    return Issue(file, line, fld, message, "warning")
