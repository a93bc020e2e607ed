"""Checks on model files: content hashes and safetensors headers. No torch, no Qt."""

from __future__ import annotations

import hashlib
import json
import struct
import threading
from pathlib import Path

from writer_app.core.errors import raise_if_stopped

_CHUNK = 1 << 20


class DamagedFile(Exception):
    """A model file is not what it should be; the message says how."""


def sha256_of(path: Path, stop: threading.Event | None = None) -> str:
    """The file's sha256 in hex (about 1 GB/s once the file is in the page cache); Stopped when *stop* is set."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            raise_if_stopped(stop)
    return digest.hexdigest()


def git_blob_sha1(path: Path) -> str:
    """The id git gives the file's content (what the Hub reports for files not stored with LFS)."""
    digest = hashlib.sha1(b"blob %d\0" % path.stat().st_size)
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def safetensors_shapes(path: Path) -> dict[str, list[int]]:
    """Tensor names and shapes from a safetensors header; DamagedFile if the header or the file's length is wrong."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        prefix = handle.read(8)
        if len(prefix) != 8:
            raise DamagedFile(f"{path.name} is cut short")
        (header_size,) = struct.unpack("<Q", prefix)
        if header_size > size - 8:
            raise DamagedFile(f"{path.name} is cut short")
        raw = handle.read(header_size)
    try:
        header = json.loads(raw)
        header.pop("__metadata__", None)
        end = max((entry["data_offsets"][1] for entry in header.values()), default=0)
        shapes = {name: list(entry["shape"]) for name, entry in header.items()}
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        raise DamagedFile(f"{path.name} has a damaged header") from None
    if end != size - 8 - header_size:
        raise DamagedFile(f"{path.name} is cut short")
    return shapes


def cache_folder_message(folder: Path, exc: OSError) -> str:
    """What to tell the writer when a folder in the model cache cannot be created."""
    import errno

    from writer_app.core.textfile import describe_os_error

    where = Path(exc.filename) if exc.filename else folder
    if exc.errno in (errno.EEXIST, errno.ENOTDIR):
        reason = "Something that is not a folder (a file, or a link to a folder that is gone) is in its place."
    else:
        reason = describe_os_error(exc)
    return (
        f"Inkwell could not create the folder it prepares models in, {where}. {reason} "
        "Fix or remove what is there, or free some space, then try again."
    )
