"""Small modal questions and messages, built as QMessageBox instances so tests can answer them.

Every text is shown as plain text: file names, chapter titles, model output and error
messages may hold "<" and "&", and Qt would otherwise render text that looks like HTML.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget


def _exec_plain(box: QMessageBox) -> int:
    """Run *box* with its text and informative text as plain text; returns what exec() returns."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    # Qt 6.12 passes the format on to the informative text's label, but that is not promised for every
    # version we allow (PySide6 >= 6.8): set every label, and keep its external links off.
    for label in box.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setOpenExternalLinks(False)
    return box.exec()


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    _exec_plain(box)


def ask_save_changes(parent: QWidget | None, document_name: str) -> str:
    """Returns "save", "discard" or "cancel"."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("Dialogs", "Unsaved changes"),
        QCoreApplication.translate("Dialogs", "Do you want to save the changes to “{name}”?").format(
            name=document_name
        ),
        buttons.Save | buttons.Discard | buttons.Cancel,
        parent,
    )
    box.setInformativeText(
        QCoreApplication.translate("Dialogs", "If you don't save, your changes since the last save will be lost.")
    )
    box.setDefaultButton(buttons.Save)
    box.setEscapeButton(buttons.Cancel)
    answer = buttons(_exec_plain(box))
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")


def ask_choice(
    parent: QWidget | None,
    title: str,
    text: str,
    informative: str,
    choices: list[tuple[str, str]],
    cancel_is_default: bool = False,
) -> str | None:
    """A question with one button per choice, (key, label); None when cancelled.

    Enter picks the first choice, or Cancel when *cancel_is_default* (for choices that destroy something).
    """
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(informative)
    keys = {}
    for key, label in choices:
        keys[box.addButton(label, QMessageBox.ButtonRole.AcceptRole)] = key
    if cancel_is_default:
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    else:
        box.setDefaultButton(next(iter(keys)))
    _exec_plain(box)
    return keys.get(box.clickedButton())
