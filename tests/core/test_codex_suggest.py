"""Codex suggestions from a manuscript: names merged with their short forms, families kept apart, kinds, evidence."""

from __future__ import annotations

import pytest

from writer_app.core.codex_suggest import suggest_entries

pytestmark = pytest.mark.core

STORY = """Chapter 1

Mr. Harlow was a tall man with a grey coat. "We leave on Monday," said Mr. Harlow. Harlow smiled.
Mrs. Harlow looked at him. "Not on Monday," said Mrs. Harlow. Harlow sighed, and Mrs. Harlow laughed.

Marian Vell walked to Port Ellis that morning. Marian carried bread. In Port Ellis the gulls cried.
"Good bread," said Marian. Marian sold it all at Port Ellis before noon.

Chapter 2

From Port Ellis the road ran north. Mr. Harlow met Marian at the gate. "Monday, then," said Marian.
Harlow nodded. Later Harlow went back to Port Ellis, and Marian went home. Mrs. Harlow waited.
"""


def by_name(entries):
    return {entry.name: entry for entry in entries}


def test_short_forms_join_their_entry_and_a_family_stays_apart():
    entries = by_name(suggest_entries(STORY))
    assert "Harlow" in entries["Mr. Harlow"].aliases  # the bare surname is the man's
    assert "Mrs. Harlow" in entries and "Mrs. Harlow" not in entries["Mr. Harlow"].aliases
    assert "Marian" in entries["Marian Vell"].aliases
    assert entries["Mr. Harlow"].mentions == STORY.count("Harlow") - STORY.count("Mrs. Harlow")


def test_kinds_come_from_how_the_text_uses_a_name():
    entries = by_name(suggest_entries(STORY))
    assert entries["Mr. Harlow"].kind == "character" and entries["Marian Vell"].kind == "character"
    assert entries["Port Ellis"].kind == "place"


def test_calendar_and_structure_words_are_not_entries():
    names = {entry.name for entry in suggest_entries(STORY)}
    assert not names & {"Monday", "Chapter", "Good", "Later", "From", "In"}


def test_first_use_chapters_and_a_describing_sentence():
    entry = by_name(suggest_entries(STORY))["Mr. Harlow"]
    assert STORY[entry.first[0] : entry.first[1]] == "Mr. Harlow" and entry.first[0] == STORY.index("Mr. Harlow")
    assert entry.chapters == [1, 2]
    assert entry.description.startswith("Mr. Harlow was a tall man")
    start, end = entry.evidence[0]
    assert STORY[start:end].startswith("Mr. Harlow was a tall man")


def test_entries_come_most_mentioned_first_with_companions():
    entries = suggest_entries(STORY)
    counts = [entry.mentions for entry in entries]
    assert counts == sorted(counts, reverse=True)
    assert "Mrs. Harlow" in by_name(entries)["Mr. Harlow"].appears_with


def test_an_empty_or_nameless_text_gives_no_entries():
    assert suggest_entries("") == []
    assert suggest_entries("the rain fell and fell on the quiet roofs.\n" * 20) == []


def test_a_first_name_joins_the_forms_of_one_person_together_and_the_fullest_names_it():
    story = (
        "Elizabeth Bennet walked out. Elizabeth laughed. Elizabeth ran. Elizabeth read. Elizabeth sang.\n"
        "Miss Elizabeth smiled. Miss Elizabeth Bennet bowed. Elizabeth Bennet sat. Miss Elizabeth wrote.\n"
        "Elizabeth Bennet slept. Elizabeth woke. Miss Elizabeth Bennet left. Elizabeth waited.\n"
        "Miss Elizabeth Bennet came.\n"
        "A stranger called once: Lord Arthur Thomas Elizabeth Grey.\n"
    )
    [entry] = [e for e in suggest_entries(story) if "Elizabeth" in [e.name, *e.aliases]]
    assert entry.mentions == story.count("Elizabeth") - 1
    assert entry.name in ("Elizabeth Bennet", "Miss Elizabeth Bennet")
