"""A manuscript as a reader's document: chapters of paragraphs and scene breaks, with emphasis. Model-free.

What every export writes from (``writer_app/documents``). Chapters are
``core.chapters.find_chapters``; their heading lines become the chapter's
title. Paragraphs are separated by blank lines, and line breaks inside a
paragraph are read as spaces (hard-wrapped text). A paragraph that is only a
scene-break mark (``***``, ``* * *``, ``#``, ``---``, ``~~~``) is a scene
break. Markdown emphasis (``*italic*``, ``_italic_``, ``**bold**``,
``__bold__``) becomes spans; other Markdown marks on a line's start (``>``,
list bullets) are kept as text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from writer_app.core.chapters import find_chapters, is_heading_line
from writer_app.core.text_stats import count_words


@dataclass(frozen=True)
class Span:
    text: str
    italic: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


@dataclass(frozen=True)
class SceneBreak:
    pass


Block = Paragraph | SceneBreak


@dataclass(frozen=True)
class Section:
    title: str  # "" for text before the first heading
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Manuscript:
    title: str
    author: str
    sections: tuple[Section, ...]
    words: int = 0  # of the text without its markup
    language: str = "en"
    contact: tuple[str, ...] = field(default=())  # the author's contact lines, for a title page

    @property
    def surname(self) -> str:
        return self.author.split()[-1] if self.author.split() else ""


_SCENE_MARK = r"[ \t]*(?:(?:\*[ \t]*){3,}|#|(?:-[ \t]*){3,}|(?:~[ \t]*){3,}|(?:_[ \t]*){3,})[ \t]*"
_SCENE_BREAK = re.compile(rf"^\s*{_SCENE_MARK}\s*$")
# A scene break as a paragraph of its own in the whole text (blank lines or the text's edge around it).
SCENE_BREAK_LINE = re.compile(rf"(?:(?<=\n\n)|(?<=\A)){_SCENE_MARK}(?=\n[ \t]*\n|\n?\Z)")
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# Emphasis: bold first (doubled marks), then italics; a mark must touch the word it opens or closes,
# and "_" only counts at a word's edge (snake_case and "don't" stay text).
# A mark escaped with a backslash ("\*") is the character itself.
_EMPHASIS = re.compile(
    r"(?P<bold>(?<!\\)\*\*(?=\S)(?P<b1>.+?)(?<=[^\s\\])\*\*|(?<![\w\\])__(?=\S)(?P<b2>.+?)(?<=[^\s\\])__(?!\w))"
    r"|(?P<italic>(?<!\\)\*(?=[^\s*])(?P<i1>.+?)(?<=[^\s*\\])\*"
    r"|(?<![\w\\])_(?=[^\s_])(?P<i2>.+?)(?<=[^\s_\\])_(?!\w))"
)
_ESCAPED = re.compile(r"\\([*_\\])")


def spans_of(text: str, italic: bool = False, bold: bool = False) -> tuple[Span, ...]:
    """*text* split into spans by its Markdown emphasis (nested marks included)."""
    spans: list[Span] = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        if match.start() > position:
            spans.append(Span(_ESCAPED.sub(r"\1", text[position : match.start()]), italic, bold))
        if match.group("bold"):
            spans.extend(spans_of(match.group("b1") or match.group("b2"), italic, True))
        else:
            spans.extend(spans_of(match.group("i1") or match.group("i2"), True, bold))
        position = match.end()
    if position < len(text):
        spans.append(Span(_ESCAPED.sub(r"\1", text[position:]), italic, bold))
    return tuple(spans)


def escaped(text: str) -> str:
    """*text* with the characters Markdown would read as emphasis escaped, so they stay characters."""
    return re.sub(r"([*_\\])", r"\\\1", text)


def plain_text(text: str) -> str:
    """*text* without its Markdown emphasis marks or heading hashes (what a reader sees)."""
    lines = [_MARKDOWN_HEADING.sub("", line) for line in text.split("\n")]
    return "".join(span.text for span in spans_of("\n".join(lines)))


def parse_manuscript(
    text: str, title: str = "", author: str = "", language: str = "en", contact: tuple[str, ...] = ()
) -> Manuscript:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sections = []
    for chapter in find_chapters(text):
        body_start = _after_headings(text, chapter.start, chapter.end)
        heading = chapter.title if body_start > chapter.start else ""
        sections.append(Section(heading, tuple(_blocks(text[body_start : chapter.end]))))
    return Manuscript(
        title=title or "Untitled",
        author=author,
        sections=tuple(sections),
        words=count_words(plain_text(text)),
        language=language,
        contact=contact,
    )


def _after_headings(text: str, start: int, end: int) -> int:
    """Where a chapter's body begins: after its heading lines (and the blank lines among them)."""
    position = start
    while position < end:
        line_end = text.find("\n", position, end)
        line_end = end if line_end < 0 else line_end
        line = text[position:line_end]
        if line.strip() and not is_heading_line(text, position, line_end):
            return position
        position = line_end + 1
    return end


def _blocks(body: str) -> list[Block]:
    blocks: list[Block] = []
    for paragraph in re.split(r"\n[ \t]*\n", body):
        if not paragraph.strip():
            continue
        if _SCENE_BREAK.match(paragraph):
            if blocks and not isinstance(blocks[-1], SceneBreak):
                blocks.append(SceneBreak())
            continue
        joined = " ".join(line.strip() for line in paragraph.strip().split("\n"))
        blocks.append(Paragraph(spans_of(_MARKDOWN_HEADING.sub("", joined))))
    while blocks and isinstance(blocks[-1], SceneBreak):
        blocks.pop()
    return blocks


def rounded_word_count(words: int) -> int:
    """The word count as agents expect it: to the nearest 1,000 for a novel, else to the nearest 100."""
    step = 1000 if words >= 20000 else 100
    return max(step, round(words / step) * step)
