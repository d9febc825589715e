"""Building a knowledge base's checks: the rules a draft is screened with.

A check names its category, severity and clause, a message, and exactly one rule
kind (see :data:`bot.checks.rules.RULE_KINDS`); its ``examples`` are run by ``kb lint``
as tests. Rule construction errors (a bad pattern, an unknown detector) are reported
at the line of the offending entry.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode

from bot.checks.rules import RULE_KEYS, RULE_KINDS, ExceptSpec, MatchSpec, NearSpec, RuleError
from bot.domain.policy import CATEGORIES, SEVERITIES, Check, Examples
from bot.domain.texts import whole_number
from bot.knowledge import fields
from bot.knowledge.issues import Issue, IssueLog
from bot.search.commonness import zipf

CHECK_KEYS = ("id", "category", "severity", "clause", "message", "suggestion", "examples", *RULE_KEYS)


def build_check(node: Node, log: IssueLog, fld: str, lang: str, clause_ids: set[str]) -> Check | None:
    """One entry of ``checks:``; ``clause_ids`` are the clauses it may point to."""
    m = fields.mapping(node, log, fields.named(node, fld, "checks[{}]"), CHECK_KEYS)  # an unknown key, named by the id
    if m is None:
        return None
    cid = fields.string(m.get("id"), log, f"{fld}.id", parent=node)
    if cid is not None:
        fld = f"checks[{cid}]"
    category = fields.string(m.get("category"), log, f"{fld}.category", parent=node)
    if category is not None and category not in CATEGORIES:
        log.error(m["category"], f"{fld}.category", f"must be one of {', '.join(CATEGORIES)}")
    severity = fields.string(m.get("severity"), log, f"{fld}.severity", parent=node)
    if severity is not None and severity not in SEVERITIES:
        log.error(m["severity"], f"{fld}.severity", f"must be one of {', '.join(SEVERITIES)}")
    clause = fields.string(m.get("clause"), log, f"{fld}.clause", parent=node)
    if clause is not None and clause not in clause_ids:
        log.error(m["clause"], f"{fld}.clause", f"unknown clause {clause!r}")
    message = fields.text(m.get("message"), log, f"{fld}.message", lang, parent=node)
    suggestion = fields.text(m.get("suggestion"), log, f"{fld}.suggestion", lang, required=False)
    examples = _examples(m.get("examples"), log, f"{fld}.examples")
    # The one rule kind, built by its own constructor.
    kinds = [k for k in RULE_KINDS if k in m]
    rule = None
    if len(kinds) != 1:
        found = ", ".join(kinds) if kinds else "none"
        log.error(node, fld, f"needs exactly one rule kind of {', '.join(RULE_KINDS)} (found: {found})")
    else:
        kind = RULE_KINDS[kinds[0]]
        stray = [k for k in m if k in RULE_KEYS and k not in kind.keys]
        for k in stray:
            log.error(m[k], f"{fld}.{k}", f"not allowed with {kind.key}")
        values: dict[str, Any] = {}
        for key, vtype in kind.keys.items():
            if key in m:
                values[key] = (
                    _match_spec(m[key], log, f"{fld}.{key}")
                    if vtype == "match"
                    else fields.string(m[key], log, f"{fld}.{key}")
                )
        if not stray and all(v is not None for v in values.values()):
            try:
                rule = kind.build(values)
            except RuleError as exc:
                line = exc.line if exc.line is not None else _line_of(m, exc.field)
                log.error(None, f"{fld}.{exc.field}", str(exc), line)
    if None in (cid, category, severity, clause, message, rule, examples):
        return None
    assert cid and category and severity and clause and message and rule and examples
    return Check(cid, category, severity, clause, message, suggestion, rule, examples, fields.source(log, node))  # type: ignore[arg-type]


def _warn_unnormalised(pattern: str, line: int, log: IssueLog, fld: str) -> None:
    """Warn of a character a draft never holds as written: drafts are NFKC-normalised, so
    "…" arrives as "..." and "ｱ" as "ア". Terms are normalised the same way; patterns are
    regular expressions and are not, unless the pattern also holds the normalised form
    (``[:：]``)."""
    for c in dict.fromkeys(pattern):
        normal = unicodedata.normalize("NFKC", c)
        if normal != c and normal not in pattern:
            arrives = f"drafts are NFKC-normalised, so it arrives as {normal!r}"
            message = f"{c!r} never matches: {arrives}; write {re.escape(normal)} there"
            log.issues.append(Issue(log.file, line, fld, message, "warning"))
            return


# A word this common in everyday English (Zipf frequency) is one a draft holds by chance.
EVERYDAY_ZIPF = 5.5


def _warn_capitals(term: str, line: int, log: IssueLog, fld: str) -> None:
    """Warn of a term written in capitals that is also an everyday word: terms ignore case,
    so "WHO" (the organisation) matches every "who" and "US" every "us"."""
    if (
        2 <= len(term) <= 5
        and term.isascii()
        and term.isalpha()
        and term.isupper()
        and zipf(term.lower()) >= EVERYDAY_ZIPF
    ):
        fix = "(?-i:\\b" + term + "\\b)"
        message = (
            f"{term!r} also matches the everyday word {term.lower()!r} (terms ignore case); "
            f"for the capitals only, write the pattern {fix} instead"
        )
        log.issues.append(Issue(log.file, line, fld, message, "warning"))


# What a regular expression is written with and a phrase never is: a group, a class escape, a
# word boundary, an alternation inside parentheses.
_REGEX_SYNTAX = re.compile(r"\(\?[:i-]|\\[bdswBDSW]|\[[^\]]*\\[sdw]|\|\\b|\)\?|\)\{\d")


def _warn_regex_term(term: str, line: int, log: IssueLog, fld: str) -> None:
    """Warn of a term written as a regular expression: terms are matched literally, so
    ``'(?:^|\\s)personally\\b'`` under ``terms`` never matches; it belongs under ``patterns``."""
    if _REGEX_SYNTAX.search(term):
        message = f"{term!r} is written as a regular expression but terms match literally; move it to patterns"
        log.issues.append(Issue(log.file, line, fld, message, "warning"))


def _line_of(m: dict[str, Node], field: str) -> int:
    """The line of the deepest node that ``field`` ("when.near.except") names in ``m``."""
    first, *rest = field.split(".")
    node = m[first]
    for key in rest:
        if not isinstance(node, MappingNode):
            break
        child = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1


def _match_spec(node: Node, log: IssueLog, fld: str) -> MatchSpec | None:
    m = fields.mapping(node, log, fld, ("terms", "patterns", "near", "except"))
    if m is None:
        return None
    terms, patterns = _terms_patterns(m, log, fld)
    near = None
    if "near" in m:
        n = fields.mapping(m["near"], log, f"{fld}.near", ("within", "terms", "patterns", "except"))
        if n is None:
            return None
        within = fields.string(n.get("within"), log, f"{fld}.near.within", parent=m["near"])
        if within is None:
            return None
        chars = whole_number(within)
        if chars is None:
            log.error(n["within"], f"{fld}.near.within", "must be a whole number of characters")
            return None
        near = NearSpec(chars, *_terms_patterns(n, log, f"{fld}.near"), _except(n, log, f"{fld}.near"))
    return MatchSpec(terms, patterns, near, _except(m, log, fld))


def _except(m: dict[str, Node], log: IssueLog, fld: str) -> ExceptSpec | None:
    """The ``except`` of a ``{terms, patterns}`` mapping: what a match must not overlap."""
    if "except" not in m:
        return None
    e = fields.mapping(m["except"], log, f"{fld}.except", ("terms", "patterns"))
    return ExceptSpec(*_terms_patterns(e, log, f"{fld}.except")) if e is not None else None


def _terms_patterns(m: dict[str, Node], log: IssueLog, fld: str) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    """Terms and patterns of every language together; patterns keep their line for errors."""
    terms = fields.text_list_lines(m.get("terms"), log, f"{fld}.terms")
    for entries in terms.values():
        for term, line in entries:
            _warn_capitals(term, line, log, f"{fld}.terms")
            _warn_regex_term(term, line, log, f"{fld}.terms")
    patterns = fields.text_list_lines(m.get("patterns"), log, f"{fld}.patterns")
    for entries in patterns.values():
        for pattern, line in entries:
            _warn_unnormalised(pattern, line, log, f"{fld}.patterns")
    return (
        tuple(s for entries in terms.values() for s, _ in entries),
        tuple(p for entries in patterns.values() for p in entries),
    )


def _examples(node: Node | None, log: IssueLog, fld: str) -> Examples | None:
    if node is None:
        return Examples()
    m = fields.mapping(node, log, fld, ("flag", "pass"))
    if m is None:
        return None
    flag = tuple(s for s, _ in fields.strings(m["flag"], log, f"{fld}.flag")) if "flag" in m else ()
    passes = tuple(s for s, _ in fields.strings(m["pass"], log, f"{fld}.pass")) if "pass" in m else ()
    return Examples(flag, passes)
