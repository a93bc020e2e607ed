"""Small modal questions and messages, built as QMessageBox instances so tests can answer them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, title: str, text: str, details: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    if details:
        box.setDetailedText(details)
    box.exec()


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
    answer = buttons(box.exec())
    return {buttons.Save: "save", buttons.Discard: "discard"}.get(answer, "cancel")


def ask_choice(
    parent: QWidget | None, title: str, text: str, informative: str, choices: list[tuple[str, str]]
) -> str | None:
    """A question with one button per choice, (key, label); None when cancelled."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(informative)
    keys = {}
    for key, label in choices:
        keys[box.addButton(label, QMessageBox.ButtonRole.AcceptRole)] = key
    box.setDefaultButton(next(iter(keys)))
    box.exec()
    return keys.get(box.clickedButton())
