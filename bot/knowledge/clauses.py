"""Building the policy header and its clauses from YAML nodes.

A clause is what people ask about: a verdict, an answer in each language, example
questions and keywords for matching, ``see_also`` links (resolved by the loader
once every file is read, since a link may point into another file), and ``cases``:
situations inside the clause with a verdict of their own, each with the questions
that describe it.
"""

from __future__ import annotations

import re

from yaml.nodes import Node, ScalarNode

from bot.domain.policy import VERDICTS, Case, Clause, Policy, Source
from bot.knowledge import fields
from bot.knowledge.issues import IssueLog
from bot.knowledge.style import build_style

POLICY_KEYS = ("id", "title", "version", "owner", "default_language", "style")
CLAUSE_KEYS = ("id", "title", "verdict", "answer", "questions", "keywords", "see_also", "cases")
CASE_KEYS = ("id", "when", "verdict", "answer", "questions", "keywords")
# Ids appear in commands (``/policy AC-PETS``) and URLs: no spaces or punctuation.
ID = re.compile(r"^[A-Za-z0-9_-]+$")


def build_policy(node: Node, log: IssueLog) -> Policy | None:
    """The ``policy:`` header: id, title, version, owner and the default language."""
    m = fields.mapping(node, log, "policy", POLICY_KEYS)
    if m is None:
        return None
    lang = fields.string(m.get("default_language"), log, "policy.default_language", required=False) or "en"
    pid = fields.string(m.get("id"), log, "policy.id", parent=node)
    title = fields.text(m.get("title"), log, "policy.title", lang, parent=node)
    version = fields.string(m.get("version"), log, "policy.version", parent=node)
    owner = fields.text(m.get("owner"), log, "policy.owner", lang, parent=node)
    if pid is not None and not ID.match(pid):
        log.error(m["id"], "policy.id", "use letters, digits, '-' and '_' only")
    style = build_style(m.get("style"), log)
    if pid is None or title is None or version is None or owner is None:
        return None
    return Policy(pid, title, version, owner, lang, fields.source(log, node), style)


def build_clause(node: Node, log: IssueLog, fld: str, lang: str) -> Clause | None:
    """One entry of ``clauses:``; after its id is read, errors name it by id, not index."""
    head = _head(node, log, fld, CLAUSE_KEYS, "clauses[{}]")
    if head is None:
        return None
    m, cid, fld = head
    title = fields.text(m.get("title"), log, f"{fld}.title", lang, parent=node)
    verdict = _verdict(m, node, log, fld)
    answer = fields.text(m.get("answer"), log, f"{fld}.answer", lang, parent=node)
    questions = fields.text_list(m.get("questions"), log, f"{fld}.questions")
    keywords = fields.text_list(m.get("keywords"), log, f"{fld}.keywords")
    see_also: tuple[str, ...] = ()
    if "see_also" in m:
        see_also = tuple(s for s, _ in fields.strings(m["see_also"], log, f"{fld}.see_also"))
    cases = _cases(m.get("cases"), log, fld, lang)
    if cid is None or title is None or verdict is None or answer is None or cases is None:
        return None
    return Clause(cid, title, verdict, answer, questions, keywords, see_also, fields.source(log, node), cases)  # type: ignore[arg-type]


def _head(
    node: Node, log: IssueLog, fld: str, keys: tuple[str, ...], named: str
) -> tuple[dict[str, Node], str | None, str] | None:
    """A clause's or case's mapping, its ``id`` (an error if it is not a slug, but still
    returned) and the field name later errors use: ``named`` filled with the id, once read."""
    m = fields.mapping(node, log, fields.named(node, fld, named), keys)  # an unknown key, named by the id
    if m is None:
        return None
    value = fields.string(m.get("id"), log, f"{fld}.id", parent=node)
    if value is not None and not ID.match(value):
        log.error(m["id"], f"{fld}.id", "use letters, digits, '-' and '_' only")
    name = named.format(value) if value is not None else fld
    for key, _ in node.value:  # where each field was written (its key's line), for kb lint's later warnings
        if isinstance(key, ScalarNode) and key.value in m:
            log.item_sources.setdefault((f"{name}.{key.value}", ""), fields.source(log, key))
    return m, value, name


def _verdict(m: dict[str, Node], node: Node, log: IssueLog, fld: str) -> str | None:
    verdict = fields.string(m.get("verdict"), log, f"{fld}.verdict", parent=node)
    if verdict is not None and verdict not in VERDICTS:
        log.error(m["verdict"], f"{fld}.verdict", f"must be one of {', '.join(VERDICTS)}")
        return None
    return verdict


def _cases(node: Node | None, log: IssueLog, fld: str, lang: str) -> tuple[Case, ...] | None:
    """A clause's ``cases``, ids unique within it; None when any of them is invalid."""
    out: list[Case] = []
    seen: dict[str, Source] = {}
    valid = True
    for item, i in fields.items(node, log, f"{fld}.cases"):
        again = fields.repeated(item, log, f"{fld}.cases[{i}]", seen, "case id")
        case = build_case(item, log, f"{fld}.cases[{i}]", lang)
        if case is None or again:
            valid = False
        else:
            out.append(case)
    return tuple(out) if valid else None


def build_case(node: Node, log: IssueLog, fld: str, lang: str) -> Case | None:
    """One entry of a clause's ``cases:``; after its id is read, errors name it by id."""
    head = _head(node, log, fld, CASE_KEYS, fld.rpartition("[")[0] + "[{}]")
    if head is None:
        return None
    m, case_id, fld = head
    when = fields.text(m.get("when"), log, f"{fld}.when", lang, parent=node)
    verdict = _verdict(m, node, log, fld)
    answer = fields.text(m.get("answer"), log, f"{fld}.answer", lang, required=False)
    questions = fields.text_list(m.get("questions"), log, f"{fld}.questions")
    if "questions" not in m:
        log.error(node, f"{fld}.questions", "required: the phrasings of this situation")
    elif not any(questions.values()):
        log.error(m["questions"], f"{fld}.questions", "must not be empty")
    elif questions and "*" not in questions and lang not in questions:
        log.error(m["questions"], f"{fld}.questions.{lang}", f"missing the default language {lang!r}")
    keywords = fields.text_list(m.get("keywords"), log, f"{fld}.keywords")
    if case_id is None or when is None or verdict is None or not any(questions.values()):
        return None
    return Case(case_id, when, verdict, answer, questions, keywords, fields.source(log, node))  # type: ignore[arg-type]
