"""guidebot core: knowledge base, matching, checking and commands.

Nothing in this package imports a chat SDK; adapters in ``adapters/`` translate
platform payloads to :class:`bot.domain.replies.Incoming` and replies back.
"""

__version__ = "0.1.0"
