"""Python string indices and QTextDocument positions (which count UTF-16 code units) are not the same."""

from __future__ import annotations


def document_position(text: str, index: int) -> int:
    """A Python string index as a QTextDocument position."""
    if text.isascii():
        return index
    return len(text[:index].encode("utf-16-le")) // 2


def python_index(text: str, position: int) -> int:
    """A QTextDocument position as a Python string index."""
    if text.isascii():
        return position
    return len(text.encode("utf-16-le")[: position * 2].decode("utf-16-le", errors="ignore"))
