"""Teams adapter (to be built)."""

from __future__ import annotations

from aiohttp import web

from bot.app import App


def mount(web_app: web.Application, app: App) -> None:
    """Mount the Teams routes on the shared server."""
