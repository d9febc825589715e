"""``kb lint``: every error of a knowledge base, its checks' examples run as tests,
and a warning when a clause's own questions are answered by another clause."""

from __future__ import annotations

import os

from bot.checks.checker import flags
from bot.domain.policy import KnowledgeBase
from bot.domain.texts import ANY
from bot.knowledge.issues import Issue
from bot.knowledge.loader import load_with_issues
from bot.search.index import ClauseIndex


def lint(path: str | os.PathLike[str], *, routing: bool = True) -> tuple[KnowledgeBase | None, list[Issue]]:
    """Load and lint; issues are errors (the base is unusable) or warnings.

    ``routing=False`` skips the routing warnings, which need an index of their own and
    can never refuse a base (live reload builds the serving index once, afterwards)."""
    kb, issues = load_with_issues(path)
    if kb is None:
        return None, issues
    issues += example_issues(kb)
    if routing:
        issues += routing_warnings(kb)
    return (kb if not any(i.level == "error" for i in issues) else None), issues


def example_issues(kb: KnowledgeBase) -> list[Issue]:
    """Errors for check examples that do not behave as stated."""
    out = []
    for check in kb.checks:
        for text in check.examples.flag:
            if not flags(check, text):
                out.append(
                    Issue(
                        check.source.file,
                        check.source.line,
                        f"checks[{check.id}].examples.flag",
                        f"does not raise this check: {text!r}",
                    )
                )
        for text in check.examples.passes:
            if flags(check, text):
                out.append(
                    Issue(
                        check.source.file,
                        check.source.line,
                        f"checks[{check.id}].examples.pass",
                        f"raises this check: {text!r}",
                    )
                )
    return out


def routing_warnings(kb: KnowledgeBase, index: ClauseIndex | None = None) -> list[Issue]:
    """Warnings for a clause's own questions whose best match is another clause."""
    index = index or ClauseIndex(kb)
    out = []
    for clause in kb.clauses:
        for lang, questions in clause.questions.items():
            for q in questions:
                ranked = index.rank(q, 1)
                if ranked and ranked[0].clause.id != clause.id:
                    where = "" if lang == ANY else f".{lang}"
                    out.append(
                        Issue(
                            clause.source.file,
                            clause.source.line,
                            f"clauses[{clause.id}].questions{where}",
                            f"{q!r} is answered by {ranked[0].clause.id} instead",
                            "warning",
                        )
                    )
    return out
