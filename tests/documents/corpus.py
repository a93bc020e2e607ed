"""The four corpus novels and the measures both the export and the import round trips use."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from writer_app.core.manuscript_structure import Paragraph
from writer_app.core.text_stats import _WORD

DATA = Path(__file__).resolve().parent.parent / "data"
NOVELS = ("pride_and_prejudice.txt", "moby_dick.txt", "ulysses.txt", "war_and_peace.txt")


def words(text: str) -> Counter:
    return Counter(word.lower() for word in _WORD.findall(text))


def overlap(expected: Counter, got: Counter) -> float:
    """Share of the manuscript's words (with their counts) found in the other text."""
    return sum((expected & got).values()) / max(1, sum(expected.values()))


def italics(manuscript) -> list[str]:
    """The manuscript's italic spans, in order."""
    return [
        span.text
        for section in manuscript.sections
        for block in section.blocks
        if isinstance(block, Paragraph)
        for span in block.spans
        if span.italic and span.text.strip()
    ]
