"""Theme, font and word wrap: applied at once and remembered across restarts."""

from __future__ import annotations

import json

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from writer_app.gui.application import InkwellApplication
from writer_app.paths import AppPaths
from writer_app.resources import resource_path

pytestmark = pytest.mark.gui


def theme_window_color(name: str) -> QColor:
    return QColor(json.loads(resource_path("themes", f"{name}.json").read_text())["Window"])


def saved_settings(isolated_dirs) -> dict:
    return json.loads((isolated_dirs["config"] / "settings.json").read_text(encoding="utf-8"))


def restart(qapp) -> InkwellApplication:
    return InkwellApplication(qapp, AppPaths.from_environment())


def test_dark_theme_applies_and_persists(window, controller, qapp, isolated_dirs):
    window.theme_actions["dark"].trigger()
    assert qapp.palette().color(QPalette.ColorRole.Window) == theme_window_color("dark")
    assert saved_settings(isolated_dirs)["theme"] == "dark"

    window.theme_actions["light"].trigger()
    assert qapp.palette().color(QPalette.ColorRole.Window) == theme_window_color("light")
    window.theme_actions["dark"].trigger()

    again = restart(qapp)
    try:
        assert again.settings.theme == "dark"
        assert again.theme == "dark"
        second = again.new_window()
        assert second.theme_actions["dark"].isChecked()
        second.shutdown()
    finally:
        again.shutdown()


def test_system_theme_follows_the_os(qapp, monkeypatch):
    monkeypatch.setattr("writer_app.gui.theme.system_prefers_dark", lambda: True)
    app = restart(qapp)
    try:
        assert app.settings.theme == "system"
        assert app.theme == "dark"
        assert qapp.palette().color(QPalette.ColorRole.Window) == theme_window_color("dark")
        monkeypatch.setattr("writer_app.gui.theme.system_prefers_dark", lambda: False)
        app._on_system_color_scheme_changed(None)
        assert app.theme == "light"
    finally:
        app.shutdown()


def test_zoom_and_font_persist(window, controller, qapp, qtbot, monkeypatch, isolated_dirs):
    start = window.editor.font_size()
    window.action_zoom_in.trigger()
    window.action_zoom_in.trigger()
    assert window.editor.font().pointSize() == start + 2
    assert saved_settings(isolated_dirs)["font_size"] == start + 2

    chosen = window.editor.font()
    chosen.setFamily("DejaVu Sans")
    chosen.setPointSize(17)
    monkeypatch.setattr("writer_app.gui.main_window.QFontDialog.getFont", lambda *a, **k: (True, chosen))
    window.action_font.trigger()
    assert window.editor.font().pointSize() == 17
    assert window.editor.font().family() == "DejaVu Sans"

    again = restart(qapp)
    try:
        second = again.new_window()
        assert second.editor.font().pointSize() == 17
        assert second.editor.font().family() == "DejaVu Sans"
        second.shutdown()
    finally:
        again.shutdown()


def test_word_wrap_toggle_persists(window, controller, qapp, isolated_dirs):
    assert window.action_word_wrap.isChecked()
    window.action_word_wrap.trigger()
    assert window.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
    assert saved_settings(isolated_dirs)["word_wrap"] is False
    again = restart(qapp)
    try:
        second = again.new_window()
        assert second.editor.lineWrapMode() == QPlainTextEdit.LineWrapMode.NoWrap
        assert not second.action_word_wrap.isChecked()
        second.shutdown()
    finally:
        again.shutdown()


def test_broken_settings_file_falls_back_to_defaults(qapp, isolated_dirs):
    (isolated_dirs["config"] / "settings.json").write_text("{not json", encoding="utf-8")
    app = restart(qapp)
    try:
        assert app.settings.theme == "system"
        assert (isolated_dirs["config"] / "settings.broken.json").exists()
    finally:
        app.shutdown()


def test_window_geometry_is_remembered(window, controller, qapp):
    window.resize(720, 520)
    QApplication.processEvents()
    window.shutdown()
    again = restart(qapp)
    try:
        second = again.new_window()
        assert (second.width(), second.height()) == (720, 520)
        second.shutdown()
    finally:
        again.shutdown()
