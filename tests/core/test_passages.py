"""Cutting manuscripts into passages: exact offsets, paragraphs, headings, windows."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from writer_app.core.passages import Passage, split_passages

pytestmark = pytest.mark.core

DATA = Path(__file__).parent.parent / "data"
CORPUS = Path("/work/shared/corpus")


def assert_exact(text: str, passages: list[Passage]) -> None:
    """Offsets index the text, passages are trimmed, in order, and cover every word."""
    covered = bytearray(len(text))
    previous_start = -1
    for passage in passages:
        assert text[passage.start : passage.end] == passage.text
        assert passage.text and passage.text == passage.text.strip()
        assert passage.start > previous_start
        previous_start = passage.start
        covered[passage.start : passage.end] = b"\x01" * (passage.end - passage.start)
    missed = [i for i, char in enumerate(text) if not char.isspace() and not covered[i]]
    assert not missed, f"uncovered text at {missed[:5]}"


def long_paragraph(sentences: int = 40) -> str:
    return " ".join(f"Sentence number {i} tells of the long walk to Meryton in the rain." for i in range(sentences))


@pytest.mark.parametrize("text", ["", "   ", "\n\n\n", " \t\n  \n"])
def test_empty_text_gives_no_passages(text):
    assert split_passages(text) == []


def test_single_paragraph_is_one_trimmed_passage():
    text = "\n\n  It is a truth universally acknowledged.  \n\n"
    assert split_passages(text) == [Passage(4, 43, "It is a truth universally acknowledged.")]


def test_hard_wrapped_lines_stay_one_paragraph():
    first = "It is a truth universally\nacknowledged, that a single man\nmust be in want of a wife."
    second = "However little known\nthe feelings of such a man."
    text = f"{first}\n\n{second}"
    passages = split_passages(text, max_chars=len(first) + 5)
    assert [p.text for p in passages] == [first, second]
    assert_exact(text, passages)


def test_short_paragraphs_are_merged_up_to_max_chars():
    paragraphs = [f"Paragraph {i} is short." for i in range(10)]
    text = "\n\n".join(paragraphs)
    passages = split_passages(text, max_chars=100)
    assert_exact(text, passages)
    assert len(passages) < len(paragraphs)
    assert all(len(p.text) <= 100 for p in passages)
    # Whole paragraphs only: no passage starts or ends inside one.
    assert all(p.text.startswith("Paragraph") and p.text.endswith("short.") for p in passages)


def test_blank_lines_of_spaces_separate_paragraphs():
    text = "One line.\n   \t\nAnother line."
    assert [p.text for p in split_passages(text, max_chars=15)] == ["One line.", "Another line."]


def test_heading_opens_the_next_passage_and_never_closes_one():
    text = "Some closing words.\n\n# Chapter 2\n\nThe opening of chapter two.\n\nMore of it."
    passages = split_passages(text, max_chars=1000)
    assert_exact(text, passages)
    assert [p.text for p in passages] == [
        "Some closing words.",
        "# Chapter 2\n\nThe opening of chapter two.\n\nMore of it.",
    ]


def test_heading_directly_above_text_and_consecutive_headings():
    text = "Before.\n## Part One\n### Chapter 1\nIt began.\nStill the first paragraph."
    passages = split_passages(text)
    assert_exact(text, passages)
    assert passages[0].text == "Before."
    assert passages[1].text.startswith("## Part One\n### Chapter 1\nIt began.")


def test_plain_text_chapter_titles_are_headings():
    text = "The end of one chapter.\n\nChapter 2\n\nThe start of the next."
    passages = split_passages(text)
    assert [p.text for p in passages] == ["The end of one chapter.", "Chapter 2\n\nThe start of the next."]
    # A paragraph that merely starts with the word is prose.
    prose = "The end.\n\nPart of me wanted to stay."
    assert len(split_passages(prose)) == 1


def test_heading_prefixes_a_long_paragraph():
    text = "# Chapter 1\n\n" + long_paragraph()
    passages = split_passages(text, max_chars=300, overlap_chars=60)
    assert_exact(text, passages)
    assert passages[0].text.startswith("# Chapter 1\n\nSentence number 0")


def test_long_paragraph_is_windowed_at_sentence_ends_with_overlap():
    text = long_paragraph()
    passages = split_passages(text, max_chars=300, overlap_chars=80)
    assert_exact(text, passages)
    assert len(passages) > 5
    for before, after in zip(passages, passages[1:]):
        assert len(before.text) <= 300
        assert before.text.endswith("rain.")
        assert after.text.startswith("Sentence number")
        assert after.start < before.end  # overlap
        assert before.end - after.start <= 150  # at most half a window


def test_windows_without_overlap_do_not_overlap():
    text = long_paragraph()
    passages = split_passages(text, max_chars=300, overlap_chars=0)
    assert_exact(text, passages)
    assert all(after.start >= before.end for before, after in zip(passages, passages[1:]))


def test_title_abbreviations_do_not_end_sentences():
    sentence = "Then Mr. Bennet and Mrs. Long spoke of Netherfield at length. "
    text = (sentence * 20).strip()
    passages = split_passages(text, max_chars=200, overlap_chars=0)
    assert_exact(text, passages)
    assert all(p.text.endswith("at length.") for p in passages)


def test_text_without_sentences_or_spaces_is_still_cut():
    words = " ".join(["word"] * 400)
    blob = "x" * 2500
    for text in (words, blob, words + " " + blob):
        passages = split_passages(text, max_chars=200, overlap_chars=50)
        assert_exact(text, passages)
        assert all(len(p.text) <= 200 for p in passages)


def test_invalid_sizes_are_refused():
    with pytest.raises(ValueError):
        split_passages("text", max_chars=100, overlap_chars=-1)
    with pytest.raises(ValueError):
        split_passages("text", max_chars=0)


def test_key_is_a_short_content_hash():
    a, b = Passage(0, 5, "Hello"), Passage(10, 15, "Hello")
    assert a.key == b.key and re.fullmatch(r"[0-9a-f]{16}", a.key)
    assert Passage(0, 5, "Hullo").key != a.key


@pytest.mark.parametrize("max_chars", [200, 1000])
def test_pride_and_prejudice_chapters(max_chars):
    text = (DATA / "pride_and_prejudice_ch1-3.md").read_text(encoding="utf-8")
    passages = split_passages(text, max_chars=max_chars)
    assert_exact(text, passages)
    chapter_starts = [p for p in passages if p.text.startswith("# Chapter")]
    assert len(chapter_starts) == 3
    assert not any("# Chapter" in p.text[1:] for p in passages)
    assert all(len(p.text) <= max_chars + len("# Chapter 1\n\n") for p in passages)


def test_full_novel_is_exact():
    text = (DATA / "pride_and_prejudice.txt").read_text(encoding="utf-8")
    passages = split_passages(text)
    assert_exact(text, passages)
    assert 500 < len(passages) < 2000
    assert sum(p.text.startswith("Chapter ") for p in passages) == 61


@pytest.mark.skipif(not (CORPUS / "war_and_peace.txt").exists(), reason="shared corpus not available")
def test_war_and_peace_splits_quickly():
    text = (CORPUS / "war_and_peace.txt").read_text(encoding="utf-8")
    timings = []
    for _ in range(3):  # the best of three: a busy test machine should not fail it
        started = time.perf_counter()
        passages = split_passages(text)
        timings.append(time.perf_counter() - started)
    assert min(timings) < 0.5, f"{min(timings):.3f} s"
    assert all(text[p.start : p.end] == p.text for p in passages)
