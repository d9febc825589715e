"""Where guidebot keeps what it can make again: text vectors, which patterns compile."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """``GUIDEBOT_CACHE_DIR``, else ``$XDG_CACHE_HOME/guidebot``, else ``~/.cache/guidebot``;
    None when ``GUIDEBOT_CACHE_DIR`` is ``off``."""
    raw = (os.environ.get("GUIDEBOT_CACHE_DIR") or "").strip()
    if raw.lower() == "off":
        return None
    if raw:
        return Path(raw).expanduser()
    xdg = (os.environ.get("XDG_CACHE_HOME") or "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "guidebot"
