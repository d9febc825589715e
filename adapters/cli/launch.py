"""The ``guidebot`` console script's entry, and the sentence model's load beside a command.

Loading the model (onnxruntime and the network) takes about as long as reading and
indexing the knowledge base. :func:`main` starts it before the command line's own
imports when the command is an English ``ask``, so the two overlap from the first moment;
:mod:`adapters.cli.main` then does the rest, and :func:`exit_without_teardown` ends the
process once the command is done. This module imports nothing heavy itself.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from collections.abc import Sequence

_model_loader: threading.Thread | None = None


def load_model_meanwhile() -> None:
    """Load the process's sentence model in a second thread while the command goes on (once).

    Loading is mostly native code, so it overlaps the knowledge base's reading on a second
    core. The first question that needs the model waits for it; the process waits for it
    before exiting (native code must not be torn down half-way through loading)."""
    global _model_loader
    if _model_loader is not None:
        return
    from bot.search.sentence_model import configured

    model = configured()
    if model is None:
        return
    _model_loader = threading.Thread(target=model.load, name="model-load", daemon=True)
    _model_loader.start()
    atexit.register(_model_loader.join)


def exit_now_if_loading(code: int) -> None:
    """A command of the console script that failed (a bad ``--kb``) needs no model: exit at
    once instead of waiting at shutdown for the background load (a thread cannot be stopped
    half-way through loading native code, and the interpreter must not be torn down under it)."""
    if _model_loader is not None and _model_loader.is_alive():
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def asks_in_english(args: Sequence[str]) -> bool:
    """Whether the arguments are an ``ask`` the model reads: no ``--lang``, or ``--lang en``
    (the same rule as ``cmd_ask``), and no ``--help``. A guess from the words alone: argparse
    still decides, and a usage error exits without waiting for the load."""
    if not args or args[0] != "ask" or "-h" in args or "--help" in args:
        return False
    lang = None
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            lang = args[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.removeprefix("--lang=")
    return lang in (None, "en")


def exit_without_teardown(code: int) -> int:
    """End the console script with ``code`` once its command is done, without the
    interpreter's teardown, which frees every object of every module one by one: about
    0.1 s after an ``ask`` (onnxruntime, the knowledge base and its index), while the
    operating system reclaims the memory at once.

    What an orderly exit does that matters still happens: atexit handlers run (log
    handlers flush, the model's load is waited for), then stdout and stderr are flushed; a
    reader that has gone gives exit code 120, as the interpreter's own last flush does.
    Only when no other non-daemon thread is alive: one the interpreter would wait for is
    left to it, and the function returns ``code`` for an ordinary exit."""
    current = threading.current_thread()
    if any(t is not current and not t.daemon and t.is_alive() for t in threading.enumerate()):
        return code
    atexit._run_exitfuncs()  # what the interpreter itself calls at exit (no public name)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # the reader left, or the stream was closed
            code = code or 120
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """The console script: ``guidebot ...``. Given ``argv`` (a caller in the same process),
    it returns the exit code instead of ending the process."""
    if asks_in_english(sys.argv[1:] if argv is None else argv):
        from bot.runtime.settings import load_dotenv_file

        load_dotenv_file()  # GUIDEBOT_SEMANTIC may be set in .env (the command reads it again, harmlessly)
        load_model_meanwhile()
    from adapters.cli.main import main as run

    code = run(argv)
    return code if argv is not None else exit_without_teardown(code)
