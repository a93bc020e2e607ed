"""File ▸ Export…: the manuscript as DOCX, ODT, EPUB or PDF, written off the GUI thread with progress.

The text is taken when Export is pressed; the writer can go on typing while
the file is written. A failure leaves no file behind (``documents.export``)
and says why.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from writer_app.documents.export import SUFFIXES, ExportFailed, export_file
from writer_app.documents.options import FONTS, ExportOptions


class _ExportJob(QObject):
    """Runs one export on a worker thread; its signals arrive queued on the GUI thread."""

    sig_progress = Signal(float)
    sig_finished = Signal(str)  # the file written
    sig_failed = Signal(str)  # why not

    def start(self, text: str, fmt: str, out: str, options: ExportOptions) -> None:
        def run() -> None:
            try:
                export_file(text, fmt, out, options, self.sig_progress.emit)
            except ExportFailed as exc:
                self.sig_failed.emit(str(exc))
            except Exception as exc:  # a library's own error on an odd text: said, never a crash
                self.sig_failed.emit(f"The export failed: {exc}")
            else:
                self.sig_finished.emit(out)

        threading.Thread(target=run, name="inkwell-export", daemon=True).start()


class ExportDialog(QDialog):
    FORMAT_LABELS = {
        "docx": "Word document (.docx)",
        "odt": "OpenDocument text (.odt)",
        "epub": "E-book (.epub)",
        "pdf": "PDF (.pdf)",
    }

    def __init__(self, text: str, options: ExportOptions, fmt: str, out: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export"))
        self._text = text
        self.written: str | None = None
        self.job: _ExportJob | None = None
        self.format_box = QComboBox(self)
        for key, label in self.FORMAT_LABELS.items():
            self.format_box.addItem(self.tr(label), key)
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(fmt)))
        self.layout_box = QComboBox(self)
        self.layout_box.addItem(self.tr("Standard manuscript format (for agents and publishers)"), "manuscript")
        self.layout_box.addItem(self.tr("Plain (the text with light styling)"), "plain")
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(options.layout)))
        self.font_box = QComboBox(self)
        self.font_box.addItems(list(FONTS))
        self.font_box.setCurrentText(options.font)
        self.title_edit = QLineEdit(options.title, self)
        self.author_edit = QLineEdit(options.author, self)
        self.contact_edit = QPlainTextEdit("\n".join(options.contact), self)
        self.contact_edit.setPlaceholderText(self.tr("Address, e-mail, telephone: one a line (title page)"))
        self.contact_edit.setFixedHeight(self.contact_edit.fontMetrics().lineSpacing() * 4 + 12)
        self.out_edit = QLineEdit(out, self)
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._browse)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format_box)
        form.addRow(self.tr("Layout"), self.layout_box)
        form.addRow(self.tr("Font"), self.font_box)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Author"), self.author_edit)
        form.addRow(self.tr("Contact"), self.contact_edit)
        form.addRow(self.tr("Save as"), out_row)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.format_box.currentIndexChanged.connect(self._on_format_changed)
        self._on_format_changed()

    def fmt(self) -> str:
        return self.format_box.currentData()

    def options(self) -> ExportOptions:
        contact = tuple(line.strip() for line in self.contact_edit.toPlainText().splitlines() if line.strip())
        return ExportOptions(
            title=self.title_edit.text().strip(),
            author=self.author_edit.text().strip(),
            contact=contact,
            layout=self.layout_box.currentData(),
            font=self.font_box.currentText(),
        )

    def _on_format_changed(self) -> None:
        epub = self.fmt() == "epub"
        for widget in (self.layout_box, self.font_box, self.contact_edit):
            widget.setEnabled(not epub)  # an e-book's reader app chooses its own layout and font
        out = self.out_edit.text().strip()
        if out:
            self.out_edit.setText(str(Path(out).with_suffix(SUFFIXES[self.fmt()])))

    def _browse(self) -> None:
        suffix = SUFFIXES[self.fmt()]
        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Export as"), self.out_edit.text(), f"{self.format_box.currentText()} (*{suffix})"
        )
        if path:
            self.out_edit.setText(path if path.endswith(suffix) else path + suffix)

    def export(self) -> None:
        out = self.out_edit.text().strip()
        if not out:
            self.status.setText(self.tr("Choose where to save the export first."))
            return
        self.export_button.setEnabled(False)
        self.progress.setValue(0)
        self.progress.show()
        self.status.setText(self.tr("Exporting…"))
        self.job = _ExportJob(self)
        self.job.sig_progress.connect(lambda fraction: self.progress.setValue(int(fraction * 100)))
        self.job.sig_finished.connect(self._on_finished)
        self.job.sig_failed.connect(self._on_failed)
        self.job.start(self._text, self.fmt(), out, self.options())

    def _on_finished(self, out: str) -> None:
        self.written = out
        self.accept()

    def _on_failed(self, reason: str) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText(reason)
