"""The ``guidebot`` command line.

Exit codes: 0 success; 1 the draft is blocked (``check``) or lint found errors;
2 bad usage, unreadable input or an invalid knowledge base (one line on stderr).

Errors have one path: commands, and the code below them, raise a
:class:`~bot.domain.errors.UserFacingError`; :func:`main` alone prints it as
``guidebot: <message>`` and returns 2. Usage errors found by argparse take the
same path, after argparse's usage line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import IO, NoReturn

from adapters.cli.launch import exit_now_if_loading, load_model_meanwhile
from bot.assistant.engine import MAX_QUESTION_CHARS, GuideBot
from bot.assistant.render_text import answer_text, check_text_lines
from bot.checks.checker import MAX_DRAFT_CHARS, InputTooLarge
from bot.domain.errors import UserFacingError
from bot.domain.replies import AnswerReply
from bot.domain.texts import clean_text
from bot.knowledge.languages import lang_code, load_for
from bot.runtime.settings import Settings, load_dotenv_file, parse_port

MAX_INPUT_BYTES = MAX_DRAFT_CHARS * 2  # a draft file; characters are checked after decoding
MAX_JSONL_LINE_BYTES = 4 * 1024 * 1024


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        # argparse would print "guidebot: error: ..." and exit itself; this way main()
        # says it like every other error.
        self.print_usage(sys.stderr)
        raise UserFacingError(message)


def answer_json(reply: AnswerReply, question: str) -> dict[str, object]:
    """The contract's ``ask --json`` object."""
    out: dict[str, object] = {
        "question": question,
        "lang": reply.lang,
        "outcome": reply.outcome,
        "verdict": reply.verdict,
        "case": reply.case.id if reply.case is not None else None,
        "matches": [{"clause": m.clause.id, "score": m.score} for m in reply.matches],
        "offered": [c.id for c in reply.offered],
        "text": answer_text(reply),
        "how_to": reply.how_to,  # a how-to question: the text leads with guidance, not the verdict
        "policy_version": reply.policy.version,
        # the case of each offered clause the question asks about (null: the clause in general)
        "offered_cases": [c.id if c is not None else None for c in reply.offered_cases],
        # the general rule answered a clause with situations: each one, with its own verdict
        "situations": [{"case": c.id, "verdict": c.verdict} for c in reply.situations],
    }
    if reply.check is not None:
        out["findings"] = [f.to_json() for f in reply.check.findings]
        out["check_verdict"] = reply.check.verdict
    return out


def _bot(settings: Settings, kb_arg: str | None, lang: str | None) -> GuideBot:
    return GuideBot(load_for(kb_arg or settings.kb_path, lang))


def _decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:8192]:
        raise UserFacingError(f"{name}: binary data, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserFacingError(f"{name}: not valid UTF-8 (byte {exc.start})") from None


def _read_input(source: str | None) -> str:
    name = "stdin" if source in (None, "-") else source
    try:
        if source in (None, "-"):
            raw = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        else:
            path = Path(source)  # type: ignore[arg-type]
            if path.is_dir():
                raise UserFacingError(f"{name}: is a directory")
            with path.open("rb") as fh:
                raw = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise UserFacingError(f"{name}: {exc.strerror or exc}") from None
    if len(raw) > MAX_INPUT_BYTES:
        raise InputTooLarge(f"{name}: draft too large (limit {MAX_INPUT_BYTES // 1_000_000} MB)")
    return _decode(raw, name)


def _jsonl(field: str, handle: Callable[[str], dict[str, object]], out: IO[str]) -> None:
    """Answer each JSON line of stdin; a bad line gets ``{"error": ...}`` and the batch goes on."""
    for lineno, raw in enumerate(iter(lambda: sys.stdin.buffer.readline(MAX_JSONL_LINE_BYTES + 1), b""), 1):
        try:
            if not raw.strip():
                # Still one output line per input line, so the two stay aligned.
                raise UserFacingError(f"line {lineno}: empty")
            if len(raw) > MAX_JSONL_LINE_BYTES:
                # Skip the rest of an overlong line.
                while raw and not raw.endswith(b"\n"):
                    raw = sys.stdin.buffer.readline(MAX_JSONL_LINE_BYTES)
                raise InputTooLarge(f"line {lineno}: longer than {MAX_JSONL_LINE_BYTES // (1024 * 1024)} MB")
            text = _decode(raw, f"line {lineno}")
            # JSON may carry half a surrogate pair ("\ud800"), which no output could encode.
            value = clean_text(_jsonl_value(text, field, lineno))
            result = handle(value)
        except UserFacingError as exc:  # this line's error only: the batch goes on
            result = {"error": str(exc)}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        out.flush()


def _jsonl_value(text: str, field: str, lineno: int) -> str:
    """The input of one line: for questions a plain line is the question itself,
    or JSON (a string, or an object with ``q``/``question``); drafts are ``{"text": ...}``."""
    if field == "q" and not text.lstrip().startswith(("{", '"', "[")):
        return text.strip()
    try:
        obj = json.loads(text)
    except RecursionError:
        raise UserFacingError(f"line {lineno}: nested too deeply") from None
    except json.JSONDecodeError as exc:
        # ``ask --jsonl`` reads questions one per line: plain text is a question too.
        if field == "q" and not text.lstrip().startswith("{"):
            return text.strip()
        raise UserFacingError(f"line {lineno}: not JSON ({exc.msg})") from None
    if field == "q" and not isinstance(obj, dict | str):
        return text.strip()  # a question that happens to parse as a number or list
    if isinstance(obj, str) and field == "q":
        return obj
    if not isinstance(obj, dict):
        raise UserFacingError(f"line {lineno}: expected an object with a {field!r} string")
    value = obj.get(field, obj.get("question") if field == "q" else None)
    if not isinstance(value, str):
        raise UserFacingError(f"line {lineno}: expected an object with a {field!r} string")
    return value


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    # Bytes that are not UTF-8 on the command line arrive as lone surrogates: replaced, not fatal.
    question = clean_text(" ".join(args.question)).strip()
    if not args.jsonl and not question:
        raise UserFacingError("ask needs a QUESTION (or --jsonl)")
    if args.lang in (None, "en"):  # the model reads English questions
        load_model_meanwhile()
    bot = _bot(settings, args.kb, args.lang)
    if args.jsonl:
        _jsonl("q", lambda q: answer_json(bot.ask(q, args.lang), q), sys.stdout)
        return 0
    reply = bot.ask(question, args.lang)
    if args.json:
        print(json.dumps(answer_json(reply, question), ensure_ascii=False))
    else:
        print(answer_text(reply))
    return 0


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    bot = _bot(settings, args.kb, args.lang)
    if args.jsonl:
        _jsonl("text", lambda t: bot.check(t, args.lang).result.to_json(), sys.stdout)
        return 0
    reply = bot.check(_read_input(args.file), args.lang)
    if args.json:
        print(json.dumps(reply.result.to_json(), ensure_ascii=False))
    else:
        print(check_text_lines(reply.result, reply.lang, reply.clauses))
    return 1 if reply.result.verdict == "block" else 0


def cmd_kb_lint(args: argparse.Namespace, settings: Settings) -> int:
    from bot.knowledge.lint import lint
    from bot.knowledge.loader import KnowledgeBaseError

    path = args.path or settings.kb_path
    kb, issues = lint(path)
    if kb is None and not Path(path).exists():
        raise KnowledgeBaseError(issues)  # nothing to lint: a usage error, said in one line
    for issue in issues:
        print(f"{issue.level}: {issue}", file=sys.stderr if issue.level == "error" else sys.stdout)
    errors = sum(i.level == "error" for i in issues)
    warnings = len(issues) - errors
    if kb is not None:
        print(
            f"ok: {len(kb.clauses)} clauses, {len(kb.checks)} checks, "
            f"{sum(len(c.examples.flag) + len(c.examples.passes) for c in kb.checks)} examples passed"
            f"{f', {warnings} warning(s)' if warnings else ''}"
        )
        return 0
    print(f"{errors} error(s), {warnings} warning(s)", file=sys.stderr)
    return 1


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.console import run_console

    return run_console(settings, args.kb)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from adapters.server import run_server

    # Checked here, before anything binds: other commands never read $PORT.
    try:
        port = parse_port(str(args.port), "--port") if args.port is not None else settings.listen_port()
    except ValueError as exc:
        raise UserFacingError(f"bad setting: {exc}") from None
    return run_server(settings, port)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="guidebot", description="Social media guideline coach for Slack, Teams and the terminal.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ask = sub.add_parser("ask", help="answer a question")
    ask.add_argument("--kb", help="knowledge base directory or file")
    ask.add_argument("--lang", type=lang_code, help="reply language, e.g. en or ja (default: the question's)")
    mode = ask.add_mutually_exclusive_group()
    mode.add_argument("--json", action="store_true", help="print one JSON object")
    mode.add_argument("--jsonl", action="store_true", help="read questions from stdin, one per line")
    ask.add_argument("question", nargs="*", help=f"the question (at most {MAX_QUESTION_CHARS:,} characters)")
    ask.set_defaults(func=cmd_ask)

    check = sub.add_parser("check", help="check a draft (exit 1 when it must not be posted)")
    check.add_argument("--kb", help="knowledge base directory or file")
    check.add_argument("--lang", type=lang_code, help="language of messages, e.g. en or ja (default: the draft's)")
    cmode = check.add_mutually_exclusive_group()
    cmode.add_argument("--json", action="store_true", help="print one JSON object")
    cmode.add_argument("--jsonl", action="store_true", help='read {"text": ...} objects from stdin, one per line')
    check.add_argument("file", nargs="?", help=f"draft file, or - for stdin (at most {MAX_DRAFT_CHARS:,} characters)")
    check.set_defaults(func=cmd_check)

    kb = sub.add_parser("kb", help="knowledge base tools")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True, parser_class=_Parser)
    lint_p = kb_sub.add_parser("lint", help="validate a knowledge base and run its check examples")
    lint_p.add_argument("path", nargs="?")
    lint_p.set_defaults(func=cmd_kb_lint)
    _register_extra(kb_sub, sub)

    chat = sub.add_parser("chat", help="talk to the bot in the terminal")
    chat.add_argument("--kb", help="knowledge base directory or file")
    chat.set_defaults(func=cmd_chat)

    serve = sub.add_parser("serve", help="run the HTTP server for Slack and Teams")
    serve.add_argument("--port", type=int, help="port (default $PORT, else 3978)")
    serve.set_defaults(func=cmd_serve)
    return p


def _register_extra(kb_sub: argparse._SubParsersAction[_Parser], sub: argparse._SubParsersAction[_Parser]) -> None:
    """Commands implemented in later modules (export, report, reminders)."""
    from adapters.cli import extra as cli_extra

    cli_extra.register(kb_sub, sub)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; the one place an error becomes ``guidebot: <message>`` and exit code 2."""
    try:
        return _run(argv)
    except UserFacingError as exc:
        print(f"guidebot: {exc}", file=sys.stderr)
        if argv is None:  # the console script, not a caller who goes on afterwards
            exit_now_if_loading(2)
        return 2
    except BrokenPipeError:
        # The reader left (``guidebot ask --jsonl ... | head``): stop quietly, and let the
        # interpreter's last flush of stdout go nowhere rather than fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        problem = _database_failure(exc)
        if problem is None:
            raise
        print(f"guidebot: {problem}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _database_failure(exc: Exception) -> str | None:
    """One line on the database that failed under a command (read-only, damaged, gone), or None.

    SQLAlchemy is imported by the commands that use the database only, so ``ask`` and
    ``check`` start without it; an error cannot come from it unless it was imported.
    """
    errors = sys.modules.get("sqlalchemy.exc")
    if errors is None or not isinstance(exc, errors.SQLAlchemyError):
        return None
    from bot.storage import database_problem

    return database_problem(exc, _database_url())


def _database_url() -> str:
    try:
        return Settings.from_env().database_url
    except ValueError:
        return "(unreadable settings)"


def _run(argv: Sequence[str] | None) -> int:
    load_dotenv_file()
    args = build_parser().parse_args(argv)
    try:
        settings = Settings.from_env()
    except ValueError as exc:  # bot.runtime cannot import bot.domain's errors: it says ValueError
        raise UserFacingError(f"bad setting: {exc}") from None
    return int(args.func(args, settings))


if __name__ == "__main__":
    sys.exit(main())
