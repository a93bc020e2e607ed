"""Reading and writing manuscripts as text, keeping their encoding and line endings.

The editor always holds text with ``\\n`` line endings; :class:`TextFormat`
remembers what the file on disk used so that saving writes it back the same way.

Round trip: a file read with :func:`decode_text` and written unedited with
:func:`encode_text` gets back the same bytes, byte order mark and byte order
included, when all its line endings are the same (LF, CRLF or CR, or none).
A file with mixed line endings is written with its most common one
(:func:`detect_newline`), because the editor holds ``\\n`` only. Text read
with ``errors="replace"`` is not the file's text and does not round-trip.
"""

from __future__ import annotations

import codecs
import errno
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from writer_app.core.atomic import READ_ONLY, InPlaceSaveError, atomic_write_bytes

# Files larger than this are refused outright: the editor is for manuscripts.
MAX_FILE_BYTES = 512 * 1024 * 1024

# Encodings whose files start with a byte order mark, as TextFormat names
# them: (codec for the rest of the file, the mark). Python's "utf-16" and
# "utf-32" codecs write this machine's byte order, which would turn a
# big-endian file little-endian, so the order is part of the name.
_WITH_BOM = {
    "utf-8-sig": ("utf-8", codecs.BOM_UTF8),
    "utf-32-le-sig": ("utf-32-le", codecs.BOM_UTF32_LE),
    "utf-32-be-sig": ("utf-32-be", codecs.BOM_UTF32_BE),
    "utf-16-le-sig": ("utf-16-le", codecs.BOM_UTF16_LE),
    "utf-16-be-sig": ("utf-16-be", codecs.BOM_UTF16_BE),
}
# Recovery copies written before the byte order was kept say "utf-16"/"utf-32":
# write those little-endian, the common order.
_LEGACY_BOM_NAMES = {"utf-16": "utf-16-le-sig", "utf-32": "utf-32-le-sig"}
_LABELS = {
    "utf-8-sig": "UTF-8 BOM",
    "utf-16-le-sig": "UTF-16 LE BOM",
    "utf-16-be-sig": "UTF-16 BE BOM",
    "utf-32-le-sig": "UTF-32 LE BOM",
    "utf-32-be-sig": "UTF-32 BE BOM",
}


class TextFileError(Exception):
    """A file that cannot be opened as a manuscript; the message is for the writer."""


class BinaryFileError(TextFileError):
    pass


class EncodingError(TextFileError):
    """The bytes are not valid in the expected encoding; :attr:`line` is 1-based."""

    def __init__(self, message: str, line: int, column: int):
        super().__init__(message)
        self.line = line
        self.column = column


@dataclass(frozen=True)
class TextFormat:
    """How a file is stored: *encoding* is a Python codec name or one of the names with a byte order mark
    (``utf-8-sig``, ``utf-16-le-sig``, ``utf-16-be-sig``, ``utf-32-le-sig``, ``utf-32-be-sig``)."""

    encoding: str = "utf-8"
    newline: str = "\n"
    # "replace" means undecodable bytes became U+FFFD when the file was read.
    errors: str = "strict"

    @property
    def encoding_label(self) -> str:
        """The encoding as the writer reads it: "UTF-8", "UTF-16 BE BOM", "CP1252"."""
        return encoding_label(self.encoding)

    @property
    def label(self) -> str:
        names = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
        return f"{self.encoding_label} · {names.get(self.newline, 'LF')}"


@dataclass(frozen=True)
class TextFileContent:
    text: str
    format: TextFormat


def encoding_label(encoding: str) -> str:
    """*encoding* as the writer reads it: "UTF-8", "UTF-16 BE BOM", "CP1252"."""
    key = _key(encoding)
    return _LABELS.get(_LEGACY_BOM_NAMES.get(key, key), encoding.upper())


def _key(encoding: str) -> str:
    key = encoding.strip().lower().replace("_", "-")
    if key in _WITH_BOM:
        return key
    try:
        name = codecs.lookup(key).name  # "UTF16" and "u16" are "utf-16"
    except LookupError:
        return key
    return name if name in _WITH_BOM or name in _LEGACY_BOM_NAMES else key


def _codec_and_bom(encoding: str) -> tuple[str, bytes]:
    """The Python codec for the text of a file in *encoding*, and the mark the file starts with."""
    key = _key(encoding)
    key = _LEGACY_BOM_NAMES.get(key, key)
    return _WITH_BOM.get(key, (encoding, b""))


def _sniff_bom(data: bytes) -> str | None:
    # UTF-32 LE's mark starts with UTF-16 LE's: the longer marks are tried first.
    return next((name for name, (_codec, bom) in _WITH_BOM.items() if data.startswith(bom)), None)


def _name_as_stored(encoding: str, data: bytes) -> str:
    """*encoding* renamed to say whether *data* starts with a byte order mark, and which order."""
    key = _key(encoding)
    if key in _LEGACY_BOM_NAMES:
        # Python's codec reads either order and, without a mark, this machine's.
        for order in ("le", "be"):
            if data.startswith(_WITH_BOM[f"{key}-{order}-sig"][1]):
                return f"{key}-{order}-sig"
        return f"{key}-{'le' if sys.byteorder == 'little' else 'be'}"
    if key in _WITH_BOM:
        codec, bom = _WITH_BOM[key]
        return key if data.startswith(bom) else codec
    return encoding


def detect_newline(text: str) -> str:
    """The dominant line ending of *text* (``\\n`` when there are none).

    Ties go to CRLF, then CR; a file with mixed endings is saved with this one.
    """
    crlf = text.count("\r\n")
    lone_cr = text.count("\r") - crlf
    lone_lf = text.count("\n") - crlf
    best = max((crlf, "\r\n"), (lone_cr, "\r"), (lone_lf, "\n"), key=lambda item: item[0])
    return best[1] if best[0] else "\n"


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(data: bytes) -> bool:
    """True for data with NUL bytes in its first 8 KiB (UTF-16/32 text has a BOM)."""
    return b"\x00" in data[:8192]


def decode_text(data: bytes, encoding: str | None = None, errors: str = "strict") -> TextFileContent:
    """Decode file bytes; *encoding* None means the byte order mark's, or UTF-8.

    The format's encoding names what the file holds, so that
    :func:`encode_text` writes the same bytes: a BOM and its byte order
    (``utf-16-be-sig``), or none (an explicit ``utf-8-sig`` for a file without
    a BOM becomes ``utf-8``). Raises :class:`BinaryFileError` or
    :class:`EncodingError` with a message a writer can act on. Nothing is
    replaced silently: callers pass ``errors="replace"`` or another encoding
    only after asking.
    """
    if encoding is None:
        encoding = _sniff_bom(data)
        if encoding is None:
            if looks_binary(data):
                raise BinaryFileError("This looks like a binary file, not text.")
            encoding = "utf-8"
    else:
        encoding = _name_as_stored(encoding, data)
    codec, bom = _codec_and_bom(encoding)
    body = memoryview(data)[len(bom) :]
    try:
        text = str(body, codec, errors)
    except UnicodeDecodeError as exc:
        # Lines and columns in characters, so that UTF-16 and UTF-32 count right too.
        before = normalise_newlines(str(body[: exc.start], codec, "replace"))
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        raise EncodingError(
            f"The file is not valid {encoding_label(codec)} text "
            f"(byte 0x{body[exc.start]:02x} on line {line}, column {column}).",
            line,
            column,
        ) from exc
    except LookupError as exc:
        raise TextFileError(f"Unknown text encoding “{encoding}”.") from exc
    newline = detect_newline(text)
    return TextFileContent(normalise_newlines(text), TextFormat(encoding, newline, errors))


def read_text_file(path: str | os.PathLike, encoding: str | None = None, errors: str = "strict") -> TextFileContent:
    target = Path(path)
    try:
        size = target.stat().st_size
        if size > MAX_FILE_BYTES:
            raise TextFileError(
                f"The file is {size / 2**20:.0f} MB; Inkwell opens manuscripts up to {MAX_FILE_BYTES // 2**20} MB."
            )
        data = target.read_bytes()
    except IsADirectoryError as exc:
        raise TextFileError("This is a folder, not a file.") from exc
    except FileNotFoundError as exc:
        raise TextFileError("The file does not exist (it may have been moved or deleted).") from exc
    except PermissionError as exc:
        raise TextFileError("You do not have permission to read this file.") from exc
    except OSError as exc:
        raise TextFileError(f"The file could not be read: {exc.strerror or exc}.") from exc
    return decode_text(data, encoding, errors)


def encode_text(text: str, fmt: TextFormat) -> bytes:
    """Encode editor text for disk with the file's own line endings and encoding.

    Characters the encoding cannot hold raise :class:`UnicodeEncodeError`;
    the caller offers another encoding instead of dropping them.
    """
    if fmt.newline != "\n":
        text = text.replace("\n", fmt.newline)
    codec, bom = _codec_and_bom(fmt.encoding)
    return bom + text.encode(codec, "strict")


def write_text_file(path: str | os.PathLike, text: str, fmt: TextFormat) -> None:
    """Save *text* safely (see :func:`~writer_app.core.atomic.atomic_write_bytes`, whose errors it raises)."""
    atomic_write_bytes(path, encode_text(text, fmt))


def describe_os_error(exc: OSError) -> str:
    """A sentence or two a writer understands for a failed save."""
    reasons = {
        errno.ENOSPC: "The disk is full.",
        errno.EDQUOT: "Your disk quota is used up.",
        errno.EACCES: "You do not have permission to write there.",
        errno.EPERM: "You do not have permission to write there.",
        errno.EROFS: "The disk is read-only.",
        errno.ENOENT: "The folder does not exist (it may have been moved, renamed or unplugged).",
        errno.ENAMETOOLONG: "The file name is too long.",
        errno.EISDIR: "A folder of that name is in the way.",
    }
    reason = reasons.get(exc.errno)
    if isinstance(exc, PermissionError) and exc.strerror == READ_ONLY:
        reason = "The file is read-only."
    reason = reason or f"The system said: {exc.strerror or exc}."
    if isinstance(exc, InPlaceSaveError):
        backup = exc.backup_path  # the full path: the copy's name starts with "." and is hidden in file browsers
        if exc.restored:
            reason += f" The file still holds the previous version, and a copy of it is kept as “{backup}”."
        else:
            reason += f" The file may be incomplete now: the previous version is kept as “{backup}”."
    return reason
