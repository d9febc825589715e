"""The engine's own data files: the bundled ones load and validate, and every rule of
their schemas rejects a broken file with its name, line and field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bot.data.datafile import DataFileError
from bot.data.helpdesk import HELPDESK_FILE, load_helpdesk
from bot.data.lexicon import FORM_FILES, GLOSS_FILE, OTHER_WORDS_FILE, SENSES_FILE, THESAURUS_DIR, load_thesaurus
from bot.data.messages import LANGUAGES, MESSAGES_FILE, load_messages, messages, msg
from bot.data.shorthand import SHORTHAND_FILE, load_shorthand, spell_out
from bot.data.stoplists import STOPWORDS_DIR, load_stop_words
from bot.search.analysis import STOP_WORDS
from bot.search.helpdesk import HELP_DESK_QUESTIONS, OFF_TOPIC, WORDS_ONLY
from bot.search.thesaurus import CONCEPTS, GLOSSES

# --- the bundled data


def test_bundled_thesaurus_loads_with_a_gloss_per_concept_and_no_repeated_form() -> None:
    data = load_thesaurus(THESAURUS_DIR)
    assert len(data.concepts) >= 40
    assert set(data.glosses) == set(data.concepts)
    for concept, forms in data.concepts.items():
        assert len(forms) == len(set(forms)), concept
        assert all(isinstance(f, str) and f.strip() for f in forms), concept
    # Forms from each file end up under their concept: core, chat, Japanese chat, subjects.
    assert {"tweet", "投稿"} <= set(data.concepts["post"])
    assert "smoke" in data.concepts["crisis"]
    assert "鍵垢" in data.concepts["scope"]
    # The words YAML would read as another type stay text.
    assert all(not isinstance(f, bool) for forms in data.concepts.values() for f in forms)


def test_search_modules_expose_the_data_with_the_same_shapes() -> None:
    data = load_thesaurus(THESAURUS_DIR)
    assert dict(data.concepts) == CONCEPTS and list(CONCEPTS) == list(data.concepts)
    assert isinstance(CONCEPTS, dict) and all(isinstance(v, tuple) for v in CONCEPTS.values())
    assert dict(data.glosses) == GLOSSES
    assert list(CONCEPTS)[:2] == ["post", "social"]


def test_bundled_helpdesk_areas_load() -> None:
    areas = load_helpdesk(HELPDESK_FILE)
    names = [a.name for a in areas]
    assert len(names) == len(set(names)) >= 20
    assert all(a.texts and a.examples for a in areas)
    assert list(OFF_TOPIC) == names == list(HELP_DESK_QUESTIONS)
    assert OFF_TOPIC["hr-leave"][0].startswith("vacation holiday paid leave")
    assert {a.name for a in areas if a.words_only} == WORDS_ONLY
    assert {"enterprise-apps", "wiki-and-chat-admin"} <= WORDS_ONLY
    assert "hr-leave" not in WORDS_ONLY


def test_bundled_shorthand_is_spelt_out_in_questions_only_where_it_is_shorthand() -> None:
    assert len(load_shorthand(SHORTHAND_FILE).words) >= 40
    assert spell_out("is 'opinions r mine' in my bio enough") == "is 'opinions are mine' in my bio enough"
    assert spell_out("ok to reply w it w/o saying where i work?") == "ok to reply with it without saying where i work?"
    assert spell_out("Smoke at the warehouse RN, ok to post ppl's photos tmrw?") == (
        "Smoke at the warehouse right now, ok to post people's photos tomorrow?"
    )
    # Not inside a word, an address, a path or a domain; a lone letter only between English words.
    untouched = "mail abt.team@example.com or see /w/o and abt.com"
    assert spell_out(untouched) == untouched
    assert spell_out("新商品最高w") == "新商品最高w"
    assert spell_out("R&D, plan B, w") == "R&D, plan B, w"
    # A name voice input writes in two words, with any spacing; not the start of another word.
    assert spell_out("can we start a you  tube channel and share the email h r sent") == (
        "can we start a youtube channel and share the email hr sent"
    )
    assert spell_out("what are you tubers saying") == "what are you tubers saying"


def test_bundled_stop_words_load() -> None:
    words = load_stop_words(STOPWORDS_DIR / "en.txt")
    assert words == STOP_WORDS
    assert {"the", "don't", "please"} <= words
    assert not {"post", "photo", "#"} & words


def test_bundled_messages_load_in_every_language() -> None:
    catalogue = load_messages(MESSAGES_FILE)
    assert len(catalogue) >= 100
    assert all(tuple(texts) == LANGUAGES for texts in catalogue.values())
    assert msg("check.summary", "ja", n=3) == "指摘3件"
    assert msg("check.summary", "en", n=3) == "3 finding(s)"
    assert msg("verdict.allowed", "fr") == "Allowed"  # English when the language is missing
    assert msg("helpful.yes", "en") == "Yes"  # not YAML's true
    assert msg("help.body", "en").count("\n") == 3  # the message action's line is help.action
    assert messages() is messages()


# --- broken files


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def thesaurus_dir(tmp_path: Path, **files: str) -> Path:
    """A small valid thesaurus, with some of its files replaced."""
    texts = {
        "concepts.yaml": """
            # two concepts
            post:
              - post
              - 投稿
            photo:
              - photo
              - post
            """,
        "chat.yaml": "post:\n  - tweet\n",
        "ja_chat.yaml": "photo:\n  - 写真\n",
        "subjects.yaml": "{}\n",
        GLOSS_FILE: "post: posting\nphoto: photos\n",
        OTHER_WORDS_FILE: "- 写真館\n",
        SENSES_FILE: "- post\n",
    }
    texts.update({name.replace("__", "."): text for name, text in files.items()})
    for name, text in texts.items():
        write(tmp_path / name, text)
    return tmp_path


def expect(exc: pytest.ExceptionInfo[DataFileError], path: Path, line: int, field: str) -> str:
    """The error's message, once it is checked to name ``path``, ``line`` and ``field``."""
    err = exc.value
    assert (Path(err.file), err.line, err.field) == (path, line, field)
    assert str(err).startswith(f"{path}:{line}: {field}: ")
    return err.message


def test_small_thesaurus_loads_in_file_order(tmp_path: Path) -> None:
    data = load_thesaurus(thesaurus_dir(tmp_path))
    assert dict(data.concepts) == {"post": ("post", "投稿", "tweet"), "photo": ("photo", "post", "写真")}
    assert dict(data.glosses) == {"post": "posting", "photo": "photos"}
    assert data.other_words == ("写真館",)
    assert data.senses == ("post",)
    assert FORM_FILES[0] == "concepts.yaml"


@pytest.mark.parametrize(
    ("file", "field", "words", "message"),
    [
        # An other word holds a Japanese form and is not one itself.
        (OTHER_WORDS_FILE, "other_words", "- 写真館\n- 投稿\n", "'投稿' is a concept's form"),
        (OTHER_WORDS_FILE, "other_words", "- 写真館\n- 会議室\n", "'会議室' holds no Japanese form of a concept"),
        # A word with senses is one English word listed as a form of two concepts.
        (SENSES_FILE, "senses", "- post\n- tweet\n", "'tweet' is not a form of two concepts"),
        (SENSES_FILE, "senses", "- post\n- post it\n", "'post it' is not one English word"),
        (SENSES_FILE, "senses", "- post\n- 投稿\n", "'投稿' is not one English word"),
    ],
)
def test_a_listed_word_that_does_not_fit_its_list_is_named(
    tmp_path: Path, file: str, field: str, words: str, message: str
) -> None:
    d = thesaurus_dir(tmp_path, **{file.replace(".", "__"): words})
    with pytest.raises(DataFileError) as exc:
        load_thesaurus(d)
    assert message in expect(exc, d / file, 2, field)


def test_duplicate_form_within_a_concept(tmp_path: Path) -> None:
    d = thesaurus_dir(tmp_path, concepts__yaml="post:\n  - post\n  - share\n  - post\nphoto:\n  - photo\n")
    with pytest.raises(DataFileError) as exc:
        load_thesaurus(d)
    assert "duplicate form 'post' (first at concepts.yaml:2)" in expect(exc, d / "concepts.yaml", 4, "post")


def test_duplicate_form_across_files(tmp_path: Path) -> None:
    d = thesaurus_dir(tmp_path, chat__yaml="post:\n  - tweet\n  - 投稿\n")
    with pytest.raises(DataFileError) as exc:
        load_thesaurus(d)
    assert "first at concepts.yaml:4" in expect(exc, d / "chat.yaml", 3, "post")


def test_the_same_form_under_two_concepts_is_allowed(tmp_path: Path) -> None:
    d = thesaurus_dir(tmp_path, ja_chat__yaml="photo:\n  - 写真\n  - 投稿\n")
    assert "投稿" in load_thesaurus(d).concepts["photo"]


def test_duplicate_concept_id(tmp_path: Path) -> None:
    d = thesaurus_dir(tmp_path, concepts__yaml="post:\n  - post\nphoto:\n  - photo\npost:\n  - share\n")
    with pytest.raises(DataFileError) as exc:
        load_thesaurus(d)
    assert "duplicate key (first at line 1)" in expect(exc, d / "concepts.yaml", 5, "post")


def test_form_file_naming_an_undeclared_concept(tmp_path: Path) -> None:
    d = thesaurus_dir(tmp_path, subjects__yaml="post:\n  - publish\nvideo:\n  - clip\n")
    with pytest.raises(DataFileError) as exc:
        load_thesaurus(d)
    assert "unknown concept" in expect(exc, d / "subjects.yaml", 3, "video")


def test_gloss_of_an_unknown_concept(tmp_path: Path) -> None:
    d = thesaurus_dir(tmp_path, glosses__yaml="post: posting\nphoto: photos\nvideo: videos\n")
    with pytest.raises(DataFileError) as exc:
        load_thesaurus(d)
    assert "gloss of an unknown concept" in expect(exc, d / GLOSS_FILE, 3, "video")


def test_concept_without_a_gloss(tmp_path: Path) -> None:
    d = thesaurus_dir(tmp_path, glosses__yaml="post: posting\n")
    with pytest.raises(DataFileError) as exc:
        load_thesaurus(d)
    assert "no gloss" in expect(exc, d / "concepts.yaml", 5, "photo")


def test_form_that_yaml_reads_as_a_boolean(tmp_path: Path) -> None:
    d = thesaurus_dir(tmp_path, chat__yaml="post:\n  - tweet\n  - no\n")
    with pytest.raises(DataFileError) as exc:
        load_thesaurus(d)
    assert "quote it" in expect(exc, d / "chat.yaml", 3, "post")


def test_concept_with_no_forms(tmp_path: Path) -> None:
    d = thesaurus_dir(tmp_path, concepts__yaml="post:\n  - post\nphoto: []\n")
    with pytest.raises(DataFileError) as exc:
        load_thesaurus(d)
    assert "non-empty list" in expect(exc, d / "concepts.yaml", 3, "photo")


def test_yaml_syntax_error_names_its_line(tmp_path: Path) -> None:
    d = thesaurus_dir(tmp_path, chat__yaml='post:\n  - tweet\n  - "unclosed\n')
    with pytest.raises(DataFileError) as exc:
        load_thesaurus(d)
    assert exc.value.file == str(d / "chat.yaml")
    assert exc.value.field == "yaml" and exc.value.line >= 3


HELPDESK = textwrap.dedent("""
    hr-leave:
      texts:
        - vacation holiday paid leave
      examples:
        - How many days off do I have left?
    tools:
      words_only: true
      texts:
        - jira confluence
      examples:
        - How do I get a Jira account?
    """)


def test_small_helpdesk_loads(tmp_path: Path) -> None:
    areas = load_helpdesk(write(tmp_path / "helpdesk.yaml", HELPDESK))
    assert [(a.name, a.words_only, a.texts) for a in areas] == [
        ("hr-leave", False, ("vacation holiday paid leave",)),
        ("tools", True, ("jira confluence",)),
    ]


def test_helpdesk_unknown_key(tmp_path: Path) -> None:
    path = write(tmp_path / "helpdesk.yaml", HELPDESK.replace("words_only", "word_only"))
    with pytest.raises(DataFileError) as exc:
        load_helpdesk(path)
    assert "unknown key" in expect(exc, path, 7, "tools.word_only")


def test_helpdesk_missing_key(tmp_path: Path) -> None:
    broken = HELPDESK.replace("  examples:\n    - How many days off do I have left?\n", "")
    path = write(tmp_path / "helpdesk.yaml", broken)
    with pytest.raises(DataFileError) as exc:
        load_helpdesk(path)
    assert "missing" in expect(exc, path, 1, "hr-leave.examples")


def test_helpdesk_flag_must_be_a_boolean(tmp_path: Path) -> None:
    path = write(tmp_path / "helpdesk.yaml", HELPDESK.replace("words_only: true", "words_only: always"))
    with pytest.raises(DataFileError) as exc:
        load_helpdesk(path)
    assert "true or false" in expect(exc, path, 7, "tools.words_only")


def test_shorthand_file_rules(tmp_path: Path) -> None:
    path = tmp_path / "shorthand.yaml"
    path.write_text("words:\n  ppl: people\nexact:\n  LI: LinkedIn\n", encoding="utf-8")
    small = load_shorthand(path)
    assert small.spell_out("ppl on LI, li") == "people on LinkedIn, li"
    for text, line, field, message in (
        ("words:\n  ppl: people\n  PPL: folks\n", 3, "words.PPL", "listed twice"),
        ("words:\n  ppl: people\nexact:\n  ppl: folks\n", 4, "exact.ppl", "listed twice"),
        ("words:\n  two  spaces: x\n", 2, "words.two  spaces", "split by single spaces"),
        ("words:\n  'a, b': x\n", 2, "words.a, b", "split by single spaces"),
        ("words:\n  ppl: ''\n", 2, "words.ppl", "must not be empty"),
        ("letters:\n  ppl: people\n", 1, "letters", "unknown section"),
    ):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DataFileError) as err:
            load_shorthand(path)
        assert (err.value.line, err.value.field) == (line, field), text
        assert message in err.value.message


def test_stop_word_file_rules(tmp_path: Path) -> None:
    path = write(tmp_path / "en.txt", "# stop words\n\nthe\na\n")
    assert load_stop_words(path) == {"the", "a"}
    path = write(tmp_path / "en.txt", "# stop words\nthe\na\nthe\n")
    with pytest.raises(DataFileError) as exc:
        load_stop_words(path)
    assert "duplicate 'the' (first at line 2)" in expect(exc, path, 4, "word")
    path = write(tmp_path / "en.txt", "the\nThe end\n")
    with pytest.raises(DataFileError) as exc:
        load_stop_words(path)
    assert "one word a line" in expect(exc, path, 2, "word")
    path = write(tmp_path / "en.txt", "the\nAlso\n")
    with pytest.raises(DataFileError) as exc:
        load_stop_words(path)
    assert "lowercase" in expect(exc, path, 2, "word")


MESSAGES = textwrap.dedent("""
    # greetings
    hello:
      en: Hello, {name}!
      ja: こんにちは、{name} さん!
    bye:
      en: Bye
      ja: さようなら
    """)


def test_small_message_catalogue_loads(tmp_path: Path) -> None:
    catalogue = load_messages(write(tmp_path / "messages.yaml", MESSAGES))
    assert {k: dict(v) for k, v in catalogue.items()} == {
        "hello": {"en": "Hello, {name}!", "ja": "こんにちは、{name} さん!"},
        "bye": {"en": "Bye", "ja": "さようなら"},
    }


def test_message_missing_a_language(tmp_path: Path) -> None:
    path = write(tmp_path / "messages.yaml", MESSAGES.replace("  ja: さようなら\n", ""))
    with pytest.raises(DataFileError) as exc:
        load_messages(path)
    assert "missing" in expect(exc, path, 5, "bye.ja")


def test_message_in_an_unknown_language(tmp_path: Path) -> None:
    path = write(tmp_path / "messages.yaml", MESSAGES + "  fr: Au revoir\n")
    with pytest.raises(DataFileError) as exc:
        load_messages(path)
    assert "unknown key (allowed: en, ja)" in expect(exc, path, 8, "bye.fr")


def test_message_placeholders_must_match(tmp_path: Path) -> None:
    path = write(tmp_path / "messages.yaml", MESSAGES.replace("{name} さん", "{user} さん"))
    with pytest.raises(DataFileError) as exc:
        load_messages(path)
    message = expect(exc, path, 4, "hello.ja")
    assert "{user}" in message and "{name}" in message


def test_message_template_must_parse(tmp_path: Path) -> None:
    path = write(tmp_path / "messages.yaml", MESSAGES.replace("en: Bye", "en: Bye {"))
    with pytest.raises(DataFileError) as exc:
        load_messages(path)
    assert "not a valid template" in expect(exc, path, 6, "bye.en")


def test_duplicate_message_key(tmp_path: Path) -> None:
    path = write(tmp_path / "messages.yaml", MESSAGES + "bye:\n  en: Bye\n  ja: またね\n")
    with pytest.raises(DataFileError) as exc:
        load_messages(path)
    assert "duplicate key (first at line 5)" in expect(exc, path, 8, "bye")
