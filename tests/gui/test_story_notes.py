"""Story notes: one model per window, saved per manuscript, never under the wrong manuscript."""

from __future__ import annotations

import pytest

from writer_app.core.story_notes import StoryNotesStore
from writer_app.gui.story_notes import StoryNotes

pytestmark = pytest.mark.gui


@pytest.fixture
def store(tmp_path):
    return StoryNotesStore(tmp_path / "notes")


def test_edits_are_saved_after_a_pause(qapp, qtbot, store, tmp_path):
    notes = StoryNotes(store)
    novel = tmp_path / "novel.md"
    notes.load_for(novel)
    notes.set_text("Anna is afraid of the sea.")
    assert store.load(novel) == ""  # not at every keystroke
    qtbot.waitUntil(lambda: store.load(novel) == "Anna is afraid of the sea.", timeout=3000)


def test_switching_manuscripts_saves_the_notes_under_the_one_they_belong_to(qapp, store, tmp_path):
    notes = StoryNotes(store)
    first, second = tmp_path / "first.md", tmp_path / "second.md"
    notes.load_for(first)
    notes.set_text("Notes of the first book.")
    notes.load_for(second)  # at once: the save delay has not passed
    assert store.load(first) == "Notes of the first book."
    assert store.load(second) == "" and notes.text == ""


def test_an_untitled_manuscripts_notes_wait_for_its_first_save(qapp, store, tmp_path):
    notes = StoryNotes(store)
    notes.load_for(None)
    notes.set_text("A working title: The Quay.")
    assert notes.flush() and list((tmp_path / "notes").glob("*")) == []
    saved_as = tmp_path / "quay.md"
    notes.attach_to(saved_as)
    assert store.load(saved_as) == "A working title: The Quay."


def test_appending_and_announcing(qapp, store):
    notes = StoryNotes(store)
    heard = []
    notes.sig_changed.connect(heard.append)
    notes.append("Summary: one.")
    notes.append("Summary: two.")
    assert notes.text == "Summary: one.\n\nSummary: two." and heard[-1] == notes.text


def test_a_failed_save_is_reported_and_the_notes_are_kept(qapp, store, tmp_path, monkeypatch):
    notes = StoryNotes(store)
    notes.load_for(tmp_path / "novel.md")
    notes.set_text("Precious notes.")
    reasons = []
    notes.sig_save_failed.connect(reasons.append)

    def full_disk(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store, "save", full_disk)
    assert notes.flush() is False
    assert reasons == ["No space left on device"] and notes.text == "Precious notes."
    monkeypatch.undo()
    assert notes.flush() and store.load(tmp_path / "novel.md") == "Precious notes."
