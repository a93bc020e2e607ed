"""Converting a DOCX, ODT or EPUB manuscript to Markdown on a thread, saved as a new file beside the original."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from writer_app.core.atomic import atomic_write_bytes
from writer_app.documents.importing import ImportFailed, import_markdown


class DocumentImport(QObject):
    sig_finished = Signal(str)  # the Markdown file written
    sig_failed = Signal(str)  # why not, for the writer

    def __init__(self, source: Path, target: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.source, self.target = source, target

    def start(self) -> None:
        threading.Thread(target=self._run, name="inkwell-import", daemon=True).start()

    def _run(self) -> None:
        try:
            text = import_markdown(self.source)
            if self.target.exists():  # appeared meanwhile: never replaced
                raise ImportFailed(f"{self.target.name} appeared meanwhile; import {self.source.name} again.")
            atomic_write_bytes(self.target, text.encode("utf-8"))
        except ImportFailed as exc:
            self.sig_failed.emit(str(exc))
        except OSError as exc:
            self.sig_failed.emit(f"Could not save {self.target.name}: {exc.strerror or exc}.")
        else:
            self.sig_finished.emit(str(self.target))
