"""The sentence model (bot.search.sentence_model) and how the matcher uses it, with the real model."""

from __future__ import annotations

import concurrent.futures
import logging
import sqlite3
import threading
from pathlib import Path

import numpy as np
import pytest

from bench.make_vectors import seed_texts
from bot.assistant.engine import GuideBot
from bot.domain.policy import KnowledgeBase
from bot.knowledge.loader import load
from bot.search import sentence_model as semantic
from bot.search.analysis import CONCEPT_PREFIX, question_terms
from bot.search.index import ClauseIndex
from bot.search.params import Params
from bot.search.rerank import HELP_DESK_TEXTS, semantic_texts
from tests.conftest import KbWriter
from tests.core.kb_text import variant


@pytest.fixture(scope="module")
def model() -> semantic.Encoder:
    return semantic.Encoder()


def cos(a: np.ndarray, b: np.ndarray) -> float:
    return float(a @ b)


def test_a_paraphrase_is_closer_than_another_subject(model: semantic.Encoder) -> None:
    policy = model.encode("Does the company monitor what employees post on social media?")
    paraphrase = model.encode("is my employer keeping an eye on my tweets?")
    other = model.encode("Can I use the company logo on my slides?")
    assert cos(policy, paraphrase) > cos(other, paraphrase) + 0.1


def test_vectors_are_unit_length_and_a_huge_question_is_cut(model: semantic.Encoder) -> None:
    short = model.encode("can I post this?")
    huge = model.encode("can I post this? " + "lorem ipsum dolor " * 6_000)
    for v in (short, huge):
        assert v.shape == (384,) and v.dtype == np.float32
        assert abs(float(np.linalg.norm(v)) - 1.0) < 1e-3
    # Only the first QUESTION_TOKENS pieces count: more text after them changes nothing.
    long_a = "I want to share " + "some details about our work " * 30
    assert cos(model.encode(long_a), model.encode(long_a + " and a very different ending about lunch")) > 0.999


def test_english_paraphrase_is_reordered_by_meaning(eval_kb: KnowledgeBase) -> None:
    question = "a reporter emailed me asking for a comment"
    with_meaning = ClauseIndex(eval_kb).search(question)
    lexical = ClauseIndex(eval_kb, sentence_model=None).search(question)
    assert lexical.matches[0].clause.id != "AC-MEDIA"  # the words alone point elsewhere
    assert with_meaning.confident and with_meaning.matches[0].clause.id == "AC-MEDIA"
    scores = [m.score for m in with_meaning.matches]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)


@pytest.mark.parametrize(
    ("question", "clause"),
    [
        ("whispers our plant might close, can i ask the local fb group?", "AC-RUMOURS"),
        (
            "everyone in the break room says the north region stores are closing. can I post 'rip north region'?",
            "AC-RUMOURS",
        ),
        ("is it ok to post a meme making fun of a customer's accent", "AC-RESPECT"),
    ],
)
def test_an_english_question_leans_towards_the_subjects_its_words_name(
    eval_kb: KnowledgeBase, question: str, clause: str
) -> None:
    """The model alone reads a closing plant near the incident clause's "accident at the
    plant"; the thesaurus knows a rumour is meant, and the question's vector leans that way."""
    leaning = ClauseIndex(eval_kb).search(question)
    plain = ClauseIndex(eval_kb, Params(gloss_weight=0.0)).search(question)
    assert plain.matches[0].clause.id != clause
    assert leaning.matches[0].clause.id == clause
    # Only the order leans: whether to answer stays the question's own.
    assert leaning.confident == plain.confident


def test_japanese_questions_are_reordered_through_the_thesaurus(eval_kb: KnowledgeBase) -> None:
    question = "同僚の悪口を鍵垢で書くのはアリ?"  # insulting a colleague: the respect clause
    bridged = ClauseIndex(eval_kb).search(question)
    lexical = ClauseIndex(eval_kb, sentence_model=None).search(question)
    assert lexical.matches[0].clause.id == "AC-CRITICISM"
    assert bridged.matches[0].clause.id == "AC-RESPECT"
    # The concepts' descriptions only re-order: whether to answer stays the words' decision.
    assert bridged.confident == lexical.confident


def test_a_japanese_question_naming_no_concept_keeps_the_lexical_ranking(eval_kb: KnowledgeBase) -> None:
    question = "会議の議題と資料はどこにある?"
    assert not [t for t in question_terms(question)[0] if t.startswith(CONCEPT_PREFIX)]
    with_model = [(m.clause.id, m.score) for m in ClauseIndex(eval_kb).rank(question)]
    assert with_model == [(m.clause.id, m.score) for m in ClauseIndex(eval_kb, sentence_model=None).rank(question)]


def test_a_japanese_question_naming_only_posting_and_the_medium_keeps_the_lexical_ranking(
    eval_kb: KnowledgeBase,
) -> None:
    """Posting, social networks and photos name no subject: their descriptions would pull every
    such question towards the same clauses."""
    question = "インスタに写真をあげる時の注意点は?"
    named = {t for t in question_terms(question)[0] if t.startswith(CONCEPT_PREFIX)}
    assert named == {CONCEPT_PREFIX + "photo", CONCEPT_PREFIX + "social"}
    with_model = [(m.clause.id, m.score) for m in ClauseIndex(eval_kb).rank(question)]
    assert with_model == [(m.clause.id, m.score) for m in ClauseIndex(eval_kb, sentence_model=None).rank(question)]


def test_a_help_desk_question_in_meaning_is_unsure(eval_kb: KnowledgeBase) -> None:
    question = "how do I make my account private"
    assert not ClauseIndex(eval_kb).search(question).confident
    # Its words alone look like the privacy clause (when its form, a how-to-operate question,
    # is not weighed either).
    words_only = ClauseIndex(eval_kb, Params(procedure_margin=1.0, procedure_unnamed_floor=0.0), sentence_model=None)
    assert words_only.search(question).confident
    assert not ClauseIndex(eval_kb, sentence_model=None).search(question).confident


def test_typos_are_spelled_out_for_the_model(eval_kb: KnowledgeBase) -> None:
    index = ClauseIndex(eval_kb)
    assert index.reranker.spelled("can I tweet the compettitor's anounced layofs?") == (
        "can i tweet the competitors announce layoffs?"
    )
    # Everyday words the base does not use are left alone: the model knows them.
    assert index.reranker.spelled("my manager nuked the thread") == "my manager nuked the thread"


def test_vector_cache_keeps_policy_texts_and_never_a_question(
    tmp_path: Path, eval_kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GUIDEBOT_CACHE_DIR", str(tmp_path))
    marker = "Zanzibarquill"
    question = f"is this ok to post: 'our {marker} numbers look amazing, cant say more' my compettitor's layofs"
    model = semantic.SentenceModel()  # a new model: it opens the cache directory above
    ranking = ClauseIndex(eval_kb, sentence_model=model).search(question)
    assert ranking.matches and model.load() is not None  # the question went through the sentence model
    [db_file] = tmp_path.glob("vectors-*.sqlite")
    with sqlite3.connect(db_file) as db:
        keys = {k for (k,) in db.execute("SELECT key FROM vectors")}
    policy = {semantic.text_key(t) for c in eval_kb.clauses for t in semantic_texts(c)}
    help_desk = {semantic.text_key(t) for t in HELP_DESK_TEXTS}
    assert keys and keys <= policy | help_desk  # knowledge-base texts only
    assert marker.encode() not in db_file.read_bytes() and marker.lower().encode() not in db_file.read_bytes()


def test_a_new_process_reads_the_cache_instead_of_encoding(tmp_path: Path, eval_kb: KnowledgeBase) -> None:
    class Counting(semantic.Encoder):
        calls = 0

        def encode(self, text: str, max_tokens: int = semantic.QUESTION_TOKENS) -> np.ndarray:
            Counting.calls += 1
            return super().encode(text, max_tokens)

    texts = [t for c in eval_kb.clauses[:3] for t in semantic_texts(c)]
    first = semantic.TextVectors(Counting(), tmp_path, seed=tmp_path / "none.npz")
    vectors = first.get(texts)
    assert vectors.shape == (len(texts), 384) and Counting.calls == len(set(texts))
    first.close()
    Counting.calls = 0
    again = semantic.TextVectors(Counting(), tmp_path, seed=tmp_path / "none.npz").get(texts)
    assert Counting.calls == 0
    assert np.allclose(again, vectors, atol=1e-6)


def test_rewriting_the_seed_file_embeds_only_new_texts(tmp_path: Path) -> None:
    seen: list[str] = []

    class Counting(semantic.Encoder):
        def encode(self, text: str, max_tokens: int = semantic.QUESTION_TOKENS) -> np.ndarray:
            seen.append(text)
            return super().encode(text, max_tokens)

    path = tmp_path / "seed.npz"
    model = Counting()
    assert semantic.write_seed(path, model, ["Who may speak for the company?", "Can I post a photo?"]) == 2
    before = semantic.read_seed(path, model.fingerprint)
    seen.clear()
    assert semantic.write_seed(path, model, ["Can I post a photo?", "Who may speak for the company?", "New text"]) == 3
    assert seen == ["New text"]  # the others keep their vectors, whatever processor runs this
    after = semantic.read_seed(path, model.fingerprint)
    assert all(np.array_equal(before[k], after[k]) for k in before)
    assert len(after) == 3


def test_an_unwritable_cache_keeps_vectors_in_memory(tmp_path: Path, model: semantic.Encoder) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    store = semantic.TextVectors(model, blocked / "cache")
    assert store.get(["Who may speak for the company?"]).shape == (1, 384)


def test_seed_vectors_hold_every_bundled_text(model: semantic.Encoder) -> None:
    seed = semantic.read_seed(semantic.SEED_VECTORS, model.fingerprint)
    missing = [t for t in seed_texts() if semantic.text_key(t) not in seed]
    assert not missing, f"run `python -m bench.make_vectors`: {len(missing)} texts missing, e.g. {missing[0]!r}"
    # The shipped vectors are this model's: the int8 kernels differ by processor (AVX2 against
    # AVX-512 VNNI), so a vector made on one machine is within about 0.015 cosine of another's,
    # while another model's vectors, or another text's, are far below 0.95.
    sample = seed_texts()[::50]
    for text in sample:
        assert cos(seed[semantic.text_key(text)], model.encode(text, semantic.TEXT_TOKENS)) > 0.95
    others = seed_texts()[1::50]  # each sample's neighbour (one fewer when the count is 1 modulo 50)
    pairs = zip(sample[: len(others)], others, strict=True)
    assert max(cos(seed[semantic.text_key(a)], model.encode(b, semantic.TEXT_TOKENS)) for a, b in pairs) < 0.95


@pytest.mark.parametrize("value", ["off", "OFF", " 0 ", "false", "no"])
def test_the_environment_switches_the_model_off(value: str) -> None:
    assert semantic.from_environment({"GUIDEBOT_SEMANTIC": value}) is None


@pytest.mark.parametrize("env", [{}, {"GUIDEBOT_SEMANTIC": ""}, {"GUIDEBOT_SEMANTIC": "on"}])
def test_the_model_is_on_by_default(env: dict[str, str]) -> None:
    assert isinstance(semantic.from_environment(env), semantic.SentenceModel)


def test_the_configured_model_is_read_once_and_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    first = semantic.configured()
    monkeypatch.setenv("GUIDEBOT_SEMANTIC", "on" if first is None else "off")
    assert semantic.configured() is first  # the switch is not read again


def test_without_a_model_ranking_is_lexical(eval_kb: KnowledgeBase) -> None:
    index = ClauseIndex(eval_kb, sentence_model=None)
    assert index.warm() == 0 and index.warmed == 0
    assert index.reranker.rerank("a reporter emailed me", np.arange(3), np.ones(3), frozenset()) is None


def test_a_broken_model_falls_back_to_lexical_ranking(
    tmp_path: Path, eval_kb: KnowledgeBase, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "model.onnx").write_bytes(b"not a model")
    (tmp_path / "tokenizer.json").write_text("{}")
    broken = semantic.SentenceModel(tmp_path)
    question = "a reporter emailed me asking for a comment"
    with caplog.at_level(logging.WARNING, logger="bot.search.sentence_model"):
        ranking = ClauseIndex(eval_kb, sentence_model=broken).search(question)
        again = ClauseIndex(eval_kb, sentence_model=broken).search(question)
    assert ranking.matches  # still answered, by words
    assert ranking == again == ClauseIndex(eval_kb, sentence_model=None).search(question)
    assert broken.load() is None
    [record] = [r for r in caplog.records if r.name == "bot.search.sentence_model"]
    assert "semantic ranking off" in record.getMessage() and "lexical" in record.getMessage()


def test_a_clause_without_english_texts_ranks_by_words(write_kb: KbWriter) -> None:
    # T-JA has only Japanese texts: the model has nothing to compare, it must not borrow another's.
    text = variant(
        "  - id: T-OPINION\n",
        "  - id: T-JA\n"
        "    title: {ja: 社員旅行の写真}\n"
        "    verdict: allowed\n"
        "    answer: {ja: 写っている人の許可を取ってください。}\n"
        "    keywords: {ja: [社員旅行, office photo, team trip]}\n"
        "  - id: T-OPINION\n",
        variant("default_language: en", "default_language: ja"),
    )
    index = ClauseIndex(load(write_kb(text)))
    ranking = index.search("can I post an office photo from our team trip?")
    ids = [m.clause.id for m in ranking.matches]
    assert set(ids) >= {"T-JA", "T-PHOTOS"}
    scores = [m.score for m in ranking.matches]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)


def test_warming_embeds_every_clause_and_can_be_stopped(eval_kb: KnowledgeBase) -> None:
    stopped = threading.Event()
    stopped.set()
    assert ClauseIndex(eval_kb).warm(stopped) == 0
    index = ClauseIndex(eval_kb)
    assert index.warm() == len(eval_kb.clauses)
    assert index.warmed == len(eval_kb.clauses)
    assert index.reranker.help_desk_ready == len(HELP_DESK_TEXTS)


def test_a_corrupt_cache_file_is_moved_aside_and_started_afresh(tmp_path: Path, model: semantic.Encoder) -> None:
    semantic.TextVectors(model, tmp_path).get(["Who may speak for the company?"])
    [db_file] = tmp_path.glob("vectors-*.sqlite")
    db_file.write_bytes(b"this is not a database" * 100)
    store = semantic.TextVectors(model, tmp_path)
    assert store.get(["Who may speak for the company?", "Can I post a photo?"]).shape == (2, 384)
    assert db_file.with_suffix(".corrupt").read_bytes().startswith(b"this is not a database")
    with sqlite3.connect(db_file) as db:
        assert db.execute("SELECT COUNT(*) FROM vectors").fetchone() == (2,)


def test_a_damaged_seed_file_is_ignored(tmp_path: Path, model: semantic.Encoder) -> None:
    damaged = tmp_path / "seed.npz"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    assert semantic.read_seed(damaged, model.fingerprint) == {}
    assert semantic.TextVectors(model, None, seed=damaged).get(["Can I post a photo?"]).shape == (1, 384)


def test_concurrent_questions_on_a_cold_index_agree_with_sequential_ones(eval_kb: KnowledgeBase) -> None:
    """Chat questions are answered in worker threads while a warming thread embeds the base."""
    questions = [
        "a reporter emailed me asking for a comment",
        "can I post a photo of the office whiteboard?",
        "someone on reddit is trashing our product, can I reply?",
        "how do I make my account private",
        "is this ok: 'honestly our new pricing is a mess imo'",
        "can i tweet the compettitor's anounced layofs?",
    ] * 4
    sequential = GuideBot(eval_kb)
    expected = [(r.outcome, [m.clause.id for m in r.matches]) for r in map(sequential.ask, questions)]
    bot = GuideBot(eval_kb)  # a new index: no clause vectors yet
    stop = threading.Event()
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        warming = pool.submit(bot.warm, stop)
        replies = list(pool.map(bot.ask, questions))
        warming.result()
    assert [(r.outcome, [m.clause.id for m in r.matches]) for r in replies] == expected
    assert bot.index.warmed == len(eval_kb.clauses)
