"""Building the policy header and its clauses from YAML nodes.

A clause is what people ask about: a verdict, an answer in each language, example
questions and keywords for matching, and ``see_also`` links (resolved by the loader
once every file is read, since a link may point into another file).
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode

from bot.domain.policy import VERDICTS, Clause, Policy
from bot.knowledge import fields
from bot.knowledge.issues import IssueLog
from bot.knowledge.style import build_style

POLICY_KEYS = ("id", "title", "version", "owner", "default_language", "style")
CLAUSE_KEYS = ("id", "title", "verdict", "answer", "questions", "keywords", "see_also")
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
    m = fields.mapping(node, log, fld, CLAUSE_KEYS)
    if m is None:
        return None
    cid = fields.string(m.get("id"), log, f"{fld}.id", parent=node)
    if cid is not None:
        if not ID.match(cid):
            log.error(m["id"], f"{fld}.id", "use letters, digits, '-' and '_' only")
        fld = f"clauses[{cid}]"
    title = fields.text(m.get("title"), log, f"{fld}.title", lang, parent=node)
    verdict = fields.string(m.get("verdict"), log, f"{fld}.verdict", parent=node)
    if verdict is not None and verdict not in VERDICTS:
        log.error(m["verdict"], f"{fld}.verdict", f"must be one of {', '.join(VERDICTS)}")
        verdict = None
    answer = fields.text(m.get("answer"), log, f"{fld}.answer", lang, parent=node)
    questions = fields.text_list(m.get("questions"), log, f"{fld}.questions")
    keywords = fields.text_list(m.get("keywords"), log, f"{fld}.keywords")
    see_also: tuple[str, ...] = ()
    if "see_also" in m:
        see_also = tuple(s for s, _ in fields.strings(m["see_also"], log, f"{fld}.see_also"))
    if cid is None or title is None or verdict is None or answer is None:
        return None
    return Clause(cid, title, verdict, answer, questions, keywords, see_also, fields.source(log, node))  # type: ignore[arg-type]


def written_id(node: Node) -> str | None:
    """The ``id`` written in a clause mapping, whether or not the clause is valid."""
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode):
                return str(v.value)
    return None
