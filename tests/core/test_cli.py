"""The ``guidebot`` command line: output shapes, exit codes and bad input."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.cli.main import MAX_INPUT_BYTES
from tests.conftest import EVAL_KB, SMALL_KB, KbWriter, run_cli

from .kb_text import variant

GUIDEBOT = Path(sys.executable).parent / "guidebot"
ASK_KEYS = ["question", "lang", "outcome", "verdict", "case", "matches", "offered", "text"]


def run(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    """The real console script, as a user runs it."""
    return subprocess.run([str(GUIDEBOT), *args], input=stdin, capture_output=True, timeout=60, check=False)


def one_line_error(stderr: str) -> str:
    assert "Traceback" not in stderr
    lines = [line for line in stderr.splitlines() if not line.startswith("usage:")]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("guidebot: ")
    return lines[0]


def call(capsys, *argv: str, stdin: bytes | None = None, monkeypatch=None) -> tuple[int, str, str]:
    if stdin is not None:
        assert monkeypatch is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    return run_cli(capsys, *argv)


@pytest.fixture(autouse=True)
def _no_dotenv(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # main() reads ./.env
    monkeypatch.delenv("GUIDEBOT_KB", raising=False)


# ----------------------------------------------------------------------------- ask


def test_ask_text_cites_the_clause(capsys):
    code, out, _ = call(capsys, "ask", "--kb", str(EVAL_KB), "Can I post a photo from inside the lab?")
    assert code == 0
    assert "AC-WORKPLACE-PHOTOS" in out and "2026-11-01" in out


def test_ask_json_has_the_contract_keys_in_order(capsys):
    code, out, _ = call(capsys, "ask", "--kb", str(EVAL_KB), "--json", "Can I use the Acme logo as my avatar?")
    assert code == 0
    obj = json.loads(out)
    assert list(obj)[: len(ASK_KEYS)] == ASK_KEYS
    assert (obj["lang"], obj["outcome"], obj["verdict"]) == ("en", "answered", "conditional")
    assert obj["matches"][0]["clause"] == "AC-TRADEMARKS"
    assert 1 <= len(obj["matches"]) <= 5
    scores = [m["score"] for m in obj["matches"]]
    assert scores == sorted(scores, reverse=True) and all(0 <= s <= 1 for s in scores)
    assert "findings" not in obj


def test_ask_unsure_points_to_the_owner(capsys):
    _, out, _ = call(capsys, "ask", "--kb", str(EVAL_KB), "--json", "What is the best pizza topping?")
    obj = json.loads(out)
    assert (obj["outcome"], obj["verdict"]) == ("unsure", None)
    assert "#ask-social" in obj["text"]


def test_ask_language_follows_the_question_and_lang_forces_it(capsys):
    _, out, _ = call(capsys, "ask", "--kb", str(EVAL_KB), "--json", "会社のロゴをアイコンにしてもいいですか?")
    ja = json.loads(out)
    assert ja["lang"] == "ja" and "アクメのロゴ" in ja["text"]
    _, out, _ = call(
        capsys, "ask", "--kb", str(EVAL_KB), "--json", "--lang", "en", "会社のロゴをアイコンにしてもいいですか?"
    )
    forced = json.loads(out)
    assert forced["lang"] == "en" and "Acme logo" in forced["text"]
    assert forced["matches"][0]["clause"] == ja["matches"][0]["clause"] == "AC-TRADEMARKS"
    _, out, _ = call(capsys, "ask", "--kb", str(EVAL_KB), "--json", "--lang", "ja", "Can I use the Acme logo?")
    assert json.loads(out)["lang"] == "ja"


def test_ask_quoting_a_draft_gets_findings(capsys):
    q = 'Can I post this: "Sneak peek at Project Bluefin, ping jane.doe@example.com"?'
    _, out, _ = call(capsys, "ask", "--kb", str(EVAL_KB), "--json", q)
    obj = json.loads(out)
    assert {f["check"] for f in obj["findings"]} == {"confidential-codenames", "personal-email"}
    # The question is echoed as asked; the findings and the reply mask the address.
    assert "jane.doe@example.com" not in json.dumps(obj["findings"]) + obj["text"]


def test_ask_jsonl_keeps_order_and_survives_bad_lines(capsys, monkeypatch):
    lines = [
        "Can I post a photo from inside the lab?",
        '{"q": "会社のロゴをアイコンにしてもいいですか?"}',
        "{not json",
        "",
        '{"question": "Who may speak for Acme?"}',
        '{"text": "no q here"}',
        "x" * 10_001,
        "What is the best pizza topping?",
    ]
    stdin = ("\n".join(lines) + "\n").encode() + b"\xff\xfe broken\n"
    code, out, _ = call(capsys, "ask", "--kb", str(EVAL_KB), "--jsonl", stdin=stdin, monkeypatch=monkeypatch)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 9
    assert rows[0]["matches"][0]["clause"] == "AC-WORKPLACE-PHOTOS"
    assert rows[1]["lang"] == "ja"
    assert set(rows[2]) == set(rows[3]) == {"error"}
    assert rows[4]["question"] == "Who may speak for Acme?"
    assert "error" in rows[5] and "limit" in rows[6]["error"]
    assert rows[7]["outcome"] == "unsure"
    assert "UTF-8" in rows[8]["error"]
    assert all(list(r)[: len(ASK_KEYS)] == ASK_KEYS for r in (rows[0], rows[1], rows[4], rows[7]))


def test_ask_needs_a_question(capsys):
    code, _, err = call(capsys, "ask", "--kb", str(EVAL_KB))
    assert code == 2
    assert "QUESTION" in one_line_error(err)


# ----------------------------------------------------------------------------- check


def test_check_file_text_and_exit_codes(capsys, tmp_path):
    ok = tmp_path / "ok.txt"
    ok.write_text("Great team lunch today!", encoding="utf-8")
    warn = tmp_path / "warn.txt"
    warn.write_text("I think our new app beats everyone.", encoding="utf-8")
    block = tmp_path / "block.txt"
    block.write_text("Project Bluefin ships soon", encoding="utf-8")
    assert call(capsys, "check", "--kb", str(EVAL_KB), str(ok))[0] == 0
    code, out, _ = call(capsys, "check", "--kb", str(EVAL_KB), str(warn))
    assert code == 0 and "AC-OPINION" in out
    code, out, _ = call(capsys, "check", "--kb", str(EVAL_KB), str(block))
    assert code == 1 and "AC-CONFIDENTIAL" in out


def test_check_stdin_json(capsys, monkeypatch):
    draft = "Ask jane.doe@example.com about Project Bluefin"
    code, out, _ = call(
        capsys, "check", "--kb", str(EVAL_KB), "--json", "-", stdin=draft.encode(), monkeypatch=monkeypatch
    )
    assert code == 1
    obj = json.loads(out)
    assert list(obj) == ["verdict", "lang", "findings"]
    assert obj["verdict"] == "block"
    email = next(f for f in obj["findings"] if f["check"] == "personal-email")
    assert draft[email["start"] : email["end"]] == "jane.doe@example.com"
    assert "jane.doe@example.com" not in out


def test_check_jsonl(capsys, monkeypatch):
    stdin = b'{"text": "call 03-1234-5678"}\nnot json\n{"txt": "x"}\n[1]\n{"text": "Project Bluefin"}\n{"text": "hi"}\n'
    code, out, _ = call(capsys, "check", "--kb", str(EVAL_KB), "--jsonl", stdin=stdin, monkeypatch=monkeypatch)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r.get("verdict", "error") for r in rows] == ["warn", "error", "error", "error", "block", "pass"]
    assert "03-1234-5678" not in out


def test_jsonl_lines_no_output_could_encode_or_nested_too_deeply_get_their_own_answer(capsys, monkeypatch):
    """Half a surrogate pair ("\\ud800") is JSON, not text any output can encode: replaced. A line
    of 100,000 brackets is answered with an error. The batch goes on either way."""
    stdin = b'{"text": "\\ud800 call 03-1234-5678"}\n' + b"[" * 100_000 + b'\n{"text": "hi"}\n'
    code, out, _ = call(capsys, "check", "--kb", str(EVAL_KB), "--jsonl", stdin=stdin, monkeypatch=monkeypatch)
    assert code == 0
    out.encode("utf-8")  # what a terminal or a pipe needs
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r.get("verdict", r.get("error")) for r in rows] == ["warn", "line 2: nested too deeply", "pass"]
    half = b'{"q": "\\ud800 can I post a photo?"}\n'
    code, out, _ = call(capsys, "ask", "--jsonl", stdin=half, monkeypatch=monkeypatch)
    assert code == 0 and json.loads(out)["question"] == "\ufffd can I post a photo?"


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p / "missing.txt", "No such file"),
        (lambda p: p, "is a directory"),
        (lambda p: (p / "bad.txt", (p / "bad.txt").write_bytes(b"ok \xff\xfe"))[0], "not valid UTF-8"),
        (lambda p: (p / "bin.dat", (p / "bin.dat").write_bytes(b"PK\x03\x04\x00\x00"))[0], "binary"),
    ],
    ids=["missing", "directory", "invalid-utf8", "binary"],
)
def test_check_unreadable_input(capsys, tmp_path, make, words):
    code, out, err = call(capsys, "check", "--kb", str(EVAL_KB), str(make(tmp_path)))
    assert code == 2 and out == ""
    assert words in one_line_error(err)


def test_check_blocks_exit_1_and_invalid_kb_exits_2(capsys, write_kb: KbWriter, tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text("hello", encoding="utf-8")
    code, _, err = call(capsys, "check", "--kb", str(write_kb("policy: [")), str(draft))
    assert code == 2 and "invalid knowledge base" in one_line_error(err)
    code, _, err = call(capsys, "check", "--kb", str(tmp_path / "nowhere"), str(draft))
    assert code == 2 and "no such file" in one_line_error(err)


# ----------------------------------------------------------------------------- kb lint


def test_kb_lint_exit_codes(capsys, write_kb: KbWriter, tmp_path):
    code, out, _ = call(capsys, "kb", "lint", str(SMALL_KB))
    assert code == 0 and "24 examples passed" in out
    bad = write_kb(variant('pass: ["Lovely day #AcmeLife"]', 'pass: ["Lovely day"]'))
    code, _, err = call(capsys, "kb", "lint", str(bad))
    assert code == 1
    assert f"{bad / 'policy.yaml'}:" in err and "checks[hashtag].examples.pass" in err
    code, _, err = call(capsys, "kb", "lint", str(tmp_path / "nowhere"))
    assert code == 2 and "Traceback" not in err


def test_kb_lint_single_file(capsys):
    code, out, _ = call(capsys, "kb", "lint", str(SMALL_KB / "policy.yaml"))
    assert code == 0 and out.startswith("ok: 3 clauses, 9 checks")


# ----------------------------------------------------------------------------- the real script


def test_script_six_megabyte_draft_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (6 * 1024 * 1024))
    proc = run("check", "--kb", str(EVAL_KB), str(big))
    assert proc.returncode == 2 and proc.stdout == b""
    assert "too large" in one_line_error(proc.stderr.decode())


def test_script_huge_question_is_refused():
    proc = run("ask", "--kb", str(EVAL_KB), "why " * 25_000)
    assert proc.returncode == 2
    assert "too long" in one_line_error(proc.stderr.decode())


def test_script_check_stdin_and_usage_errors():
    proc = run("check", "--kb", str(EVAL_KB), "--json", stdin="正直、うちの新サービスはイマイチだと思う".encode())
    assert proc.returncode == 0
    obj = json.loads(proc.stdout)
    assert obj["lang"] == "ja" and obj["verdict"] == "warn"
    proc = run("frobnicate")
    assert proc.returncode == 2
    assert "invalid choice" in one_line_error(proc.stderr.decode())


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("DATABASE_URL", "bogus://x", "cannot open database bogus://x"),
        ("DATABASE_URL", "postgresql://u:hunter2@127.0.0.1:1/x", "cannot open database postgresql://u:***@"),
        ("GUIDEBOT_TIMEZONE", "Mars/Olympus_Mons", "bad setting: GUIDEBOT_TIMEZONE 'Mars/Olympus_Mons'"),
    ],
)
def test_bad_settings_get_one_line_and_hide_passwords(capsys, monkeypatch, name, value, expected):
    monkeypatch.setenv(name, value)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"))
    code, _, err = call(capsys, "chat", "--kb", str(EVAL_KB))
    assert code == 2
    line = one_line_error(err)
    assert expected in line and "hunter2" not in line


@pytest.mark.parametrize(
    ("env", "argv", "expected"),
    [
        ({"PORT": "abc"}, [], "bad setting: PORT must be a whole number, not 'abc'"),
        ({"PORT": "70000"}, [], "bad setting: PORT must be between 1 and 65535, not 70000"),
        ({}, ["--port", "0"], "bad setting: --port must be between 1 and 65535, not 0"),
    ],
)
def test_serve_refuses_a_bad_port_before_binding(capsys, monkeypatch, env, argv, expected):
    import adapters.server

    # A server that started would be a failure: record it instead of blocking the test.
    started: list[int] = []
    monkeypatch.setattr(adapters.server, "run_server", lambda _settings, port: started.append(port) or 0)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, _, err = call(capsys, "serve", *argv)
    assert (code, started) == (2, [])
    assert one_line_error(err) == f"guidebot: {expected}"


def test_serve_port_comes_from_the_flag_then_port_then_3978(capsys, monkeypatch):
    import adapters.server

    started: list[int] = []
    monkeypatch.setattr(adapters.server, "run_server", lambda _settings, port: started.append(port) or 0)
    monkeypatch.delenv("PORT", raising=False)
    assert call(capsys, "serve")[0] == 0
    monkeypatch.setenv("PORT", "8080")
    assert call(capsys, "serve")[0] == 0
    monkeypatch.setenv("PORT", "abc")  # the flag wins, so $PORT is never read
    assert call(capsys, "serve", "--port", "9000")[0] == 0
    assert started == [3978, 8080, 9000]


def test_a_bad_port_does_not_break_commands_that_do_not_serve(capsys, monkeypatch):
    monkeypatch.setenv("PORT", "abc")
    code, out, err = call(capsys, "ask", "--kb", str(EVAL_KB), "--json", "Can I use the Acme logo as my avatar?")
    assert code == 0 and err == ""
    assert json.loads(out)["matches"][0]["clause"] == "AC-TRADEMARKS"


def test_a_valid_timezone_is_kept():
    from bot.runtime.settings import Settings

    assert Settings.from_env({"GUIDEBOT_TIMEZONE": "Asia/Tokyo"}).timezone == "Asia/Tokyo"
    assert Settings.from_env({}).timezone == "UTC"
    with pytest.raises(ValueError, match="not an IANA time zone"):
        Settings.from_env({"GUIDEBOT_TIMEZONE": "../etc/passwd"})


@pytest.mark.parametrize("value", ["-1", "²", "1000000", "1e3"])
@pytest.mark.parametrize("name", ["GUIDEBOT_RETENTION_DAYS", "GUIDEBOT_KEEP_QUESTIONS_DAYS"])
def test_days_are_a_whole_number_up_to_a_hundred_years(name, value):
    """A million days would make every retention pass overflow a date, so it is refused at start-up."""
    from bot.runtime.settings import Settings

    with pytest.raises(ValueError, match=f"{name} must be a whole number of days from 0 to 36500"):
        Settings.from_env({name: value})
    assert Settings.from_env({name: "36500"}) is not None


# ----------------------------------------------------------------------------- --lang


def _french_kb(write_kb: KbWriter) -> Path:
    """The small base with a French answer: ``fr`` becomes one of its languages."""
    return write_kb(
        variant(
            "answer: {en: Check the background first., ja: 背景を確認してください。}",
            "answer: {en: Check the background first., ja: 背景を確認してください。, fr: Vérifiez l'arrière-plan.}",
        )
    )


def test_lang_accepts_a_language_the_policy_adds(capsys, write_kb: KbWriter):
    kb = _french_kb(write_kb)
    code, out, _ = call(capsys, "ask", "--kb", str(kb), "--json", "--lang", "fr", "Can I post a photo of the office?")
    assert code == 0
    obj = json.loads(out)
    assert obj["lang"] == "fr" and "Vérifiez l'arrière-plan." in obj["text"]


def test_kb_lint_warns_that_the_bots_own_words_lack_a_language_the_policy_adds(capsys, write_kb: KbWriter):
    kb = _french_kb(write_kb)
    code, out, err = call(capsys, "kb", "lint", str(kb))
    warning = f"warning: {kb / 'policy.yaml'}:3: policy: guidebot's own words (verdicts, buttons, help) are in en, ja:"
    assert code == 0 and (out + err).count(warning) == 1
    assert "replies in fr show them in English" in out + err
    assert "policy: guidebot's own words" not in "".join(call(capsys, "kb", "lint", str(SMALL_KB))[1:])


@pytest.mark.parametrize(
    ("command", "lang", "expected"),
    [
        ("ask", "de", "guidebot: --lang de: the knowledge base has no 'de' texts (it has en, fr, ja)"),
        ("check", "de", "guidebot: --lang de: the knowledge base has no 'de' texts (it has en, fr, ja)"),
        ("ask", "EN!", "guidebot: argument --lang: 'EN!' is not a language code (e.g. en, ja, pt-BR)"),
    ],
)
def test_lang_refuses_a_language_the_policy_lacks(capsys, monkeypatch, write_kb: KbWriter, command, lang, expected):
    monkeypatch.setenv("COLUMNS", "200")  # the usage line argparse prints first stays on one line
    kb = _french_kb(write_kb)
    code, out, err = call(capsys, command, "--kb", str(kb), "--lang", lang, "--jsonl")
    assert (code, out) == (2, "")
    assert one_line_error(err) == expected


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path):
    import os
    import socket

    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'g.db'}", "GUIDEBOT_KB": str(EVAL_KB)}
        proc = subprocess.run(
            [str(GUIDEBOT), "serve", "--port", str(port)], capture_output=True, timeout=60, check=False, env=env
        )
    assert proc.returncode == 2
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith(f"guidebot: cannot listen on port {port}")


# ----------------------------------------------------------------------------- one error path


def _bad_kb(tmp_path: Path) -> Path:
    kb = tmp_path / "bad-kb"
    kb.mkdir()
    (kb / "policy.yaml").write_text("policy: [", encoding="utf-8")
    return kb


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["check", "--kb", str(EVAL_KB), "{tmp}/missing.txt"],
            "guidebot: {tmp}/missing.txt: No such file or directory",
        ),
        (
            ["ask", "--kb", "{tmp}/nowhere", "hi"],
            "guidebot: invalid knowledge base: {tmp}/nowhere:1: path: no such file",
        ),
        (["kb", "lint", "{tmp}/nowhere"], "guidebot: invalid knowledge base: {tmp}/nowhere:1: path: no such file"),
        (["check", "--kb", "{bad}", "-"], "guidebot: invalid knowledge base: {bad}/policy.yaml:"),
        (["kb", "export", "{bad}"], "guidebot: invalid knowledge base: {bad}/policy.yaml:"),
        (["chat", "--kb", "{bad}"], "guidebot: invalid knowledge base: {bad}/policy.yaml:"),
        (
            ["ask", "--kb", str(EVAL_KB), "--lang", "de", "hi"],
            "guidebot: --lang de: the knowledge base has no 'de' texts",
        ),
        (["check", "--kb", str(EVAL_KB), "{big}"], "guidebot: {big}: draft too large (limit 4 MB)"),
        (["report", "--days", "0"], "guidebot: --days must be between 1 and "),
        (["reminders", "run-due", "--now", "soon"], "guidebot: --now: not an ISO-8601 time: 'soon'"),
    ],
    ids=[
        "missing-file",
        "missing-kb",
        "lint-missing-kb",
        "invalid-kb",
        "export-invalid-kb",
        "chat-invalid-kb",
        "unknown-lang",
        "oversize-draft",
        "bad-days",
        "bad-now",
    ],
)
def test_script_errors_are_exactly_one_line_and_exit_2(tmp_path: Path, argv: list[str], expected: str) -> None:
    """The real console script: one ``guidebot: ...`` line on stderr, nothing on stdout, no traceback."""
    big = tmp_path / "big.txt"
    if "{big}" in " ".join(argv):
        big.write_bytes(b"a" * (MAX_INPUT_BYTES + 1))
    names = {"tmp": str(tmp_path), "bad": str(_bad_kb(tmp_path)), "big": str(big)}
    proc = run(*(a.format(**names) for a in argv))
    err = proc.stderr.decode()
    assert (proc.returncode, proc.stdout) == (2, b""), err
    (line,) = err.splitlines()
    assert line.startswith(expected.format(**names))


def test_script_serve_with_an_invalid_knowledge_base_is_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "GUIDEBOT_KB": str(_bad_kb(tmp_path)), "DATABASE_URL": f"sqlite:///{tmp_path / 'g.db'}"}
    proc = subprocess.run(
        [str(GUIDEBOT), "serve", "--port", "1"], capture_output=True, timeout=60, check=False, env=env
    )
    assert proc.returncode == 2
    (line,) = proc.stderr.decode().splitlines()
    assert line.startswith("guidebot: invalid knowledge base: ")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["ask", "--lang", "EN!", "hi"],
            "guidebot: argument --lang: 'EN!' is not a language code (e.g. en, ja, pt-BR)",
        ),
        (["frobnicate"], "guidebot: argument command: invalid choice: 'frobnicate'"),
        (["kb"], "guidebot: the following arguments are required: kb_command"),
    ],
)
def test_usage_errors_return_2_after_the_usage_line(capsys, monkeypatch, argv: list[str], expected: str) -> None:
    """argparse's errors take the same path: ``main`` returns 2 (no SystemExit), usage then one line."""
    from adapters.cli.main import main

    monkeypatch.setenv("COLUMNS", "200")  # the usage line stays one line
    assert main(argv) == 2
    out, err = capsys.readouterr()
    usage, line = err.splitlines()
    assert out == "" and usage.startswith("usage: guidebot")
    assert line.startswith(expected)


def test_errors_people_see_share_one_type() -> None:
    from bot.checks.checker import InputTooLarge
    from bot.domain.errors import UserFacingError
    from bot.knowledge.loader import KnowledgeBaseError
    from bot.storage import StorageError

    for error in (KnowledgeBaseError, InputTooLarge, StorageError):
        assert issubclass(error, UserFacingError)


def test_a_reader_that_leaves_early_ends_the_run_quietly(tmp_path: Path) -> None:
    """``guidebot ask --jsonl ... | head -1``: no traceback when the pipe closes."""
    questions = tmp_path / "questions.jsonl"
    questions.write_text("".join(f'{{"q": "Can I post a photo of office {i}?"}}\n' for i in range(2000)))
    with (
        questions.open("rb") as stdin,
        subprocess.Popen(
            [str(GUIDEBOT), "ask", "--kb", str(SMALL_KB), "--jsonl"],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "GUIDEBOT_SEMANTIC": "off"},
        ) as proc,
    ):
        assert proc.stdout is not None and proc.stderr is not None
        assert json.loads(proc.stdout.readline())["question"] == "Can I post a photo of office 0?"
        proc.stdout.close()  # the reader leaves
        err = proc.stderr.read().decode()
        assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_the_console_script_ends_after_its_atexit_handlers_and_a_full_flush(tmp_path: Path) -> None:
    """The console script skips the interpreter's teardown, but not what an orderly exit
    owes: atexit handlers run, a log handler's last lines are written, stdout is complete."""
    log_file = tmp_path / "run.log"
    script = (
        "import atexit, logging, sys\n"
        f"logging.basicConfig(filename={str(log_file)!r}, level=logging.INFO)\n"
        "atexit.register(lambda: print('atexit ran'))\n"
        "logging.getLogger('probe').info('last line')\n"
        "from adapters.cli.launch import main\n"
        f"sys.argv = ['guidebot', 'ask', '--kb', {str(SMALL_KB)!r}, '--json', 'Can I post a photo of the office?']\n"
        "main()\n"
        "print('not reached')\n"
    )
    env = {**os.environ, "GUIDEBOT_SEMANTIC": "off"}
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60, check=False, env=env)
    assert proc.returncode == 0, proc.stderr.decode()
    answer, tail = proc.stdout.decode().split("\n", 1)
    assert json.loads(answer)["question"] == "Can I post a photo of the office?"
    assert tail == "atexit ran\n"
    assert "last line" in log_file.read_text()


def test_the_console_script_leaves_the_exit_to_the_interpreter_while_a_thread_runs() -> None:
    """A non-daemon thread still at work is one the interpreter waits for: no early exit."""
    import threading

    from adapters.cli.launch import exit_without_teardown

    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert exit_without_teardown(3) == 3
    finally:
        release.set()
        worker.join()


def test_a_failed_ask_does_not_wait_for_the_sentence_model_it_no_longer_needs(tmp_path: Path) -> None:
    # A model whose load never ends: the process still reports the bad --kb and exits 2.
    script = (
        "import threading, sys\n"
        "import adapters.cli.main as cli\n"
        "import bot.search.sentence_model as sentence_model\n"
        "class Stuck:\n"
        "    def load(self):\n"
        "        threading.Event().wait()\n"
        "sentence_model.configured = lambda: Stuck()\n"
        f"sys.argv = ['guidebot', 'ask', '--kb', {str(tmp_path / 'missing')!r}, 'can I post a photo?']\n"
        "sys.exit(cli.main())\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60, check=False)
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("guidebot: invalid knowledge base:")
    assert len(proc.stderr.decode().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "loads"),
    [
        (["ask", "Can I post a photo?"], True),
        (["ask", "--lang", "en", "--json", "hi"], True),
        (["ask", "--lang=en", "hi"], True),
        (["ask", "--lang", "ja", "写真を投稿してもいい?"], False),
        (["ask", "--lang=ja", "hi"], False),
        (["ask", "--help"], False),
        (["ask", "--", "--lang", "ja"], True),  # after --, words of the question
        (["check", "draft.txt"], False),
        (["kb", "lint"], False),
        ([], False),
    ],
)
def test_the_console_script_loads_the_model_early_only_for_an_english_ask(args: list[str], loads: bool) -> None:
    """The early load follows ``cmd_ask``'s own rule: the model reads English questions only."""
    from adapters.cli.launch import asks_in_english

    assert asks_in_english(args) is loads
