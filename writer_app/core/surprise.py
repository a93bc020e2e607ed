"""Surprise: how predictable each word of the writer's own text is to a language model. Model-free arithmetic.

A word's surprisal is the sum of its tokens' −log₂ p (bits). Two kinds of
place are marked: **predictable runs** (at least ``RUN_MIN_WORDS`` words in a
row the model saw coming: stock phrases) and **surprising words** (the
scope's most surprising few: typos, odd choices, or deliberate originality).
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

# A run of predictable words: each at most RUN_WORD_BITS (its first word may be anything: the phrase
# starts there), at least RUN_MIN_WORDS long, at most RUN_MEAN_BITS on average.
RUN_WORD_BITS = 3.0
RUN_MIN_WORDS = 4
RUN_MEAN_BITS = 1.5
# Surprising words: the scope's top share, and never fewer bits than this (p < 1/1000).
SURPRISING_SHARE = 0.02
SURPRISING_MIN_BITS = 10.0
# A word: letters joined by apostrophes or single hyphens ("well-known"); "--" stands for a dash between words.
_WORD = re.compile(r"[\w’']+(?:-[\w’']+)*")
# A line break inside a paragraph: not next to another, not ending a heading, not before a list or quote.
_SOFT_BREAK = re.compile(r"(?<=[^\n])\n(?=[^\n\s#>*|\-+])")
_HEADING_LINE = re.compile(r"^[ \t]*#.*$", re.MULTILINE)
LN2 = math.log(2.0)


@dataclass(frozen=True)
class TokenScore:
    start: int  # offsets into the document
    end: int
    logprob: float | None  # natural log; None when nothing came before it
    top: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True)
class WordSurprise:
    start: int
    end: int
    bits: float
    alternatives: tuple[tuple[str, float], ...] = field(default=(), compare=False)  # (token, probability)


@dataclass(frozen=True)
class Run:
    start: int
    end: int
    mean_bits: float


def word_surprisals(
    text: str, tokens: Sequence[TokenScore], start: int = 0, end: int | None = None
) -> list[WordSurprise]:
    """The words of ``text[start:end]`` with their bits; a token counts for the word its first letter falls in.

    Words with no scored token (the very first, or punctuation only) are left out.
    """
    end = len(text) if end is None else end
    words = [(m.start(), m.end()) for m in _WORD.finditer(text, start, end)]
    if not words:
        return []
    starts = [w[0] for w in words]
    bits: dict[int, float] = {}
    firsts: dict[int, TokenScore] = {}

    for token in tokens:
        piece = text[token.start : token.end]
        lead = len(piece) - len(piece.lstrip())
        at = token.start + lead
        index = bisect.bisect_right(starts, at) - 1
        if index < 0 or not (words[index][0] <= at < words[index][1]) or token.logprob is None:
            continue
        bits[index] = bits.get(index, 0.0) - token.logprob / LN2
        if index not in firsts or token.start < firsts[index].start:
            firsts[index] = token
    return [
        WordSurprise(
            words[i][0],
            words[i][1],
            round(bits[i], 3),
            tuple((text, round(math.exp(logprob), 4)) for text, logprob in firsts[i].top),
        )
        for i in sorted(bits)
    ]


def perplexity(tokens: Iterable[TokenScore]) -> float:
    """exp of the mean negative log-probability per scored token (1.0 for nothing scored)."""
    values = [-token.logprob for token in tokens if token.logprob is not None]
    return round(math.exp(sum(values) / len(values)), 3) if values else 1.0


def predictable_runs(words: Sequence[WordSurprise]) -> list[Run]:
    """Stretches of at least ``RUN_MIN_WORDS`` words the model saw coming (their first word aside)."""
    runs: list[Run] = []
    i = 0
    while i < len(words):
        j = i + 1  # words[i] opens the phrase, whatever its bits
        while j < len(words) and words[j].bits <= RUN_WORD_BITS:
            j += 1
        if j - i >= RUN_MIN_WORDS:
            inside = [word.bits for word in words[i + 1 : j]]
            mean = sum(inside) / len(inside)
            if mean <= RUN_MEAN_BITS:
                runs.append(Run(words[i].start, words[j - 1].end, round(mean, 3)))
        i = max(j, i + 1)
    return runs


def surprising_words(words: Sequence[WordSurprise]) -> list[WordSurprise]:
    """The scope's most surprising words (its top ``SURPRISING_SHARE``, at least one), most surprising first."""
    ranked = sorted(words, key=lambda word: -word.bits)
    count = max(1, round(len(ranked) * SURPRISING_SHARE))
    return [word for word in ranked[:count] if word.bits >= SURPRISING_MIN_BITS]


def next_words(choices: Iterable[tuple[str, float]], k: int) -> list[tuple[str, float]]:
    """Token choices as words: white space stripped, the same word's probabilities added, likeliest first."""
    merged: dict[str, float] = {}
    for text, probability in choices:
        word = text.strip()
        if word and "\ufffd" not in word:  # a piece of a character cut in two is no word
            merged[word] = merged.get(word, 0.0) + probability
    return sorted(merged.items(), key=lambda item: -item[1])[:k]


def changed_span(old: str, new: str) -> tuple[int, int, int]:
    """Where *new* differs from *old*: ``old[start:old_end]`` became ``new[start:new_end]``.

    Found by halving with slice comparisons (C speed), so a keystroke in a long manuscript costs little.
    """
    limit = min(len(old), len(new))
    low, high = 0, limit  # the common prefix is at least low and at most high long
    while low < high:
        middle = (low + high + 1) // 2
        if old[low:middle] == new[low:middle]:
            low = middle
        else:
            high = middle - 1
    start = low
    low, high = 0, limit - start  # the common suffix, not overlapping the prefix
    while low < high:
        middle = (low + high + 1) // 2
        if old[len(old) - middle : len(old) - low] == new[len(new) - middle : len(new) - low]:
            low = middle
        else:
            high = middle - 1
    return start, len(old) - low, len(new) - low


def shifted(words: Sequence[WordSurprise], start: int, old_end: int, new_end: int) -> list[WordSurprise]:
    """*words* after ``old[start:old_end]`` became ``new[start:new_end]``: those touching the change are dropped
    (their scores describe text that is gone), those after it move with the text."""
    delta = new_end - old_end
    kept = []
    for word in words:
        if word.end < start:
            kept.append(word)
        elif word.start > old_end:
            kept.append(WordSurprise(word.start + delta, word.end + delta, word.bits, word.alternatives))
    return kept


def spliced(words: Sequence[WordSurprise], new: Sequence[WordSurprise], start: int, end: int) -> list[WordSurprise]:
    """*words* with those in ``[start, end)`` replaced by *new* (a rescored stretch), in text order."""
    return sorted([word for word in words if word.end <= start or word.start >= end] + list(new), key=lambda w: w.start)


def mean_bits(words: Sequence[WordSurprise]) -> float:
    """Average surprisal per word (0.0 for none)."""
    return sum(word.bits for word in words) / len(words) if words else 0.0


def word_perplexity(words: Sequence[WordSurprise]) -> float:
    """Perplexity per word: 2 to the mean bits (1.0 for none). A fairer figure across models than per token."""
    return 2 ** mean_bits(words)


def paragraph_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The paragraphs of ``text[start:end]`` (separated by blank lines), without their surrounding space."""
    end = len(text) if end is None else end
    spans = []
    for match in re.finditer(r"\S(?:.|\n(?![ \t]*\n))*", text[start:end]):
        spans.append((start + match.start(), start + match.end()))
    return spans


def paragraph_around(text: str, start: int, end: int, lower: int = 0, upper: int | None = None) -> tuple[int, int]:
    """The paragraph(s) holding ``text[start:end]``, within ``[lower, upper)``."""
    upper = len(text) if upper is None else upper
    before = text.rfind("\n\n", lower, start)
    after = text.find("\n\n", end, upper)
    return (lower if before < 0 else before + 2), (upper if after < 0 else after)


def ignore_key(passage: str) -> str:
    """What an ignored item is remembered by: its words, case and spacing aside (it is ignored wherever it recurs)."""
    return " ".join(passage.lower().split())


def as_read(text: str) -> str:
    """*text* with line breaks inside paragraphs read as spaces (hard-wrapped prose reads as a reader sees it).

    Same length, so every index still points at the same character. A small model finds a line
    break mid-sentence far more surprising than any word, and it spoils the words after it too.
    """
    headings = {m.end() for m in _HEADING_LINE.finditer(text)}
    return _SOFT_BREAK.sub(lambda m: "\n" if m.start() in headings else " ", text)
