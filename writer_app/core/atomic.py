"""Safe file saving: a reader sees the old file or the new one, never half of each.

A save normally writes a temp file beside the file and renames it over the
old one. That rename would replace a symlink itself, split hard links and give
the file a new owner, so :func:`atomic_write_bytes` saves through symlinks to
the real file, copies owner, group, mode and extended attributes (POSIX ACLs
included) to the new file, and rewrites hard-linked files, or files whose
owner cannot be kept, in place behind a backup copy instead.
"""

from __future__ import annotations

import contextlib
import errno
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
# Windows opens files in text mode unless told otherwise (CRLF and Ctrl+Z would change bytes).
_BINARY = getattr(os, "O_BINARY", 0)
PRIVATE_DIR_MODE = 0o700

# The strerror of the PermissionError for a file that must not be written;
# textfile.describe_os_error turns it into a sentence for the writer.
READ_ONLY = "The file is read-only"
BACKUP_SUFFIX = ".inkwell-backup"

_CHUNK = 1 << 20
# What mkstemp adds to the prefix: eight random characters.
_RANDOM_CHARS = 8


class InPlaceSaveError(OSError):
    """Rewriting a file in place failed part-way; the previous version is kept in :attr:`backup_path`.

    ``errno`` and ``strerror`` are those of the failure (ENOSPC for a full
    disk). :attr:`restored` is True when the file was put back as it was
    before the save; otherwise it may be incomplete and the backup is the only
    complete copy of the previous version. The backup is left in place either way.
    """

    def __init__(self, cause: OSError, path: Path, backup_path: Path, restored: bool):
        super().__init__(cause.errno, cause.strerror or str(cause), str(path))
        self.backup_path = backup_path
        self.restored = restored

    def __str__(self) -> str:
        if self.restored:
            note = f"the file was put back as it was; a copy is also kept in '{self.backup_path}'"
        else:
            note = f"the file may be incomplete; the previous version is kept in '{self.backup_path}'"
        return f"{super().__str__()}; {note}"


def ensure_private_dir(folder: str | os.PathLike) -> Path:
    """Create *folder* (and missing parents) readable by this user only; tighten it if it exists.

    Raises OSError when it cannot be created. A folder owned by someone else
    (possible under a shared temp folder) is refused, never used. A symlink to
    a folder of the writer's own is fine (data moved to another disk, stow).
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    info = folder.stat()
    if not stat.S_ISDIR(info.st_mode):
        raise NotADirectoryError(20, "Not a folder", str(folder))
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise PermissionError(13, "The folder belongs to another user", str(folder))
    if os.name == "posix" and info.st_mode & 0o077:
        os.chmod(folder, PRIVATE_DIR_MODE)
    return folder


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, private: bool = False) -> None:
    """Write *data* to *path* so that neither a crash nor an error costs the old text.

    A symlink is followed to the real file, which is the one updated. The new
    text is written to a temp file beside the real one, fsynced, given the old
    file's mode, owner, group and extended attributes, then renamed over it:
    the file holds all of the old bytes or all of the new. A file with hard
    links, or one whose owner or group the new file could not get, is
    rewritten in place instead, behind a fsynced backup copy beside it that is
    deleted afterwards (after a crash part-way, that copy holds the old text).

    Raises PermissionError with strerror :data:`READ_ONLY` for a file that is
    read-only (for this user, or for everyone), :class:`InPlaceSaveError` when
    an in-place rewrite failed part-way, and any other OSError as it came. On
    an error from the temp-file path the temp file is removed and the original
    is untouched. *private* files are written 0600 whatever mode an earlier
    version had, without copying its extended attributes.
    """
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    if info is None:
        mode = PRIVATE_FILE_MODE if private else 0o666 & ~_UMASK
    else:
        _check_writable(target, info, path)
        mode = PRIVATE_FILE_MODE if private else stat.S_IMODE(info.st_mode)
        if stat.S_ISREG(info.st_mode) and info.st_nlink > 1:
            _rewrite_in_place(target, data, private)
            return
    if not _replace_through_temp(target, data, mode, None if private else info):
        # The new file could not get the old one's owner or group: keep the old file instead.
        _rewrite_in_place(target, data, private)


def _check_writable(target: Path, info: os.stat_result, given: str | os.PathLike) -> None:
    # Renaming over the file would succeed even when it is read-only (the
    # folder decides); respect the protection instead. A file with no write
    # bit at all is read-only even for root.
    effective = os.access in os.supports_effective_ids
    if info.st_mode & 0o222 and os.access(target, os.W_OK, effective_ids=effective):
        return
    if _on_read_only_disk(target):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(given))
    raise PermissionError(errno.EACCES, READ_ONLY, str(given))


def _on_read_only_disk(path: Path) -> bool:
    if not hasattr(os, "statvfs"):
        return False
    try:
        return bool(os.statvfs(path).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _replace_through_temp(target: Path, data: bytes, mode: int, keep_from: os.stat_result | None) -> bool:
    """Write a temp file and rename it over *target*; False (nothing changed) when the owner cannot be kept."""
    fd, tmp_name = _sibling_temp(target, ".tmp")
    replaced = False
    try:
        try:
            if keep_from is not None:
                if not _copy_owner(fd, keep_from):
                    return False
                _copy_xattrs(target, fd)
            # After fchown, which clears set-user-ID bits.
            if hasattr(os, "fchmod"):
                with contextlib.suppress(OSError):
                    os.fchmod(fd, mode)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if not hasattr(os, "fchmod"):
            with contextlib.suppress(OSError):
                os.chmod(tmp_name, mode)
        os.replace(tmp_name, target)
        replaced = True
    finally:
        if not replaced:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    _fsync_directory(target.parent)
    return True


def _rewrite_in_place(target: Path, data: bytes, private: bool) -> None:
    """Overwrite *target* itself (keeping its inode, links, owner and attributes) behind a backup copy."""
    backup_fd, backup_name = _sibling_temp(target, BACKUP_SUFFIX)
    backup = Path(backup_name)
    try:
        try:
            _copy_file_into(target, backup_fd)
            os.fsync(backup_fd)
        finally:
            os.close(backup_fd)
        _fsync_directory(target.parent)
        fd = os.open(target, os.O_WRONLY | _BINARY)
    except BaseException:
        # The original has not been touched yet.
        with contextlib.suppress(OSError):
            os.unlink(backup)
        raise
    if private and hasattr(os, "fchmod"):
        with contextlib.suppress(OSError):
            os.fchmod(fd, PRIVATE_FILE_MODE)
    try:
        os.ftruncate(fd, 0)  # first, so that the old text's blocks are free for the new
        _write_all(fd, data)
        os.fsync(fd)
    except BaseException as exc:
        restored = _restore(fd, backup)
        if isinstance(exc, OSError):
            raise InPlaceSaveError(exc, target, backup, restored) from exc
        raise
    finally:
        os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(backup)  # the save itself succeeded; a leftover copy is only untidy
    _fsync_directory(target.parent)


def _restore(fd: int, backup: Path) -> bool:
    """Put the backup's bytes back into the half-written file; True when that worked."""
    try:
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        _copy_file_into(backup, fd)
        os.fsync(fd)
    except OSError:
        return False
    return True


def _copy_file_into(path: Path, fd: int) -> None:
    source = os.open(path, os.O_RDONLY | _BINARY)
    try:
        _copy_contents(source, fd)
    finally:
        os.close(source)


def _sibling_temp(target: Path, suffix: str) -> tuple[int, str]:
    """mkstemp beside *target*, named after it but short enough for the folder's longest name."""
    try:
        name_max = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        name_max = 255
    if name_max <= 0:  # no limit reported
        name_max = 255
    stem = _truncate_name(target.name, name_max - 2 - _RANDOM_CHARS - len(os.fsencode(suffix)))
    return tempfile.mkstemp(prefix=f".{stem}.", suffix=suffix, dir=target.parent)


def _truncate_name(name: str, limit: int) -> str:
    """*name* cut to at most *limit* bytes on disk, never inside a UTF-8 character."""
    raw = os.fsencode(name)
    if len(raw) <= limit:
        return name
    cut = max(limit, 0)
    while cut > 0 and raw[cut] & 0xC0 == 0x80:
        cut -= 1
    return os.fsdecode(raw[:cut])


def _copy_owner(fd: int, info: os.stat_result) -> bool:
    """Give the open file *info*'s owner and group where permitted; True when it has both now."""
    if not hasattr(os, "fchown"):
        return True
    current = os.fstat(fd)
    if (current.st_uid, current.st_gid) == (info.st_uid, info.st_gid):
        return True
    try:
        os.fchown(fd, info.st_uid, info.st_gid)
    except OSError:
        # Only root may give a file away; a member of the group may still set the group.
        with contextlib.suppress(OSError):
            os.fchown(fd, -1, info.st_gid)
    current = os.fstat(fd)
    return (current.st_uid, current.st_gid) == (info.st_uid, info.st_gid)


def _copy_xattrs(source: Path, fd: int) -> None:
    # Extended attributes include POSIX ACLs (system.posix_acl_access) on Linux
    # and sync tools' markers. One that cannot be copied (unsupported, or
    # security.* without the right) must not stop the text being saved.
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError:
        return
    for name in names:
        with contextlib.suppress(OSError):
            os.setxattr(fd, name, os.getxattr(source, name))


def _write_all(fd: int, data: bytes) -> None:
    # Unbuffered, through a file object: a short write is carried on, never lost.
    with os.fdopen(fd, "wb", buffering=0, closefd=False) as handle:
        view = memoryview(data)
        while view:
            written = handle.write(view)
            if not written:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            view = view[written:]


def _copy_contents(source: int, destination: int) -> None:
    """Copy the rest of *source* into *destination* (in the kernel where it can)."""
    copy_range = getattr(os, "copy_file_range", None)
    if copy_range is not None:
        start = os.lseek(source, 0, os.SEEK_CUR), os.lseek(destination, 0, os.SEEK_CUR)
        try:
            while copy_range(source, destination, 1 << 30):
                pass
            return
        except OSError as exc:
            if exc.errno not in (errno.EXDEV, errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.EBADF):
                raise
            # Not between these files or on this filesystem: read and write instead.
            os.lseek(source, start[0], os.SEEK_SET)
            os.lseek(destination, start[1], os.SEEK_SET)
    while chunk := os.read(source, _CHUNK):
        _write_all(destination, chunk)


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
