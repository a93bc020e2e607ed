"""Shows a model's terms of use; the model is used only after the writer accepts them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget


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
        intro.setWordWrap(True)
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
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
