"""Reading a regular expression's source: where a character class or a group that opens at
a position ends, escapes and classes skipped (for the knowledge base's RE2 patterns and the
question forms' :mod:`re` ones alike), and a looser RE2 pattern for a Python one, to screen
texts before the exact pattern reads them (:func:`loosened`)."""

from __future__ import annotations

import re


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


_ANY = "(?s:.)"
_NOT_SPACE = r"[^\t\n\f\r ]"  # holds every character Python's \w or \d does
# Python's classes, which read Unicode (RE2's \w, \s and \d read ASCII only), as looser ones.
_CLASS_ESCAPES = {"w": _NOT_SPACE, "d": _NOT_SPACE, "W": _ANY, "s": _ANY, "S": _ANY, "D": _ANY}
_ASSERTIONS = ("(?=", "(?!", "(?<=", "(?<!", "(?#")
_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_GROUP = re.compile(r"\(\?(?:P<\w+>|[aiLmsux]*(?:-[imsx]+)?:|>)?|\(")
_COUNTED = re.compile(r"\{(\d*),?(\d*)\}")
_CLASS_OF_CLASSES = re.compile(r"\\[wsdWSD]|\[:")


def loosened(pattern: str) -> str:
    """An RE2 pattern that finds everything Python's ``pattern`` finds, and perhaps more.

    Assertions (``\\b``, ``^``, ``$``, lookarounds) match nothing, so they are dropped; a
    counted repetition becomes an open one (``{0,40}`` -> ``*``, ``{2,3}`` -> ``+``); ``.``
    reads newlines too; ``\\w`` and ``\\d`` become any character but a space, and every other
    class of Python's (``\\s``, ``\\W``, ``\\S``, ``\\D``, a set holding one) any character; a
    back reference matches anything; inline flags are dropped, so the caller reads the result
    case-insensitively. Raises ValueError for a set or an assertion that never closes (RE2
    refuses any other group that does not)."""
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "\\":
            escaped = pattern[i + 1 : i + 2]
            if escaped in _CLASS_ESCAPES:
                out.append(_CLASS_ESCAPES[escaped])
            elif escaped.isdigit():
                out.append(_ANY + "*")
            elif escaped not in ("b", "B", "A", "Z"):
                out.append(pattern[i : i + 2])
            i += 2
        elif c == "[":
            end = class_end(pattern, i)
            if end < 0:
                raise ValueError(f"a set that never closes at {i}")
            chars = pattern[i:end]
            out.append(_ANY if _CLASS_OF_CLASSES.search(chars) else chars)
            i = end
        elif c == "(":
            if pattern.startswith(_ASSERTIONS, i):
                i = group_end(pattern, i)
                if i < 0:
                    raise ValueError("a group that never closes")
            elif pattern.startswith("(?P=", i):
                out.append(_ANY + "*")
                i = pattern.index(")", i) + 1
            elif flags := _FLAGS.match(pattern, i):
                i = flags.end()
            else:
                opened = _GROUP.match(pattern, i)
                assert opened is not None  # "(" alone always matches
                out.append("(?:")
                i = opened.end()
        elif c == "{" and (counted := _COUNTED.match(pattern, i)) and any(counted.groups()):
            out.append("*" if int(counted.group(1) or 0) == 0 else "+")
            i = counted.end()
        else:
            out.append({"^": "", "$": "", ".": _ANY, "{": r"\{"}.get(c, c))
            i += 1
    return "".join(out)
