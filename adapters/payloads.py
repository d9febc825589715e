"""Checking that a payload parsed from JSON has the fields an adapter reads, with the right types.

A shape is a list of fields: ``(dotted path, accepted types, required)``, where ``*``
walks every item of a list. :func:`shape_problem` names the first field that is
missing or of another type, by its path and JSON type only: never its value, which may
be a person's text.
"""

from __future__ import annotations

from typing import Any

Field = tuple[str, type | tuple[type, ...], bool]


def shape_problem(body: dict[str, Any], fields: list[Field], kind: str) -> str | None:
    """``"KIND: PATH is missing"`` or ``"KIND: PATH is a TYPE"`` for the first wrong field; None when none is."""
    for path, types, required in fields:
        for value in _values(body, path.split(".")):
            if value is None:
                if required:
                    return f"{kind}: {path} is missing"
            elif not isinstance(value, types) or (isinstance(value, bool) and bool not in _tuple(types)):
                return f"{kind}: {path} is a {json_type(value)}"
    return None


def _tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _values(node: Any, steps: list[str]) -> list[Any]:
    """The values at ``steps`` below ``node`` (None for the last step when absent or null)."""
    if not steps:
        return [node]
    step, rest = steps[0], steps[1:]
    if step == "*":
        return [v for item in node for v in _values(item, rest)] if isinstance(node, list) else []
    if not isinstance(node, dict):
        return []  # the parent's own type is checked by its own entry
    if node.get(step) is None:  # absent or null: "missing" for the field itself, nothing below it
        return [] if rest else [None]
    return _values(node[step], rest)


def json_type(value: Any) -> str:
    """The JSON name of ``value``'s type (object, list, string, boolean, number, null)."""
    if value is None:
        return "null"
    names = {dict: "object", list: "list", str: "string", bool: "boolean", int: "number", float: "number"}
    return names.get(type(value), type(value).__name__)
