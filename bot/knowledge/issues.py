"""Problems found in a knowledge base, each naming file, line and field.

Validation never stops at the first problem: every reader appends to an
:class:`IssueLog` for its file, and the loader hands them all back (``kb lint``)
or raises :class:`KnowledgeBaseError` with the first one (every other command).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from yaml.nodes import Node

from bot.domain.errors import UserFacingError
from bot.domain.policy import Source

ItemSources = Mapping[tuple[str, str], Source]
"""Where each item of a list was written, by the list's field and the item:
``("clauses[A].see_also", "B")``; with the item ``""``, where a clause's or case's field
itself was written (``("clauses[A].cases[c1].verdict", "")``). Problems found once the
knowledge base is put together (a dangling ``see_also``, an example that fails, a question
answered elsewhere, a case's missing language) are reported at that line."""


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
    """The knowledge base is invalid; ``issues`` lists every error found.

    The message is one line (the first error, and how many more), so a command can
    show it as it is; ``kb lint`` lists them all."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        first = issues[0] if issues else None
        more = f" (and {len(issues) - 1} more)" if len(issues) > 1 else ""
        super().__init__(f"invalid knowledge base: {first}{more}" if first else "invalid knowledge base")


@dataclass(frozen=True, slots=True)
class WrittenText:
    """One text of the policy's own voice as written (a title, an answer, a message), for
    the style rules; ``lang`` is ``*`` for a text that is the same in every language."""

    node: Node
    field: str
    lang: str
    text: str


@dataclass
class IssueLog:
    """The issues of one file, as its readers find them."""

    file: str
    issues: list[Issue] = field(default_factory=list)
    # The file's text by line, once read: where a node's marks point (see :meth:`rest_of_line`).
    lines: list[str] = field(default_factory=list)
    # Every text of the policy's own voice read from the file (see WrittenText).
    texts: list[WrittenText] = field(default_factory=list)
    # Where each list item read from the file was written (see ItemSources and fields.strings).
    item_sources: dict[tuple[str, str], Source] = field(default_factory=dict)

    def error(self, node: Node | None, fld: str, message: str, line: int | None = None) -> None:
        """Record an error at ``line``, else at ``node``'s line, else at the top of the file."""
        where = line if line is not None else (node.start_mark.line + 1 if node is not None else 1)
        self.issues.append(Issue(self.file, where, fld, message))

    def warn(self, node: Node, fld: str, message: str) -> None:
        """Record a warning at ``node``'s line: the base stays usable."""
        self.issues.append(Issue(self.file, node.start_mark.line + 1, fld, message, "warning"))

    def rest_of_line(self, node: Node) -> str:
        """What the file holds after ``node`` on the line where it ends ("" when unknown)."""
        end = node.end_mark
        return self.lines[end.line][end.column :] if 0 <= end.line < len(self.lines) else ""
