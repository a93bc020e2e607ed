"""A panel that is not built yet says so plainly."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget


class PlaceholderPanel(QWidget):
    def __init__(self, promise: str, parent: QWidget | None = None):
        super().__init__(parent)
        body = QLabel(
            self.tr("Not ready yet.") + "\n\n" + promise + "\n\n" + self.tr("The panel itself is still being built; the status bar shows the model it will use."),
            self,
        )
        body.setObjectName("panelPlaceholder")
        body.setWordWrap(True)
        body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(body, 1)
