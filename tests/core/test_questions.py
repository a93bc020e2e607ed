from __future__ import annotations

import pytest

from writer_app.core.questions import question_names, unmentioned_names

pytestmark = pytest.mark.core

TEXT = (
    "Mr. Darcy rode to Pemberley with Natásha Rostóva. The DUKE of Orange stayed at home, "
    "and Bingley's sisters laughed.\n"
)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Who is the captain of the Pequod?", ["Pequod"]),
        ("What is the name of Mr. Darcy's estate?", ["Darcy"]),
        ("With whom did Natásha try to elope?", ["Natásha"]),
        ("What is the name of Lady Catherine de Bourgh's residence?", ["Catherine de Bourgh"]),
        ("Darcy's estate is called what?", ["Darcy"]),  # a name may open the question
        ("where does he live?", []),  # no capitals, no names: nothing to check
        ("What happens to Anna in Chapter 3?", ["Anna"]),  # the manuscript's parts are not names
    ],
)
def test_question_names(question, names):
    assert question_names(question) == names


def test_names_the_text_uses_are_mentioned_whatever_their_case_or_accents():
    assert unmentioned_names("Where does Natasha Rostova go?", TEXT) == []  # accents ignored
    assert unmentioned_names("Who is the Duke of Orange?", TEXT) == []  # case ignored
    assert unmentioned_names("Whom do Bingley's sisters mock?", TEXT) == []  # possessive
    assert unmentioned_names("What is Mr. Darcy's estate?", TEXT) == []


def test_names_the_text_never_uses_are_reported_word_by_word():
    assert unmentioned_names("Who is the captain of the Pequod?", TEXT) == ["Pequod"]
    assert unmentioned_names("Where does Leopold Bloom live?", TEXT) == ["Leopold", "Bloom"]
    # One word of a name is enough to miss: "Darcy" is there, "Fitzwilliam" is not.
    assert unmentioned_names("Whom does Fitzwilliam Darcy marry?", TEXT) == ["Fitzwilliam"]
    # A name inside a longer word is not a mention.
    assert unmentioned_names("Who is Pember?", TEXT) == ["Pember"]
