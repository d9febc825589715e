"""Patterns compiled on first use once this machine has compiled them (bot/runtime/compiled.py)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import re2

from bot.assistant.engine import GuideBot
from bot.checks import patterns
from bot.checks.patterns import PatternError, compile_known
from bot.checks.rules import Matcher, MatchSpec, RuleError
from bot.data import question_forms as question_forms_module
from bot.data.question_forms import parts, question_forms
from bot.knowledge.loader import load
from bot.runtime import compiled
from bot.runtime.compiled import MAX_KNOWN, CompiledBefore, Deferred, compile_once, digest

REPO = Path(__file__).resolve().parents[2]


def _compile(source: str) -> re.Pattern[str]:
    return re.compile(source, re.IGNORECASE)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory, and RE2's record of compiled patterns read from it afresh."""
    monkeypatch.setenv("GUIDEBOT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(patterns, "_KNOWN", CompiledBefore(patterns._engine()))
    return tmp_path


def test_a_source_compiles_now_the_first_time_and_on_first_match_after(cache: Path) -> None:
    first = compile_once(r"\bviews? are my own\b", _compile, CompiledBefore("test"))
    assert isinstance(first, re.Pattern)
    assert (cache / "compiled-test.txt").read_text().split() == [digest(r"\bviews? are my own\b")]

    later = compile_once(r"\bviews? are my own\b", _compile, CompiledBefore("test"))  # another process's view
    assert isinstance(later, Deferred)
    match = later.search("Views are my own, not Acme's")
    assert match is not None and match.span() == (0, 16)
    text = "views are my own / view is my own / VIEW ARE MY OWN"
    assert [m.span() for m in later.finditer(text)] == [(0, 16), (36, 51)]


def test_a_source_that_does_not_compile_is_never_known(cache: Path) -> None:
    known = CompiledBefore("test")
    for _ in range(2):
        with pytest.raises(re.error):
            compile_once(r"(unclosed", _compile, known)
    assert digest(r"(unclosed") not in CompiledBefore("test")


def test_each_engine_keeps_its_own_record(cache: Path) -> None:
    compile_once("a+b", _compile, CompiledBefore("one"))
    assert digest("a+b") in CompiledBefore("one")
    assert digest("a+b") not in CompiledBefore("two")


def test_without_a_cache_directory_every_load_compiles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GUIDEBOT_CACHE_DIR", "off")
    compile_once("a+b", _compile, CompiledBefore("test"))
    assert isinstance(compile_once("a+b", _compile, CompiledBefore("test")), re.Pattern)


def test_an_unwritable_or_unreadable_record_costs_time_only(cache: Path) -> None:
    record = cache / "compiled-test.txt"
    for damage in (b"\xff\xfe not ascii", b"not-a-digest\n"):
        record.write_bytes(damage)
        assert isinstance(compile_once("a+b", _compile, CompiledBefore("test")), re.Pattern)
        assert record.read_text().split() == [digest("a+b")]  # started afresh, not appended to
    blocked = cache / "file"
    blocked.write_text("")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GUIDEBOT_CACHE_DIR", str(blocked / "below-a-file"))
        known = CompiledBefore("test")
        assert isinstance(compile_once("a+b", _compile, known), re.Pattern)
        assert isinstance(compile_once("c+d", _compile, known), re.Pattern)


def test_no_home_directory_or_no_engine_means_memory_only(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory")

    monkeypatch.setattr(compiled, "cache_dir", no_home)
    for known in (CompiledBefore("test"), CompiledBefore(None)):
        assert isinstance(compile_once("a+b", _compile, known), re.Pattern)
        assert isinstance(compile_once("a+b", _compile, known), Deferred)  # the same process still defers
    assert list(cache.iterdir()) == []


def test_a_record_of_duplicates_is_compacted_and_another_build_forgotten(cache: Path) -> None:
    record = cache / "compiled-fam-2.txt"
    old_build = cache / "compiled-fam-1.txt"
    old_build.write_text(digest("a+b") + "\n")
    compile_once("a+b", _compile, CompiledBefore("fam-2"))
    assert not old_build.exists() and record.read_text().split() == [digest("a+b")]
    record.write_text((digest("a+b") + "\n") * 8)  # eight processes that started together
    assert digest("a+b") in CompiledBefore("fam-2")
    assert record.read_text().split() == [digest("a+b")]


def test_the_engine_key_changes_with_an_re2_option(monkeypatch: pytest.MonkeyPatch) -> None:
    before = patterns._engine()
    options = re2.Options()
    for name in re2.Options.NAMES:
        setattr(options, name, getattr(patterns._OPTIONS, name))
    options.posix_syntax = True  # "\\b" no longer compiles
    monkeypatch.setattr(patterns, "_OPTIONS", options)
    assert before is not None and patterns._engine() not in (None, before)


def test_an_overgrown_record_starts_afresh(cache: Path) -> None:
    record = cache / "compiled-test.txt"
    record.write_text("".join(f"{i:032x}\n" for i in range(MAX_KNOWN + 1)))
    assert f"{0:032x}" not in CompiledBefore("test")
    assert record.read_text() == ""
    compile_once("a+b", _compile, CompiledBefore("test"))
    assert record.read_text().split() == [digest("a+b")]


def test_a_known_re2_pattern_matches_as_a_compiled_one(cache: Path) -> None:
    source = r"\b(?:q[1-4]|h[12])\s+(?:results|numbers)\b|決算"
    eager = compile_known(source)
    deferred = compile_known(source)
    assert not isinstance(eager, Deferred) and isinstance(deferred, Deferred)
    text = "Our Q3 results look great, and the h1  numbers too. 決算はまだ"
    assert (
        [m.span() for m in deferred.finditer(text)]
        == [m.span() for m in eager.finditer(text)]
        == [
            (4, 14),
            (35, 46),
            (52, 54),
        ]
    )
    with pytest.raises(PatternError):
        compile_known(r"(?<=lookbehind)x")  # RE2 has none, known or not


def test_a_malformed_pattern_is_named_when_its_neighbours_are_known(cache: Path) -> None:
    good = MatchSpec(terms=("codename",), patterns=((r"\bproject\s+falcon\b", 7),))
    Matcher(good, "forbid")
    known = Matcher(good, "forbid")  # compiled on first match now
    assert known.spans("the codename is Project  Falcon") == [(4, 12), (16, 31)]
    bad = MatchSpec(terms=("codename",), patterns=((r"\bproject\s+falcon\b", 7), (r"(?<=x)y", 8)))
    with pytest.raises(RuleError) as caught:
        Matcher(bad, "forbid")
    assert (caught.value.field, caught.value.line) == ("forbid.patterns", 8)


def test_a_second_process_loads_the_bundled_base_deferred_and_answers_the_same(tmp_path: Path) -> None:
    """Two fresh processes with one cache directory: the first compiles and records, the
    second defers every compile and still gives the same answers and findings."""
    script = (
        "import json, sys\n"
        "from bot.assistant.engine import GuideBot\n"
        "from bot.knowledge.loader import load\n"
        "from bot.runtime.compiled import Deferred\n"
        "from bot.data.question_forms import parts, question_forms\n"
        "bot = GuideBot(load('knowledge'))\n"
        "r = bot.ask('can I say bad things about competitors on X?', 'en')\n"
        "c = bot.check('Our Q3 numbers before the earnings call: revenue up 12%. Our CEO is clueless.', 'en')\n"
        "forms = [part for ps in question_forms().values() for p in ps for part in parts(p)]\n"
        "print(json.dumps({'clause': [m.clause.id for m in r.matches], 'findings': "
        "sorted(f.check for f in c.result.findings), "
        "'deferred': sum(isinstance(p, Deferred) for p in forms), 'forms': len(forms)}))\n"
    )
    env = {"GUIDEBOT_CACHE_DIR": str(tmp_path), "GUIDEBOT_SEMANTIC": "off", "PATH": "/usr/bin:/bin"}
    runs = [
        subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, check=True)
        for _ in range(2)
    ]
    first, second = (json.loads(r.stdout) for r in runs)
    assert first["deferred"] == 0 and second["deferred"] == second["forms"] > 100
    assert (first["clause"], first["findings"]) == (second["clause"], second["findings"])
    assert first["clause"] and first["findings"], "the question and the draft are the bundled policy's"


def _deferred(obj: object, depth: int = 0) -> Iterator[Deferred[Any]]:
    """Every :class:`Deferred` reachable from ``obj`` through slots and tuples."""
    if isinstance(obj, Deferred):
        yield obj
    elif isinstance(obj, tuple):
        for item in obj:
            yield from _deferred(item, depth + 1)
    elif depth < 6:
        for cls in type(obj).__mro__:
            for name in getattr(cls, "__slots__", ()):
                yield from _deferred(getattr(obj, name, None), depth + 1)


def test_warming_a_bot_compiles_every_pattern_that_waits(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server warms a loaded or reloaded base in the background, so no draft or question
    waits for a compile."""
    monkeypatch.setattr(question_forms_module, "_KNOWN", CompiledBefore(question_forms_module._engine_name()))
    question_forms.cache_clear()
    load("knowledge")
    question_forms()
    question_forms.cache_clear()
    kb = load("knowledge")  # the second load in this cache defers what the first compiled
    checks = [d for check in kb.checks for d in _deferred(check.rule)]
    forms = [part for ps in question_forms().values() for p in ps for part in parts(p) if isinstance(part, Deferred)]
    assert checks and forms and all(d.waiting for d in checks + forms)
    GuideBot(kb).warm()
    assert not any(d.waiting for d in checks + forms)
    question_forms.cache_clear()


def test_a_modules_own_pattern_compiles_on_first_use_and_matches_as_re_does() -> None:
    """The draft checks' own patterns cost an ``ask`` nothing until a draft is checked."""
    source = r"(\d+)-(\d+)"
    lazy = compiled.LazyRe(source, re.IGNORECASE)
    plain = re.compile(source, re.IGNORECASE)
    assert lazy._compiled is None
    text = "call 12-34 or 56-78"
    assert lazy.search(text).group() == plain.search(text).group()  # type: ignore[union-attr]
    assert lazy._compiled is not None
    assert lazy.match(text) is None and lazy.match("9-9").group(2) == "9"  # type: ignore[union-attr]
    assert lazy.fullmatch("1-2") is not None and lazy.fullmatch("1-2 ") is None
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in plain.finditer(text)]
    assert lazy.findall(text) == plain.findall(text) == [("12", "34"), ("56", "78")]
    assert lazy.sub("#", text) == plain.sub("#", text) and lazy.split(text) == plain.split(text)


def test_an_ask_compiles_none_of_the_draft_checks_own_patterns_and_warming_compiles_all() -> None:
    code = (
        "from bot.assistant.engine import GuideBot\n"
        "from bot.knowledge.loader import load\n"
        "from bot.runtime import compiled\n"
        "from bot.checks import numbers\n"
        "bot = GuideBot(load('knowledge'), None)\n"
        "bot.ask('Can I post a photo of our office on Instagram?')\n"
        "assert numbers._BUSINESS_LINE._compiled is None, 'compiled by an ask'\n"
        "bot.warm()\n"
        "assert all(p._compiled is not None for p in compiled._LAZY), 'left by the warm-up'\n"
        "print(len(compiled._LAZY))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert int(out.stdout) > 50
