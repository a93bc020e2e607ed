"""Light and dark themes: a palette from resources/themes/<name>.json plus shared QSS."""

from __future__ import annotations

import json
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from writer_app.resources import resource_path


@cache
def _palette_colors(name: str) -> dict[str, str]:
    return json.loads(resource_path("themes", f"{name}.json").read_text(encoding="utf-8"))


@cache
def _stylesheet() -> str:
    return resource_path("themes", "common.qss").read_text(encoding="utf-8")


def system_prefers_dark() -> bool:
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def effective_theme(choice: str) -> str:
    """ "light" or "dark" for a settings choice of "system", "light" or "dark"."""
    if choice in ("light", "dark"):
        return choice
    return "dark" if system_prefers_dark() else "light"


def build_palette(name: str) -> QPalette:
    palette = QPalette()
    for role_name, color in _palette_colors(name).items():
        role = getattr(QPalette.ColorRole, role_name)
        palette.setColor(role, QColor(color))
    # Disabled widgets: the same colours, faded.
    faded = QColor(_palette_colors(name)["WindowText"])
    faded.setAlphaF(0.45)
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, faded)
    return palette


def apply_theme(app: QApplication, choice: str) -> str:
    """Apply a theme choice to the whole application; returns the effective theme."""
    name = effective_theme(choice)
    app.setStyle("Fusion")
    app.setPalette(build_palette(name))
    app.setStyleSheet(_stylesheet())
    app.setProperty("inkwell_theme", name)
    return name
