import os
import stat

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


@pytest.mark.reliability
def test_notes_are_readable_by_this_user_only(tmp_path):
    folder = tmp_path / "story-notes"
    store = StoryNotesStore(folder)
    store.save(tmp_path / "novel.md", "The twist: the butler did it.")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    [notes] = folder.iterdir()
    assert stat.S_IMODE(notes.stat().st_mode) == 0o600


@pytest.mark.reliability
def test_notes_folder_of_an_older_version_is_tightened(tmp_path):
    folder = tmp_path / "story-notes"
    folder.mkdir()
    os.chmod(folder, 0o755)
    StoryNotesStore(folder).save(tmp_path / "novel.md", "Chapter plan")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
