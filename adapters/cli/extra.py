"""Command-line commands built on storage and reporting (registered by :mod:`adapters.cli.main`)."""

from __future__ import annotations

import argparse
from typing import Any


def register(kb_sub: argparse._SubParsersAction[Any], sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``kb export``, ``report`` and ``reminders`` (filled in by their modules)."""
    from bot.features.owner import cli as cli_owner

    cli_owner.register(kb_sub, sub)
    from adapters.cli import reminders as reminder_cli

    reminder_cli.add_parser(sub)
