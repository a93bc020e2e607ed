from __future__ import annotations

import time
from pathlib import Path

import pytest

from writer_app.core.sentences import Span, split_sentences

pytestmark = pytest.mark.core

DATA = Path(__file__).parent.parent / "data"
WAR_AND_PEACE = Path("/work/shared/corpus/war_and_peace.txt")


def texts(text: str, start: int = 0, end: int | None = None) -> list[str]:
    return [span.text for span in split_sentences(text, start, end)]


def assert_exact(text: str, spans: list[Span]) -> None:
    assert all(text[span.start : span.end] == span.text for span in spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


def test_abbreviations_do_not_end_sentences():
    text = "Mr. Bennet met Mrs. Long and Dr. Jones on St. James's Street. They talked."
    assert texts(text) == ["Mr. Bennet met Mrs. Long and Dr. Jones on St. James's Street.", "They talked."]
    assert texts("Take fruit, e.g. apples, i.e. the red ones. Then go.") == [
        "Take fruit, e.g. apples, i.e. the red ones.",
        "Then go.",
    ]
    assert texts("J. R. Smith wrote it. I agreed.") == ["J. R. Smith wrote it.", "I agreed."]


def test_quotes_after_terminal_punctuation():
    text = '"Help!" she cried. "Is anyone there?" Nobody answered. \u201cWell?\u201d he asked. \u201cYes.\u201d'
    assert texts(text) == [
        '"Help!" she cried.',
        '"Is anyone there?"',
        "Nobody answered.",
        "\u201cWell?\u201d he asked.",
        "\u201cYes.\u201d",
    ]


def test_ellipses():
    assert texts("He paused... and went on. It was over\u2026 Then dawn.") == [
        "He paused... and went on.",
        "It was over\u2026",
        "Then dawn.",
    ]


def test_hard_wrapped_lines_join_and_blank_lines_split():
    text = "The rain fell\non the roofs. She sighed\n\nMorning came!\n"
    spans = split_sentences(text)
    assert [s.text for s in spans] == ["The rain fell\non the roofs.", "She sighed", "Morning came!"]
    assert_exact(text, spans)


def test_headings_and_scene_breaks_are_skipped():
    text = "# Chapter 1\n\nIt was late.\n\n* * *\n\nCHAPTER 2. Dawn.\n\nMorning came.\n## Scene\nIt rained."
    assert texts(text) == ["It was late.", "Morning came.", "It rained."]


def test_scope_offsets_are_exact():
    text = read_pride()
    start = text.index("Mr. Bennet replied")
    end = text.index("This was invitation enough.")
    spans = split_sentences(text, start, end)
    assert spans[0] == Span(
        start, start + len("Mr. Bennet replied that he had not."), "Mr. Bennet replied that he had not."
    )
    assert spans[-1].text == '"You want to tell me, and I have no objection to hearing it."'
    assert all(start <= s.start and s.end <= end for s in spans)
    assert_exact(text, spans)


def test_crlf_text():
    text = (DATA / "moby_dick_opening_crlf.txt").read_bytes().decode("utf-8")
    spans = split_sentences(text)
    assert spans[0].text == "Call me Ishmael."
    assert spans[1].text.startswith("Some years ago") and "\r\n" in spans[1].text
    assert_exact(text, spans)


def test_empty_and_blank():
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []
    assert texts("No punctuation at all") == ["No punctuation at all"]


def read_pride() -> str:
    return (DATA / "pride_and_prejudice_ch1-3.md").read_text(encoding="utf-8")


def test_pride_and_prejudice_chapter_one():
    text = read_pride()
    spans = split_sentences(text, 0, text.index("# Chapter 2"))
    assert spans[0].text.startswith("It is a truth universally acknowledged") and spans[0].text.endswith("wife.")
    assert '"Bingley."' in [s.text for s in spans]
    assert not any(s.text.startswith("#") for s in spans)
    assert_exact(text, spans)


@pytest.mark.skipif(not WAR_AND_PEACE.is_file(), reason="shared corpus not available")
def test_war_and_peace_is_fast():
    text = WAR_AND_PEACE.read_text(encoding="utf-8")
    started = time.perf_counter()
    spans = split_sentences(text)
    elapsed = time.perf_counter() - started
    assert elapsed < 1.5
    assert len(spans) > 20_000
    assert_exact(text, spans[:2000])
