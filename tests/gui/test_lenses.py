"""The Surprise lens and Next word on the real window with tiny models."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from tests.gui.conftest import MANUSCRIPT
from writer_app.gui.next_word import joined
from writer_app.gui.text_positions import document_positions

pytestmark = pytest.mark.gui


def put_cursor(window, index):
    cursor = window.editor.textCursor()
    cursor.setPosition(index)
    window.editor.setTextCursor(cursor)


def next_word_menu(window, qtbot, at):
    """The Next word menu at *at*, once its choices came."""
    put_cursor(window, at)
    handle = window.next_word.ask()
    with qtbot.waitSignal(handle.sig_ended, timeout=120000):
        pass
    return window.next_word.menu


def test_surprise_tints_the_chapter_lists_its_marks_and_rescores_an_edited_paragraph(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["surprise"].widget()
    chapter_two, chapter_three = MANUSCRIPT.index("# Chapter 2"), MANUSCRIPT.index("# Chapter 3")
    put_cursor(window, chapter_two + 300)
    assert panel.scope() == (chapter_two, chapter_three)
    window.action_surprise.trigger()
    qtbot.waitUntil(lambda: not panel.busy, timeout=120000)
    words = list(panel.words)
    assert words, panel.status_label.text()
    assert all(chapter_two <= w.start and w.end <= chapter_three for w in words)
    assert "Perplexity" in panel.status_label.text()
    # Tints: every word at or above the threshold, and every predictable run.
    panel.threshold.setValue(4)
    marked = sum(w.bits >= 4 for w in words) + len(panel.runs)
    assert len(window.editor._layers["surprise"]) == marked > 0
    panel.threshold.setValue(24)
    high = sum(w.bits >= 24 for w in words) + len(panel.runs)
    assert len(window.editor._layers["surprise"]) == high
    # One bar a paragraph of the chapter, and the chapter's point on the curve.
    paragraphs = [p for p in MANUSCRIPT[chapter_two:chapter_three].split("\n\n") if p.strip()]
    assert len(panel.paragraph_strip.values) == len(paragraphs)
    assert panel.chapter_curve.values[1] is not None and panel.chapter_curve.values[2] is None
    # A listed word is shown in the text when clicked, and can be set aside for good.
    if panel.surprising_list.count():
        item = panel.surprising_list.item(0)
        panel._show_item(item)
        start, end = item.data(Qt.ItemDataRole.UserRole)
        assert window.editor.textCursor().selectedText() == MANUSCRIPT[start:end]
        item.setSelected(True)
        before = panel.surprising_list.count()
        panel.ignore_selected()
        assert panel.surprising_list.count() == before - 1
        assert MANUSCRIPT[start:end].lower() in window.lenses.ignored
        assert window.lenses.flush()
        window.lenses.load_for(window.path)  # as when the manuscript is opened again
        assert MANUSCRIPT[start:end].lower() in window.lenses.ignored
    # Hovering a word tells its bits and what was expected.
    word = words[len(words) // 2]
    cursor = window.editor.textCursor()
    cursor.setPosition(word.start + 1)
    window.editor.setTextCursor(cursor)
    window.editor.ensureCursorVisible()
    rect = window.editor.cursorRect()
    event = QHelpEvent(QEvent.Type.ToolTip, rect.center(), window.editor.viewport().mapToGlobal(rect.center()))
    assert panel.eventFilter(window.editor.viewport(), event)
    assert "bits" in QToolTip.text()
    QToolTip.hideText()
    # An edit drops the touched word's score at once; the others move with the text.
    cursor.insertText("x")
    assert panel.word_at(word.start + 1) is None
    after = next(w for w in words if w.start > word.end + 200)
    moved = panel.word_at(after.start + 1)
    assert moved is not None and (moved.start, moved.bits) == (after.start + 1, after.bits)
    # When the writer pauses, the edited paragraph is read again (and only it).
    qtbot.waitUntil(lambda: panel.word_at(word.start + 1) is not None and not panel.busy, timeout=120000)
    assert panel.word_at(after.start + 1) == moved
    assert len(panel.words) == len(words)


def test_next_word_offers_choices_at_the_cursor_and_types_the_chosen_one(app_window, qtbot):
    app, window = app_window
    at = MANUSCRIPT.index("single man") + len("single")
    menu = next_word_menu(window, qtbot, at)
    assert menu is not None
    choices = [action for action in menu.actions() if "\t" in action.text()]  # "word<tab>probability"
    assert 0 < len(choices) <= 20 and menu.actions()[-1].text().startswith("Branch")
    word = choices[0].text().split("\t")[0]
    menu.close()
    window.next_word.choose(word)
    assert window.editor.text()[at:].startswith(joined(MANUSCRIPT[:at], word))
    window.editor.undo()
    assert window.editor.text() == MANUSCRIPT  # one undo step
    if window.next_word.handle is not None:
        window.next_word.handle.abandon()


def test_joining_and_positions():
    assert joined("a single", "man") == " man" and joined("a single ", "man") == "a single "[:0] + "man"
    assert joined("said", ",") == ","
    assert document_positions("aé😀b", [0, 2, 3, 4]) == {0: 0, 2: 2, 3: 4, 4: 5}


def test_measuring_the_chapters_draws_a_point_for_each_and_keeps_them(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["surprise"].widget()
    panel.measure_chapters()
    qtbot.waitUntil(lambda: not panel.busy and not panel._measure_queue, timeout=180000)
    values = panel.chapter_curve.values
    assert len(values) == len(window.panel_context.chapter_starts()) and all(v is not None and v > 1 for v in values)
    # Measured once: asking again has nothing left to do.
    assert panel.measure_chapters() is None and "Every chapter" in panel.status_label.text()
    # Clicking a point goes to its chapter.
    panel.chapter_curve.sig_clicked.emit(2)
    assert window.editor.textCursor().position() == MANUSCRIPT.index("# Chapter 3")


def test_branch_writes_a_short_continuation_from_each_of_the_first_next_words(app_window, qtbot):
    app, window = app_window
    at = MANUSCRIPT.index("single man") + len("single")
    menu = next_word_menu(window, qtbot, at)
    branch = next(action for action in menu.actions() if action.text().startswith("Branch"))
    words = [action.text().split("\t")[0] for action in menu.actions()[:3]]
    menu.close()
    panel = window.panel_docks["continue"].widget()
    branch.trigger()
    qtbot.waitUntil(lambda: not panel.busy, timeout=120000)
    texts = [
        panel.alternatives_list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(panel.alternatives_list.count())
    ]
    starts = [joined(MANUSCRIPT[:at], word) for word in words]
    # One branch from each word (the list may order them by the model's confidence).
    assert sorted(next(s for s in starts if text.startswith(s)) for text in texts) == sorted(starts)
    assert window.editor.text() == MANUSCRIPT  # nothing typed until one is chosen


def test_a_model_that_cannot_score_greys_the_lens_and_says_why(app_window, qtbot):
    from writer_app.core.results import Failure

    app, window = app_window
    panel = window.panel_docks["surprise"].widget()
    reason = "studio does not return the log-probabilities of a given text."
    panel.on_failed(Failure(reason, kind="unsupported"))
    assert not panel.primary_button.isEnabled() and not panel.measure_button.isEnabled()
    assert panel.primary_button.toolTip() == reason and panel.status_label.text() == reason
    panel._unsupported.clear()  # another model chosen
    panel.on_busy_changed(False)
    assert panel.primary_button.isEnabled()


def test_words_typed_while_the_chapter_is_read_are_read_next(app_window, qtbot):
    app, window = app_window
    panel = window.panel_docks["surprise"].widget()
    chapter_two = MANUSCRIPT.index("# Chapter 2")
    at = MANUSCRIPT.index("\n\n", chapter_two + 400) + 2  # the start of a paragraph in chapter 2
    put_cursor(window, at)
    panel.look()
    window.editor.textCursor().insertText("Meanwhile ")  # before the result comes back
    qtbot.waitUntil(lambda: not panel.busy and bool(panel.words), timeout=120000)
    # The chapter's words were moved past the insertion, and the typed word is scored next.
    qtbot.waitUntil(lambda: panel.word_at(at + 1) is not None and not panel.busy, timeout=120000)
    assert window.editor.text()[at : at + 9] == "Meanwhile"
    window.editor.undo()
