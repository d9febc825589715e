"""Every reply type has a renderer on every surface: plain text, Block Kit, Adaptive Cards.

The renderers dispatch on the reply's type; a reply type nobody registered a renderer
for raises ``TypeError`` instead of showing something else. These tests import every
module of the program, so a reply type added anywhere without its three renderers
fails here rather than in a conversation.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import adapters
import bot
from adapters.slack.blocks import reply_blocks, to_blocks
from adapters.teams.cards import to_adaptive_card, to_message
from bot.assistant.render_text import to_text
from bot.domain.replies import Reply

SURFACES: dict[str, Any] = {"text": to_text, "Slack": reply_blocks, "Teams": to_adaptive_card}
ENTRY_POINTS: dict[str, Callable[[Any], object]] = {
    "text": to_text,
    "Slack": to_blocks,
    "Teams": to_adaptive_card,
    "Teams message": to_message,
}


def _modules() -> Iterator[str]:
    for package in (bot, adapters):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            last = info.name.rsplit(".", 1)[-1]
            if ".migrations" in info.name or last == "__main__":  # alembic scripts; program entry points
                continue
            yield info.name


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def reply_types() -> list[type]:
    """Every concrete reply type the program defines, once all its modules are imported."""
    for name in _modules():
        importlib.import_module(name)
    found = {
        cls
        for cls in _subclasses(Reply)
        if cls.__module__.split(".")[0] in ("bot", "adapters")
        # A slotted dataclass replaces the class it was made from; that one lingers until collected.
        and getattr(sys.modules[cls.__module__], cls.__qualname__, None) is cls
        and dataclasses.is_dataclass(cls)
        and not inspect.isabstract(cls)
    }
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


def test_the_program_defines_reply_types_in_the_domain_and_in_features() -> None:
    names = {cls.__name__ for cls in reply_types()}
    assert {"AnswerReply", "CheckReply", "NoticeReply", "QuizReply", "ReportReply"} <= names


@pytest.mark.parametrize("surface", SURFACES)
def test_every_reply_type_has_a_renderer_on_every_surface(surface: str) -> None:
    render = SURFACES[surface]
    fallback = render.registry[object]
    missing = [cls.__qualname__ for cls in reply_types() if render.dispatch(cls) is fallback]
    assert not missing, f"no {surface} renderer for {', '.join(missing)}"


@dataclasses.dataclass(frozen=True, slots=True)
class UnregisteredReply(Reply):
    lang: str
    text: str


@pytest.mark.parametrize("surface", ENTRY_POINTS)
def test_a_reply_type_without_a_renderer_is_refused_not_guessed(surface: str) -> None:
    with pytest.raises(TypeError, match=r"no (text|Slack|Teams) renderer for UnregisteredReply"):
        ENTRY_POINTS[surface](UnregisteredReply("en", "Question 1 of 3"))
