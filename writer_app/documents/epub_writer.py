"""EPUB 3 through ebooklib: one XHTML file a chapter, navigation document and NCX, metadata, a small stylesheet."""

from __future__ import annotations

import html
import io
import uuid
from typing import Callable

from ebooklib import epub

from writer_app.core.manuscript_structure import Manuscript, Paragraph, SceneBreak
from writer_app.documents.options import ExportOptions

ProgressFn = Callable[[float], None]

STYLESHEET = """\
body { font-family: Georgia, serif; line-height: 1.5; margin: 0 5%; }
h1 { font-size: 1.4em; text-align: center; margin: 3em 0 2em; font-weight: normal; }
p { margin: 0; text-indent: 1.5em; text-align: justify; }
h1 + p, p.break + p { text-indent: 0; }
p.break { text-align: center; margin: 1em 0; text-indent: 0; }
"""


def epub_bytes(manuscript: Manuscript, options: ExportOptions, on_progress: ProgressFn = lambda _f: None) -> bytes:
    book = epub.EpubBook()
    # The same manuscript and author give the same identifier, so a reader app updates its copy.
    book.set_identifier(f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'inkwell:{manuscript.author}:{manuscript.title}')}")
    book.set_title(manuscript.title)
    book.set_language(manuscript.language or "en")
    if manuscript.author:
        book.add_author(manuscript.author)
    style = epub.EpubItem(uid="style", file_name="style/book.css", media_type="text/css", content=STYLESHEET)
    book.add_item(style)
    chapters = []
    total = max(1, len(manuscript.sections))
    for number, section in enumerate(manuscript.sections, 1):
        title = section.title or manuscript.title
        chapter = epub.EpubHtml(title=title, file_name=f"chapter-{number:04d}.xhtml", lang=manuscript.language)
        chapter.content = _chapter_html(title, section.blocks)
        chapter.add_item(style)
        book.add_item(chapter)
        chapters.append(chapter)
        on_progress(number / total)
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *chapters]
    buffer = io.BytesIO()
    epub.write_epub(buffer, book)
    return buffer.getvalue()


def _chapter_html(title: str, blocks) -> str:
    parts = [f"<h1>{html.escape(title)}</h1>"]
    for block in blocks:
        if isinstance(block, SceneBreak):
            parts.append('<p class="break">* * *</p>')
        elif isinstance(block, Paragraph):
            parts.append("<p>" + "".join(_span_html(span) for span in block.spans) + "</p>")
    return "\n".join(parts)


def _span_html(span) -> str:
    text = html.escape(span.text, quote=False)
    if span.bold:
        text = f"<strong>{text}</strong>"
    if span.italic:
        text = f"<em>{text}</em>"
    return text
