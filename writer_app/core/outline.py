"""The manuscript's outline: chapters (``core.chapters``) and, within them, scenes split at scene breaks. Model-free."""

from __future__ import annotations

from dataclasses import dataclass

from writer_app.core.chapters import find_chapters
from writer_app.core.manuscript_structure import SCENE_BREAK_LINE, plain_text
from writer_app.core.text_stats import count_words


@dataclass(frozen=True)
class OutlineItem:
    title: str
    start: int
    end: int
    words: int  # without Markdown markup
    scenes: tuple[OutlineItem, ...] = ()  # only when a chapter has more than one


def outline(text: str) -> list[OutlineItem]:
    items = []
    for chapter in find_chapters(text):
        breaks = list(SCENE_BREAK_LINE.finditer(text, chapter.start, chapter.end))
        starts = [chapter.start, *(m.end() for m in breaks)]
        ends = [*(m.start() for m in breaks), chapter.end]
        scenes = tuple(
            OutlineItem(f"Scene {number}", start, end, count_words(plain_text(text[start:end])))
            for number, (start, end) in enumerate(zip(starts, ends), 1)
            if text[start:end].strip()
        )
        words = sum(scene.words for scene in scenes) if scenes else 0
        items.append(OutlineItem(chapter.title, chapter.start, chapter.end, words, scenes if len(scenes) > 1 else ()))
    return items


def item_at(items: list[OutlineItem], position: int) -> tuple[int, int]:
    """(chapter index, scene index or -1) of the item holding *position*; (-1, -1) for none."""
    for index, item in enumerate(items):
        if item.start <= position < item.end or (index == len(items) - 1 and position == item.end):
            scene = next((i for i, s in enumerate(item.scenes) if s.start <= position < s.end), -1)
            return index, scene
    return -1, -1
