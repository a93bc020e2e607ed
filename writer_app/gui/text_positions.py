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


def document_positions(text: str, indices: list[int]) -> dict[int, int]:
    """Python string indices of *text* as QTextDocument positions (UTF-16 code units), in one pass."""
    if text.isascii():
        return {index: index for index in indices}
    positions, position, done = {}, 0, 0
    for index in sorted(set(indices)):
        position += len(text[done:index].encode("utf-16-le")) // 2
        done = index
        positions[index] = position
    return positions
