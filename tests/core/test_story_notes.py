import pytest

from writer_app.core.story_notes import StoryNotesStore

pytestmark = pytest.mark.core


def test_notes_round_trip_per_manuscript(tmp_path):
    store = StoryNotesStore(tmp_path / "notes")
    novel, other = tmp_path / "novel.md", tmp_path / "other.md"
    assert store.load(novel) == "" and store.load(None) == ""
    store.save(novel, "Elizabeth: sharp, proud.\nSetting: Hertfordshire, 1811.")
    assert store.load(novel).startswith("Elizabeth")
    assert store.load(other) == ""
    store.save(novel, "  ")
    assert store.load(novel) == "" and list((tmp_path / "notes").iterdir()) == []


def test_unreadable_notes_are_not_fatal(tmp_path):
    store = StoryNotesStore(tmp_path)
    novel = tmp_path / "novel.md"
    store.save(novel, "x")
    next(tmp_path.glob("*.json")).write_text("{broken")
    assert store.load(novel) == ""
