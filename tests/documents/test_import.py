"""DOCX, ODT and EPUB manuscripts read back as Markdown: the four novels round trip, bad files are refused."""

from __future__ import annotations

import zipfile

import pytest

from tests.documents.corpus import DATA, NOVELS, italics, overlap, words
from writer_app.core.manuscript_structure import parse_manuscript, plain_text
from writer_app.documents.export import export_file
from writer_app.documents.importing import ImportFailed, import_markdown, markdown_path_for
from writer_app.documents.options import ExportOptions

pytestmark = pytest.mark.core


@pytest.mark.parametrize("fmt", ["docx", "odt", "epub"])
@pytest.mark.parametrize("novel", NOVELS)
def test_an_exported_novel_imports_with_its_words_chapters_and_italics(tmp_path, novel, fmt):
    text = (DATA / novel).read_text(encoding="utf-8")
    source = export_file(text, fmt, tmp_path / f"book.{fmt}", ExportOptions(title="The Book", layout="plain"))
    imported = import_markdown(source)
    assert overlap(words(plain_text(text)), words(plain_text(imported))) >= 0.999
    original, back = parse_manuscript(text), parse_manuscript(imported)
    titles = [s.title for s in back.sections if s.title]
    chapters = [s.title for s in original.sections if s.title]
    # DOCX and ODT open with the book's title (a heading or a line of its own) before the chapters.
    assert titles[len(titles) - len(chapters) :] == chapters and len(titles) - len(chapters) <= 1
    assert italics(back) == italics(original)


def test_bad_files_are_refused_with_a_reason(tmp_path):
    encrypted = tmp_path / "secret.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(ImportFailed, match="password-protected"):
        import_markdown(encrypted)
    damaged = tmp_path / "damaged.odt"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFailed, match="damaged"):
        import_markdown(damaged)
    wrong = tmp_path / "notes.docx"
    with zipfile.ZipFile(wrong, "w") as archive:
        archive.writestr("hello.txt", "not a document")
    with pytest.raises(ImportFailed, match="could not be read"):
        import_markdown(wrong)
    protected = tmp_path / "shop.epub"
    export_file("# One\n\nText.\n", "epub", protected, ExportOptions(title="Shop"))
    with zipfile.ZipFile(protected, "a") as archive:
        archive.writestr("META-INF/encryption.xml", "<encryption/>")
    with pytest.raises(ImportFailed, match="DRM"):
        import_markdown(protected)
    with pytest.raises(ImportFailed, match="cannot import"):
        import_markdown(tmp_path / "book.rtf")


def test_the_markdown_copy_never_replaces_a_file(tmp_path):
    source = tmp_path / "novel.docx"
    assert markdown_path_for(source) == tmp_path / "novel.md"
    (tmp_path / "novel.md").write_text("mine", encoding="utf-8")
    (tmp_path / "novel (2).md").write_text("mine too", encoding="utf-8")
    assert markdown_path_for(source) == tmp_path / "novel (3).md"
