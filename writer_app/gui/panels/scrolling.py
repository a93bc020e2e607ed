"""Panels scroll rather than push the window taller than the screen (or than the size the writer chose)."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget


def scroll_contents(panel: QWidget) -> QVBoxLayout:
    """Give *panel* a scrolling content area; returns the layout to fill."""
    content = QWidget(panel)
    layout = QVBoxLayout(content)
    scroll = QScrollArea(panel)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setWidget(content)
    outer = QVBoxLayout(panel)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return layout
