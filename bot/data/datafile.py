"""Reading the engine's data files: YAML (safe loading only) and plain word lists.

Every file is read into YAML nodes, which keep their line numbers, and checked as it is
turned into plain values: a problem raises :class:`DataFileError` naming the file, the
line and the field, like ``thesaurus/chat.yaml:12: crisis: duplicate form 'fire'``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.domain.errors import UserFacingError

DATA_DIR = Path(__file__).resolve().parent

# libyaml's parser when PyYAML has it (several times faster); both keep line marks.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"


class DataFileError(UserFacingError):
    """A bundled data file is invalid: ``file:line: field: message``."""

    def __init__(self, file: str, line: int, field: str, message: str) -> None:
        self.file, self.line, self.field, self.message = file, line, field, message
        super().__init__(f"{file}:{line}: {field}: {message}")


def line_of(node: Node) -> int:
    """The 1-based line a node starts on."""
    return int(node.start_mark.line) + 1


@dataclass(frozen=True, slots=True)
class YamlFile:
    """One parsed YAML file: its name (for messages) and its root node."""

    file: str
    root: Node

    def fail(self, where: Node | int, field: str, message: str) -> NoReturn:
        raise DataFileError(self.file, where if isinstance(where, int) else line_of(where), field, message)

    def mapping(self, node: Node, field: str) -> Iterator[tuple[str, ScalarNode, Node]]:
        """The entries of a mapping node as (key, key node, value node); keys are text and unique."""
        if not isinstance(node, MappingNode):
            self.fail(node, field, "must be a mapping (key: value lines)")
        seen: dict[str, int] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR or not key_node.value:
                self.fail(key_node, field, "keys must be text")
            key = str(key_node.value)
            if key in seen:
                self.fail(key_node, f"{field}.{key}" if field else key, f"duplicate key (first at line {seen[key]})")
            seen[key] = line_of(key_node)
            yield key, key_node, value

    def record(
        self, node: Node, field: str, required: Collection[str], optional: Collection[str] = (), at: Node | None = None
    ) -> dict[str, Node]:
        """A mapping with a fixed set of keys: unknown keys and missing required keys are errors
        (a missing key is reported at ``at``, the record's own key, when given)."""
        values: dict[str, Node] = {}
        for key, key_node, value in self.mapping(node, field):
            if key not in required and key not in optional:
                allowed = ", ".join(sorted({*required, *optional}))
                self.fail(key_node, f"{field}.{key}", f"unknown key (allowed: {allowed})")
            values[key] = value
        for key in required:
            if key not in values:
                self.fail(at or node, f"{field}.{key}", "missing (required)")
        return values

    def text(self, node: Node, field: str) -> str:
        """A non-empty text scalar (a plain ``no`` or ``42`` is not text: quote it)."""
        if not isinstance(node, ScalarNode):
            self.fail(node, field, "must be text")
        if node.tag != _STR:
            self.fail(node, field, f"must be text, not {node.value!r} read as another type (quote it)")
        text = str(node.value)
        if not text.strip():
            self.fail(node, field, "must not be empty")
        return text

    def texts(self, node: Node, field: str) -> list[tuple[str, ScalarNode]]:
        """A non-empty list of texts, each with its node (for its line)."""
        if not isinstance(node, SequenceNode) or not node.value:
            self.fail(node, field, "must be a non-empty list")
        out: list[tuple[str, ScalarNode]] = []
        for item in node.value:
            text = self.text(item, field)
            assert isinstance(item, ScalarNode)
            out.append((text, item))
        return out

    def flag(self, node: Node, field: str) -> bool:
        """A boolean (true or false)."""
        if not isinstance(node, ScalarNode) or node.tag != _BOOL:
            self.fail(node, field, "must be true or false")
        return str(node.value).lower() in ("true", "yes", "on")


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(str(path), 1, "file", f"cannot read: {exc.strerror}") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), raw[: exc.start].count(b"\n") + 1, "file", "not valid UTF-8") from exc


def read_yaml(path: Path) -> YamlFile:
    """Parse one YAML document into nodes (nothing is constructed, so no tag can run code)."""
    text = _read_text(path)
    try:
        root = yaml.compose(text, Loader=_SAFE_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = int(mark.line) + 1 if mark is not None else 1
        raise DataFileError(str(path), line, "yaml", str(exc.problem or exc)) from exc
    except yaml.YAMLError as exc:
        raise DataFileError(str(path), 1, "yaml", str(exc)) from exc
    if root is None:
        raise DataFileError(str(path), 1, "file", "empty")
    return YamlFile(str(path), root)


def read_lines(path: Path) -> list[tuple[str, int]]:
    """The entries of a plain list file, with their line numbers: one entry a line,
    blank lines and lines starting with ``#`` skipped, surrounding spaces dropped."""
    out: list[tuple[str, int]] = []
    for number, line in enumerate(_read_text(path).splitlines(), 1):
        entry = line.strip()
        if entry and not entry.startswith("#"):
            out.append((entry, number))
    return out
