"""The core imports no chat SDK: adapters depend on bot/, never the other way round."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SDKS = ("slack_bolt", "slack_sdk", "botbuilder", "botframework", "msrest")

PROBE = """
import importlib, pkgutil, sys
import bot
for info in pkgutil.walk_packages(bot.__path__, "bot."):
    if ".migrations" not in info.name:  # alembic scripts run inside alembic only
        importlib.import_module(info.name)
print(" ".join(sorted({m.split(".")[0] for m in sys.modules})))
"""


def test_no_module_of_the_core_imports_a_chat_sdk():
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = set(proc.stdout.split())
    assert "bot" in loaded and "yaml" in loaded  # the probe really imported the core
    assert not loaded.intersection(SDKS), loaded.intersection(SDKS)
