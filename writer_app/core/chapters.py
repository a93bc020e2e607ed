"""Finding the chapters of a manuscript. Model-free: plain strings and offsets.

A heading is a line of its own, shorter than ``MAX_HEADING_CHARS``:

- a Markdown heading (``#`` to ``######`` and a space) anywhere;
- as a paragraph of at most two lines (a title and maybe a subtitle, after
  a blank line or at the start of the text): "Chapter 12", "CHAPTER XII", "Chapter Twelve", "CHAPTER 1. Loomings.",
  "BOOK ONE: 1805", "Part Two", "FIRST EPILOGUE: 1813 - 20", "Epilogue",
  or an episode number in brackets, "[ 12 ]" (Ulysses).

A heading followed directly by another heading (only blank lines between)
groups what follows, like "BOOK ONE: 1805" above "CHAPTER I": it starts the
next chapter, and the title of every chapter under it names it too
("BOOK ONE: 1805 — CHAPTER I"), so titles stay unique across books.
Text before the first heading is a "Beginning" chapter when not blank.
Chapters are contiguous: each ends where the next starts, the last at the end
of the text. CRLF line endings are handled; offsets are into the text as given.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

MAX_HEADING_CHARS = 80
BEGINNING_TITLE = "Beginning"
TITLE_JOINER = " — "

_UNITS = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_WORD_NUMBER = rf"(?i:(?:{_TENS})(?:[- ](?:{_UNITS}))?|{_TEENS}|{_UNITS}|hundred)"
_NUMBER = rf"(?:\d+|[IVXLCDM]+|{_WORD_NUMBER})"
# After the number: nothing, a separator and a title, or a capitalised title
# ("Chapter 3 The Storm"; "Chapter I was ..." is prose, not a heading).
_TAIL = r"(?:[.:]?|[ \t]*[.:—–-][ \t]*\S.*|[ \t]+[A-Z\"'“‘(\[].*)"
_CHAPTER = rf"(?:CHAPTER|Chapter)[ \t]+{_NUMBER}\b{_TAIL}"
_PART = rf"(?:BOOK|Book|PART|Part|VOLUME|Volume)[ \t]+{_NUMBER}\b{_TAIL}"
_ORDINAL = r"(?:FIRST|SECOND|THIRD|First|Second|Third)[ \t]+"
_EPILOGUE = rf"(?:{_ORDINAL})?(?:EPILOGUE|Epilogue|PROLOGUE|Prologue)\b{_TAIL}"
_BRACKETED = r"\[[ \t]*\d+[ \t]*\]"

_MARKDOWN_LINE = re.compile(r"^[ ]{0,3}(#{1,6})[ \t]+(\S[^\r\n]*?)[ \t#]*\r?$", re.MULTILINE)
_PLAIN_LINE = re.compile(
    rf"^[ \t]*(?:(?P<part>{_PART}|{_EPILOGUE})|(?P<chapter>{_CHAPTER}|{_BRACKETED}))[ \t]*\r?$",
    re.MULTILINE,
)
_BLANK_BEFORE = re.compile(r"(?:^|\n)[^\S\n]*\n[^\S\n]*$")
# From the end of a heading line: at most one more line, then a blank line or the end.
_SHORT_REST = re.compile(r"\r?(?:\n[^\n]*)?(?:\n[^\S\n]*(?:\n|$)|[^\S\n]*$)")
_TITLE_SPACE = re.compile(r"\s+")

# Plain part lines rank above plain chapter lines, like "#" above "##".
_PART_LEVEL, _CHAPTER_LEVEL = 1, 2


@dataclass(frozen=True)
class Chapter:
    title: str
    start: int
    end: int


@dataclass(frozen=True)
class _Heading:
    title: str
    level: int
    start: int  # start of the heading line
    end: int  # end of the heading line (before its line break)


def find_chapters(text: str) -> list[Chapter]:
    """The chapters of *text* in order; empty for blank text."""
    headings = _headings(text)
    chapters: list[Chapter] = []
    if not headings:
        return [Chapter(BEGINNING_TITLE, 0, len(text))] if text.strip() else []
    if text[: headings[0].start].strip():
        chapters.append(Chapter(BEGINNING_TITLE, 0, headings[0].start))
    outline: list[tuple[_Heading, bool]] = []  # open headings, and whether each groups others
    pending_start: int | None = None
    for index, heading in enumerate(headings):
        while outline and outline[-1][0].level >= heading.level:
            outline.pop()
        following = headings[index + 1] if index + 1 < len(headings) else None
        groups = following is not None and not text[heading.end : following.start].strip()
        outline.append((heading, groups))
        if pending_start is None:
            pending_start = heading.start
        if groups:
            continue
        title = TITLE_JOINER.join(h.title for h, grouping in outline if grouping or h is heading)
        chapters.append(Chapter(title, pending_start, following.start if following else len(text)))
        pending_start = None
    if pending_start is not None:  # the text ends on a bare heading
        chapters.append(Chapter(headings[-1].title, pending_start, len(text)))
    return chapters


def chapter_at(chapters: list[Chapter], position: int) -> Chapter:
    """The chapter holding *position* (clamped to the first and last chapter)."""
    if not chapters:
        raise ValueError("there are no chapters")
    index = bisect.bisect_right([chapter.start for chapter in chapters], position) - 1
    return chapters[max(0, index)]


def is_heading_line(text: str, line_start: int, line_end: int) -> bool:
    """Whether the line ``text[line_start:line_end]`` is a heading (see the module notes)."""
    if line_end - line_start >= MAX_HEADING_CHARS:
        return False
    if _MARKDOWN_LINE.match(text, line_start, line_end):
        return True
    match = _PLAIN_LINE.match(text, line_start, line_end)
    return bool(match) and _is_short_paragraph(text, line_start, _line_end(match))


def _headings(text: str) -> list[_Heading]:
    found = [
        _Heading(_clean_title(m.group(2)), len(m.group(1)), m.start(), _line_end(m))
        for m in _MARKDOWN_LINE.finditer(text)
        if m.end() - m.start() < MAX_HEADING_CHARS
    ]
    for m in _PLAIN_LINE.finditer(text):
        if m.end() - m.start() < MAX_HEADING_CHARS and _is_short_paragraph(text, m.start(), _line_end(m)):
            level = _PART_LEVEL if m.group("part") else _CHAPTER_LEVEL
            found.append(_Heading(_clean_title(m.group(0)), level, m.start(), _line_end(m)))
    return sorted(found, key=lambda heading: heading.start)


def _is_short_paragraph(text: str, line_start: int, line_end: int) -> bool:
    """True if the line starts a paragraph of at most two lines.

    That keeps hard-wrapped prose that happens to open with "BOOK I. ..."
    (Moby Dick's Cetology) from counting as a heading.
    """
    starts = line_start == 0 or bool(_BLANK_BEFORE.search(text, max(0, line_start - 200), line_start))
    return starts and bool(_SHORT_REST.match(text, line_end))


def _line_end(match: re.Match) -> int:
    return match.end() - 1 if match.group(0).endswith("\r") else match.end()


def _clean_title(title: str) -> str:
    return _TITLE_SPACE.sub(" ", title).strip()
