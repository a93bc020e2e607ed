"""Cutting a manuscript into passages for Ask: paragraphs merged or windowed, with exact offsets.

Every passage is a stretch of the original text: ``text[p.start:p.end] == p.text``,
and ``p.text`` never begins or ends with white space.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass
from typing import NamedTuple

# Paragraphs are separated by blank lines; single newlines (hard-wrapped
# prose) do not end one.
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
_LEADING_SPACE = re.compile(r"\s*")
# Markdown headings, and the bare chapter titles of plain-text novels.
_MARKDOWN_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S[^\n]*$", re.MULTILINE)
_NUMBER = r"(?:\d+|[ivxlcdm]+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|first|second|third)"
_TITLE_LINE = re.compile(rf"(?i)(?:(?:chapter|book|part|volume)\s+{_NUMBER}|prologue|epilogue)\b[^\n]{{0,60}}")
# The end of a sentence, after any closing quotes or brackets; titles such as
# "Mr." do not end one.
_SENTENCE_END = re.compile(
    r"[.!?…](?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bJr\.)(?<!\bSr\.)"
    r"[.!?…]*[\"'”’)\]]*(?=\s)"
)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """Content hash: equal texts share cached embeddings wherever they are."""
        return hashlib.sha1(self.text.encode("utf-8")).hexdigest()[:16]


class _Block(NamedTuple):
    start: int
    end: int
    heading: bool


def split_passages(text: str, max_chars: int = 1000, overlap_chars: int = 150) -> list[Passage]:
    """Passages of at most *max_chars*: short paragraphs merged, long ones windowed.

    A heading starts a new passage together with what follows it (it may take
    that passage past *max_chars*). Windows of a long paragraph end at sentence
    ends where possible and overlap by about *overlap_chars* (at most half a
    window).
    """
    if max_chars < 1 or overlap_chars < 0:
        raise ValueError("need max_chars >= 1 and overlap_chars >= 0")
    spans: list[tuple[int, int]] = []
    first = last = -1  # the pending passage; first < 0 when there is none
    only_headings = False
    for start, end, heading in _blocks(text):
        if heading:
            if first >= 0 and not only_headings:
                spans.append((first, last))
                first = -1
            if first < 0:
                first, only_headings = start, True
            last = end
        elif first >= 0 and end - (start if only_headings else first) <= max_chars:
            last, only_headings = end, False
        elif end - start <= max_chars:
            if first >= 0:
                spans.append((first, last))
            first, last, only_headings = start, end, False
        else:
            if first >= 0 and not only_headings:
                spans.append((first, last))
            window_start = first if first >= 0 and only_headings else start  # headings open the first window
            spans.extend(_windows(text, window_start, end, max_chars, overlap_chars))
            first = -1
    if first >= 0:
        spans.append((first, last))
    return [Passage(start, end, text[start:end]) for start, end in spans]


def _blocks(text: str):
    """Paragraphs as trimmed spans; a heading line is always a block of its own."""
    for start, end in _paragraphs(text):
        if text.find("#", start, end) < 0:
            yield _Block(start, end, _is_title(text, start, end))
            continue
        position = start
        line_start = text.rfind("\n", 0, start) + 1  # where "^" can match
        for heading in _MARKDOWN_HEADING.finditer(text, line_start, end):
            if text[position : heading.start()].strip():
                yield _trimmed(text, position, heading.start(), False)
            yield _trimmed(text, heading.start(), heading.end(), True)
            position = heading.end()
        if text[position:end].strip():
            yield _trimmed(text, position, end, False)


def _paragraphs(text: str):
    """(start, end) of each run of non-blank lines, without surrounding white space."""
    position = _LEADING_SPACE.match(text).end()
    for blank in _BLANK_LINES.finditer(text, position):
        # Each run starts on a non-space character: the blank-line match ate the rest.
        if blank.start() > position:
            yield position, _rstrip(text, position, blank.start())
        position = blank.end()
    if position < len(text):
        yield position, _rstrip(text, position, len(text))


def _trimmed(text: str, start: int, end: int, heading: bool) -> _Block:
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return _Block(start, end, heading)


def _is_title(text: str, start: int, end: int) -> bool:
    return text.find("\n", start, end) < 0 and _TITLE_LINE.fullmatch(text, start, end) is not None


def _windows(text: str, start: int, end: int, max_chars: int, overlap_chars: int) -> list[tuple[int, int]]:
    """Overlapping windows over text[start:end] that end at sentence ends where possible."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
    starts = [_skip_space(text, e, end) for e in ends]
    spans = []
    while True:
        limit = start + max_chars
        if limit >= end:
            spans.append((start, end))
            return spans
        stop = _rstrip(text, start, _window_end(text, ends, start, limit, max_chars))
        spans.append((start, stop))
        start = _next_start(text, starts, start, stop, overlap_chars)


def _window_end(text: str, ends: list[int], start: int, limit: int, max_chars: int) -> int:
    shortest = start + max_chars // 3  # keep windows from becoming slivers
    index = bisect.bisect_right(ends, limit) - 1
    if index >= 0 and ends[index] > shortest:
        return ends[index]
    space = max(text.rfind(" ", shortest, limit), text.rfind("\n", shortest, limit))
    return space if space > shortest else limit


def _next_start(text: str, starts: list[int], start: int, stop: int, overlap_chars: int) -> int:
    """Where the next window begins: a sentence start inside the overlap, else a word start."""
    if overlap_chars == 0:
        return _skip_space(text, stop, len(text))
    # At most half a window of overlap, so that windows always move on.
    wanted = max(stop - overlap_chars, start + (stop - start) // 2, start + 1)
    index = bisect.bisect_left(starts, wanted)
    if index < len(starts) and starts[index] < stop:
        return starts[index]
    space = _WHITESPACE.search(text, wanted, stop)
    if space is not None:
        return space.end()
    return _skip_space(text, wanted, len(text))


def _skip_space(text: str, position: int, end: int) -> int:
    while position < end and text[position].isspace():
        position += 1
    return position


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end
