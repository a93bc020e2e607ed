"""Finding the passages that answer a question: cached passage embeddings and cosine search.

Embeddings are cached per model in ``cache_dir/index/<model>/embeddings.npz``,
keyed by passage content, so after an edit only the changed passages are
embedded again. The cache is one file written atomically; an unreadable one is
rebuilt.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import re
import threading
from pathlib import Path
from typing import Callable, Iterable

import bm25s
import numpy as np

from writer_app.core.atomic import atomic_write_bytes, ensure_private_dir
from writer_app.core.errors import raise_if_stopped
from writer_app.core.names import fold
from writer_app.core.passages import Passage

log = logging.getLogger(__name__)

EmbedFn = Callable[[list[str]], np.ndarray]
"""Texts → a (len(texts), dim) array of L2-normalised rows."""

CACHE_FILE = "embeddings.npz"
CACHE_CAP_BYTES = 64 * 2**20  # about 40 MB of text with a 384-dimension model
DUPLICATE_COSINE = 0.97
# BM25 (scaled to 0–1) added to the cosine when ranking with the question's words. Chosen on the
# development questions (bench/data/ask_dev_questions.json), where it beat 0.5 and reciprocal-rank fusion.
LEXICAL_WEIGHT = 1.0
_FORMAT = 1
_WORD = re.compile(r"[^\W\d_]+")
_STOPWORDS = frozenset(
    "a an and are as at be but by did do does for from had has have he her him his how i in is it its me my "
    "not of on or she so that the their them they this to was were what when where which who whom why will "
    "with would you your".split()
)


class _EmbeddingStore:
    """Vectors by passage key, in most-recently-used order."""

    def __init__(self, keys: Iterable[str] = (), vectors: np.ndarray | None = None):
        self.rows: dict[str, np.ndarray] = {}
        self.added = 0  # rows embedded since loading
        if vectors is not None:
            self.rows = dict(zip(keys, vectors))

    @property
    def dim(self) -> int | None:
        return len(next(iter(self.rows.values()))) if self.rows else None

    @classmethod
    def load(cls, path: Path) -> "_EmbeddingStore":
        try:
            with np.load(path, allow_pickle=False) as data:
                if int(data["format"]) != _FORMAT:
                    raise ValueError(f"format {int(data['format'])}")
                keys, vectors = data["keys"], data["vectors"].astype(np.float32)
            if keys.ndim != 1 or vectors.ndim != 2 or len(keys) != len(vectors) or not np.isfinite(vectors).all():
                raise ValueError("inconsistent contents")
        except FileNotFoundError:
            return cls()
        except Exception as exc:  # any damage to a cache only costs a rebuild
            log.warning("Rebuilding the embedding cache %s: %s", path, exc)
            return cls()
        return cls(keys.tolist(), vectors)

    def add(self, keys: list[str], vectors: np.ndarray) -> None:
        if self.dim is not None and vectors.shape[1] != self.dim:
            log.warning("Embedding size changed from %s to %s; dropping the cache", self.dim, vectors.shape[1])
            self.rows.clear()
        self.rows.update(zip(keys, vectors))
        self.added += len(keys)

    def matrix(self, keys: list[str], dim: int) -> np.ndarray:
        if not keys:
            return np.zeros((0, dim), dtype=np.float32)
        return np.stack([self.rows[key] for key in keys])

    def save(self, path: Path, recent: Iterable[str], cap_bytes: int) -> None:
        """Write the rows, *recent* keys first; older rows beyond *cap_bytes* are dropped."""
        if not self.rows:
            return
        recent = [key for key in dict.fromkeys(recent) if key in self.rows]
        recent_set = set(recent)
        others = [key for key in self.rows if key not in recent_set]
        room = max(0, cap_bytes // (4 * self.dim) - len(recent))
        keys = recent + others[:room]  # the current document is always kept whole
        buffer = io.BytesIO()
        np.savez(buffer, format=np.array(_FORMAT), keys=np.array(keys, dtype=str), vectors=self.matrix(keys, self.dim))
        # Private: the keys and vectors are derived from the writer's text.
        ensure_private_dir(path.parent)
        atomic_write_bytes(path, buffer.getvalue(), private=True)


class PassageIndex:
    """Passages of one document with their embeddings, searchable by cosine similarity.

    After ``build``, ``embedded_now`` and ``reused`` count distinct passage texts
    embedded by this build and taken from the cache.
    """

    def __init__(self, passages: list[Passage], vectors: np.ndarray, embedded_now: int = 0, reused: int = 0):
        if len(passages) != len(vectors):
            raise ValueError("one vector per passage")
        self.passages = list(passages)
        self.vectors = vectors
        self.embedded_now = embedded_now
        self.reused = reused
        self._lexical: bm25s.BM25 | None = None

    def __len__(self) -> int:
        return len(self.passages)

    @classmethod
    def build(
        cls,
        passages: list[Passage],
        embed: EmbedFn,
        cache_dir: Path,
        model_id: str,
        on_progress: Callable[[float], None] | None = None,
        stop_event: threading.Event | None = None,
        batch: int = 64,
        cache_cap_bytes: int = CACHE_CAP_BYTES,
    ) -> "PassageIndex":
        """Embed the passages not yet in the cache; raises Stopped (keeping finished batches)."""
        path = index_folder(cache_dir, model_id) / CACHE_FILE
        store = _EmbeddingStore.load(path)
        texts = {p.key: p.text for p in passages}  # unique texts, in document order
        try:
            # A second pass only happens when the model's vector size changed under the cache.
            for _ in range(2):
                # Similar lengths in a batch waste less time on padding.
                missing = sorted((key for key in texts if key not in store.rows), key=lambda key: len(texts[key]))
                if missing:
                    _embed_into(store, missing, texts, embed, batch, on_progress, stop_event)
        finally:
            if store.added:
                _save_quietly(store, path, texts, cache_cap_bytes)
        if any(key not in store.rows for key in texts):
            raise ValueError("the embedding function returned vectors of varying size")
        if on_progress is not None and not store.added:
            on_progress(1.0)
        vectors = store.matrix([p.key for p in passages], store.dim or 0)
        return cls(passages, vectors, embedded_now=store.added, reused=max(0, len(texts) - store.added))

    def search(
        self, query_vector: np.ndarray, k: int = 4, query_text: str | None = None
    ) -> list[tuple[Passage, float]]:
        """The *k* best passages with their cosine scores, skipping overlapping windows and near-duplicates.

        With *query_text*, passages sharing its rarer words rank higher (BM25
        added to the cosine); the scores returned stay cosines.
        """
        if not self.passages or k <= 0:
            return []
        query = np.asarray(query_vector, dtype=np.float32).reshape(-1)
        if query.shape[0] != self.vectors.shape[1]:
            raise ValueError(f"query has {query.shape[0]} dimensions, the index {self.vectors.shape[1]}")
        query = query / max(float(np.linalg.norm(query)), 1e-12)
        scores = self.vectors @ query
        ranking = scores
        if query_text:
            lexical = self._lexical_scores(query_text)
            ranking = scores + LEXICAL_WEIGHT * lexical / max(float(lexical.max()), 1e-12)
        chosen: list[int] = []
        for index in np.argsort(-ranking, kind="stable"):
            if not any(self._redundant(index, other) for other in chosen):
                chosen.append(int(index))
                if len(chosen) == k:
                    break
        return [(self.passages[i], float(scores[i])) for i in chosen]

    def _lexical_scores(self, query_text: str) -> np.ndarray:
        """BM25 scores of the passages for the question's words (common English words left out)."""
        if self._lexical is None:
            self._lexical = _keyword_index(tuple(p.text for p in self.passages))
        words = list(dict.fromkeys(_words(query_text)))
        if not words:
            return np.zeros(len(self.passages), dtype=np.float32)
        return np.asarray(self._lexical.get_scores(words), dtype=np.float32)

    def _redundant(self, a: int, b: int) -> bool:
        first, second = self.passages[a], self.passages[b]
        overlapping = first.start < second.end and second.start < first.end
        return overlapping or float(self.vectors[a] @ self.vectors[b]) > DUPLICATE_COSINE


@functools.lru_cache(maxsize=2)
def _keyword_index(texts: tuple[str, ...]) -> bm25s.BM25:
    """A BM25 index of *texts*, kept for the next question about the same manuscript (a second on a long novel)."""
    index = bm25s.BM25()
    # Every passage keeps a token, so that the index's rows stay the passages'.
    index.index([_words(text) or [""] for text in texts], show_progress=False)
    return index


def content_words(text: str) -> set[str]:
    """The words of *text* that carry meaning (lower-cased, common English words left out)."""
    return set(_words(text))


def _words(text: str) -> list[str]:
    """Lower-cased, accents removed ("Rostóv" finds "Rostov"), common English words left out."""
    return [word for word in _WORD.findall(fold(text)) if word not in _STOPWORDS]


def index_folder(cache_dir: Path, model_id: str) -> Path:
    """``cache_dir/index/<readable model id>-<hash>``: ids may hold slashes or be paths."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model_id).strip("._")[:60] or "model"
    digest = hashlib.sha1(model_id.encode("utf-8")).hexdigest()[:8]
    return Path(cache_dir) / "index" / f"{slug}-{digest}"


def _embed_into(store, missing, texts, embed, batch, on_progress, stop_event) -> None:
    for first in range(0, len(missing), batch):
        raise_if_stopped(stop_event)
        keys = missing[first : first + batch]
        store.add(keys, _normalised(embed([texts[key] for key in keys]), len(keys)))
        if on_progress is not None:
            on_progress((first + len(keys)) / len(missing))


def _normalised(vectors, count: int) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2 or vectors.shape[0] != count:
        raise ValueError(f"expected {count} embedding rows, got shape {vectors.shape}")
    # The contract says unit length; enforcing it keeps dot products true cosines.
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def _save_quietly(store: _EmbeddingStore, path: Path, recent, cap_bytes: int) -> None:
    try:
        store.save(path, recent, cap_bytes)
    except OSError as exc:  # a full disk must not cost the writer the answer
        log.warning("Could not write the embedding cache %s: %s", path, exc)
