from __future__ import annotations

import dataclasses
import hashlib
import json
import os

import pytest

import writer_app.core.disk_state as disk_state
from writer_app.core.atomic import atomic_write_bytes
from writer_app.core.disk_state import DiskChange, FileFingerprint

pytestmark = [pytest.mark.core, pytest.mark.reliability]


@pytest.fixture
def novel(tmp_path):
    path = tmp_path / "novel.md"
    path.write_bytes(b"It was a dark and stormy night.\n")
    return path


def _no_hashing(monkeypatch):
    def refuse(handle):
        raise AssertionError("the file was hashed")

    monkeypatch.setattr(disk_state, "_sha256_of", refuse)


def test_fingerprint_describes_the_file(novel):
    fingerprint = FileFingerprint.of(novel)
    info = novel.stat()
    assert fingerprint.size == info.st_size
    assert fingerprint.mtime_ns == info.st_mtime_ns
    assert (fingerprint.inode, fingerprint.device) == (info.st_ino, info.st_dev)
    assert fingerprint.sha256 == hashlib.sha256(novel.read_bytes()).hexdigest()


def test_missing_file_has_no_fingerprint(tmp_path):
    assert FileFingerprint.of(tmp_path / "missing.md") is None


def test_fingerprint_follows_symlinks(novel, tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to(novel.name)
    assert FileFingerprint.of(link) == FileFingerprint.of(novel)


def test_large_file_is_hashed_in_pieces(tmp_path):
    path = tmp_path / "big.md"
    data = os.urandom(3 * 2**20 + 17)
    path.write_bytes(data)
    assert FileFingerprint.of(path).sha256 == hashlib.sha256(data).hexdigest()


def test_untouched_file_is_unchanged_without_hashing(novel, monkeypatch):
    fingerprint = FileFingerprint.of(novel)
    _no_hashing(monkeypatch)
    assert fingerprint.compare(novel) is DiskChange.UNCHANGED
    assert not fingerprint.differs(novel)


def test_different_size_is_a_change_without_hashing(novel, monkeypatch):
    fingerprint = FileFingerprint.of(novel)
    with open(novel, "ab") as handle:
        handle.write(b"The end.\n")
    _no_hashing(monkeypatch)
    assert fingerprint.compare(novel) is DiskChange.CHANGED
    assert fingerprint.differs(novel)


def test_deleted_file_is_missing(novel):
    fingerprint = FileFingerprint.of(novel)
    novel.unlink()
    assert fingerprint.compare(novel) is DiskChange.MISSING
    assert fingerprint.differs(novel)


def test_same_size_and_mtime_change_is_found_by_the_hash(novel):
    fingerprint = FileFingerprint.of(novel)
    info = novel.stat()
    with open(novel, "r+b") as handle:
        handle.write(b"W")  # same length, one letter different
    os.utime(novel, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert (novel.stat().st_size, novel.stat().st_mtime_ns) == (fingerprint.size, fingerprint.mtime_ns)
    assert fingerprint.compare(novel, verify=True) is DiskChange.CHANGED
    # The inode's change time gives it away even without asking for the hash.
    assert fingerprint.compare(novel) is DiskChange.CHANGED


def test_only_verify_reads_past_matching_metadata(novel):
    # A remembered fingerprint whose metadata all still match: the cheap check trusts it, verify does not.
    stale = dataclasses.replace(FileFingerprint.of(novel), sha256="0" * 64)
    assert stale.compare(novel) is DiskChange.UNCHANGED
    assert stale.compare(novel, verify=True) is DiskChange.CHANGED


def test_rewrite_with_identical_bytes_is_unchanged(novel):
    fingerprint = FileFingerprint.of(novel)
    os.utime(novel, ns=(0, fingerprint.mtime_ns + 5_000_000_000))
    assert fingerprint.compare(novel) is DiskChange.UNCHANGED
    atomic_write_bytes(novel, novel.read_bytes())  # a new inode with the same text
    assert FileFingerprint.of(novel).inode != fingerprint.inode or os.name != "posix"
    assert fingerprint.compare(novel) is DiskChange.UNCHANGED
    assert fingerprint.compare(novel, verify=True) is DiskChange.UNCHANGED
    assert not fingerprint.differs(novel)


def test_dict_round_trips_through_json(novel):
    fingerprint = FileFingerprint.of(novel)
    stored = json.loads(json.dumps(fingerprint.to_dict()))
    assert FileFingerprint.from_dict(stored) == fingerprint


def test_dict_without_optional_fields_still_compares(novel):
    fingerprint = FileFingerprint.of(novel)
    stored = {"size": fingerprint.size, "mtime_ns": fingerprint.mtime_ns, "sha256": fingerprint.sha256}
    restored = FileFingerprint.from_dict(stored)
    assert restored.compare(novel) is DiskChange.UNCHANGED
    novel.write_bytes(b"It was a dark and stormy day..\n")
    assert restored.compare(novel) is DiskChange.CHANGED


@pytest.mark.parametrize(
    "broken",
    [
        {"size": 3, "mtime_ns": 1},
        {"size": "3", "mtime_ns": 1, "sha256": "a" * 64},
        {"size": True, "mtime_ns": 1, "sha256": "a" * 64},
        {"size": -1, "mtime_ns": 1, "sha256": "a" * 64},
        {"size": 3, "mtime_ns": 1, "sha256": "not a hash"},
        {"size": 3, "mtime_ns": 1, "sha256": "a" * 64, "inode": 1.5},
        ["not", "a", "dict"],
    ],
    ids=["no-hash", "size-text", "size-bool", "size-negative", "bad-hash", "inode-float", "list"],
)
def test_malformed_dict_is_refused(broken):
    with pytest.raises(ValueError):
        FileFingerprint.from_dict(broken)


def test_the_fingerprint_of_written_bytes_sees_a_later_write(tmp_path):
    path = tmp_path / "novel.md"
    path.write_bytes(b"mine")
    written = FileFingerprint.of_written(path, b"mine")
    assert written == FileFingerprint.of(path)
    path.write_bytes(b"theirs, written right after")
    assert written.differs(path)
    assert FileFingerprint.of_written(tmp_path / "gone.md", b"x") is None
