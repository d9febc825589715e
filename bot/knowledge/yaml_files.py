"""Reading a knowledge base's YAML files into nodes that keep their line numbers.

PyYAML's composer (not its loader) is used on purpose: a node remembers where it
was written, so every later validation error can name the line. Unreadable, oversized,
non-UTF-8 and binary files are reported like any other issue, never raised.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from bot.knowledge.issues import IssueLog

MAX_FILE_BYTES = 5 * 1024 * 1024

# libyaml's parser when PyYAML has it (several times faster; nodes keep their line marks).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What YAML says of an unquoted text holding ": " (in a block, or inside { }).
_COLON_PROBLEMS = frozenset({"mapping values are not allowed in this context", "did not find expected ',' or '}'"})


def kb_files(path: str | os.PathLike[str]) -> list[Path]:
    """The YAML files of a knowledge base path (a directory or one file)."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.iterdir() if f.suffix in (".yaml", ".yml") and f.is_file())
    return [p]


def read_document(path: Path, log: IssueLog) -> MappingNode | None:
    """The top-level mapping of one file (empty for an empty file), or None after logging why not."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):  # a FIFO or a device would hang or never end
            log.error(None, "file", "not a regular file")
            return None
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)  # the file may have grown since stat
        if len(raw) > MAX_FILE_BYTES:
            log.error(None, "file", f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
            return None
    except OSError as exc:
        log.error(None, "file", f"cannot read: {exc.strerror}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        log.error(None, "file", "not valid UTF-8", line)
        return None
    log.lines = text.splitlines()
    if "\x00" in text:
        log.error(None, "file", "binary file, not YAML")
        return None
    try:
        node = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = f"{exc.problem or exc.context}"
        if problem in _COLON_PROBLEMS:  # "title: Fares: what you can share"
            problem += "; quote a text that has ': ' in it (title: \"Fares: what you can share\")"
        log.error(None, "yaml", problem, (mark.line + 1) if mark else 1)
        return None
    except yaml.YAMLError as exc:
        log.error(None, "yaml", str(exc).splitlines()[0])
        return None
    if node is None:
        return MappingNode("tag:yaml.org,2002:map", [])
    alias = _first_alias(node)
    if alias is not None:
        # An alias makes one node appear in many places: a 1 KB file can stand for gigabytes.
        log.error(alias, "yaml", "anchors and aliases (&name, *name) are not supported: write each value out")
        return None
    if not isinstance(node, MappingNode):
        log.error(node, "file", "top level must be a mapping with policy, clauses and/or checks")
        return None
    return node


def _first_alias(root: Node) -> Node | None:
    """A node that appears more than once in the document (what an alias makes), if any;
    each node is visited once, so this is linear in the file, whatever the aliases expand to."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return node
        seen.add(id(node))
        if isinstance(node, MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, SequenceNode):
            stack += node.value
    return None
