"""What a file on disk looked like, to notice later that something else changed it.

A :class:`FileFingerprint` is taken when a manuscript is opened or saved and
stored with a recovery snapshot; before the next save, or after a crash,
:meth:`FileFingerprint.compare` says whether the file is still the same.
Hashing reads the whole file (about 0.1 s for 50 MB): call these off the GUI
thread for large files.
"""

from __future__ import annotations

import enum
import hashlib
import os
import re
from dataclasses import asdict, dataclass
from typing import Any, BinaryIO

_CHUNK = 1 << 20
_SHA256 = re.compile(r"[0-9a-f]{64}")
# A file written while it is being hashed is hashed again, this many times at most.
_ATTEMPTS = 3


class DiskChange(enum.Enum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    MISSING = "missing"


@dataclass(frozen=True)
class FileFingerprint:
    """Size, times, identity and SHA-256 of a file's bytes; 0 in *ctime_ns*, *inode* or *device* means unknown."""

    size: int
    mtime_ns: int
    sha256: str
    ctime_ns: int = 0
    inode: int = 0
    device: int = 0

    @classmethod
    def of(cls, path: str | os.PathLike) -> FileFingerprint | None:
        """The fingerprint of the file at *path* (symlinks followed); None when there is no file.

        Raises OSError when it exists but cannot be read (a folder, no permission).
        """
        for _attempt in range(_ATTEMPTS):
            try:
                with open(path, "rb") as handle:
                    before = os.fstat(handle.fileno())
                    digest = _sha256_of(handle)
                    after = os.fstat(handle.fileno())
            except (FileNotFoundError, NotADirectoryError):
                return None
            if _stat_key(before) == _stat_key(after):
                break
        return cls(
            size=after.st_size,
            mtime_ns=after.st_mtime_ns,
            sha256=digest,
            ctime_ns=after.st_ctime_ns,
            inode=after.st_ino,
            device=after.st_dev,
        )

    @classmethod
    def of_written(cls, path: str | os.PathLike, data: bytes) -> FileFingerprint | None:
        """The fingerprint of *data*, just written to *path*, without reading it back.

        Taken from what was written, not from what the file holds now: if
        another program wrote in between, the next check sees a change.
        """
        try:
            info = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            return None
        return cls(
            size=len(data),
            mtime_ns=info.st_mtime_ns,
            sha256=hashlib.sha256(data).hexdigest(),
            ctime_ns=info.st_ctime_ns,
            inode=info.st_ino,
            device=info.st_dev,
        )

    def compare(self, path: str | os.PathLike, *, verify: bool = False) -> DiskChange:
        """Whether the file at *path* still holds the bytes this fingerprint was taken of.

        A different size is a change at once. Matching size, times and identity
        count as unchanged without reading the file unless *verify* is True;
        otherwise the file is hashed, so a rewrite with the same bytes is
        UNCHANGED. Raises OSError when the file exists but cannot be read.
        """
        try:
            info = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            return DiskChange.MISSING
        if info.st_size != self.size:
            return DiskChange.CHANGED
        if not verify and self._same_metadata(info):
            return DiskChange.UNCHANGED
        current = FileFingerprint.of(path)
        if current is None:
            return DiskChange.MISSING
        same = (current.size, current.sha256) == (self.size, self.sha256)
        return DiskChange.UNCHANGED if same else DiskChange.CHANGED

    def differs(self, path: str | os.PathLike, *, verify: bool = False) -> bool:
        """True when the file at *path* is gone or holds other bytes (see :meth:`compare`)."""
        return self.compare(path, verify=verify) is not DiskChange.UNCHANGED

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values, for a recovery snapshot."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> FileFingerprint:
        """The fingerprint :meth:`to_dict` gave; raises ValueError for anything else."""
        if not isinstance(data, dict):
            raise ValueError("A file fingerprint must be a JSON object.")
        values = {}
        for name, default in (("size", None), ("mtime_ns", None), ("ctime_ns", 0), ("inode", 0), ("device", 0)):
            value = data.get(name, default)
            # bool is an int to Python, never to a fingerprint.
            if type(value) is not int:
                raise ValueError(f"The fingerprint's {name} must be a whole number, not {value!r}.")
            if name != "mtime_ns" and name != "ctime_ns" and value < 0:
                raise ValueError(f"The fingerprint's {name} cannot be negative.")
            values[name] = value
        sha256 = data.get("sha256")
        if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
            raise ValueError("The fingerprint's sha256 must be 64 lowercase hexadecimal digits.")
        return cls(sha256=sha256, **values)

    def _same_metadata(self, info: os.stat_result) -> bool:
        if (info.st_size, info.st_mtime_ns) != (self.size, self.mtime_ns):
            return False
        # Unknown (0) fields are not compared. The change time catches a write
        # that kept the size and put the old modification time back.
        known = ((self.ctime_ns, info.st_ctime_ns), (self.inode, info.st_ino), (self.device, info.st_dev))
        return all(old in (0, new) for old, new in known)


def _stat_key(info: os.stat_result) -> tuple[int, int, int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev


def _sha256_of(handle: BinaryIO) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(_CHUNK):
        digest.update(chunk)
    return digest.hexdigest()
