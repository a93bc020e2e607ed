from __future__ import annotations

import json

import pytest

from writer_app.core.settings import MAX_RECENT_FILES, Settings, SettingsStore

pytestmark = pytest.mark.core


def test_defaults_when_missing(tmp_path):
    assert SettingsStore(tmp_path / "settings.json").load() == Settings()


def test_round_trip(tmp_path):
    store = SettingsStore(tmp_path / "cfg" / "settings.json")
    settings = Settings(theme="dark", font_family="DejaVu Serif", font_size=18, word_wrap=False)
    settings.add_recent_file("/a.md")
    store.save(settings)
    assert store.load() == settings


def test_bad_values_are_clamped_or_ignored(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"theme": "neon", "font_size": 400, "word_wrap": "yes", "unknown": 1}))
    settings = SettingsStore(path).load()
    assert settings.theme == "system"
    assert settings.font_size == 72
    assert settings.word_wrap is True


def test_corrupt_file_is_set_aside(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text("[1, 2")
    assert SettingsStore(path).load() == Settings()
    assert (tmp_path / "settings.broken.json").read_text() == "[1, 2"


def test_recent_files_most_recent_first_without_duplicates():
    settings = Settings()
    for n in range(MAX_RECENT_FILES + 3):
        settings.add_recent_file(f"/doc{n}.md")
    settings.add_recent_file("/doc5.md")
    assert settings.recent_files[0] == "/doc5.md"
    assert len(settings.recent_files) == MAX_RECENT_FILES
    assert len(set(settings.recent_files)) == MAX_RECENT_FILES
