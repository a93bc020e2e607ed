"""Chapters and scenes of a manuscript."""

from __future__ import annotations

import pytest

from writer_app.core.outline import item_at, outline

pytestmark = pytest.mark.core


def test_scenes_split_at_scene_breaks():
    text = "# One\n\nA b c.\n\n* * *\n\nD e.\n\n# Two\n\nF *g*.\n"
    items = outline(text)
    assert [(i.title, i.words, [s.words for s in i.scenes]) for i in items] == [("One", 6, [4, 2]), ("Two", 3, [])]
    assert item_at(items, text.index("D e")) == (0, 1) and item_at(items, len(text)) == (1, -1)
