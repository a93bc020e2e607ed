"""Atomic file replacement: a reader sees the old file or the new one, never half of each."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

# The process umask, read once: mkstemp creates 0600 files, a new manuscript
# should get the usual 0666 & ~umask.
_UMASK = os.umask(0)
os.umask(_UMASK)


# Inkwell's own files (recovery copies, notes, settings, caches) hold the
# writer's text: only the writer may read them.
PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def ensure_private_dir(folder: str | os.PathLike) -> Path:
    """Create *folder* (and missing parents) readable by this user only; tighten it if it exists.

    Raises OSError when it cannot be created. A folder owned by someone else
    (possible under a shared temp folder) is refused, never used.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(20, "Not a folder", str(folder))
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise PermissionError(13, "The folder belongs to another user", str(folder))
    if os.name == "posix" and info.st_mode & 0o077:
        os.chmod(folder, PRIVATE_DIR_MODE)
    return folder


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, private: bool = False) -> None:
    """Write *data* to *path* through a temp file in the same folder.

    The temp file is flushed and fsynced before ``os.replace`` so that a crash
    or power cut leaves either the complete old file or the complete new one.
    On any error the temp file is removed and the original stays untouched.
    *private* files are written 0600 whatever mode an earlier version had.
    """
    target = Path(path)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = PRIVATE_FILE_MODE if private else 0o666 & ~_UMASK
    else:
        if private:
            mode = PRIVATE_FILE_MODE
        # Replacing the file would succeed even when it is read-only (the
        # folder decides); respect the writer's protection instead.
        if not mode & stat.S_IWUSR:
            raise PermissionError(13, "The file is read-only", str(target))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(OSError):
            os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(target.parent)


def _fsync_directory(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; Windows cannot open folders.
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
