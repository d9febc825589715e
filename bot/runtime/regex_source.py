"""Reading a regular expression's source: where a character class or a group that opens at
a position ends, escapes and classes skipped (for the knowledge base's RE2 patterns and the
question forms' :mod:`re` ones alike)."""

from __future__ import annotations


def class_end(pattern: str, start: int) -> int:
    """The index just after the character class opened at ``start``; -1 when it never closes.
    A ``]`` right after ``[`` or ``[^`` is a literal; ``[:alpha:]`` is a class inside it."""
    n = len(pattern)
    j = start + 1
    if j < n and pattern[j] == "^":
        j += 1
    if j < n and pattern[j] == "]":
        j += 1
    while j < n:
        c = pattern[j]
        if c == "\\":
            if j + 1 >= n or pattern[j + 1] in "QE":
                return -1
            j += 2
            continue
        if c == "[" and j + 1 < n and pattern[j + 1] == ":":
            k = pattern.find(":]", j + 2)
            if k < 0:
                return -1
            j = k + 2
            continue
        if c == "]":
            return j + 1
        j += 1
    return -1


def group_end(pattern: str, start: int) -> int:
    """The index just after the group opened at ``start``; -1 when it never closes."""
    depth, i, n = 0, start, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = class_end(pattern, i)
            if i < 0:
                return -1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return -1
