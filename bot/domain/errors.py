"""Errors that reach a person as one short line (the CLI prints them and exits 2)."""

from __future__ import annotations


class UserFacingError(Exception):
    """Bad input or configuration, explained in the message; never shown as a traceback."""
