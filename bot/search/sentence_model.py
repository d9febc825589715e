"""Sentence embeddings: a second, meaning-based opinion on the lexical ranking.

Words alone miss paraphrase that shares no word with the policy ("does the company
watch what I post" is the monitoring clause; "creepy DMs since he found out where I
work" is about harassment). A small sentence-embedding model, all-MiniLM-L6-v2
(Apache-2.0; exported to ONNX and quantised to int8 per channel, see
``bot/search/models/minilm/MODEL.md``), places a question near the clause texts that mean
the same thing. It reads English only, so it re-orders the lexical candidates of
English questions; other languages keep the lexical ranking.

The model runs in onnxruntime, one question at a time on one thread (about 2–3 ms). Clause texts
are embedded the first time their clause is a candidate and kept per text, in memory
and in a vector cache on disk (see :func:`cache_dir`), so a reloaded knowledge base or
the next ``guidebot ask`` re-embeds only what changed. Questions are never kept.
An index is given its :class:`SentenceModel` (or None: lexical ranking only); by default
it shares the process's, :func:`configured` by ``GUIDEBOT_SEMANTIC`` (``off`` switches it
off). When the model cannot load, ranking is lexical only and the reason is logged once.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import logging
import os
import sqlite3
import sys
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from bot.runtime.cachedir import cache_dir

if TYPE_CHECKING:
    import onnxruntime
    from tokenizers import Tokenizer

log = logging.getLogger(__name__)

MODEL_DIR = Path(__file__).resolve().parent / "models" / "minilm"
QUESTION_TOKENS = 64  # a question's first 64 word pieces say what it is about (and bound its cost)
TEXT_TOKENS = 256  # a clause's answer is read in full (embedded once, then cached)
MAX_CHARS = 4_000  # never tokenise a 100k-character paste in full
# One thread: a question's ~18 word pieces are too few to share out. Without spinning
# (below), a second thread is woken for every operator and costs more than it saves. On 2
# cores, 15 alternating rounds of English `ask` on 2,000 clauses: 3.85 ms a question on one
# thread against 4.24 ms on two, and with two questions answered at once 2.39 against
# 2.65 ms a question (the other core takes the other question).
THREADS = 1
_MEMORY_SIZE = 20_000  # knowledge-base text vectors kept in memory (1.5 KB each)
# Vectors of the bundled policy's and the help-desk areas' texts, shipped so that the first
# `guidebot ask` on a new machine starts as fast as the next (python -m bench.make_vectors).
SEED_VECTORS = MODEL_DIR / "seed-vectors.npz"


def import_onnxruntime() -> ModuleType:
    """onnxruntime with its telemetry off.

    Official onnxruntime builds carry Microsoft's 1DS telemetry client, which, when the
    library initialises, creates a device id and an event store under
    ``~/.cache/Microsoft/DeveloperTools/.onnxruntime`` and sends events over HTTPS to
    ``mobile.events.data.microsoft.com``. ``ORT_DISABLE_TELEMETRY=1`` stops all of it, but
    only when set before the library is first imported (its environment is created then);
    the API call afterwards only drops events that are not essential."""
    if "onnxruntime" in sys.modules and os.environ.get("ORT_DISABLE_TELEMETRY") != "1":
        log.warning("onnxruntime was imported before its telemetry could be turned off")
    os.environ["ORT_DISABLE_TELEMETRY"] = "1"
    import onnxruntime

    onnxruntime.disable_telemetry_events()
    module: ModuleType = sys.modules["onnxruntime"]
    return module


class Encoder:
    """all-MiniLM-L6-v2 in onnxruntime: text in, unit-length vector out."""

    def __init__(self, model_dir: Path | None = None, threads: int = THREADS) -> None:
        from tokenizers import Tokenizer

        ort = import_onnxruntime()

        model_dir = model_dir or MODEL_DIR
        model = model_dir / "model.onnx"
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Idle worker threads sleep instead of spinning: on a busy machine (other processes,
        # a container's CPU quota) spinning threads compete with the one doing the work; a
        # question took ~30 ms with spinning against ~17 ms without, at a load of 10 on 2 cores.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3  # errors only: no optimiser chatter on stderr
        self._session: onnxruntime.InferenceSession = ort.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )
        self._tokenizer: Tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self._tokenizer.no_padding()
        self._tokenizer.enable_truncation(TEXT_TOKENS)
        with model.open("rb") as f:
            self.fingerprint = hashlib.file_digest(f, "sha256").hexdigest()[:16]

    def encode(self, text: str, max_tokens: int = QUESTION_TOKENS) -> np.ndarray:
        """The text's embedding (float32, unit length), from its first ``max_tokens`` word
        pieces. Nothing is kept."""
        pieces = self._tokenizer.encode(text[:MAX_CHARS]).ids
        if len(pieces) > max_tokens:
            pieces = [*pieces[: max_tokens - 1], pieces[-1]]  # keep the closing [SEP]
        ids = np.array([pieces], dtype=np.int64)
        out = self._session.run(None, {"input_ids": ids, "attention_mask": np.ones_like(ids)})[0]
        return np.asarray(out[0], dtype=np.float32)


class TextVectors:
    """Vectors of knowledge-base texts (never questions or drafts), kept in memory and,
    when the cache directory is writable, in a small SQLite file keyed by the text's
    SHA-256, so the next process (a ``guidebot ask`` from the shell) starts warm."""

    def __init__(self, model: Encoder, cache_dir: Path | None, seed: Path | None = None) -> None:
        self._model = model
        self._lock = threading.Lock()
        self._memory: OrderedDict[str, np.ndarray] = OrderedDict()
        self._seed = read_seed(seed or SEED_VECTORS, model.fingerprint)
        self._db_lock = threading.Lock()  # the database is never waited on under the memory lock
        self._db: sqlite3.Connection | None = None
        if cache_dir is not None:
            self._db = _open_cache(cache_dir / f"vectors-{model.fingerprint}-{TEXT_TOKENS}.sqlite")

    def close(self) -> None:
        with self._db_lock:
            if self._db is not None:
                self._db.close()
                self._db = None

    def get(self, texts: Sequence[str]) -> np.ndarray:
        """One unit-length row per text."""
        rows: list[np.ndarray | None] = []
        with self._lock:
            for t in texts:
                hit = self._memory.get(t)
                if hit is not None:
                    self._memory.move_to_end(t)
                rows.append(hit)
        missing = [t for t, row in zip(texts, rows, strict=True) if row is None]
        if missing:
            found = self._stored(missing)
            fresh = {t: self._model.encode(t, TEXT_TOKENS) for t in dict.fromkeys(missing) if t not in found}
            self._store(fresh)
            found.update(fresh)
            with self._lock:
                for t, v in found.items():
                    self._memory[t] = v
                while len(self._memory) > _MEMORY_SIZE:
                    self._memory.popitem(last=False)
            rows = [found[t] if row is None else row for t, row in zip(texts, rows, strict=True)]
        return np.stack([r for r in rows if r is not None]) if rows else np.zeros((0, 0), dtype=np.float32)

    def _stored(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        keys = {text_key(t): t for t in texts}
        found = {keys[k]: self._seed[k] for k in keys if k in self._seed}
        if self._db is None:
            return found
        keys = {k: t for k, t in keys.items() if t not in found}
        try:
            wanted = list(keys)
            with self._db_lock:
                for start in range(0, len(wanted), 500):
                    chunk = wanted[start : start + 500]
                    marks = ",".join("?" * len(chunk))
                    for key, blob in self._db.execute(f"SELECT key, vector FROM vectors WHERE key IN ({marks})", chunk):
                        found[keys[key]] = np.frombuffer(blob, dtype=np.float32).copy()
        except sqlite3.Error as exc:
            log.info("semantic vector cache not read (%s)", type(exc).__name__)
        return found

    def _store(self, vectors: dict[str, np.ndarray]) -> None:
        if self._db is None or not vectors:
            return
        try:
            with self._db_lock, self._db:
                self._db.executemany(
                    "INSERT OR IGNORE INTO vectors (key, vector) VALUES (?, ?)",
                    [(text_key(t), v.astype(np.float32).tobytes()) for t, v in vectors.items()],
                )
        except sqlite3.Error as exc:
            log.info("semantic vector cache not written (%s)", type(exc).__name__)


def _open_cache(path: Path) -> sqlite3.Connection | None:
    """The cache database at ``path``; a corrupt file is moved aside and started afresh.
    None (memory only) when the directory cannot be written."""
    for attempt in range(2):
        db: sqlite3.Connection | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(path, timeout=2, check_same_thread=False)
            db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vector BLOB NOT NULL)")
            db.commit()
            return db
        except sqlite3.DatabaseError as exc:
            if db is not None:
                db.close()
            if attempt or not path.is_file():
                log.info("semantic vectors kept in memory only: cache unusable (%s)", type(exc).__name__)
                return None
            with contextlib.suppress(OSError):
                path.replace(path.with_suffix(".corrupt"))
        except OSError as exc:
            if db is not None:
                db.close()
            log.info("semantic vectors kept in memory only: cache unavailable (%s)", type(exc).__name__)
            return None
    return None


def text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def read_seed(path: Path, fingerprint: str) -> dict[str, np.ndarray]:
    """The shipped vectors by text key; empty if missing or made by another model."""
    try:
        with path.open("rb") as f, np.load(f) as data:  # our handle: closed even when the zip is bad
            if str(data["model"]) != fingerprint:
                return {}
            return dict(zip((str(k) for k in data["keys"]), data["vectors"].astype(np.float32), strict=True))
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        log.info("no seed vectors (%s)", type(exc).__name__)
        return {}


def write_seed(path: Path, model: Encoder, texts: Sequence[str], *, keep: bool = True) -> int:
    """Write ``texts``' vectors as the seed file; returns how many. A text the file already
    holds for this model keeps its vector (unless ``keep`` is false: after a change to the
    tokenizer or to how a text is encoded): the int8 kernels differ by processor (AVX2,
    AVX-512 VNNI) by a few thousandths of cosine, and re-embedding every text on another
    machine would move every answer's figures for one new text."""
    unique = list(dict.fromkeys(texts))
    kept = read_seed(path, model.fingerprint) if keep else {}
    rows = [kept.get(text_key(t)) for t in unique]
    vectors = np.stack(
        [row if row is not None else model.encode(t, TEXT_TOKENS) for t, row in zip(unique, rows, strict=True)]
    ).astype(np.float16)  # 0.3 MB, not 0.6
    np.savez_compressed(
        path, model=np.array(model.fingerprint), keys=np.array([text_key(t) for t in unique]), vectors=vectors
    )
    return len(unique)


@dataclass(frozen=True, slots=True)
class Semantic:
    """The loaded model and the knowledge-base text vectors it has made."""

    model: Encoder
    texts: TextVectors


class SentenceModel:
    """The sentence model and its text vectors, loaded on first use (by any thread).

    When the model cannot load, the reason is logged once and :meth:`load` answers None
    from then on: ranking is lexical. Indexes that share one instance share the model and
    the vectors it has made."""

    def __init__(self, model_dir: Path | None = None) -> None:
        self._model_dir = model_dir
        self._lock = threading.Lock()
        self._loaded: Semantic | None = None
        self._failed = False

    def load(self) -> Semantic | None:
        """The loaded model; None when it could not load."""
        if self._loaded is not None or self._failed:
            return self._loaded
        with self._lock:
            if self._loaded is None and not self._failed:
                try:
                    model = Encoder(self._model_dir)
                    self._loaded = Semantic(model, TextVectors(model, cache_dir()))
                except Exception as exc:  # a missing or broken model must not stop the bot
                    self._failed = True
                    log.warning(
                        "semantic ranking off: the model did not load (%s); ranking is lexical", type(exc).__name__
                    )
        return self._loaded


def switched_on(value: str | None) -> bool:
    """False when a ``GUIDEBOT_SEMANTIC`` value turns the model off (``off``, ``0``, ``false``, ``no``)."""
    return (value or "on").strip().lower() not in {"off", "0", "false", "no"}


def from_environment(env: Mapping[str, str] | None = None) -> SentenceModel | None:
    """A sentence model as ``GUIDEBOT_SEMANTIC`` in ``env`` (default: the process
    environment) says: None when it is switched off, else a model loaded on first use."""
    e = os.environ if env is None else env
    return SentenceModel() if switched_on(e.get("GUIDEBOT_SEMANTIC")) else None


_configured_lock = threading.Lock()
_configured: list[SentenceModel | None] = []


def configured() -> SentenceModel | None:
    """The process's sentence model, for every index built without one of its own:
    :func:`from_environment` on the first call (the one place ``GUIDEBOT_SEMANTIC`` is
    read), the same answer after, so the model loads once and its vectors are shared."""
    with _configured_lock:
        if not _configured:
            _configured.append(from_environment())
        return _configured[0]


class Configured(enum.Enum):
    """The type of :data:`CONFIGURED`."""

    MODEL = "the process's sentence model"


# A default argument: "use :func:`configured`", as distinct from None (no model).
CONFIGURED = Configured.MODEL
