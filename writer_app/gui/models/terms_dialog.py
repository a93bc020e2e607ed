"""Shows a model's terms of use; the model is used only after the writer accepts them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget


class _TermsBrowser(QTextBrowser):
    """Shows the terms file's HTML and nothing else: it never loads files, images or pages it names."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setOpenLinks(False)  # links come to _on_anchor_clicked, never to setSource
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)

    def loadResource(self, kind: int, _name: QUrl):
        # Never None: Qt would then read the file (or an image) itself.
        if kind == QTextDocument.ResourceType.ImageResource.value:
            blank = QImage(1, 1, QImage.Format.Format_ARGB32)
            blank.fill(0)
            return blank
        return QByteArray()

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https") and url.host():
            QDesktopServices.openUrl(url)  # the writer clicked it: their own browser opens it
        elif not url.scheme() and not url.path() and url.fragment():
            self.scrollToAnchor(url.fragment())
        # Anything else (local files, relative pages) is not followed.


class TermsDialog(QDialog):
    def __init__(self, model_name: str, terms_file: Path | None, licence: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Terms of use: {name}").format(name=model_name))
        self.resize(640, 560)
        intro = QLabel(
            self.tr("{name} is distributed under the {licence}. Read them and accept to use the model.").format(
                name=model_name, licence=licence
            ),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)  # the name and licence may come from the writer's models.toml
        intro.setWordWrap(True)
        self.browser = _TermsBrowser(self)
        if terms_file is not None and terms_file.is_file():
            self.browser.setHtml(terms_file.read_text(encoding="utf-8", errors="replace"))
        else:
            self.browser.setPlainText(
                self.tr("The terms file is missing from the model's package. Reinstall the package to read them.")
            )
        buttons = QDialogButtonBox(self)
        self.accept_button = buttons.addButton(self.tr("I &Accept"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.decline_button = buttons.addButton(self.tr("&Decline"), QDialogButtonBox.ButtonRole.RejectRole)
        self.accept_button.setEnabled(terms_file is not None and terms_file.is_file())
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
