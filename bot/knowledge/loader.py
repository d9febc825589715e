"""Loading and validating a knowledge base: YAML files in, typed objects out.

Files are read with PyYAML's safe composer; validation walks the YAML nodes, so
every error names file, line and field. Errors are collected in stages: the read
and YAML errors of every file first; once every file parses, all schema and
reference errors together; ``kb lint`` then runs the checks' examples.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.checks.rules import RULE_KEYS, RULE_KINDS, MatchSpec, NearSpec, RuleError
from bot.domain.errors import UserFacingError
from bot.domain.policy import (
    CATEGORIES,
    SEVERITIES,
    VERDICTS,
    Check,
    Clause,
    Examples,
    KnowledgeBase,
    Policy,
    Source,
    Text,
    TextList,
)

MAX_FILE_BYTES = 5 * 1024 * 1024
_ID = re.compile(r"^[A-Za-z0-9_-]+$")
_LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem found in a knowledge base."""

    file: str
    line: int
    field: str
    message: str
    level: str = "error"  # error | warning

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class KnowledgeBaseError(UserFacingError):
    """The knowledge base is invalid; ``issues`` lists every error found."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        first = issues[0] if issues else None
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        super().__init__(f"{first}{more}" if first else "invalid knowledge base")


@dataclass
class _Ctx:
    file: str
    issues: list[Issue] = field(default_factory=list)

    def error(self, node: Node | None, fld: str, message: str, line: int | None = None) -> None:
        where = line if line is not None else (node.start_mark.line + 1 if node is not None else 1)
        self.issues.append(Issue(self.file, where, fld, message))


def kb_files(path: str | os.PathLike[str]) -> list[Path]:
    """The YAML files of a knowledge base path (a directory or one file)."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.iterdir() if f.suffix in (".yaml", ".yml") and f.is_file())
    return [p]


def load(path: str | os.PathLike[str]) -> KnowledgeBase:
    """Load and validate a knowledge base; raises :class:`KnowledgeBaseError`."""
    kb, issues = load_with_issues(path)
    errors = [i for i in issues if i.level == "error"]
    if errors or kb is None:
        raise KnowledgeBaseError(errors or [Issue(str(path), 1, "policy", "no knowledge base")])
    return kb


def load_with_issues(path: str | os.PathLike[str]) -> tuple[KnowledgeBase | None, list[Issue]]:
    """Load a knowledge base, returning it (or None) with every issue found."""
    p = Path(path)
    if not p.exists():
        return None, [Issue(str(p), 1, "path", "no such file or directory")]
    files = kb_files(p)
    if not files:
        return None, [Issue(str(p), 1, "path", "no *.yaml or *.yml files here")]
    issues: list[Issue] = []
    docs: list[tuple[_Ctx, MappingNode]] = []
    for f in files:
        ctx = _Ctx(str(f))
        root = _read(f, ctx)
        if root is not None:
            docs.append((ctx, root))
        issues.extend(ctx.issues)
    kb = _build(docs, [str(f) for f in files], issues) if not issues else None
    return kb, issues


# libyaml's parser when PyYAML has it (several times faster; nodes keep their line marks).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read(path: Path, ctx: _Ctx) -> MappingNode | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            ctx.error(None, "file", f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
            return None
        raw = path.read_bytes()
    except OSError as exc:
        ctx.error(None, "file", f"cannot read: {exc.strerror}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        ctx.error(None, "file", "not valid UTF-8", line)
        return None
    if "\x00" in text:
        ctx.error(None, "file", "binary file, not YAML")
        return None
    try:
        node = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        ctx.error(None, "yaml", f"{exc.problem or exc.context}", (mark.line + 1) if mark else 1)
        return None
    except yaml.YAMLError as exc:
        ctx.error(None, "yaml", str(exc).splitlines()[0])
        return None
    if node is None:
        return MappingNode("tag:yaml.org,2002:map", [])
    if not isinstance(node, MappingNode):
        ctx.error(node, "file", "top level must be a mapping with policy, clauses and/or checks")
        return None
    return node


# ----------------------------------------------------------------------------- readers


def _mapping(node: Node, ctx: _Ctx, fld: str, allowed: Iterable[str]) -> dict[str, Node] | None:
    if not isinstance(node, MappingNode):
        ctx.error(node, fld, "must be a mapping")
        return None
    out: dict[str, Node] = {}
    allowed = set(allowed)
    for k, v in node.value:
        key = k.value if isinstance(k, ScalarNode) else None
        if key is None or key not in allowed:
            ctx.error(k, f"{fld}.{key}" if fld else str(key), f"unknown key (allowed: {', '.join(sorted(allowed))})")
        elif key in out:
            ctx.error(k, f"{fld}.{key}" if fld else key, "duplicate key")
        else:
            out[key] = v
    return out


def _str(node: Node | None, ctx: _Ctx, fld: str, *, required: bool = True, parent: Node | None = None) -> str | None:
    if node is None:
        if required:
            ctx.error(parent, fld, "required")
        return None
    if not isinstance(node, ScalarNode) or node.tag == "tag:yaml.org,2002:null":
        ctx.error(node, fld, "must be a string")
        return None
    return str(node.value)


def _text(
    node: Node | None, ctx: _Ctx, fld: str, default_lang: str, *, parent: Node | None = None, required: bool = True
) -> Text | None:
    if node is None:
        if required:
            ctx.error(parent, fld, "required")
        return None
    if isinstance(node, ScalarNode):
        value = _str(node, ctx, fld)
        return {"*": value} if value is not None else None
    if isinstance(node, MappingNode):
        out: dict[str, str] = {}
        for k, v in node.value:
            lang = str(k.value)
            if not _LANG.match(lang):
                ctx.error(k, f"{fld}.{lang}", "not a language code (e.g. en, ja)")
                continue
            s = _str(v, ctx, f"{fld}.{lang}")
            if s is not None:
                if not s.strip():
                    ctx.error(v, f"{fld}.{lang}", "must not be empty")
                out[lang] = s
        if out and default_lang not in out:
            ctx.error(node, f"{fld}.{default_lang}", f"missing the default language {default_lang!r}")
        if not out:
            ctx.error(node, fld, "must not be empty")
        return out or None
    ctx.error(node, fld, "must be a string or a map from language to string")
    return None


def _strings(node: Node, ctx: _Ctx, fld: str) -> list[tuple[str, int]]:
    if not isinstance(node, SequenceNode):
        ctx.error(node, fld, "must be a list of strings")
        return []
    out = []
    for i, item in enumerate(node.value):
        s = _str(item, ctx, f"{fld}[{i}]")
        if s is not None:
            out.append((s, item.start_mark.line + 1))
    return out


def _text_list_lines(node: Node | None, ctx: _Ctx, fld: str) -> dict[str, list[tuple[str, int]]]:
    if node is None:
        return {}
    if isinstance(node, SequenceNode):
        return {"*": _strings(node, ctx, fld)}
    if isinstance(node, MappingNode):
        out: dict[str, list[tuple[str, int]]] = {}
        for k, v in node.value:
            lang = str(k.value)
            if not _LANG.match(lang):
                ctx.error(k, f"{fld}.{lang}", "not a language code (e.g. en, ja)")
                continue
            out[lang] = _strings(v, ctx, f"{fld}.{lang}")
        return out
    ctx.error(node, fld, "must be a list of strings or a map from language to list")
    return {}


def _text_list(node: Node | None, ctx: _Ctx, fld: str) -> TextList:
    return {lang: tuple(s for s, _ in items) for lang, items in _text_list_lines(node, ctx, fld).items()}


def _src(ctx: _Ctx, node: Node) -> Source:
    return Source(ctx.file, node.start_mark.line + 1)


# ----------------------------------------------------------------------------- building

_POLICY_KEYS = ("id", "title", "version", "owner", "default_language")
_CLAUSE_KEYS = ("id", "title", "verdict", "answer", "questions", "keywords", "see_also")
_CHECK_KEYS = ("id", "category", "severity", "clause", "message", "suggestion", "examples", *RULE_KEYS)


def _build(docs: list[tuple[_Ctx, MappingNode]], files: list[str], issues: list[Issue]) -> KnowledgeBase | None:
    policy: Policy | None = None
    policy_seen: list[tuple[_Ctx, Node]] = []
    tops: list[tuple[_Ctx, dict[str, Node]]] = []
    for ctx, root in docs:
        top = _mapping(root, ctx, "", ("policy", "clauses", "checks"))
        if top is None:
            continue
        tops.append((ctx, top))
        if "policy" in top:
            policy_seen.append((ctx, top["policy"]))
    if not policy_seen:
        ctx0 = docs[0][0] if docs else _Ctx(files[0] if files else "?")
        ctx0.error(None, "policy", "no file carries the policy: header")
        issues.extend(ctx0.issues)
        return None
    for ctx, node in policy_seen[1:]:
        ctx.error(node, "policy", f"a second policy: header (the first is in {policy_seen[0][0].file})")
    pctx, pnode = policy_seen[0]
    policy = _policy(pnode, pctx)
    lang = policy.default_language if policy else "en"

    clauses: list[Clause] = []
    raw_checks: list[tuple[_Ctx, Node, int]] = []
    seen_clause: dict[str, Source] = {}
    written_ids: set[str | None] = set()
    for ctx, top in tops:
        for node, i in _items(top.get("clauses"), ctx, "clauses"):
            written_ids.add(_written_id(node))
            clause = _clause(node, ctx, f"clauses[{i}]", lang)
            if clause is None:
                continue
            if clause.id in seen_clause:
                ctx.error(node, f"clauses[{i}].id", f"duplicate id {clause.id!r} (first at {seen_clause[clause.id]})")
                continue
            seen_clause[clause.id] = clause.source
            clauses.append(clause)
        for node, i in _items(top.get("checks"), ctx, "checks"):
            raw_checks.append((ctx, node, i))

    # A reference to a clause that is written but invalid is not dangling: its own
    # error is reported already, so don't add a misleading second one.
    ids = {i for i in written_ids if i is not None}
    for clause in clauses:
        for ref in clause.see_also:
            if ref not in ids:
                issues.append(
                    Issue(
                        clause.source.file,
                        clause.source.line,
                        f"clauses[{clause.id}].see_also",
                        f"unknown clause {ref!r}",
                    )
                )
    checks: list[Check] = []
    seen_check: dict[str, Source] = {}
    for ctx, node, i in raw_checks:
        check = _check(node, ctx, f"checks[{i}]", lang, ids)
        if check is None:
            continue
        if check.id in seen_check:
            ctx.error(node, f"checks[{i}].id", f"duplicate id {check.id!r} (first at {seen_check[check.id]})")
            continue
        seen_check[check.id] = check.source
        checks.append(check)
    for ctx, _ in tops:
        issues.extend(ctx.issues)
    if policy is None or any(i.level == "error" for i in issues):
        return None
    return KnowledgeBase(policy, tuple(clauses), tuple(checks), tuple(files), {c.id: c for c in clauses})


def _written_id(node: Node) -> str | None:
    """The ``id`` written in a clause mapping, whether or not the clause is valid."""
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode):
                return str(v.value)
    return None


def _items(node: Node | None, ctx: _Ctx, fld: str) -> list[tuple[Node, int]]:
    if node is None or (isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null"):
        return []
    if not isinstance(node, SequenceNode):
        ctx.error(node, fld, "must be a list")
        return []
    return [(n, i) for i, n in enumerate(node.value)]


def _policy(node: Node, ctx: _Ctx) -> Policy | None:
    m = _mapping(node, ctx, "policy", _POLICY_KEYS)
    if m is None:
        return None
    lang = _str(m.get("default_language"), ctx, "policy.default_language", required=False) or "en"
    pid = _str(m.get("id"), ctx, "policy.id", parent=node)
    title = _text(m.get("title"), ctx, "policy.title", lang, parent=node)
    version = _str(m.get("version"), ctx, "policy.version", parent=node)
    owner = _text(m.get("owner"), ctx, "policy.owner", lang, parent=node)
    if pid is not None and not _ID.match(pid):
        ctx.error(m["id"], "policy.id", "use letters, digits, '-' and '_' only")
    if None in (pid, title, version, owner):
        return None
    assert pid is not None and title is not None and version is not None and owner is not None
    return Policy(pid, title, version, owner, lang, _src(ctx, node))


def _clause(node: Node, ctx: _Ctx, fld: str, lang: str) -> Clause | None:
    m = _mapping(node, ctx, fld, _CLAUSE_KEYS)
    if m is None:
        return None
    cid = _str(m.get("id"), ctx, f"{fld}.id", parent=node)
    if cid is not None:
        if not _ID.match(cid):
            ctx.error(m["id"], f"{fld}.id", "use letters, digits, '-' and '_' only")
        fld = f"clauses[{cid}]"
    title = _text(m.get("title"), ctx, f"{fld}.title", lang, parent=node)
    verdict = _str(m.get("verdict"), ctx, f"{fld}.verdict", parent=node)
    if verdict is not None and verdict not in VERDICTS:
        ctx.error(m["verdict"], f"{fld}.verdict", f"must be one of {', '.join(VERDICTS)}")
        verdict = None
    answer = _text(m.get("answer"), ctx, f"{fld}.answer", lang, parent=node)
    questions = _text_list(m.get("questions"), ctx, f"{fld}.questions")
    keywords = _text_list(m.get("keywords"), ctx, f"{fld}.keywords")
    see_also: tuple[str, ...] = ()
    if "see_also" in m:
        see_also = tuple(s for s, _ in _strings(m["see_also"], ctx, f"{fld}.see_also"))
    if cid is None or title is None or verdict is None or answer is None:
        return None
    return Clause(cid, title, verdict, answer, questions, keywords, see_also, _src(ctx, node))  # type: ignore[arg-type]


def _check(node: Node, ctx: _Ctx, fld: str, lang: str, clause_ids: set[str]) -> Check | None:
    m = _mapping(node, ctx, fld, _CHECK_KEYS)
    if m is None:
        return None
    cid = _str(m.get("id"), ctx, f"{fld}.id", parent=node)
    if cid is not None:
        fld = f"checks[{cid}]"
    category = _str(m.get("category"), ctx, f"{fld}.category", parent=node)
    if category is not None and category not in CATEGORIES:
        ctx.error(m["category"], f"{fld}.category", f"must be one of {', '.join(CATEGORIES)}")
    severity = _str(m.get("severity"), ctx, f"{fld}.severity", parent=node)
    if severity is not None and severity not in SEVERITIES:
        ctx.error(m["severity"], f"{fld}.severity", f"must be one of {', '.join(SEVERITIES)}")
    clause = _str(m.get("clause"), ctx, f"{fld}.clause", parent=node)
    if clause is not None and clause not in clause_ids:
        ctx.error(m["clause"], f"{fld}.clause", f"unknown clause {clause!r}")
    message = _text(m.get("message"), ctx, f"{fld}.message", lang, parent=node)
    suggestion = _text(m.get("suggestion"), ctx, f"{fld}.suggestion", lang, required=False)
    examples = _examples(m.get("examples"), ctx, f"{fld}.examples")
    kinds = [k for k in RULE_KINDS if k in m]
    rule = None
    if len(kinds) != 1:
        found = ", ".join(kinds) if kinds else "none"
        ctx.error(node, fld, f"needs exactly one rule kind of {', '.join(RULE_KINDS)} (found: {found})")
    else:
        kind = RULE_KINDS[kinds[0]]
        stray = [k for k in m if k in RULE_KEYS and k not in kind.keys]
        for k in stray:
            ctx.error(m[k], f"{fld}.{k}", f"not allowed with {kind.key}")
        values: dict[str, Any] = {}
        for key, vtype in kind.keys.items():
            if key in m:
                values[key] = (
                    _match_spec(m[key], ctx, f"{fld}.{key}") if vtype == "match" else _str(m[key], ctx, f"{fld}.{key}")
                )
        if not stray and all(v is not None for v in values.values()):
            try:
                rule = kind.build(values)
            except RuleError as exc:
                line = exc.line if exc.line is not None else m[exc.field.split(".")[0]].start_mark.line + 1
                ctx.error(None, f"{fld}.{exc.field}", str(exc), line)
    if None in (cid, category, severity, clause, message, rule, examples):
        return None
    assert cid and category and severity and clause and message and rule and examples
    return Check(cid, category, severity, clause, message, suggestion, rule, examples, _src(ctx, node))  # type: ignore[arg-type]


def _match_spec(node: Node, ctx: _Ctx, fld: str) -> MatchSpec | None:
    m = _mapping(node, ctx, fld, ("terms", "patterns", "near"))
    if m is None:
        return None
    terms, patterns = _terms_patterns(m, ctx, fld)
    near = None
    if "near" in m:
        n = _mapping(m["near"], ctx, f"{fld}.near", ("within", "terms", "patterns"))
        if n is None:
            return None
        within = _str(n.get("within"), ctx, f"{fld}.near.within", parent=m["near"])
        if within is None:
            return None
        if not within.isdigit():
            ctx.error(n["within"], f"{fld}.near.within", "must be a whole number of characters")
            return None
        near = NearSpec(int(within), *_terms_patterns(n, ctx, f"{fld}.near"))
    return MatchSpec(terms, patterns, near)


def _terms_patterns(m: dict[str, Node], ctx: _Ctx, fld: str) -> tuple[tuple[str, ...], tuple[tuple[str, int], ...]]:
    terms = _text_list_lines(m.get("terms"), ctx, f"{fld}.terms")
    patterns = _text_list_lines(m.get("patterns"), ctx, f"{fld}.patterns")
    return (
        tuple(s for items in terms.values() for s, _ in items),
        tuple(p for items in patterns.values() for p in items),
    )


def _examples(node: Node | None, ctx: _Ctx, fld: str) -> Examples | None:
    if node is None:
        return Examples()
    m = _mapping(node, ctx, fld, ("flag", "pass"))
    if m is None:
        return None
    flag = tuple(s for s, _ in _strings(m["flag"], ctx, f"{fld}.flag")) if "flag" in m else ()
    passes = tuple(s for s, _ in _strings(m["pass"], ctx, f"{fld}.pass")) if "pass" in m else ()
    return Examples(flag, passes)
