"""Reading and writing manuscripts as text, keeping their encoding and line endings.

The editor always holds text with ``\\n`` line endings; :class:`TextFormat`
remembers what the file on disk used so that saving writes it back the same way.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

from writer_app.core.atomic import atomic_write_bytes

# Files larger than this are refused outright: the editor is for manuscripts.
MAX_FILE_BYTES = 512 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


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
    encoding: str = "utf-8"
    newline: str = "\n"
    # "replace" means undecodable bytes became U+FFFD when the file was read.
    errors: str = "strict"

    @property
    def label(self) -> str:
        names = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}
        encoding = {"utf-8-sig": "UTF-8 BOM"}.get(self.encoding, self.encoding.upper())
        return f"{encoding} · {names.get(self.newline, 'LF')}"


@dataclass(frozen=True)
class TextFileContent:
    text: str
    format: TextFormat


def detect_newline(text: str) -> str:
    """The dominant line ending of *text* (``\\n`` when there are none)."""
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
    """Decode file bytes; *encoding* None means BOM or UTF-8.

    Raises :class:`BinaryFileError` or :class:`EncodingError` with a message a
    writer can act on. Nothing is replaced silently: callers pass
    ``errors="replace"`` or another encoding only after asking.
    """
    if encoding is None:
        encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
        if encoding is None:
            if looks_binary(data):
                raise BinaryFileError("This looks like a binary file, not text.")
            encoding = "utf-8"
    try:
        text = data.decode(encoding, errors)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise EncodingError(
            f"The file is not valid {encoding.upper()} text "
            f"(byte 0x{data[exc.start]:02x} on line {line}, column {column}).",
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
    # "utf-16"/"utf-32" write a BOM themselves, as the file had one.
    return text.encode(fmt.encoding, "strict")


def write_text_file(path: str | os.PathLike, text: str, fmt: TextFormat) -> None:
    atomic_write_bytes(path, encode_text(text, fmt))


def describe_os_error(exc: OSError) -> str:
    """A sentence a writer understands for a failed save."""
    import errno

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
    if isinstance(exc, PermissionError) and exc.strerror == "The file is read-only":
        reason = "The file is read-only."
    return reason or f"The system said: {exc.strerror or exc}."
