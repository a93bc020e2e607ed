"""The passage index: cosine search, de-duplication and the on-disk embedding cache."""

from __future__ import annotations

import re
import threading
import zlib
from pathlib import Path

import numpy as np
import pytest

from writer_app.core.errors import Stopped
from writer_app.core.passages import Passage, split_passages
from writer_app.tasks.retrieval import CACHE_FILE, PassageIndex, index_folder

pytestmark = pytest.mark.core

DATA = Path(__file__).parent.parent / "data"
PLANTED = "Mrs. Bennet kept her emerald brooch in the blue tea caddy."
STOPWORDS = set("a an and the of in to did does do her his she he it is was were what where who why how".split())


class HashingEmbedder:
    """Bag of words hashed into buckets, L2-normalised; counts the texts it embeds."""

    def __init__(self, dims: int = 512):
        self.dims = dims
        self.embedded = 0
        self.calls = 0

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        self.embedded += len(texts)
        vectors = np.zeros((len(texts), self.dims), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]+", text.lower()):
                if word not in STOPWORDS:
                    vectors[row, zlib.crc32(word.encode()) % self.dims] += 1
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)


def planted_document() -> str:
    text = (DATA / "pride_and_prejudice_ch1-3.md").read_text(encoding="utf-8")
    anchor = "Mr. Bennet was among the earliest"
    return text.replace(anchor, f"{PLANTED}\n\n{anchor}", 1)


@pytest.fixture
def document() -> str:
    return planted_document()


@pytest.fixture
def cache(tmp_path) -> Path:
    return tmp_path / "cache"


def test_planted_fact_ranks_first_with_exact_offsets(document, cache):
    embed = HashingEmbedder()
    index = PassageIndex.build(split_passages(document), embed, cache, "hashing")
    hits = index.search(embed(["Where did Mrs. Bennet keep her emerald brooch?"])[0], k=4)
    assert len(hits) == 4
    passage, score = hits[0]
    assert PLANTED in passage.text
    assert document[passage.start : passage.end] == passage.text
    assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)
    assert 0 < score <= 1.0001


def test_second_build_reuses_every_embedding(document, cache):
    passages = split_passages(document)
    first = PassageIndex.build(passages, HashingEmbedder(), cache, "hashing")
    assert (first.embedded_now, first.reused) == (len(passages), 0)
    embed = HashingEmbedder()
    second = PassageIndex.build(passages, embed, cache, "hashing")
    assert (second.embedded_now, second.reused) == (0, len(passages))
    assert embed.calls == 0
    np.testing.assert_allclose(second.vectors, first.vectors)


def test_editing_one_paragraph_re_embeds_only_its_passage(document, cache):
    PassageIndex.build(split_passages(document), HashingEmbedder(), cache, "hashing")
    edited = document.replace("Mr. Bennet made no answer.", "Mr. Bennet made no answer at all.")
    assert edited != document
    embed = HashingEmbedder()
    index = PassageIndex.build(split_passages(edited), embed, cache, "hashing")
    assert index.embedded_now == embed.embedded == 1
    assert index.reused == len(index) - 1
    hits = index.search(embed(["no answer at all"])[0], k=1)
    assert "no answer at all" in hits[0][0].text


def test_identical_passages_are_embedded_once(cache):
    text = "\n\n# Part\n\n".join(["The same words again."] * 3)
    passages = split_passages(text)
    embed = HashingEmbedder()
    index = PassageIndex.build(passages, embed, cache, "hashing")
    assert len(index) == 3 and len({p.key for p in passages}) == 2
    assert embed.embedded == index.embedded_now == 2


@pytest.mark.parametrize("damage", [b"not a zip file", b"", "truncate"])
def test_corrupt_cache_is_rebuilt(document, cache, damage):
    passages = split_passages(document)
    PassageIndex.build(passages, HashingEmbedder(), cache, "hashing")
    path = index_folder(cache, "hashing") / CACHE_FILE
    path.write_bytes(path.read_bytes()[:200] if damage == "truncate" else damage)
    index = PassageIndex.build(passages, HashingEmbedder(), cache, "hashing")
    assert index.embedded_now == len(passages)
    again = PassageIndex.build(passages, HashingEmbedder(), cache, "hashing")
    assert again.embedded_now == 0


def test_cache_with_mismatched_rows_is_rebuilt(document, cache):
    passages = split_passages(document)
    path = index_folder(cache, "hashing") / CACHE_FILE
    path.parent.mkdir(parents=True)
    with path.open("wb") as handle:
        np.savez(handle, format=np.array(1), keys=np.array(["a" * 16, "b" * 16]), vectors=np.zeros((3, 8), np.float32))
    index = PassageIndex.build(passages, HashingEmbedder(), cache, "hashing")
    assert index.embedded_now == len(passages)


def test_a_new_vector_size_replaces_the_cache(document, cache):
    passages = split_passages(document)
    PassageIndex.build(passages, HashingEmbedder(dims=512), cache, "hashing")
    edited = split_passages(document.replace("Bingley.", "Bingley, of course."))
    index = PassageIndex.build(edited, HashingEmbedder(dims=64), cache, "hashing")
    assert index.vectors.shape == (len(edited), 64)
    assert index.embedded_now == len(edited)


def test_models_have_separate_caches(document, cache):
    passages = split_passages(document)
    PassageIndex.build(passages, HashingEmbedder(), cache, "org/model-a")
    other = PassageIndex.build(passages, HashingEmbedder(), cache, "org/model-b")
    assert other.embedded_now == len(passages)
    folders = sorted(p.name for p in (cache / "index").iterdir())
    assert len(folders) == 2 and all(name.startswith("org_model-") for name in folders)


def test_stop_between_batches_keeps_finished_batches(document, cache):
    passages = split_passages(document, max_chars=300)
    stop = threading.Event()
    embed = HashingEmbedder()

    def stop_after_first_batch(texts):
        stop.set()
        return embed(texts)

    with pytest.raises(Stopped):
        PassageIndex.build(passages, stop_after_first_batch, cache, "hashing", stop_event=stop, batch=8)
    assert embed.calls == 1
    resumed = PassageIndex.build(passages, HashingEmbedder(), cache, "hashing", batch=8)
    assert resumed.reused == 8
    assert resumed.embedded_now == len({p.key for p in passages}) - 8


def test_progress_rises_to_one(document, cache):
    fractions: list[float] = []
    PassageIndex.build(
        split_passages(document, max_chars=300),
        HashingEmbedder(),
        cache,
        "hashing",
        on_progress=fractions.append,
        batch=5,
    )
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) > 2


def test_cache_is_pruned_to_its_cap_but_keeps_the_current_document(cache):
    def document(name: str) -> list[Passage]:
        return split_passages("\n\n".join(f"{name} paragraph {i} about the weather." for i in range(50)), max_chars=40)

    row_bytes = 4 * 512
    for name in ("alpha", "beta", "gamma"):
        PassageIndex.build(document(name), HashingEmbedder(), cache, "hashing", cache_cap_bytes=80 * row_bytes)
    with np.load(index_folder(cache, "hashing") / CACHE_FILE) as data:
        assert len(data["keys"]) == 80
    assert PassageIndex.build(document("gamma"), HashingEmbedder(), cache, "hashing").embedded_now == 0
    # The oldest document went first.
    assert PassageIndex.build(document("alpha"), HashingEmbedder(), cache, "hashing").embedded_now == 50


def test_unwritable_cache_is_not_fatal(document, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    index = PassageIndex.build(split_passages(document), HashingEmbedder(), blocker, "hashing")
    assert len(index) > 0 and index.embedded_now == len(index)


def test_search_skips_overlapping_windows_and_duplicates():
    passages = [
        Passage(0, 100, "a"),
        Passage(60, 160, "b"),
        Passage(200, 300, "c"),
        Passage(400, 500, "d"),
        Passage(600, 700, "e"),
    ]
    vectors = np.array([[1, 0, 0], [0.99, 0.14, 0], [0.98, 0, 0.2], [0.6, 0.8, 0], [0, 0, 1]], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = PassageIndex(passages, vectors)
    hits = index.search(np.array([1, 0, 0]), k=3)
    # b overlaps a; c is a near-duplicate of a (cosine > 0.97).
    assert [p.text for p, _ in hits] == ["a", "d", "e"]
    assert hits[0][1] == pytest.approx(1.0)


def test_question_words_break_ties_but_scores_stay_cosines():
    passages = [Passage(0, 10, "The weather was fine."), Passage(20, 30, "Lydia eloped to Gretna Green.")]
    vectors = np.array([[0.8, 0.6], [0.6, 0.8]], dtype=np.float32)
    index = PassageIndex(passages, vectors)
    query = np.array([1.0, 0.0])
    assert index.search(query, k=1)[0][0] is passages[0]
    [(passage, score)] = index.search(query, k=1, query_text="Where did Lydia go? Gretna?")
    assert passage is passages[1] and score == pytest.approx(0.6)
    # Words the passages do not share change nothing.
    assert index.search(query, k=1, query_text="Who is Sherlock Holmes?")[0][0] is passages[0]


def test_keywords_match_without_accents():
    passages = [Passage(0, 10, "The weather was fine."), Passage(20, 30, "Natásha loved Rostóv.")]
    index = PassageIndex(passages, np.array([[0.8, 0.6], [0.6, 0.8]], dtype=np.float32))
    assert index.search(np.array([1.0, 0.0]), k=1)[0][0] is passages[0]
    assert index.search(np.array([1.0, 0.0]), k=1, query_text="Whom did Natasha love? Rostov?")[0][0] is passages[1]


def test_the_keyword_index_is_kept_for_the_next_question_about_the_same_text():
    from writer_app.tasks.retrieval import _keyword_index

    def asked(texts):
        passages = [Passage(i * 10, i * 10 + 5, text) for i, text in enumerate(texts)]
        index = PassageIndex(passages, np.eye(len(texts), dtype=np.float32))
        query = np.array([0.8, 0.6, 0.0][: len(texts)])  # nearer the first passage, but not by much
        return index.search(query, k=1, query_text="Where is the brooch?")[0][0].text

    texts = ["The weather was fine.", "The brooch was in the caddy."]
    assert asked(texts) == texts[1]
    hits = _keyword_index.cache_info().hits
    assert asked(texts) == texts[1] and _keyword_index.cache_info().hits == hits + 1
    edited = [texts[0], "The caddy was empty.", "The brooch was under the bed."]
    assert asked(edited) == edited[2]  # an edited text gets its own index


def test_search_edge_cases():
    empty = PassageIndex([], np.zeros((0, 0), np.float32))
    assert empty.search(np.ones(3), k=4) == []
    index = PassageIndex([Passage(0, 1, "a")], np.array([[1.0, 0.0]], np.float32))
    assert index.search(np.array([2.0, 0.0]), k=4)[0][1] == pytest.approx(1.0)  # the query is normalised
    assert index.search(np.array([1.0, 0.0]), k=0) == []
    with pytest.raises(ValueError):
        index.search(np.ones(3), k=1)


def test_empty_document_builds_an_empty_index(cache):
    embed = HashingEmbedder()
    index = PassageIndex.build([], embed, cache, "hashing")
    assert len(index) == 0 and embed.calls == 0
    assert index.search(embed(["anything"])[0], k=4) == []


def test_tiny_bert_plumbing(tiny_bert_dir, cache):
    from writer_app.engine.devices import MachineFacts, plan_device
    from writer_app.engine.embedding import embed_texts
    from writer_app.engine.loader import load_model

    loaded = load_model("tiny-bert", tiny_bert_dir, "encoder", plan_device("cpu", MachineFacts(cpu_count=2)))

    def embed(texts: list[str]) -> np.ndarray:
        return embed_texts(loaded, texts).numpy()

    document = planted_document()
    passages = split_passages(document, max_chars=400)
    index = PassageIndex.build(passages, embed, cache, "tiny-bert", batch=4)
    assert index.vectors.shape == (len(passages), 32)
    np.testing.assert_allclose(np.linalg.norm(index.vectors, axis=1), 1.0, rtol=1e-5)
    target = passages[5]
    passage, score = index.search(embed([target.text])[0], k=2)[0]
    assert passage == target and score == pytest.approx(1.0, abs=1e-4)
    assert PassageIndex.build(passages, embed, cache, "tiny-bert").reused == len({p.key for p in passages})
