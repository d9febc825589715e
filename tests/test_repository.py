"""The repository itself: nothing in it depends on one machine, and no file name is junk."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# An absolute path of one machine: a work folder, a temporary folder or a home folder.
MACHINE_PATH = re.compile(r"(?<![\w.~-])/(?:work|tmp|root|home/\w+|Users/\w+)/")


def tracked_files() -> list[str]:
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    out = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    return [name for name in out.decode().split("\0") if name]


def test_no_tracked_file_names_a_machine_path() -> None:
    offenders = []
    for name in tracked_files():
        path = REPO / name
        if not path.is_file() or path.stat().st_size > 5_000_000:
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary: a model, an image
        for number, line in enumerate(text.splitlines(), 1):
            if MACHINE_PATH.search(line):
                offenders.append(f"{name}:{number}: {line.strip()[:100]}")
    assert offenders == []


def test_tracked_file_names_are_clean() -> None:
    bad = [
        name
        for name in tracked_files()
        for part in name.split("/")
        if part != part.strip() or any(unicodedata.category(ch).startswith("C") for ch in part)
    ]
    assert bad == []


def test_the_check_itself_catches_machine_paths() -> None:
    root = "/"  # spelt apart, so that this file does not name the paths it looks for
    assert MACHINE_PATH.search(f"EVAL = Path('{root}work/shared/eval')")
    assert MACHINE_PATH.search(f"cache in {root}tmp/guidebot")
    assert MACHINE_PATH.search(f"see {root}home/alice/notes")
    assert not MACHINE_PATH.search("https://example.com/work/items")
    assert not MACHINE_PATH.search("../shared/eval and tests/fixtures/tmp/")
