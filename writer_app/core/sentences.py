"""Splitting prose into sentences with exact offsets. Model-free.

Rules, in short:

- Blank lines end a paragraph and so a sentence; single line breaks inside a
  paragraph (hard-wrapped text) are just spaces.
- A sentence ends after ``.``, ``!``, ``?`` or an ellipsis (``…``, ``...``),
  with any closing quotes or brackets, when white space and then something
  other than a lower-case letter follow. So ``"Help!" she cried.`` is one
  sentence and ``He paused... and went on.`` too.
- No end after common abbreviations (Mr., Mrs., Dr., St., e.g., i.e., ...)
  or a single capital initial (``J. R. Smith``).
- Headings (see ``writer_app.core.chapters.is_heading_line``) are skipped: they
  are not sentences, and a summary should not pick "CHAPTER 1." as a key one.
- Spans with no letter or digit (``* * *`` scene breaks) are skipped.

``Span.text`` is exactly ``text[start:end]``, hard line breaks included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from writer_app.core.chapters import is_heading_line

ABBREVIATIONS = frozenset(
    """mr mrs ms messrs dr st mme mlle prof rev hon capt col gen lt sgt maj cmdr
    sr jr fr vs cf e.g i.e viz no vol pp ch fig approx""".split()
)

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_LINE = re.compile(r"[^\n]*")
_TERMINAL = re.compile(r"(?:[.!?…]+)[\"'”’»)\]]*(?=\s)")
_WORD_OPENERS = "\"'“‘«([_*"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentences of ``text[start:end]`` in order, as spans with offsets into *text*."""
    end = len(text) if end is None else min(end, len(text))
    spans: list[Span] = []
    for block_start, block_end in _paragraphs(text, max(0, start), end):
        for piece_start, piece_end in _without_headings(text, block_start, block_end):
            spans.extend(_sentences_in(text, piece_start, piece_end))
    return spans


def _paragraphs(text: str, start: int, end: int):
    """(start, end) of each paragraph between *start* and *end* (blank-line separated)."""
    position = start
    for match in _PARAGRAPH_BREAK.finditer(text, start, end):
        yield position, match.start()
        position = match.end()
    yield position, end


def _without_headings(text: str, start: int, end: int):
    """The parts of a paragraph that are not heading lines."""
    if "#" not in text[start:end] and not is_heading_line(text, start, _line_end(text, start, end)):
        yield start, end  # the common case: plain prose
        return
    position = start
    for line in _LINE.finditer(text, start, end):
        if line.end() > line.start() and is_heading_line(text, line.start(), line.end()):
            yield position, line.start()
            position = line.end()
    yield position, end


def _line_end(text: str, start: int, end: int) -> int:
    newline = text.find("\n", start, end)
    return end if newline < 0 else newline


def _sentences_in(text: str, start: int, end: int) -> list[Span]:
    boundaries = [m.end() for m in _TERMINAL.finditer(text, start, end) if _is_sentence_end(text, m, start, end)]
    boundaries.append(end)
    result = []
    position = start
    for boundary in boundaries:
        span = _trimmed(text, position, boundary)
        if span is not None:
            result.append(span)
        position = boundary
    return result


def _is_sentence_end(text: str, match: re.Match, start: int, end: int) -> bool:
    following = _next_visible(text, match.end(), end)
    if following is None:
        return False  # the paragraph ends here anyway
    if following.islower():
        return False  # '"Help!" she cried', 'He paused... and went on'
    if text.startswith(".", match.start()) and not text.startswith("..", match.start()):
        return not _is_abbreviation(_word_before(text, match.start(), start))
    return True


def _next_visible(text: str, position: int, end: int) -> str | None:
    while position < end:
        char = text[position]
        if not char.isspace():
            return char
        position += 1
    return None


def _word_before(text: str, position: int, start: int) -> str:
    begin = position
    while begin > start and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:position].lstrip(_WORD_OPENERS)


def _is_abbreviation(word: str) -> bool:
    if len(word) == 1:
        return word.isupper() and word != "I"  # an initial, as in "J. R. Smith"
    return word.lower() in ABBREVIATIONS


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    piece = text[start:end]
    if not any(char.isalnum() for char in piece):
        return None
    return Span(start, end, piece)
