import pytest

from writer_app.core.text_stats import count_words

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", 0),
        ("   ", 0),
        ("Call me Ishmael.", 3),
        ("don't stop — well-known", 3),
        ("l’amour, 1812!", 2),
        ("a\nb\n\nc", 3),
    ],
)
def test_count_words(text, words):
    assert count_words(text) == words
