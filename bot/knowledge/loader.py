"""Loading and validating a knowledge base: YAML files in, typed objects out.

Files are read with PyYAML's safe composer (:mod:`bot.knowledge.yaml_files`);
validation walks the YAML nodes (:mod:`~bot.knowledge.fields`,
:mod:`~bot.knowledge.clauses`, :mod:`~bot.knowledge.checks`), so every error names
file, line and field. Errors are collected in stages: the read and YAML errors of
every file first; once every file parses, all schema and reference errors together;
``kb lint`` then runs the checks' examples.

This module puts the files together: one ``policy:`` header across them, clause and
check ids unique across them, references resolved across them.
"""

from __future__ import annotations

import os
from collections import ChainMap
from dataclasses import replace
from pathlib import Path

from yaml.nodes import MappingNode, Node

from bot.checks.rules import DetectorRule, covering
from bot.domain.policy import Check, Clause, KnowledgeBase, Policy, Source
from bot.knowledge import fields
from bot.knowledge.checks import build_check
from bot.knowledge.clauses import build_clause, build_policy
from bot.knowledge.fields import written_id
from bot.knowledge.issues import Issue, IssueLog, ItemSources, KnowledgeBaseError
from bot.knowledge.style import NO_STYLE, style_warnings
from bot.knowledge.yaml_files import MAX_FILE_BYTES, kb_files, read_document

# Callers import these from here too: the loader is the knowledge base's front door.
__all__ = ["MAX_FILE_BYTES", "Issue", "KnowledgeBaseError", "kb_files", "load", "load_with_issues", "load_with_sources"]


def load(path: str | os.PathLike[str]) -> KnowledgeBase:
    """Load and validate a knowledge base; raises :class:`KnowledgeBaseError`."""
    kb, issues = load_with_issues(path)
    errors = [i for i in issues if i.level == "error"]
    if errors or kb is None:
        raise KnowledgeBaseError(errors or [Issue(str(path), 1, "policy", "no knowledge base")])
    return kb


def load_with_issues(path: str | os.PathLike[str]) -> tuple[KnowledgeBase | None, list[Issue]]:
    """Load a knowledge base, returning it (or None) with every issue found."""
    kb, issues, _ = load_with_sources(path)
    return kb, issues


def load_with_sources(path: str | os.PathLike[str]) -> tuple[KnowledgeBase | None, list[Issue], ItemSources]:
    """:func:`load_with_issues`, and where each list item was written: ``kb lint``'s own
    checks (a check's examples, where questions are routed) name the item's line too."""
    p = Path(path)
    if not p.exists():
        gone = "a symbolic link to nothing (or to itself)" if p.is_symlink() else "no such file or directory"
        return None, [Issue(str(p), 1, "path", gone)], {}
    files = kb_files(p)
    if not files:
        return None, [Issue(str(p), 1, "path", "no *.yaml or *.yml files here")], {}
    issues: list[Issue] = []
    docs: list[tuple[IssueLog, MappingNode]] = []
    for f in files:
        log = IssueLog(str(f))
        root = read_document(f, log)
        if root is not None:
            docs.append((log, root))
        issues.extend(log.issues)
    # Every file's item sources in one view, filled as the files' nodes are read.
    sources = ChainMap(*(log.item_sources for log, _ in docs))
    kb = _build(docs, [str(f) for f in files], issues, sources) if not issues else None
    return kb, issues, sources


def _build(
    docs: list[tuple[IssueLog, MappingNode]], files: list[str], issues: list[Issue], sources: ItemSources
) -> KnowledgeBase | None:
    tops: list[tuple[IssueLog, dict[str, Node]]] = []
    for log, root in docs:
        top = fields.mapping(root, log, "", ("policy", "clauses", "checks"))
        if top is not None:
            tops.append((log, top))
    headers = [(log, top["policy"]) for log, top in tops if "policy" in top]
    if not headers:  # nothing else is worth checking without the default language
        log0 = docs[0][0] if docs else IssueLog(files[0] if files else "?")
        log0.error(None, "policy", "no file carries the policy: header")
        issues.extend(log0.issues)
        return None
    policy = _one_policy(headers)
    lang = policy.default_language if policy else "en"

    clauses: list[Clause] = []
    raw_checks: list[tuple[IssueLog, Node, int]] = []
    seen_clause: dict[str, Source] = {}
    written_ids: set[str | None] = set()
    for log, top in tops:
        for node, i in fields.items(top.get("clauses"), log, "clauses"):
            written_ids.add(written_id(node))
            again = fields.repeated(node, log, f"clauses[{i}]", seen_clause)
            clause = build_clause(node, log, f"clauses[{i}]", lang)
            if clause is not None and not again:
                clauses.append(clause)
        for node, i in fields.items(top.get("checks"), log, "checks"):
            raw_checks.append((log, node, i))

    # A reference to a clause that is written but invalid is not dangling: its own
    # error is reported already, so don't add a misleading second one.
    ids = {i for i in written_ids if i is not None}
    for clause in clauses:
        fld = f"clauses[{clause.id}].see_also"
        for ref in clause.see_also:
            if ref not in ids:
                at = sources.get((fld, ref), clause.source)
                issues.append(Issue(at.file, at.line, fld, f"unknown clause {ref!r}"))
    checks: list[Check] = []
    seen_check: dict[str, Source] = {}
    for log, node, i in raw_checks:
        again = fields.repeated(node, log, f"checks[{i}]", seen_check)
        check = build_check(node, log, f"checks[{i}]", lang, ids)
        if check is not None and not again:
            checks.append(check)
    listed = {c.rule.name for c in checks if isinstance(c.rule, DetectorRule)}
    checks = [replace(c, rule=covered) if (covered := covering(c.rule, listed)) is not c.rule else c for c in checks]
    for log, _ in tops:
        style_warnings(log.texts, policy.style_terms if policy else NO_STYLE, log)
        issues.extend(log.issues)
    if policy is None or any(i.level == "error" for i in issues):
        return None
    return KnowledgeBase(policy, tuple(clauses), tuple(checks), tuple(files), {c.id: c for c in clauses})


def _one_policy(headers: list[tuple[IssueLog, Node]]) -> Policy | None:
    """The first ``policy:`` header (a second one is an error); None when it is invalid,
    and clauses are then still validated, against ``en``."""
    for log, node in headers[1:]:
        log.error(node, "policy", f"a second policy: header (the first is in {headers[0][0].file})")
    first_log, first_node = headers[0]
    return build_policy(first_node, first_log)
