"""``--lang`` on the command line: any language code, checked against the loaded knowledge base.

A policy may add languages beyond ``en`` and ``ja`` (see :attr:`KnowledgeBase.languages`),
so the parser accepts any well-formed code and the command refuses one the base lacks.
"""

from __future__ import annotations

import argparse

from bot.domain.errors import UserFacingError
from bot.domain.policy import KnowledgeBase
from bot.knowledge.fields import LANG_CODE
from bot.knowledge.loader import load


def lang_code(value: str) -> str:
    """argparse ``type`` for ``--lang``: a well-formed code such as ``en``, ``ja`` or ``pt-BR``."""
    if not LANG_CODE.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a language code (e.g. en, ja, pt-BR)")
    return value


def unknown_lang(kb: KnowledgeBase, lang: str | None) -> str | None:
    """The one-line reason ``lang`` cannot be used with ``kb``, or ``None`` when it can."""
    if lang is None or lang in kb.languages:
        return None
    return f"--lang {lang}: the knowledge base has no {lang!r} texts (it has {', '.join(kb.languages)})"


def load_for(path: str, lang: str | None) -> KnowledgeBase:
    """The knowledge base a command needs, in a language it has.

    Raises :class:`~bot.knowledge.issues.KnowledgeBaseError` or a :class:`UserFacingError`
    naming the missing language; the command line shows either as one line."""
    kb = load(path)
    reason = unknown_lang(kb, lang)
    if reason:
        raise UserFacingError(reason)
    return kb
