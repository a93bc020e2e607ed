"""Manuscripts from DOCX, ODT and EPUB as Markdown text: headings, emphasis and scene breaks kept.

Each format is read with the library that writes it (python-docx, odfpy,
ebooklib); the result is plain Markdown that Inkwell edits like any other.
The original is never written to (``markdown_path_for`` picks a new name).
"""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from writer_app.core.manuscript_structure import escaped

IMPORT_SUFFIXES = (".docx", ".odt", ".epub")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # an encrypted Office file (or an old .doc) is an OLE container, not a zip
_SCENE_MARKS = {"#", "*", "***", "* * *", "---", "~~~", "§"}


class ImportFailed(Exception):
    """The file could not be read as a manuscript; the message says why, for the writer."""


def markdown_path_for(source: Path) -> Path:
    """Where the converted text goes: ``name.md`` beside *source*, or ``name (2).md``… when that exists."""
    candidate = source.with_suffix(".md")
    number = 2
    while candidate.exists():
        candidate = source.with_name(f"{source.stem} ({number}).md")
        number += 1
    return candidate


def import_markdown(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise ImportFailed(f"Inkwell cannot import {path.suffix or 'this kind of'} files.")
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise ImportFailed(f"Could not read {path.name}: {exc.strerror or exc}.") from exc
    if head == _OLE_MAGIC:
        raise ImportFailed(f"{path.name} is password-protected (or an old Word .doc); save it unprotected as .docx.")
    if not zipfile.is_zipfile(path):
        raise ImportFailed(f"{path.name} is not a readable {suffix[1:].upper()} file (it may be damaged).")
    try:
        if suffix == ".docx":
            text = _from_docx(path)
        elif suffix == ".odt":
            text = _from_odt(path)
        else:
            text = _from_epub(path)
    except ImportFailed:
        raise
    except Exception as exc:  # a library's own error on a malformed file
        raise ImportFailed(f"{path.name} could not be read ({type(exc).__name__}); it may be damaged.") from exc
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    if not text:
        raise ImportFailed(f"{path.name} has no text to import.")
    return text + "\n"


def _emphasised(text: str, italic: bool, bold: bool) -> str:
    """*text* (already escaped) with Markdown marks, kept outside its surrounding spaces (``*word* ``)."""
    if not text.strip() or not (italic or bold):
        return text
    core = text.strip()
    lead, tail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    mark = ("**" if bold else "") + ("*" if italic else "")
    return f"{lead}{mark}{core}{mark[::-1]}{tail}"


def _block(text: str, level: int = 0) -> str:
    text = " ".join(text.split())
    if not text:
        return ""
    if text.replace("\\", "") in _SCENE_MARKS:  # the marks arrive escaped, as characters
        return "***"
    return f"{'#' * level} {text}" if level else text


# ---------------------------------------------------------------- DOCX
def _from_docx(path: Path) -> str:
    import docx

    document = docx.Document(str(path))
    blocks = []
    for paragraph in document.paragraphs:
        style = paragraph.style.name if paragraph.style is not None else ""
        level = 0
        if style == "Title":
            level = 1
        elif style.startswith("Heading"):
            level = int(style.split()[-1]) if style.split()[-1].isdigit() else 1
        if level:
            blocks.append(_block(paragraph.text, level))
        else:
            runs = paragraph.runs
            blocks.append(_block("".join(_emphasised(escaped(r.text), bool(r.italic), bool(r.bold)) for r in runs)))
    return "\n\n".join(block for block in blocks if block)


# ---------------------------------------------------------------- ODT
def _from_odt(path: Path) -> str:
    from odf import teletype
    from odf.namespaces import TEXTNS
    from odf.opendocument import load
    from odf.style import Style, TextProperties

    document = load(str(path))
    emphasis = {}  # text style name → (italic, bold)
    for style in document.getElementsByType(Style):
        for properties in style.getElementsByType(TextProperties):
            italic = properties.getAttribute("fontstyle") == "italic"
            bold = properties.getAttribute("fontweight") == "bold"
            if italic or bold:
                emphasis[style.getAttribute("name")] = (italic, bold)
    blocks = []
    for element in document.text.childNodes:
        if element.nodeType == element.TEXT_NODE:
            continue
        if element.qname == (TEXTNS, "h"):
            level = int(element.getAttribute("outlinelevel") or 1)
            blocks.append(_block(teletype.extractText(element), level))
        elif element.qname == (TEXTNS, "p"):
            pieces = []
            for node in element.childNodes:
                if node.nodeType == node.TEXT_NODE:
                    pieces.append(escaped(str(node)))
                elif node.qname == (TEXTNS, "span"):
                    italic, bold = emphasis.get(node.getAttribute("stylename"), (False, False))
                    pieces.append(_emphasised(escaped(teletype.extractText(node)), italic, bold))
                else:
                    pieces.append(escaped(teletype.extractText(node)))
            blocks.append(_block("".join(pieces)))
    return "\n\n".join(block for block in blocks if block)


# ---------------------------------------------------------------- EPUB
class _XhtmlToMarkdown(HTMLParser):
    """Headings, paragraphs, emphasis and rules of one XHTML chapter as Markdown blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._text: list[str] = []
        self._level = 0
        self._marks: list[tuple[str, int]] = []  # open emphasis tags and where their text begins

    def handle_starttag(self, tag, attrs):
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self._flush()
            self._level = int(tag[1])
        elif tag in ("p", "div", "blockquote", "li"):
            self._flush()
        elif tag in ("em", "i", "strong", "b"):
            self._marks.append((tag, len(self._text)))
        elif tag == "hr":
            self._flush()
            self.blocks.append("***")
        elif tag == "br":
            self._text.append(" ")

    def handle_endtag(self, tag):
        if tag in ("em", "i", "strong", "b") and self._marks:
            opened, at = self._marks.pop()
            inside = "".join(self._text[at:])
            self._text[at:] = [_emphasised(inside, italic=opened in ("em", "i"), bold=opened in ("strong", "b"))]
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "blockquote", "li"):
            self._flush()

    def handle_data(self, data):
        self._text.append(escaped(data))

    def _flush(self):
        block = _block("".join(self._text), self._level)
        if block:
            self.blocks.append(block)
        self._text, self._level, self._marks = [], 0, []


def _from_epub(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        if "META-INF/encryption.xml" in archive.namelist():
            raise ImportFailed(f"{path.name} is protected (DRM); Inkwell can import only unprotected e-books.")
    import ebooklib
    from ebooklib import epub

    book = epub.read_epub(str(path), {"ignore_ncx": True})
    chapters = []
    for item_id, _linear in book.spine:
        item = book.get_item_with_id(item_id)
        if item is None or item.get_type() != ebooklib.ITEM_DOCUMENT or isinstance(item, epub.EpubNav):
            continue
        parser = _XhtmlToMarkdown()
        parser.feed(item.get_content().decode("utf-8", errors="replace"))
        parser.close()
        if parser.blocks:
            chapters.append("\n\n".join(parser.blocks))
    return "\n\n".join(chapters)
