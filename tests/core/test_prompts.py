import pytest

from writer_app.core.prompts import continue_messages, continue_plain_prompt, sentence_start_at_or_after

pytestmark = pytest.mark.core

TEXT = 'He left. "Where to?" she asked! Nobody knew…\nA new line starts here'


@pytest.mark.parametrize(
    ("position", "expected_start"),
    [
        (0, "He left."),
        (3, '"Where to?"'),
        (9, '"Where to?"'),
        (12, "she asked!"),
        (25, "Nobody knew"),
        (40, "A new line"),
    ],
)
def test_sentence_start(position, expected_start):
    assert TEXT[sentence_start_at_or_after(TEXT, position) :].startswith(expected_start)


def test_no_boundary_left_returns_the_end():
    assert sentence_start_at_or_after("one long clause without an end", 5) == len("one long clause without an end")


def test_messages_carry_notes_and_text():
    messages = continue_messages("It was night.", notes="Anna: a detective.")
    assert messages[0]["role"] == "system" and "same voice" in messages[0]["content"]
    assert "Anna: a detective." in messages[1]["content"] and messages[1]["content"].endswith("It was night.")
    assert continue_plain_prompt("It was night.") == "It was night."
    assert continue_plain_prompt("It was night.", "Notes").endswith("It was night.")


@pytest.mark.parametrize(
    ("text", "opening"),
    [
        ("He left. She stayed and", "She stayed and"),
        ("He left. She stayed.", "She stayed."),
        ("He left.\n\nShe", "She"),
        ("no punctuation at all", "no punctuation at all"),
        ("", ""),
    ],
)
def test_last_sentence_start(text, opening):
    from writer_app.core.prompts import last_sentence_start

    assert text[last_sentence_start(text) :].rstrip() == opening
