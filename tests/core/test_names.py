from __future__ import annotations

import pytest

from writer_app.core.names import CaseCounts, fold, main_names, name_spans

pytestmark = pytest.mark.core

TEXT = (
    "The morning came. Mr. Darcy rode out with Bingley. Darcy said nothing; Bingley laughed. "
    "The rain fell on Lady Catherine de Bourgh's carriage. But Fitzwilliam Darcy was silent, and "
    "Lady Catherine de Bourgh spoke. Natásha waved once. The end."
)


def names_in(text: str) -> list[str]:
    cases = CaseCounts(text)
    return [text[start:end] for start, end in name_spans(text, cases)]


def test_names_keep_titles_and_particles_and_drop_possessives():
    found = names_in(TEXT)
    assert "Mr. Darcy" in found
    assert "Lady Catherine de Bourgh" in found  # the possessive one, without its 's
    assert "Fitzwilliam Darcy" in found and "Natásha" in found


def test_sentence_openers_are_not_names():
    found = names_in(TEXT)
    assert not any(name.split()[0] in ("The", "But") for name in found)


def test_main_names_merge_forms_of_one_name():
    cases = CaseCounts(TEXT)
    top = main_names(TEXT, cases, count=3)
    assert top[0] == "Bingley" or top[0] in ("Mr. Darcy", "Darcy", "Fitzwilliam Darcy")
    # Mr. Darcy, Darcy and Fitzwilliam Darcy are one name mentioned three times.
    assert sum(name.endswith("Darcy") for name in top) == 1
    assert "Natásha" not in top  # mentioned once


def test_main_names_of_a_range():
    cases = CaseCounts(TEXT)
    start = TEXT.index("The rain")
    assert main_names(TEXT, cases, start, len(TEXT), count=1) == ["Lady Catherine de Bourgh"]


def test_fold_ignores_case_accents_and_curly_apostrophes():
    assert fold("Natásha’s  ROSTÓV") == "natasha's rostov"


def test_initials_and_interjections_are_not_main_names():
    text = "O, Stephen said. O, Stephen wept. J. J. O'Molloy came. J. J. O'Molloy left. O, the sea."
    top = main_names(text, CaseCounts(text), count=4)
    assert top == ["Stephen", "O'Molloy"]
    assert all(len(name.strip(".")) > 1 for name in top)
