from __future__ import annotations

from pathlib import Path

import pytest

from writer_app.core.chapters import BEGINNING_TITLE, Chapter, chapter_at, find_chapters

pytestmark = pytest.mark.core

DATA = Path(__file__).parent.parent / "data"
CORPUS = Path("/work/shared/corpus")


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8").replace("\r\n", "\n")


def assert_contiguous(chapters: list[Chapter], text: str) -> None:
    assert all(a.end == b.start for a, b in zip(chapters, chapters[1:]))
    assert chapters[-1].end == len(text)
    assert chapters[0].start == 0 or not text[: chapters[0].start].strip()


def test_markdown_chapters_of_pride_and_prejudice():
    text = read(DATA / "pride_and_prejudice_ch1-3.md")
    chapters = find_chapters(text)
    assert [c.title for c in chapters] == ["Chapter 1", "Chapter 2", "Chapter 3"]
    assert_contiguous(chapters, text)
    assert text[chapters[1].start :].startswith("# Chapter 2\n")
    assert "Netherfield Park is let at last" in text[chapters[0].start : chapters[0].end]


def test_moby_dick_chapter_lines_with_titles():
    text = read(DATA / "moby_dick_opening_crlf.txt")
    chapters = find_chapters(text)
    assert [c.title for c in chapters] == [
        "CHAPTER 1. Loomings.",
        "CHAPTER 2. The Carpet-Bag.",
        "CHAPTER 3. The Spouter-Inn.",
    ]
    assert text[chapters[1].start :].startswith("CHAPTER 2. The Carpet-Bag.\n")
    assert_contiguous(chapters, text)


def test_crlf_offsets_are_into_the_text_as_given():
    raw = (DATA / "moby_dick_opening_crlf.txt").read_bytes().decode("utf-8")
    assert "\r\n" in raw
    chapters = find_chapters(raw)
    assert [c.title for c in chapters] == [c.title for c in find_chapters(raw.replace("\r\n", "\n"))]
    assert raw[chapters[2].start :].startswith("CHAPTER 3. The Spouter-Inn.\r\n")
    assert_contiguous(chapters, raw)


def test_text_before_the_first_heading_is_the_beginning():
    text = "A foreword.\n\nChapter 1\n\nIt begins.\n\nChapter Two: The Middle\n\nIt goes on.\n"
    chapters = find_chapters(text)
    assert [c.title for c in chapters] == [BEGINNING_TITLE, "Chapter 1", "Chapter Two: The Middle"]
    assert chapters[0] == Chapter(BEGINNING_TITLE, 0, text.index("Chapter 1"))


def test_blank_text_before_the_first_heading_is_not_a_chapter():
    text = "\n\n# One\n\nText.\n"
    assert find_chapters(text) == [Chapter("One", 2, len(text))]


@pytest.mark.parametrize(
    "line",
    [
        "Chapter 12",
        "CHAPTER 1.",
        "Chapter XII",
        "CHAPTER 1. Loomings.",
        "Chapter Twenty-One",
        "CHAPTER IV: The Storm",
        "Chapter 3 The Storm",
        "Part Two",
        "BOOK ONE: 1805",
        "Epilogue",
        "[ 7 ]",
        "### A scene",
    ],
)
def test_heading_lines(line):
    text = f"Before.\n\n{line}\n\nAfter.\n"
    assert [c.title for c in find_chapters(text)] == [BEGINNING_TITLE, line.lstrip("# ")]


@pytest.mark.parametrize(
    "text",
    [
        "Before.\n\nChapter I was the hardest to write,\nshe said.\n",  # prose, not a heading
        "Before.\n\nChapter 9 of the report\n\nAfter.\n",  # lower-case words after the number
        "Before the\nChapter 12\nline in the middle of a paragraph.\n",  # not at a paragraph start
        "Before.\n\nBOOK I. (_Folio_), CHAPTER I. (_Sperm Whale_).-This whale, among the\n"
        "English of old vaguely known as the Trumpa whale, and the Physeter\nwhale, and the\n",
        "Before.\n\n#hashtag is not a heading\n",
        "Before.\n\nChapter 1 " + "x" * 80 + "\n\nAfter.\n",  # too long
    ],
)
def test_lines_that_are_not_headings(text):
    assert [c.title for c in find_chapters(text)] == [BEGINNING_TITLE]


def test_books_group_their_chapters():
    text = "BOOK ONE: 1805\n\nCHAPTER I\n\nFirst.\n\nCHAPTER II\n\nSecond.\n\nBOOK TWO: 1806\n\nCHAPTER I\n\nThird.\n"
    chapters = find_chapters(text)
    assert [c.title for c in chapters] == [
        "BOOK ONE: 1805 — CHAPTER I",
        "BOOK ONE: 1805 — CHAPTER II",
        "BOOK TWO: 1806 — CHAPTER I",
    ]
    assert chapters[0].start == 0 and chapters[2].start == text.index("BOOK TWO")


def test_markdown_levels_group_like_books():
    text = "# Part One\n\n## Arrival\n\nA.\n\n## Departure\n\nB.\n\n# Part Two\n\nIntro.\n\n## Return\n\nC.\n"
    titles = [c.title for c in find_chapters(text)]
    assert titles == ["Part One — Arrival", "Part One — Departure", "Part Two", "Return"]


def test_prologue_with_text_does_not_prefix_chapters():
    text = "Prologue\n\nLong ago.\n\nChapter 1\n\nNow.\n"
    assert [c.title for c in find_chapters(text)] == ["Prologue", "Chapter 1"]


def test_no_headings_and_empty_text():
    assert find_chapters("Just prose.\n") == [Chapter(BEGINNING_TITLE, 0, 12)]
    assert find_chapters("  \n") == []


def test_chapter_at():
    text = read(DATA / "pride_and_prejudice_ch1-3.md")
    chapters = find_chapters(text)
    assert chapter_at(chapters, 0) is chapters[0]
    assert chapter_at(chapters, chapters[1].start) is chapters[1]
    assert chapter_at(chapters, chapters[1].start - 1) is chapters[0]
    assert chapter_at(chapters, len(text) + 10) is chapters[-1]
    with pytest.raises(ValueError):
        chapter_at([], 0)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not available")
@pytest.mark.parametrize(
    ("name", "count", "first", "last"),
    [
        ("pride_and_prejudice.txt", 61, "Chapter 1", "Chapter 61"),
        ("moby_dick.txt", 136, "CHAPTER 1. Loomings.", "Epilogue"),
        ("ulysses.txt", 18, "[ 1 ]", "[ 18 ]"),
        ("war_and_peace.txt", 365, "BOOK ONE: 1805 — CHAPTER I", "SECOND EPILOGUE — CHAPTER XII"),
    ],
)
def test_corpus_novels(name, count, first, last):
    text = read(CORPUS / name)
    chapters = find_chapters(text)
    assert (len(chapters), chapters[0].title, chapters[-1].title) == (count, first, last)
    assert len({c.title for c in chapters}) == count
    assert_contiguous(chapters, text)
