import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from writer_app.core.lens_store import LensStore
from writer_app.core.surprise import (
    LN2,
    TokenScore,
    WordSurprise,
    as_read,
    changed_span,
    ignore_key,
    mean_bits,
    next_words,
    paragraph_around,
    paragraph_spans,
    perplexity,
    predictable_runs,
    shifted,
    spliced,
    surprising_words,
    word_perplexity,
    word_surprisals,
)

pytestmark = pytest.mark.core

TEXT = "At the end of the day, she wrote a lettre."


def tokens_for(text, bits_by_piece):
    """Tokens split at spaces (each with its leading space), given bits per piece."""
    tokens, position = [], 0
    for piece, bits in bits_by_piece:
        start = text.index(piece, position)
        tokens.append(TokenScore(start, start + len(piece), None if bits is None else -bits * LN2))
        position = start + len(piece)
    return tokens


PIECES = [
    ("At", None),
    (" the", 2.0),
    (" end", 1.0),
    (" of", 0.2),
    (" the", 0.1),
    (" day", 0.5),
    (",", 3.0),
    (" she", 4.0),
    (" wrote", 5.0),
    (" a", 1.0),
    (" let", 9.0),
    ("tre", 8.0),
    (".", 1.0),
]


def test_a_words_bits_are_its_tokens_bits_and_punctuation_belongs_to_no_word():
    words = word_surprisals(TEXT, tokens_for(TEXT, PIECES))
    shown = {TEXT[w.start : w.end]: w.bits for w in words}
    assert "At" not in shown  # nothing came before it: no score
    assert shown["lettre"] == pytest.approx(17.0) and shown["day"] == pytest.approx(0.5)
    assert len(words) == 9  # ten words, the first unscored
    # A scope: only its words, even when tokens before it were scored as context.
    inside = word_surprisals(TEXT, tokens_for(TEXT, PIECES), TEXT.index("she"), len(TEXT))
    assert [TEXT[w.start : w.end] for w in inside] == ["she", "wrote", "a", "lettre"]


def test_stock_phrases_are_predictable_runs_and_typos_surprising():
    words = word_surprisals(TEXT, tokens_for(TEXT, PIECES))
    [run] = predictable_runs(words)
    assert TEXT[run.start : run.end] == "the end of the day" and run.mean_bits == pytest.approx(0.45)
    assert [TEXT[w.start : w.end] for w in surprising_words(words)] == ["lettre"]
    calm = [w for w in words if w.bits < 10]
    assert surprising_words(calm) == []  # nothing reaches the floor: nothing is marked


def test_perplexity_and_next_words():
    tokens = tokens_for(TEXT, PIECES)
    nats = [t.logprob for t in tokens if t.logprob is not None]
    assert perplexity(tokens) == pytest.approx(math.exp(-sum(nats) / len(nats)), rel=1e-3)
    assert perplexity([]) == 1.0
    merged = next_words([(" the", 0.3), ("the", 0.1), (" a", 0.2), ("\n", 0.2), ("\ufffd", 0.1)], 5)
    assert merged[0][0] == "the" and merged[0][1] == pytest.approx(0.4)
    assert [w for w, _ in merged] == ["the", "a"]


@given(st.text(alphabet="ab \n", max_size=30), st.text(alphabet="ab \n", max_size=30))
def test_the_changed_span_is_the_smallest_that_turns_one_text_into_the_other(old, new):
    start, old_end, new_end = changed_span(old, new)
    assert old[:start] == new[:start] and old[old_end:] == new[new_end:]
    assert new == old[:start] + new[start:new_end] + old[old_end:]
    # Smallest: the texts differ right at both ends of the change (or it is empty on one side).
    assert start == old_end or start == new_end or old[start] != new[start]
    if old == new:
        assert old_end == new_end == start == len(old)


def test_words_move_with_an_edit_and_those_it_touched_are_dropped_then_rescored():
    text = "One two three. Four five six."
    words = [WordSurprise(m.start(), m.end(), float(i)) for i, m in enumerate(re.finditer(r"\w+", text))]
    edited = text.replace("two", "twenty")
    change = changed_span(text, edited)
    moved = shifted(words, *change)
    assert [edited[w.start : w.end] for w in moved] == ["One", "three", "Four", "five", "six"]
    rescored = spliced(moved, [WordSurprise(4, 10, 9.0)], 4, 10)
    assert [edited[w.start : w.end] for w in rescored] == ["One", "twenty", "three", "Four", "five", "six"]
    assert mean_bits(rescored) == pytest.approx((0 + 9 + 2 + 3 + 4 + 5) / 6)
    assert word_perplexity(rescored) == pytest.approx(2 ** mean_bits(rescored))
    assert mean_bits([]) == 0.0 and word_perplexity([]) == 1.0


def test_paragraphs_and_the_paragraph_around_an_edit():
    text = "First one.\nStill first.\n\n  Second.\n\n\nThird."
    spans = paragraph_spans(text)
    assert [text[s:e] for s, e in spans] == ["First one.\nStill first.", "Second.", "Third."]
    at = text.index("Second")
    start, end = paragraph_around(text, at, at + 3)
    assert text[start:end].strip() == "Second."
    assert paragraph_around(text, 2, 3) == (0, text.index("\n\n"))
    assert ignore_key("  At the END\nof ") == "at the end of"


def test_the_lens_memory_keeps_ignored_passages_and_chapter_measures(tmp_path):
    store = LensStore(tmp_path / "lenses")
    book = tmp_path / "book.md"
    book.write_text("x", encoding="utf-8")
    assert store.load(book) == (set(), {})
    store.save(book, {"at the end of the day"}, {"m:abc": 12.5})
    assert store.load(book) == ({"at the end of the day"}, {"m:abc": 12.5})
    store.save(book, set(), {})
    assert store.load(book) == (set(), {})


def test_hard_wrapped_prose_is_read_as_one_line_and_nothing_moves():
    text = "# Chapter 1\nIt was a dark\nand stormy night.\n\n- a list\n- of things\n> quoted\nThe end\n"
    read = as_read(text)
    assert len(read) == len(text)
    assert read == "# Chapter 1\nIt was a dark and stormy night.\n\n- a list\n- of things\n> quoted The end\n"


def test_a_double_hyphen_is_a_dash_between_words_not_part_of_one():
    text = "readily--easily--to well-known"
    tokens = tokens_for(
        text,
        [("readily", None), ("--", 2.0), ("easily", 3.0), ("--", 1.0), ("to", 1.0), (" well", 4.0), ("-known", 1.0)],
    )
    words = word_surprisals(text, tokens)
    assert [text[w.start : w.end] for w in words] == ["easily", "to", "well-known"]
    assert [w.bits for w in words] == [3.0, 1.0, 5.0]
