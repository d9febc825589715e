"""Errors that reach a person as one short line.

Anything below the command line raises a :class:`UserFacingError` (or a subclass:
an invalid knowledge base, an input past its size limit, a database that cannot be
opened) and lets it travel; ``guidebot``'s ``main()`` alone prints it, as
``guidebot: <message>``, and exits 2.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """Bad input or configuration, explained in the message; never shown as a traceback.

    The message is one line, complete on its own, with no secret in it (it is printed as is).
    """
