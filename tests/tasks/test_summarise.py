"""Summaries with fake models (fast, deterministic) and the tiny BART and BERT plumbing."""

from __future__ import annotations

import re
import threading
import zlib
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from writer_app.core.chapters import find_chapters
from writer_app.core.errors import Stopped
from writer_app.core.requests import GenerationSettings
from writer_app.core.results import SummaryResult
from writer_app.core.sentences import Span, split_sentences
from writer_app.core.summary_prompts import COMBINE_INSTRUCTION, LIST_MARKER, REWRITE_INSTRUCTION
from writer_app.tasks.summarise import (
    LENGTHS,
    chunk_spans,
    key_sentences,
    summarise,
)

DATA = Path(__file__).parent.parent / "data"
DIMENSIONS = 512


def fake_embed(texts: list[str]) -> np.ndarray:
    """Bag-of-words hashed into DIMENSIONS buckets, L2-normalised: deterministic and model-free."""
    vectors = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in re.findall(r"[a-z']+", text.lower()):
            vectors[row, zlib.crc32(word.encode()) % DIMENSIONS] += 1.0
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms > 0, norms, 1.0)


class FakeChat:
    """Records every call and answers "summary N"; may set a stop event on a given call."""

    def __init__(self, stop_on_call: int | None = None, stop_event: threading.Event | None = None, reply=None):
        self.calls: list[tuple[list[dict], GenerationSettings]] = []
        self._stop_on_call = stop_on_call
        self._stop_event = stop_event
        self._reply = reply or (lambda number: f"summary {number}")

    def __call__(self, messages: list[dict], settings: GenerationSettings) -> str:
        self.calls.append((messages, settings))
        if len(self.calls) == self._stop_on_call:
            self._stop_event.set()
        return self._reply(len(self.calls))

    def items(self, call: int) -> list[str]:
        """The dash-list lines of a call's user message."""
        user = self.calls[call][0][-1]["content"]
        return [line[len(LIST_MARKER) :] for line in user.splitlines() if line.startswith(LIST_MARKER)]

    def instruction(self, call: int) -> str:
        return self.calls[call][0][-1]["content"].splitlines()[0]


def no_chat(messages, settings):
    raise AssertionError("extractive summaries must not call a writing model")


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pride() -> str:
    return (DATA / "pride_and_prejudice_ch1-3.md").read_text(encoding="utf-8")


def run(text: str, mode: str = "abstractive", length: str = "short", **kwargs) -> dict:
    start, end = kwargs.pop("start", 0), kwargs.pop("end", len(text))
    options = {
        "embed": fake_embed,
        "chat": None,
        "seq2seq": None,
        "settings": GenerationSettings(),
        "stop_event": threading.Event(),
    }
    options.update(kwargs)
    return summarise(text, start, end, length, mode, **options)


# --------------------------------------------------------------------------- chunks


def test_chunks_cover_the_scope_and_cut_at_paragraphs(pride):
    chunks = chunk_spans(pride, 0, len(pride), 3000)
    assert len(chunks) > 1
    assert chunks[0][0] == 0 and chunks[-1][1] == len(pride.rstrip())
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:]))
    assert all(0 < end - start <= 3000 for start, end in chunks)
    for _, cut in chunks[:-1]:
        assert pride[cut - 2 : cut] == "\n\n" and not pride[cut].isspace()


def test_long_paragraphs_are_cut_at_sentences_then_words():
    paragraph = " ".join(f"Sentence number {i} is here." for i in range(40))
    chunks = chunk_spans(paragraph, 0, len(paragraph), 200)
    starts = {span.start for span in split_sentences(paragraph)}
    assert all(cut in starts for _, cut in chunks[:-1])
    words = "word " * 100
    chunks = chunk_spans(words, 0, len(words), 64)
    assert all(words[cut - 1] == " " for _, cut in chunks[:-1])
    assert chunks[-1][1] == len(words.rstrip())


def test_chunks_of_a_sub_scope_and_of_blank_text(pride):
    start, end = pride.index("# Chapter 2"), pride.index("# Chapter 3")
    chunks = chunk_spans(pride, start, end, 1000)
    assert chunks[0][0] == start and chunks[-1][1] <= end and not pride[chunks[-1][1] : end].strip()
    assert chunk_spans("   \n\n  ", 0, 7, 100) == []
    with pytest.raises(ValueError):
        chunk_spans("text", 0, 4, 0)


# --------------------------------------------------------------------------- key sentences


def spans_for(texts: list[str]) -> list[Span]:
    spans, position = [], 0
    for text in texts:
        spans.append(Span(position, position + len(text), text))
        position += len(text) + 1
    return spans


def unit(rows: list[list[float]]) -> np.ndarray:
    vectors = np.array(rows, dtype=np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


SENTENCES = spans_for(
    ["The first one is here.", "The second one is central.", "The third one is near.", "An outlier far away here."]
)
VECTORS = unit([[1, 0, 0.2], [1, 1, 0.2], [0, 1, 0.2], [0, 0, 1]])


@pytest.mark.parametrize("method", ["textrank", "centroid"])
def test_key_sentences_pick_the_central_one_in_document_order(method):
    assert [span.text for span, _ in key_sentences(SENTENCES, VECTORS, 1, method)] == ["The second one is central."]
    picked = key_sentences(SENTENCES, VECTORS, 3, method)
    assert [span.start for span, _ in picked] == sorted(span.start for span, _ in picked)
    assert "An outlier far away here." not in [span.text for span, _ in picked]
    assert all(isinstance(score, float) for _, score in picked)


def test_textrank_scores_sum_to_one():
    from writer_app.tasks.summarise import textrank_scores

    scores = textrank_scores(VECTORS)
    assert scores.sum() == pytest.approx(1.0) and scores.argmax() == 1


def test_near_duplicates_and_short_sentences_are_skipped():
    sentences = spans_for(
        ["Yes.", "The ship sailed at dawn today.", "The ship sailed at dawn today!", "Rain fell on the town."]
    )
    vectors = unit([[1, 1, 0], [1, 0, 0], [1, 0.01, 0], [0.5, 0, 1]])
    picked = [span.text for span, _ in key_sentences(sentences, vectors, 4)]
    assert picked == ["The ship sailed at dawn today.", "Rain fell on the town."]
    only_short = spans_for(["Yes.", "No!"])
    assert len(key_sentences(only_short, unit([[1, 0], [0, 1]]), 2)) == 2


def test_key_sentence_arguments():
    assert key_sentences([], np.zeros((0, 3)), 3) == []
    assert key_sentences(SENTENCES, VECTORS, 0) == []
    with pytest.raises(ValueError):
        key_sentences(SENTENCES, VECTORS[:2], 1)
    with pytest.raises(ValueError):
        key_sentences(SENTENCES, VECTORS, 1, method="lexrank")


# --------------------------------------------------------------------------- summarise


def test_map_then_reduce_with_only_text_sentences(pride):
    chat = FakeChat()
    result = run(pride, chat=chat)
    chunks = len(chunk_spans(pride, 0, len(pride), 3000))
    assert result.chunks == chunks and result.mode == "abstractive"
    assert len(chat.calls) == chunks + 1
    sentences = {flat(span.text) for span in split_sentences(pride)}
    for call in range(chunks):  # map: key sentences of the text, and nothing else
        assert chat.instruction(call) == REWRITE_INSTRUCTION
        assert chat.items(call) and set(chat.items(call)) <= sentences
        assert chat.calls[call][1].max_new_tokens == LENGTHS["short"].chunk_tokens
    assert chat.instruction(chunks) == COMBINE_INSTRUCTION  # reduce: the chunk summaries
    assert chat.items(chunks) == [f"summary {n}" for n in range(1, chunks + 1)]
    assert chat.calls[chunks][1].max_new_tokens == LENGTHS["short"].final_tokens
    assert result.summary == f"summary {chunks + 1}"
    mapped = {item for call in range(chunks) for item in chat.items(call)}
    assert {flat(k.text) for k in result.key_sentences} == mapped


def test_key_sentence_offsets_are_exact(pride):
    start, end = pride.index("# Chapter 2"), pride.index("# Chapter 3")
    result = run(pride, mode="extractive", start=start, end=end, chat=no_chat)
    assert result.key_sentences
    for key in result.key_sentences:
        assert pride[key.start : key.end] == key.text
        assert start <= key.start < key.end <= end
        assert isinstance(key.score, float)


def test_single_chunk_makes_one_call_with_the_final_budget(pride):
    chat = FakeChat()
    end = pride.index("# Chapter 2")
    result = run(pride, end=end, chat=chat, length="long", chunk_chars=20_000)
    assert result.chunks == 1 and len(chat.calls) == 1 and result.summary == "summary 1"
    assert chat.calls[0][1].max_new_tokens == LENGTHS["long"].final_tokens
    assert len(chat.items(0)) == LENGTHS["long"].final_sentences


def test_long_reductions_combine_in_rounds(pride):
    chat = FakeChat(reply=lambda number: f"summary {number} " + "word " * 60)
    result = run(pride, chat=chat, chunk_chars=600)
    chunks = result.chunks
    combines = [call for call in range(len(chat.calls)) if chat.instruction(call) == COMBINE_INSTRUCTION]
    assert len(chat.calls) == chunks + len(combines) and len(combines) > 1
    assert all(len("\n".join(chat.items(call))) <= 600 + 400 for call in combines)  # groups hold at least two
    assert result.summary.startswith(f"summary {len(chat.calls)} ")


def test_settings_default_to_summary_settings_with_the_length_budget(pride):
    from writer_app.core.requests import SUMMARY_SETTINGS

    chat = FakeChat()
    run(pride, chat=chat, settings=None)
    assert all(
        settings == replace(SUMMARY_SETTINGS, max_new_tokens=settings.max_new_tokens) for _, settings in chat.calls
    )
    chat = FakeChat()
    run(pride, chat=chat, settings=GenerationSettings(temperature=0.7, seed=3))
    assert {(settings.temperature, settings.seed) for _, settings in chat.calls} == {(0.7, 3)}


def test_length_sets_sentences_per_chunk(pride):
    counts = {}
    for length in ("short", "long"):
        chat = FakeChat()
        run(pride, chat=chat, length=length)
        counts[length] = len(chat.items(0))
    assert counts == {"short": LENGTHS["short"].chunk_sentences, "long": LENGTHS["long"].chunk_sentences}


def test_stop_between_chunks(pride):
    stop = threading.Event()
    chat = FakeChat(stop_on_call=2, stop_event=stop)
    embedded = []

    def embed(texts):
        embedded.append(texts)
        return fake_embed(texts)

    with pytest.raises(Stopped) as caught:
        run(pride, chat=chat, embed=embed, stop_event=stop)
    assert isinstance(caught.value.partial, SummaryResult)
    assert len(chat.calls) == 2 and len(embedded) == 2  # chunk 3 was never read
    partial = caught.value.partial
    assert partial.summary == "summary 1 summary 2"
    assert partial.key_sentences and partial.key_sentences[-1].end <= chunk_spans(pride, 0, len(pride), 3000)[1][1]


def test_stop_during_the_reduce(pride):
    stop = threading.Event()
    chunks = len(chunk_spans(pride, 0, len(pride), 3000))
    chat = FakeChat(stop_on_call=chunks + 1, stop_event=stop)  # Stop pressed while combining
    with pytest.raises(Stopped):
        run(pride, chat=chat, stop_event=stop)


def test_progress_after_each_chunk(pride):
    progress = []
    result = run(pride, chat=FakeChat(), on_progress=lambda *args: progress.append(args))
    chunks = result.chunks
    assert [(done, total) for done, total, _ in progress[:chunks]] == [(n, chunks) for n in range(1, chunks + 1)]
    assert progress[chunks:] == [(chunks, chunks, "Combining the parts…")]
    assert all(isinstance(message, str) and message for _, _, message in progress)


def test_extractive_makes_no_chat_call(pride):
    progress = []
    result = run(pride, mode="extractive", chat=no_chat, on_progress=lambda *args: progress.append(args))
    assert result.mode == "extractive"
    assert len(progress) == result.chunks
    keys = result.key_sentences
    assert 0 < len(keys) <= LENGTHS["short"].final_sentences
    assert [k.start for k in keys] == sorted(k.start for k in keys)
    # Every key sentence is in the summary, unwrapped, in the order of the text.
    positions = [result.summary.find(k.text) for k in keys]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert all(k.text == flat(k.text) and "\n" not in k.text for k in keys)


def test_extractive_rerank_in_rounds(monkeypatch, pride):
    from writer_app.tasks import summarise as module

    calls = []
    original = module.key_sentences
    monkeypatch.setattr(module, "MAX_RERANK", 40)
    monkeypatch.setattr(module, "key_sentences", lambda *args: calls.append(len(args[0])) or original(*args))
    result = run(pride, mode="extractive", length="long", chunk_chars=500)
    assert len(result.key_sentences) == LENGTHS["long"].final_sentences
    reranks = calls[result.chunks :]
    assert len(reranks) > 2 and max(reranks) <= 40


def test_seq2seq_gets_the_joined_key_sentences(pride):
    calls = []

    def seq2seq(text: str, max_new_tokens: int) -> str:
        calls.append((text, max_new_tokens))
        return f"seq {len(calls)}"

    result = run(pride, seq2seq=seq2seq, chat=no_chat)
    chunks = result.chunks
    assert len(calls) == chunks + 1 and result.summary == f"seq {chunks + 1}"
    assert " ".join(text for text, _ in calls[:chunks]) == " ".join(flat(k.text) for k in result.key_sentences)
    assert calls[-1] == (" ".join(f"seq {n}" for n in range(1, chunks + 1)), LENGTHS["short"].final_tokens)


def test_empty_model_replies_fall_back_to_the_sentences(pride):
    result = run(pride, chat=FakeChat(reply=lambda number: "  "), end=pride.index("# Chapter 2"), chunk_chars=20_000)
    assert result.summary == " ".join(flat(k.text) for k in result.key_sentences)


def test_blank_scope_and_bad_arguments():
    result = run("   \n\n", chat=no_chat)
    assert result == SummaryResult(summary="", key_sentences=(), chunks=0, mode="abstractive")
    with pytest.raises(ValueError):
        run("Some text here.", mode="abstractive")  # no writing model
    with pytest.raises(ValueError):
        run("Some text here.", length="epic", chat=FakeChat())
    with pytest.raises(ValueError):
        run("Some text here.", mode="poem", chat=FakeChat())


# --------------------------------------------------------------------------- real tiny models


@pytest.fixture(scope="module")
def tiny_bart(tiny_bart_dir):
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    return AutoModelForSeq2SeqLM.from_pretrained(tiny_bart_dir).eval(), AutoTokenizer.from_pretrained(tiny_bart_dir)


def test_seq2seq_generate_truncates_and_respects_the_budget(tiny_bart, pride):
    from writer_app.engine.seq2seq import encoder_max_tokens, seq2seq_generate

    model, tokenizer = tiny_bart
    assert encoder_max_tokens(model, tokenizer) == 128
    assert len(tokenizer(pride)["input_ids"]) > 128  # the whole text would not fit
    model.generation_config.min_length = 1000  # random weights end at once; make it write
    try:
        summary = seq2seq_generate(model, tokenizer, pride, 12, threading.Event())
        assert isinstance(summary, str)
        assert 0 < len(tokenizer(summary, add_special_tokens=False)["input_ids"]) <= 12
        stop = threading.Event()
        stop.set()
        assert len(seq2seq_generate(model, tokenizer, pride, 12, stop)) < len(summary)
    finally:
        model.generation_config.min_length = 0


def test_seq2seq_generate_drives_summarise(tiny_bart, pride):
    from writer_app.engine.seq2seq import seq2seq_generate

    model, tokenizer = tiny_bart
    stop = threading.Event()
    result = run(
        pride,
        end=pride.index("# Chapter 2"),
        seq2seq=lambda text, tokens: seq2seq_generate(model, tokenizer, text, tokens, stop),
        stop_event=stop,
        chunk_chars=20_000,
    )
    assert result.chunks == 1 and isinstance(result.summary, str) and result.summary


def test_extractive_end_to_end_with_tiny_bert(tiny_bert_dir, pride):
    from writer_app.engine.devices import MachineFacts, plan_device
    from writer_app.engine.embedding import embed_texts
    from writer_app.engine.loader import load_model

    loaded = load_model("tiny-bert", tiny_bert_dir, "encoder", plan_device("cpu", MachineFacts(cpu_count=2)))
    end = pride.index("# Chapter 2")
    result = run(
        pride, mode="extractive", end=end, chat=no_chat, embed=lambda texts: embed_texts(loaded, texts).numpy()
    )
    keys = result.key_sentences
    # Random weights embed everything alike, so near-duplicates may be dropped.
    assert 1 <= len(keys) <= LENGTHS["short"].final_sentences
    chapter = {span.text for span in split_sentences(pride, 0, end)}
    assert all(key.text in chapter and pride[key.start : key.end] == key.text for key in keys)


@pytest.mark.parametrize("length", ["short", "long"])
def test_long_scopes_get_longer_chunks_not_more_of_them(pride, length):
    chat = FakeChat()
    result = run(pride, chat=chat, length=length, chunk_chars=200)
    assert LENGTHS[length].max_chunks // 2 <= result.chunks <= LENGTHS[length].max_chunks
    assert len(chat.calls) > result.chunks  # the parts were still combined


def test_a_stop_inside_a_model_call_still_gives_the_parts_so_far(pride):
    stop = threading.Event()
    calls = []

    def embed(texts):
        calls.append(texts)
        if len(calls) == 2:  # the model was embedding the second part when Stop came
            stop.set()
            raise Stopped()
        return fake_embed(texts)

    with pytest.raises(Stopped) as caught:
        run(pride, chat=FakeChat(), embed=embed, stop_event=stop)
    partial = caught.value.partial
    assert isinstance(partial, SummaryResult) and partial.summary == "summary 1"
    assert partial.key_sentences and partial.key_sentences[-1].end <= chunk_spans(pride, 0, len(pride), 3000)[0][1]


# --------------------------------------------------------------------------- reading as a summary


def test_extract_of_one_chapter_leads_with_its_title_and_names(pride):
    chapters = find_chapters(pride)
    second = chapters[1]
    result = run(pride, mode="extractive", chat=no_chat, start=second.start, end=second.end)
    lead, _, body = result.summary.partition("\n\n")
    assert lead.startswith(f"{second.title} — ")
    named = lead.split(" — ", 1)[1].split(", ")
    assert named and all(name in pride[second.start : second.end] for name in named)
    assert "Mr. Bennet" in named  # the chapter's most mentioned name
    assert all(k.chapter == second.title for k in result.key_sentences)
    assert body == " ".join(k.text for k in result.key_sentences)


def test_extract_over_chapters_groups_sentences_under_each_title(pride):
    result = run(pride, mode="extractive", chat=no_chat, length="medium")
    parts = result.summary.split("\n\n")
    assert parts[0].startswith("Most named: ")
    titles = [k.chapter for k in result.key_sentences]
    assert len(set(titles)) > 1
    # One part per chapter with key sentences, in order, each opening with its title.
    assert [part.split(" — ", 1)[0] for part in parts[1:]] == list(dict.fromkeys(titles))
    for part in parts[1:]:
        title, body = part.split("\n", 1)
        assert all(k.text in body for k in result.key_sentences if title.startswith(k.chapter))


def test_extract_sentences_are_unwrapped():
    wrapped = "# One\n\n" + "\n".join(
        f"Anna Karsk walked to the\nmill number {n} and\nback again that day." for n in range(12)
    )
    result = run(wrapped, mode="extractive", chat=no_chat)
    assert result.key_sentences
    for key in result.key_sentences:
        assert "\n" not in key.text and key.text == flat(wrapped[key.start : key.end])
    assert "\n" not in result.summary.split("\n\n", 1)[1]
    assert result.summary.startswith("One — Anna Karsk")


def test_an_extract_over_several_parts_follows_the_whole_scope(pride):
    # Medium: up to 8 sentences; every part of the scope gives at least one, centrality alone favours the middle.
    parts = chunk_spans(pride, 0, len(pride), 4000)
    assert 2 < len(parts) <= LENGTHS["medium"].final_sentences
    result = run(pride, mode="extractive", chat=no_chat, length="medium", chunk_chars=4000)
    assert result.chunks == len(parts)
    assert len(result.key_sentences) == LENGTHS["medium"].final_sentences
    for start, end in parts:
        assert any(start <= key.start < end for key in result.key_sentences)


def test_an_extract_of_parts_without_sentences_is_empty():
    headings = "\n\n".join(f"# Chapter {n}" for n in range(1, 40))
    result = run(headings, mode="extractive", chat=no_chat, chunk_chars=60)
    assert result.chunks > 1 and result.key_sentences == ()
