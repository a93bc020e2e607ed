"""The writing panels in the right-hand dock: one module per panel, registered here in tab order.

A panel is a QWidget built as ``Panel(context, parent)`` from a
``context.PanelContext``; adding one to ``PANELS`` docks it in every window.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from writer_app.gui.panels.ask_panel import AskPanel
from writer_app.gui.panels.codex_panel import CodexPanel
from writer_app.gui.panels.continue_panel import ContinuePanel
from writer_app.gui.panels.history_panel import HistoryPanel
from writer_app.gui.panels.rewrite_panel import RewritePanel
from writer_app.gui.panels.summarise_panel import SummarisePanel
from writer_app.gui.panels.surprise_panel import SurprisePanel

# (key, title, class): the key names the dock ("<key>Dock") and the panel in the window's panel_docks.
PANELS = (
    ("continue", QT_TRANSLATE_NOOP("Panels", "Continue"), ContinuePanel),
    ("rewrite", QT_TRANSLATE_NOOP("Panels", "Rewrite"), RewritePanel),
    ("codex", QT_TRANSLATE_NOOP("Panels", "Codex"), CodexPanel),
    ("summarise", QT_TRANSLATE_NOOP("Panels", "Summarise"), SummarisePanel),
    ("ask", QT_TRANSLATE_NOOP("Panels", "Ask"), AskPanel),
    ("surprise", QT_TRANSLATE_NOOP("Panels", "Surprise"), SurprisePanel),
    ("history", QT_TRANSLATE_NOOP("Panels", "History"), HistoryPanel),
)
