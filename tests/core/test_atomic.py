from __future__ import annotations

import errno
import os
import stat

import pytest

import writer_app.core.atomic as atomic
from writer_app.core.atomic import atomic_write_bytes

pytestmark = pytest.mark.core


def test_replaces_content_and_keeps_permissions(tmp_path):
    path = tmp_path / "novel.md"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    atomic_write_bytes(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["novel.md"]


def test_new_file_gets_normal_permissions(tmp_path):
    path = tmp_path / "fresh.txt"
    atomic_write_bytes(path, b"x")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~atomic._UMASK


def test_failure_leaves_original_and_no_temp_file(tmp_path, monkeypatch):
    path = tmp_path / "novel.md"
    path.write_bytes(b"precious")

    def no_space(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", no_space)
    with pytest.raises(OSError) as info:
        atomic_write_bytes(path, b"half-written")
    assert info.value.errno == errno.ENOSPC
    assert path.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["novel.md"]


def test_read_only_file_is_respected(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_bytes(b"keep")
    os.chmod(path, 0o444)
    with pytest.raises(PermissionError):
        atomic_write_bytes(path, b"overwrite")
    assert path.read_bytes() == b"keep"


def test_missing_folder_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        atomic_write_bytes(tmp_path / "nope" / "x.txt", b"x")
