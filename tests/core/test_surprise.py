import math

import pytest

from writer_app.core.surprise import (
    LN2,
    TokenScore,
    next_words,
    perplexity,
    predictable_runs,
    surprising_words,
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
