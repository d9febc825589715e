"""The policy owner's loop: usage records, the report, the quiz, feedback, knowledge-base suggestions.

Importing this package registers the plain text of the owner's reply types (quiz
steps, the report) with :func:`bot.assistant.render_text.to_text`; the reply types
live in :mod:`bot.features.owner.replies`, inside this package, so they cannot be
used without their text renderer being registered.
"""

from bot.features.owner import render_text  # noqa: F401  (registers the quiz and report text renderers)
