"""The settings owner: one place changes settings, saves them and announces each change."""

from __future__ import annotations

import json

import pytest

from writer_app.core.settings import SettingsStore
from writer_app.gui.app_settings import AppSettings

pytestmark = pytest.mark.gui


@pytest.fixture
def settings(qapp, isolated_dirs):
    return AppSettings(SettingsStore(isolated_dirs["config"] / "settings.json"))


def saved(isolated_dirs) -> dict:
    return json.loads((isolated_dirs["config"] / "settings.json").read_text(encoding="utf-8"))


def test_a_change_is_saved_and_announced_once(settings, isolated_dirs):
    heard = []
    settings.sig_changed.connect(lambda key, value: heard.append((key, value)))
    settings.set(theme="dark", font_size=16)
    assert heard == [("theme", "dark"), ("font_size", 16)]
    assert settings.theme == "dark" and saved(isolated_dirs)["font_size"] == 16
    settings.set(theme="dark")  # no change: nothing said, nothing written
    assert heard == [("theme", "dark"), ("font_size", 16)]


def test_values_are_clamped_to_what_is_valid(settings):
    heard = []
    settings.sig_changed.connect(lambda key, value: heard.append((key, value)))
    settings.set(font_size=500, device="quantum")
    assert settings.font_size == 72 and settings.device == "auto"
    assert heard == [("font_size", 72)]  # the device did not change


def test_settings_change_only_through_set(settings):
    with pytest.raises(AttributeError, match="set"):
        settings.theme = "dark"
    with pytest.raises(KeyError):
        settings.set(colour="blue")
    with pytest.raises(AttributeError):
        settings.no_such_setting


def test_recent_files_are_kept_most_recent_first(settings, isolated_dirs):
    settings.add_recent_file("/a.md")
    settings.add_recent_file("/b.md")
    settings.add_recent_file("/a.md")
    assert settings.recent_files == ["/a.md", "/b.md"]
    settings.remove_recent_file("/b.md")
    assert saved(isolated_dirs)["recent_files"] == ["/a.md"]


def test_a_setting_changed_anywhere_reaches_every_window(controller, qtbot):
    first, second = controller.new_window_shown(), controller.new_window_shown()
    try:
        controller.settings.set(word_wrap=False, font_size=19)
        for window in (first, second):
            assert not window.action_word_wrap.isChecked() and window.editor.font_size() == 19
    finally:
        first.shutdown()
        second.shutdown()
