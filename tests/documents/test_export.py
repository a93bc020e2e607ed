"""Exports of the four corpus novels, read back with the library that wrote them."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter

import pytest

from tests.documents.corpus import DATA, NOVELS, italics, overlap, words
from writer_app.core.manuscript_structure import parse_manuscript, plain_text, rounded_word_count
from writer_app.documents.export import ExportFailed, export_bytes, export_file
from writer_app.documents.options import ExportOptions

pytestmark = pytest.mark.core

OPTIONS = ExportOptions(title="A Novel", author="Ann Author", contact=("1 Lane", "ann@example.org"))


@pytest.fixture(scope="module", params=NOVELS)
def novel(request):
    text = (DATA / request.param).read_text(encoding="utf-8")
    return text, parse_manuscript(text)


def test_docx_keeps_every_word_chapter_and_italic(novel):
    import docx

    text, manuscript = novel
    document = docx.Document(io.BytesIO(export_bytes(text, "docx", OPTIONS)))
    paragraphs = document.paragraphs
    body = "\n".join(p.text for p in paragraphs)
    assert overlap(words(plain_text(text)), words(body)) >= 0.999
    new_pages = [p for p in paragraphs if p.paragraph_format.page_break_before]
    titled = [s for s in manuscript.sections if s.title]
    assert len(new_pages) == len(titled) - 1  # the first follows the title page's section break
    assert [p.text for p in new_pages] == [s.title for s in titled[1:]]
    got = [r.text for p in paragraphs for r in p.runs if r.italic]
    assert got == italics(manuscript)
    # Standard manuscript format: double-spaced 12 pt, a running header with a page field, the word count.
    normal = document.styles["Normal"]
    assert normal.paragraph_format.line_spacing == 2.0 and normal.font.size.pt == 12
    header = document.sections[-1].header.paragraphs[0]
    assert header.text.startswith("Author / A NOVEL / ") and "PAGE" in header._p.xml
    assert paragraphs[0].text.startswith(f"Ann Author\tabout {rounded_word_count(manuscript.words):,} words")


def test_odt_keeps_every_word_chapter_and_italic(novel):
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H, P, Span

    text, manuscript = novel
    document = load(io.BytesIO(export_bytes(text, "odt", OPTIONS)))
    paragraphs = document.getElementsByType(P)
    body = "\n".join(teletype.extractText(p) for p in [*paragraphs, *document.getElementsByType(H)])
    assert overlap(words(plain_text(text)), words(body)) >= 0.999
    chapters = [teletype.extractText(h) for h in document.getElementsByType(H)]
    assert chapters == [s.title for s in manuscript.sections if s.title]
    got = [teletype.extractText(s) for s in document.getElementsByType(Span) if s.getAttribute("stylename") == "Italic"]
    assert got == italics(manuscript)


def test_epub_is_well_formed_with_a_file_and_a_nav_entry_a_chapter(novel):
    text, manuscript = novel
    data = export_bytes(text, "epub", OPTIONS)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "mimetype" and archive.read("mimetype") == b"application/epub+zip"
        chapters = sorted(n for n in archive.namelist() if n.startswith("EPUB/chapter-"))
        assert len(chapters) == len(manuscript.sections)
        xhtml = "{http://www.w3.org/1999/xhtml}"
        body_words: Counter = Counter()
        got = []
        for name in chapters:
            root = ET.fromstring(archive.read(name))  # well-formed XHTML, or this raises
            body_words += words("\n".join("".join(e.itertext()) for e in root.iter(f"{xhtml}p")))
            got += ["".join(e.itertext()) for e in root.iter(f"{xhtml}em")]
        nav = ET.fromstring(archive.read("EPUB/nav.xhtml"))
        entries = ["".join(a.itertext()) for a in nav.iter(f"{xhtml}a")]
        assert entries == [s.title or "A Novel" for s in manuscript.sections]
        package = archive.read("EPUB/content.opf").decode()
        assert "<dc:title>A Novel</dc:title>" in package and "Ann Author" in package and "<dc:language>en" in package
    headings = words("\n".join(s.title for s in manuscript.sections))
    assert overlap(words(plain_text(text)) - headings, body_words) >= 0.999
    assert got == italics(manuscript)


def test_a_pdf_has_a_page_a_chapter_at_least(novel, qapp):
    text, manuscript = novel
    data = export_bytes(text, "pdf", OPTIONS)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page/")
    assert pages >= len(manuscript.sections) + 1


def test_a_failed_export_leaves_no_file_and_says_why(tmp_path):
    text = "# One\n\nSome *words*.\n"
    with pytest.raises(ExportFailed, match="nothing to export"):
        export_file("  \n", "docx", tmp_path / "empty.docx", OPTIONS)
    assert not (tmp_path / "empty.docx").exists()
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("x", encoding="utf-8")
    with pytest.raises(ExportFailed, match="Could not write"):
        export_file(text, "epub", not_a_folder / "book.epub", OPTIONS)
    assert not_a_folder.read_text(encoding="utf-8") == "x"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]  # no temporary file left either
    with pytest.raises(ExportFailed, match="cannot export"):
        export_bytes(text, "rtf", OPTIONS)
    assert export_file(text, "odt", tmp_path / "book.odt", OPTIONS).stat().st_size > 0
