import pytest
from hypothesis import given
from hypothesis import strategies as st

from writer_app.core.codex import (
    CODEX_HEADING,
    CodexEntry,
    chapter_at,
    codex_block,
    entries_from_records,
    entry_from_suggestion,
    merged,
    snippets_for,
    split_aliases,
    versions_in_force,
)
from writer_app.core.codex_store import CodexStore
from writer_app.core.manuscript_records import opening_signature

pytestmark = pytest.mark.core

ELIZABETH = CodexEntry("Elizabeth Bennet", aliases=("Lizzy", "Eliza"), description="Second daughter, quick-witted.")
DARCY = CodexEntry("Mr. Darcy", aliases=("Darcy",), description="Proud owner of Pemberley.")
PEMBERLEY = CodexEntry("Pemberley", kind="place", description="Darcy's estate in Derbyshire.")
STYLE = CodexEntry("Voice", kind="style", description="Ironic narrator, free indirect speech.", always=True)

TEXT = (
    "Chapter 1\n\nIt is a truth universally acknowledged. Lizzy laughed at the idea.\n\n"
    "Chapter 2\n\nMr. Darcy walked to the window. Nobody spoke.\n\n"
    "Chapter 3\n\nThe will was read. Everyone waited."
)


def test_entries_named_near_the_cursor_are_sent_always_ones_first():
    cursor = TEXT.index("Nobody")
    snippets = snippets_for([ELIZABETH, DARCY, PEMBERLEY, STYLE], TEXT, cursor)
    assert [s.name for s in snippets] == ["Voice", "Mr. Darcy", "Elizabeth Bennet"]  # Darcy named last, nearest
    assert "Pemberley" not in [s.name for s in snippets]  # named nowhere near
    far = snippets_for([ELIZABETH, DARCY], TEXT, cursor, near_chars=40)
    assert [s.name for s in far] == ["Mr. Darcy"]


def test_a_selection_sends_the_entries_it_names():
    start = TEXT.index("Lizzy")
    snippets = snippets_for([DARCY, ELIZABETH], TEXT, start, start + 5, near_chars=0)
    assert [s.name for s in snippets] == ["Elizabeth Bennet"]


def test_names_match_whole_words_and_capitals():
    will = CodexEntry("Will", description="The gardener.")
    assert snippets_for([will], TEXT, len(TEXT)) == []  # "will" in "The will was read" is no name
    assert snippets_for([CodexEntry("Lizz")], TEXT, len(TEXT)) == []
    lower = CodexEntry("the ring", kind="object")
    assert snippets_for([lower], "She took The Ring.", 18) != []


def test_the_block_keeps_codex_order_and_the_budget():
    snippets = snippets_for([ELIZABETH, DARCY, STYLE], TEXT, len(TEXT))
    block, names, tokens = codex_block(snippets, budget_tokens=1000)
    assert block.startswith(CODEX_HEADING)
    lines = block.splitlines()[1:]
    heads = [line.split(",")[0] for line in lines]
    assert heads == ["- Elizabeth Bennet (also Lizzy", "- Mr. Darcy (also Darcy)", "- Voice"]
    assert set(names) == {"Elizabeth Bennet", "Mr. Darcy", "Voice"} and tokens > 0
    # A tight budget keeps the most important (always first, then nearest) and drops the rest.
    small, names, used = codex_block(snippets, budget_tokens=tokens - 5)
    assert "Voice" in names and len(names) == 2 and used <= tokens - 5
    assert codex_block(snippets, budget_tokens=5) == ("", [], 0)
    assert codex_block([], budget_tokens=500) == ("", [], 0)


@given(st.lists(st.integers(min_value=1, max_value=60), max_size=12), st.integers(min_value=5, max_value=400))
def test_the_block_never_exceeds_its_budget(lengths, budget):
    snippets = snippets_for(
        [CodexEntry(f"Name{i}", description="x" * n, always=True) for i, n in enumerate(lengths)], "", 0
    )
    block, names, tokens = codex_block(snippets, budget_tokens=budget)
    assert tokens <= budget
    assert len(names) == (block.count("\n") if block else 0)


def test_a_later_version_supersedes_from_its_chapter():
    married = ELIZABETH.later_version(3)
    married = CodexEntry.from_dict({**married.to_dict(), "description": "Mrs. Darcy now, mistress of Pemberley."})
    entries = [ELIZABETH, married]
    assert versions_in_force(entries, 1) == [ELIZABETH]
    assert versions_in_force(entries, 3) == [married]
    assert versions_in_force(entries, 9) == [married]
    starts = [0, TEXT.index("Chapter 2"), TEXT.index("Chapter 3")]
    assert chapter_at(starts, 5) == 1 and chapter_at(starts, len(TEXT)) == 3 and chapter_at([], 10) == 0
    lizzy_in_3 = TEXT + " Lizzy smiled."
    [snippet] = snippets_for(entries, lizzy_in_3, len(lizzy_in_3))
    assert "Mrs. Darcy now" in snippet.text
    [snippet] = snippets_for(entries, lizzy_in_3, TEXT.index("Lizzy") + 6)
    assert "Second daughter" in snippet.text


def test_merging_and_records():
    both = merged(DARCY, [CodexEntry("Fitzwilliam Darcy", description="Of Pemberley."), CodexEntry("Darcy")])
    assert both.name == "Mr. Darcy" and both.aliases == ("Darcy", "Fitzwilliam Darcy")
    assert "Of Pemberley." in both.description and both.id == DARCY.id
    assert split_aliases("Lizzy, Eliza; Miss Eliza\nLizzy") == ("Lizzy", "Eliza", "Miss Eliza")
    records = [ELIZABETH.to_dict(), {"name": ""}, "junk", {"name": "X", "kind": "dragon", "aliases": "a, b"}]
    restored = entries_from_records(records)
    assert restored[0] == ELIZABETH
    assert restored[1].kind == "lore" and restored[1].aliases == ("a", "b")
    assert entries_from_records({"not": "a list"}) == []
    suggestion = {"name": "Pequod", "kind": "other", "aliases": ["the Pequod"], "description": "A ship."}
    assert entry_from_suggestion(suggestion).kind == "lore"


def test_the_codex_is_stored_per_manuscript_and_follows_a_move(tmp_path):
    store = CodexStore(tmp_path / "codex")
    novel = tmp_path / "drafts" / "novel.md"
    novel.parent.mkdir()
    text = "It was a dark and stormy night; the rain fell in torrents, except at occasional intervals. " * 3
    novel.write_text(text)
    opening = opening_signature(text)
    store.save(novel, [ELIZABETH, DARCY], opening)
    assert store.load(novel) == [ELIZABETH, DARCY]
    assert store.load(tmp_path / "other.md", opening_signature("Something else entirely. " * 10)) == []
    # Renamed and moved outside Inkwell: found by its opening, and kept under the new name.
    moved = tmp_path / "final" / "The Storm.md"
    moved.parent.mkdir()
    novel.rename(moved)
    assert store.load(moved, opening) == [ELIZABETH, DARCY]
    assert len(list((tmp_path / "codex").iterdir())) == 1
    assert store.load(moved) == [ELIZABETH, DARCY]
    store.save(moved, [])
    assert list((tmp_path / "codex").iterdir()) == []


def test_a_deleted_drafts_codex_does_not_pass_to_another_file_of_that_name(tmp_path):
    store = CodexStore(tmp_path / "codex")
    first = tmp_path / "a" / "draft.md"
    store.save(first, [DARCY], opening_signature("The first novel opens with a storm at sea and a ship. " * 3))
    other = tmp_path / "b" / "draft.md"
    assert store.load(other, opening_signature("A different book opens in a quiet village garden. " * 3)) == []
    assert store.load(other) == [DARCY]  # too short to tell by its opening: the name decides


def test_opening_signature_ignores_spacing_and_needs_some_text():
    text = "Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse."
    assert opening_signature(text) == opening_signature(text.replace(" ", "\n  "))
    assert opening_signature("Short.") == ""
