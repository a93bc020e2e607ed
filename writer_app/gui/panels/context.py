"""What a writing panel may use, and nothing more: the manuscript, its story notes and Codex, requests, settings.

Panels never see the main window. The window builds one ``PanelContext``
and hands it to each panel it docks.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal

from writer_app.core.codex import CodexSnippet, chapter_starts, snippets_for
from writer_app.core.history import PROMPT_END_CHARS, HistoryEntry
from writer_app.core.requests import InferenceRequest
from writer_app.engine.catalog import ModelCatalog
from writer_app.gui.app_settings import AppSettings
from writer_app.gui.codex import Codex
from writer_app.gui.editor import ManuscriptEditor
from writer_app.gui.history import History
from writer_app.gui.lens_record import LensRecord
from writer_app.gui.models.hub import ModelHub
from writer_app.gui.story_notes import StoryNotes
from writer_app.service.handle import RequestHandle


class PanelContext(QObject):
    # Another document is replacing this one (emitted when it starts loading and again when it has
    # finished): results for the earlier text are stale and must not be accepted into the new one.
    sig_document_replaced = Signal()
    sig_models_idle = Signal()  # no request is running or queued

    def __init__(
        self,
        editor: ManuscriptEditor,
        notes: StoryNotes,
        codex: Codex,
        settings: AppSettings,
        models: ModelHub,
        is_loading: Callable[[], bool],
        parent: QObject | None = None,
        history: History | None = None,
        lenses: LensRecord | None = None,
    ):
        super().__init__(parent)
        self.editor = editor  # the manuscript's text, cursor and inline preview
        self.notes = notes
        self.codex = codex
        self.history = history  # everything the model wrote for this manuscript (None in a bare context)
        self.lenses = lenses  # what Surprise remembers: ignored passages, measured chapters (None: nothing kept)
        self.settings = settings
        self._models = models
        self._is_loading = is_loading
        self._handles: set[RequestHandle] = set()  # this window's requests that have not ended
        # The text and its chapters, kept until the next change of the document's contents (which
        # is signalled even while undo is off, as when a document is loaded or cleared).
        self._text_cache: str | None = None
        self._chapters_cache: list[int] | None = None
        editor.document().contentsChange.connect(self._forget_text)
        self.sig_document_replaced.connect(self._forget_text)
        models.sig_idle.connect(self.sig_models_idle)

    @property
    def catalog(self) -> ModelCatalog:
        return self._models.catalog

    @property
    def loading(self) -> bool:
        """True while a document is still being read into the editor: no request may use its text yet."""
        return self._is_loading()

    @property
    def models_busy(self) -> bool:
        return self._models.busy

    def _forget_text(self, *_change) -> None:
        self._text_cache = None
        self._chapters_cache = None

    def text(self) -> str:
        # Kept until the next edit: several panels read a long manuscript after each pause.
        if self._text_cache is None:
            self._text_cache = self.editor.text()
        return self._text_cache

    def chapter_starts(self) -> list[int]:
        """Where each chapter of ``text()`` starts (``core.chapters``), kept until the next edit."""
        if self._chapters_cache is None:
            self._chapters_cache = chapter_starts(self.text())
        return self._chapters_cache

    def cursor_index(self) -> int:
        """Where the cursor is (the end of the selection), as an index into ``text()``."""
        return self.editor.index_of(self.editor.textCursor().selectionEnd())

    def selection(self) -> tuple[int, int] | None:
        """The selection as ``(start, end)`` indices into ``text()``, or None."""
        cursor = self.editor.textCursor()
        if not cursor.hasSelection():
            return None
        text = self.editor.text()
        return self.editor.index_of(cursor.selectionStart(), text), self.editor.index_of(cursor.selectionEnd(), text)

    def codex_snippets(self, start: int, end: int | None = None, text: str | None = None) -> tuple[CodexSnippet, ...]:
        """The Codex entries that matter for a request at ``text()[start:end]`` (core.codex.snippets_for)."""
        entries = self.codex.entries
        if not entries:
            return ()
        if text is None or text == self.text():
            return tuple(snippets_for(entries, self.text(), start, end, starts=self.chapter_starts()))
        return tuple(snippets_for(entries, text, start, end))

    @staticmethod
    def history_entry(kind: str, text: str, result, settings: dict | None = None, read: str = "") -> HistoryEntry:
        """A history entry for *text* the model wrote for *result*, having read *read* (its end is kept)."""
        return HistoryEntry(
            kind=kind,
            text=text,
            model_id=getattr(result, "model_id", ""),
            settings=settings or {},
            prompt_end=read[-PROMPT_END_CHARS:],
        )

    def remember(self, *entries: HistoryEntry) -> list[str | None]:
        """Keep what the model wrote in the manuscript's history; each entry's id (None where none is kept)."""
        if self.history is None:
            return [None] * len(entries)
        ids = iter(self.history.record(*entries))
        return [next(ids) if entry.text.strip() else None for entry in entries]

    def accepted(self, entry_id: str | None, at: int) -> None:
        """The writer took the history entry *entry_id*, putting it at *at* in ``text()``."""
        if self.history is not None:
            self.history.accept(entry_id, at)

    def show_passage(self, start: int, end: int) -> None:
        """Select, highlight and scroll to ``text()[start:end]``."""
        self.editor.show_span(start, end)

    def submit(self, request: InferenceRequest) -> RequestHandle | None:
        """Queue *request*; None while the models have not started (say ``starting_message()`` then)."""
        handle = self._models.submit(request)
        if handle is not None and not handle.done:
            self._handles.add(handle)
            handle.sig_ended.connect(lambda: self._handles.discard(handle))
        return handle

    def stop_all(self) -> None:
        """The window closes: stop its requests, queued or running, and let their results go."""
        for handle in list(self._handles):
            handle.abandon()
        self._handles.clear()

    def starting_message(self) -> str:
        return self.tr("The models are still starting; try again in a moment.")
