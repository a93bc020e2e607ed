from __future__ import annotations

import errno
import os
import shutil
import stat
import struct
import subprocess
import tempfile
from pathlib import Path

import pytest

import writer_app.core.atomic as atomic
from writer_app.core.atomic import atomic_write_bytes, ensure_private_dir

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


# ---------------------------------------------------------------- links, owners, attributes, limits

needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root (chown, setuid)")
NOBODY = 65534
WRITERS_GROUP = 4242


def _names(folder):
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def shared_dir():
    """A world-writable folder outside pytest's private temp root, for tests that switch to another user."""
    folder = Path(tempfile.mkdtemp(prefix="inkwell-shared-"))
    os.chmod(folder, 0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _exit_code_as(uid, groups, action):
    """Run *action* in a child process as *uid* (with supplementary *groups*); its exit code (0: no exception)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - child
        code = 1
        try:
            os.setgroups(groups)
            os.setgid(groups[0] if groups else uid)
            os.setuid(uid)
            action()
            code = 0
        except PermissionError as exc:
            code = 13 if exc.strerror == "The file is read-only" else 3
        except BaseException:
            code = 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


@pytest.mark.reliability
def test_save_through_symlink_chain_updates_the_real_file(tmp_path):
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    real = synced / "novel.md"
    real.write_bytes(b"old")
    (tmp_path / "middle.md").symlink_to("Dropbox/novel.md")
    link = tmp_path / "novel-link.md"
    link.symlink_to("middle.md")
    atomic_write_bytes(link, b"new")
    assert real.read_bytes() == b"new"
    assert link.is_symlink() and (tmp_path / "middle.md").is_symlink()
    assert os.readlink(link) == "middle.md"
    assert _names(synced) == ["novel.md"]
    assert _names(tmp_path) == ["Dropbox", "middle.md", "novel-link.md"]


@pytest.mark.reliability
def test_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "link.md"
    link.symlink_to("target.md")
    atomic_write_bytes(link, b"first draft")
    assert link.is_symlink()
    assert (tmp_path / "target.md").read_bytes() == b"first draft"


@pytest.mark.reliability
def test_hard_links_stay_linked(tmp_path):
    first = tmp_path / "novel.md"
    first.write_bytes(b"old text that is longer than the new one")
    os.chmod(first, 0o640)
    second = tmp_path / "backup-folder-link.md"
    os.link(first, second)
    inode = first.stat().st_ino
    atomic_write_bytes(first, b"new")
    assert second.read_bytes() == b"new"
    assert first.stat().st_ino == inode and first.stat().st_nlink == 2
    assert stat.S_IMODE(first.stat().st_mode) == 0o640
    assert _names(tmp_path) == ["backup-folder-link.md", "novel.md"]


@pytest.mark.reliability
@needs_root
def test_owner_and_group_are_kept(tmp_path):
    path = tmp_path / "novel.md"
    path.write_bytes(b"old")
    os.chown(path, 12345, 23456)
    os.chmod(path, 0o664)
    atomic_write_bytes(path, b"new")
    info = path.stat()
    assert (info.st_uid, info.st_gid) == (12345, 23456)
    assert stat.S_IMODE(info.st_mode) == 0o664
    assert path.read_bytes() == b"new"


def _set_xattr_or_skip(path, name, value):
    try:
        os.setxattr(path, name, value)
    except (OSError, AttributeError) as exc:
        pytest.skip(f"extended attributes are not supported here: {exc}")


@pytest.mark.reliability
def test_extended_attributes_are_kept(tmp_path):
    path = tmp_path / "novel.md"
    path.write_bytes(b"old")
    _set_xattr_or_skip(path, "user.com.example.sync-id", b"abc-123")
    atomic_write_bytes(path, b"new")
    assert os.getxattr(path, "user.com.example.sync-id") == b"abc-123"
    assert path.read_bytes() == b"new"


def _acl(*entries):
    # Linux's system.posix_acl_access: version 2, then (tag, permissions, id) per entry, in tag order.
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", tag, perm, ident) for tag, perm, ident in entries)


@pytest.mark.reliability
def test_posix_acl_is_kept(tmp_path):
    undefined = 0xFFFFFFFF
    acl = _acl((0x01, 6, undefined), (0x02, 6, 4243), (0x04, 4, undefined), (0x10, 6, undefined), (0x20, 0, undefined))
    path = tmp_path / "novel.md"
    path.write_bytes(b"old")
    _set_xattr_or_skip(path, "system.posix_acl_access", acl)
    atomic_write_bytes(path, b"new")
    assert os.getxattr(path, "system.posix_acl_access") == acl
    assert path.read_bytes() == b"new"


@pytest.mark.reliability
def test_read_only_error_names_the_reason(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_bytes(b"keep")
    os.chmod(path, 0o444)
    with pytest.raises(PermissionError) as info:
        atomic_write_bytes(path, b"overwrite")
    assert info.value.strerror == "The file is read-only"
    assert path.read_bytes() == b"keep"
    assert _names(tmp_path) == ["locked.txt"]


@pytest.mark.reliability
@needs_root
def test_file_writable_through_its_group_can_be_saved(shared_dir):
    path = shared_dir / "shared.md"
    path.write_bytes(b"old")
    os.chown(path, 0, WRITERS_GROUP)
    os.chmod(path, 0o464)  # the owner may only read; the writers' group may write
    assert _exit_code_as(NOBODY, [WRITERS_GROUP], lambda: atomic_write_bytes(path, b"new")) == 0
    info = path.stat()
    assert path.read_bytes() == b"new"
    assert (info.st_uid, info.st_gid) == (0, WRITERS_GROUP)
    assert stat.S_IMODE(info.st_mode) == 0o464
    assert _names(shared_dir) == ["shared.md"]


@pytest.mark.reliability
@needs_root
def test_file_this_user_may_not_write_is_read_only(shared_dir):
    path = shared_dir / "someone-elses.md"
    path.write_bytes(b"theirs")
    os.chmod(path, 0o644)  # the owner (root) may write, nobody else
    assert _exit_code_as(NOBODY, [NOBODY], lambda: atomic_write_bytes(path, b"mine")) == 13
    assert path.read_bytes() == b"theirs"
    assert _names(shared_dir) == ["someone-elses.md"]


@pytest.mark.reliability
def test_private_write_is_0600_even_over_an_open_file(tmp_path):
    path = tmp_path / "notes.json"
    path.write_bytes(b"{}")
    os.chmod(path, 0o644)
    atomic_write_bytes(path, b'{"a": 1}', private=True)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    fresh = tmp_path / "fresh.json"
    atomic_write_bytes(fresh, b"{}", private=True)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o600


@pytest.mark.reliability
@pytest.mark.parametrize(
    "name",
    [
        "é" * 100 + "a" * 46 + ".txt",  # 250 bytes, two-byte characters
        "日本語の小説" * 13 + "a" * 8 + ".md",  # 245 bytes, three-byte characters
        "a" * 251 + ".md",  # 254 bytes
        "x" * 255,  # the longest name ext4 accepts
    ],
    ids=["250-bytes-latin", "245-bytes-japanese", "254-bytes", "255-bytes"],
)
def test_longest_file_names_can_be_saved(tmp_path, name):
    assert len(name.encode()) >= 245
    path = tmp_path / name
    path.write_bytes(b"old")
    atomic_write_bytes(path, b"new")
    assert path.read_bytes() == b"new"
    assert _names(tmp_path) == [name]
    # The hard-link path names its backup copy after the file too.
    os.link(path, tmp_path / "link")
    atomic_write_bytes(path, b"newer")
    assert (tmp_path / "link").read_bytes() == b"newer"
    assert _names(tmp_path) == sorted(["link", name])


# ---------------------------------------------------------------- full disk


class _FullDiskFile:
    """A file object whose disk fills up once the shared *budget* of bytes is used (a short write first)."""

    def __init__(self, handle, budget):
        self._handle = handle
        self._budget = budget

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._handle.close()

    def fileno(self):
        return self._handle.fileno()

    def flush(self):
        self._handle.flush()

    def write(self, data):
        room = self._budget[0]
        if room <= 0:
            raise OSError(errno.ENOSPC, "No space left on device")
        count = self._handle.write(memoryview(data)[:room])
        self._budget[0] -= count
        return count


def _fill_disk(monkeypatch, *, after=0, where=lambda fd: True):
    """Writes through os.fdopen into files *where* accepts fail with ENOSPC after *after* bytes in all."""
    real_fdopen = os.fdopen
    budget = [after]

    def fdopen(fd, *args, **kwargs):
        handle = real_fdopen(fd, *args, **kwargs)
        return _FullDiskFile(handle, budget) if where(fd) else handle

    monkeypatch.setattr(atomic.os, "fdopen", fdopen)
    return budget


def _fail_copy_range(monkeypatch, where):
    """os.copy_file_range into files *where* accepts fails with ENOSPC."""
    real_copy_range = getattr(os, "copy_file_range", None)
    if real_copy_range is None:
        return

    def copy_file_range(source, destination, count, *args):
        if where(destination):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_copy_range(source, destination, count, *args)

    monkeypatch.setattr(atomic.os, "copy_file_range", copy_file_range)


def _inode_is(path):
    inode = path.stat().st_ino
    return lambda fd: os.fstat(fd).st_ino == inode


@pytest.mark.reliability
def test_disk_full_during_write_leaves_original_untouched(tmp_path, monkeypatch):
    path = tmp_path / "novel.md"
    original = bytes(range(256)) * 64
    path.write_bytes(original)
    budget = _fill_disk(monkeypatch, after=1000)
    with pytest.raises(OSError) as info:
        atomic_write_bytes(path, b"n" * 100_000)
    assert info.value.errno == errno.ENOSPC
    assert budget == [0]  # the disk filled part-way through the new text
    assert path.read_bytes() == original
    assert _names(tmp_path) == ["novel.md"]


@pytest.mark.reliability
def test_disk_full_while_copying_the_backup_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "novel.md"
    original = b"the previous version\n" * 500
    path.write_bytes(original)
    os.link(path, tmp_path / "other-link.md")
    _fill_disk(monkeypatch)
    _fail_copy_range(monkeypatch, lambda fd: True)
    with pytest.raises(OSError) as info:
        atomic_write_bytes(path, b"new text")
    assert info.value.errno == errno.ENOSPC
    assert not isinstance(info.value, atomic.InPlaceSaveError)  # nothing to restore: the file was not touched
    assert path.read_bytes() == original
    assert _names(tmp_path) == ["novel.md", "other-link.md"]


@pytest.mark.reliability
def test_disk_full_on_hard_linked_file_keeps_a_backup(tmp_path, monkeypatch):
    path = tmp_path / "novel.md"
    original = bytes(range(256)) * 64
    path.write_bytes(original)
    os.link(path, tmp_path / "other-link.md")
    # Copying into the backup works; every write into the file itself (new text, then the restore) fails.
    into_the_file = _inode_is(path)
    _fill_disk(monkeypatch, where=into_the_file)
    _fail_copy_range(monkeypatch, into_the_file)
    with pytest.raises(atomic.InPlaceSaveError) as info:
        atomic_write_bytes(path, b"n" * 100_000)
    monkeypatch.undo()
    error = info.value
    assert isinstance(error, OSError) and error.errno == errno.ENOSPC
    assert error.restored is False
    assert error.backup_path.parent == tmp_path and error.backup_path.name.endswith(".inkwell-backup")
    assert str(error.backup_path) in str(error)
    assert _names(tmp_path) == sorted([error.backup_path.name, "novel.md", "other-link.md"])
    # The previous version can be put back from the backup, links and all.
    assert error.backup_path.read_bytes() == original
    with open(path, "r+b") as handle:
        handle.truncate()
        handle.write(error.backup_path.read_bytes())
    assert (tmp_path / "other-link.md").read_bytes() == original


@pytest.mark.reliability
def test_disk_full_on_hard_linked_file_restores_the_original(tmp_path, monkeypatch):
    path = tmp_path / "novel.md"
    original = b"the previous version\n" * 500
    path.write_bytes(original)
    os.link(path, tmp_path / "other-link.md")
    # 100 bytes of the new text fit, then the disk is full; putting the old text back still works.
    into_the_file, failed = _inode_is(path), []

    def first_write_into_the_file(fd):
        if failed or not into_the_file(fd):
            return False
        failed.append(fd)
        return True

    budget = _fill_disk(monkeypatch, after=100, where=first_write_into_the_file)
    with pytest.raises(atomic.InPlaceSaveError) as info:
        atomic_write_bytes(path, b"n" * 100_000)
    assert budget == [0]
    assert info.value.restored is True
    assert path.read_bytes() == original
    assert (tmp_path / "other-link.md").read_bytes() == original
    assert info.value.backup_path.read_bytes() == original


@pytest.mark.reliability
def test_really_full_filesystem(tiny_filesystem):
    path = tiny_filesystem / "novel.md"
    original = b"chapter one\n" * 2500  # 30,000 bytes of a 64 KiB disk
    path.write_bytes(original)
    with pytest.raises(OSError) as info:
        atomic_write_bytes(path, b"much longer chapter\n" * 2500)  # 50,000 bytes: old + new do not fit
    assert info.value.errno == errno.ENOSPC
    assert path.read_bytes() == original
    assert _names(tiny_filesystem) == ["novel.md"]

    # A hard-linked file is rewritten in place: the backup fits, the longer text does not.
    os.link(path, tiny_filesystem / "link.md")
    with pytest.raises(atomic.InPlaceSaveError) as info:
        atomic_write_bytes(path, b"much longer chapter\n" * 2500)
    assert info.value.errno == errno.ENOSPC
    assert info.value.restored is True
    assert path.read_bytes() == original
    assert info.value.backup_path.read_bytes() == original
    info.value.backup_path.unlink()

    # A text that fits still saves, and keeps the link.
    atomic_write_bytes(path, b"short now\n")
    assert (tiny_filesystem / "link.md").read_bytes() == b"short now\n"
    assert _names(tiny_filesystem) == ["link.md", "novel.md"]


@pytest.mark.reliability
def test_read_only_disk_is_named(tiny_filesystem):
    path = tiny_filesystem / "novel.md"
    path.write_bytes(b"old")
    remount = subprocess.run(["mount", "-o", "remount,ro", str(tiny_filesystem)], capture_output=True, timeout=30)
    if remount.returncode != 0:
        pytest.skip("cannot remount read-only here")
    with pytest.raises(OSError) as info:
        atomic_write_bytes(path, b"new")
    assert info.value.errno == errno.EROFS
    assert path.read_bytes() == b"old"


@pytest.mark.reliability
def test_a_private_folder_may_be_a_link_to_a_folder_of_ones_own(tmp_path):
    # e.g. ~/.config/inkwell linked to a dotfiles repository, or data moved to another disk
    real = tmp_path / "elsewhere" / "inkwell"
    real.mkdir(parents=True)
    link = tmp_path / "inkwell"
    link.symlink_to(real, target_is_directory=True)
    assert ensure_private_dir(link) == link
    atomic_write_bytes(link / "settings.json", b"{}", private=True)
    assert (real / "settings.json").read_bytes() == b"{}"
    assert real.stat().st_mode & 0o777 == 0o700
