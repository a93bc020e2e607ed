"""The checks every rewrite alternative must pass, and the instructions for each mode."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from writer_app.core.rewrite import MODES, check, cleaned, instruction_for, max_new_tokens, rewrite_messages

pytestmark = pytest.mark.core

ORIGINAL = "The rain had not stopped for three days, and the river was rising under the old stone bridge."


def test_a_faithful_rephrasing_passes():
    verdict = check(
        ORIGINAL, "For three days the rain kept falling, and the river rose beneath the old bridge.", "rephrase", 0.8
    )
    assert verdict.passed and verdict.reasons == ()


@pytest.mark.parametrize(
    ("candidate", "mode", "similarity", "reason"),
    [
        ("Here is the rewritten passage: the rain fell for days and the river rose.", "rephrase", 0.8, "talks about"),
        (ORIGINAL, "rephrase", 1.0, "the same as the original"),
        ("Rain.", "rephrase", 0.7, "too short"),
        (ORIGINAL + " " + ORIGINAL, "shorten", 0.95, "too long"),
        ("The merchant counted his coins and sold the horse to a stranger from the north.", "rephrase", 0.2, "strays"),
        ("   ", "rephrase", 0.0, "empty"),
    ],
)
def test_garbage_is_marked_with_the_reason(candidate, mode, similarity, reason):
    verdict = check(ORIGINAL, candidate, mode, similarity)
    assert not verdict.passed and any(reason in r for r in verdict.reasons)


def test_fixing_grammar_may_leave_a_correct_passage_alone():
    assert check(ORIGINAL, ORIGINAL, "grammar", 1.0).passed


def test_every_mode_has_an_instruction_and_custom_needs_one():
    for mode in MODES:
        if mode != "custom":
            assert instruction_for(mode)
    assert "smell" in instruction_for("describe", "smell") and "tense" in instruction_for("tone", "tense")
    with pytest.raises(ValueError):
        instruction_for("custom", "")
    with pytest.raises(ValueError):
        instruction_for("poem")
    messages = rewrite_messages(ORIGINAL, "shorten", notes="Marian is the baker.")
    assert messages[-1]["content"].endswith(ORIGINAL) and "Marian is the baker." in messages[-1]["content"]


def test_replies_lose_their_wrapping_and_room_follows_the_mode():
    assert cleaned('Passage: "The rain fell."') == "The rain fell."
    assert cleaned("“The rain fell.”") == "The rain fell."
    assert max_new_tokens(ORIGINAL, "expand") > max_new_tokens(ORIGINAL, "shorten")


def test_word_diff_marks_words_and_rebuilds_both_texts():
    from writer_app.core.rewrite import word_diff

    pieces = word_diff("The rain fell on the roof.", "The cold rain fell on the old roof!")
    assert [t.strip() for op, t in pieces if op == "insert"] == ["cold", "old", "!"]
    assert [t.strip() for op, t in pieces if op == "delete"] == ["."]
    assert word_diff("Same words.", "Same words.") == [("equal", "Same words.")]


@given(st.text(max_size=80), st.text(max_size=80))
def test_word_diff_rebuilds_any_pair(original, rewritten):
    from writer_app.core.rewrite import word_diff

    pieces = word_diff(original, rewritten)
    assert "".join(t for op, t in pieces if op != "insert") == original
    assert "".join(t for op, t in pieces if op != "delete") == rewritten


def test_commentary_and_announcements_are_caught_or_removed():
    assert cleaned("A rephrased version:\n\nThe rain kept falling.") == "The rain kept falling."
    assert cleaned("He said this:\nnothing") == "nothing"  # a short announcing line, whatever it says
    commentary = "The passage is rephrased to convey a message about his character flaws."
    assert "talks about the rewrite instead of rewriting" in check(ORIGINAL, commentary, "rephrase", 0.9).reasons
    assert not check(ORIGINAL, "In this example, the author has taken a passage.", "rephrase", 0.9).passed
    # A corridor is a passage too: prose about one is not commentary.
    prose = "The passage was narrow and dark, and the river was rising under the old stone bridge beyond it."
    assert check(ORIGINAL, prose, "rephrase", 0.9).passed


def test_an_unfinished_last_sentence_is_cut_when_the_original_ends_one():
    cut = "The rain fell for three days. The river rose under the bridge. And then the"
    assert cleaned(cut, ORIGINAL) == "The rain fell for three days. The river rose under the bridge."
    assert cleaned(cut, "a selection ending mid-sentence and") == cut
    assert cleaned("Only one unfinished sentence and", ORIGINAL) == "Only one unfinished sentence and"


def test_bringing_in_words_about_writing_is_commentary():
    candidate = "The day passed. The passage is a continuation of the morning, and the original text had more."
    assert "talks about the rewrite instead of rewriting" in check(ORIGINAL, candidate, "rephrase", 0.9).reasons
    # One such word is prose ("a life sentence"); words the original had already do not count.
    assert check(
        ORIGINAL, "The rain had not stopped for three days; the river rose like a sentence.", "rephrase", 0.9
    ).passed
    about_texts = "The author read the original text aloud while the river rose."
    assert check(about_texts, "The author read the original text aloud as the river rose.", "rephrase", 0.9).passed
