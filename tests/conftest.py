"""Shared fixtures: isolated folders, the application controller, windows, modal answers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA_DIR = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    """Config, data and cache live in a fresh temp folder: no test touches a real home folder."""
    root = tmp_path_factory.mktemp("inkwell-home")
    dirs = {}
    for name in ("config", "data", "cache"):
        folder = root / name
        folder.mkdir()
        monkeypatch.setenv(f"INKWELL_{name.upper()}_DIR", str(folder))
        dirs[name] = folder
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return dirs


@pytest.fixture
def data_file(tmp_path):
    """Copy a file from tests/data into tmp_path (tests may modify it)."""

    def copy(name: str) -> Path:
        target = tmp_path / "docs" / name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(DATA_DIR / name, target)
        return target

    return copy
