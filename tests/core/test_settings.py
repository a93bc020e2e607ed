from __future__ import annotations

import json
import os
import stat

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


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.reliability
def test_settings_are_readable_by_this_user_only(tmp_path):
    config = tmp_path / "config"
    store = SettingsStore(config / "settings.json")
    store.save(Settings(recent_files=["/home/me/secret-novel.md"]))
    assert _mode(config) == 0o700
    assert _mode(config / "settings.json") == 0o600


@pytest.mark.reliability
def test_settings_written_by_an_older_version_are_tightened(tmp_path):
    config = tmp_path / "config"
    config.mkdir()
    os.chmod(config, 0o755)
    (config / "settings.json").write_text("{}")
    os.chmod(config / "settings.json", 0o644)
    SettingsStore(config / "settings.json").save(Settings(theme="dark"))
    assert _mode(config) == 0o700
    assert _mode(config / "settings.json") == 0o600


@pytest.mark.reliability
def test_ask_index_cache_is_readable_by_this_user_only(tmp_path):
    # The cache belongs to tasks/retrieval.py; its privacy is checked with the other private files.
    import numpy as np

    from writer_app.core.passages import split_passages
    from writer_app.tasks.retrieval import CACHE_FILE, PassageIndex, index_folder

    def embed(texts):
        return np.ones((len(texts), 4), dtype=np.float32)

    cache = tmp_path / "cache"
    PassageIndex.build(split_passages("Her diary.\n\nEvery secret in it."), embed, cache, "hashing")
    folder = index_folder(cache, "hashing")
    assert _mode(folder) == 0o700
    assert _mode(folder / CACHE_FILE) == 0o600
