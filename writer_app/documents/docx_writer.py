"""DOCX through python-docx: standard manuscript format, or plain.

Manuscript format (as agents and publishers ask): a title page with the
author's contact block and the rounded word count, the title halfway down
and a byline; 12-point Times New Roman or Courier, double-spaced, 1-inch
margins, first lines indented half an inch; a running header
"Surname / TITLE / page" from page two on; each chapter on a new page a
third of the way down; scene breaks as a centred "#"; emphasis as italics
and bold.
"""

from __future__ import annotations

import io
from typing import Callable

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

from writer_app.core.manuscript_structure import Manuscript, Paragraph, SceneBreak, rounded_word_count
from writer_app.documents.options import ExportOptions

ProgressFn = Callable[[float], None]


def docx_bytes(manuscript: Manuscript, options: ExportOptions, on_progress: ProgressFn = lambda _f: None) -> bytes:
    document = Document()
    manuscript_format = options.layout == "manuscript"
    _base_style(document, options, manuscript_format)
    section = document.sections[0]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    if manuscript_format:
        _manuscript_heading_style(document, options)
        _title_page(document, manuscript)
        section = document.add_section(WD_SECTION.NEW_PAGE)
        section.header.is_linked_to_previous = False
        _running_header(section, manuscript)
        document.sections[0].header.is_linked_to_previous = False  # the title page has none
    else:
        document.add_heading(manuscript.title, 0)
        if manuscript.author:
            document.add_paragraph(manuscript.author).alignment = WD_ALIGN_PARAGRAPH.CENTER
    total = max(1, len(manuscript.sections))
    for number, chapter in enumerate(manuscript.sections):
        if chapter.title:
            # A real heading (Word's navigation pane lists it), styled as the text in manuscript format.
            heading = document.add_heading(level=1)
            if number:
                heading.paragraph_format.page_break_before = True
            heading.add_run(chapter.title)
        for block in chapter.blocks:
            if isinstance(block, SceneBreak):
                mark = document.add_paragraph("#" if manuscript_format else "* * *")
                mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
                mark.paragraph_format.first_line_indent = Inches(0)
            elif isinstance(block, Paragraph):
                paragraph = document.add_paragraph()
                for span in block.spans:
                    run = paragraph.add_run(span.text)
                    run.italic = span.italic or None
                    run.bold = span.bold or None
        on_progress((number + 1) / total)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _base_style(document, options: ExportOptions, manuscript_format: bool) -> None:
    normal = document.styles["Normal"]
    normal.font.name = options.font if manuscript_format else "Georgia"
    normal.font.size = Pt(12 if manuscript_format else 11)
    # East Asian text falls back to this name too, or Word shows another font.
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), normal.font.name)
    paragraph = normal.paragraph_format
    paragraph.space_before = paragraph.space_after = Pt(0)
    if manuscript_format:
        paragraph.line_spacing = 2.0
        paragraph.first_line_indent = Inches(0.5)
    else:
        paragraph.line_spacing = 1.15
        paragraph.first_line_indent = Inches(0.3)


def _manuscript_heading_style(document, options: ExportOptions) -> None:
    """Heading 1 as manuscript format wants a chapter title: the text's font, centred, a third of the way down."""
    heading = document.styles["Heading 1"]
    heading.font.name = options.font
    heading.font.size = Pt(12)
    heading.font.bold = False
    heading.font.color.rgb = RGBColor(0, 0, 0)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        heading.element.rPr.rFonts.attrib.pop(qn(theme), None)  # the theme's heading font would win otherwise
    heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_before = Pt(12 * 2 * 8)
    heading.paragraph_format.space_after = Pt(12)
    heading.paragraph_format.first_line_indent = Inches(0)


def _title_page(document, manuscript: Manuscript) -> None:
    top = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    contact = [manuscript.author, *manuscript.contact] if manuscript.author else list(manuscript.contact)
    top.paragraph_format.first_line_indent = Inches(0)
    top.paragraph_format.line_spacing = 1.0
    # The word count on the first line, against the right margin.
    top.paragraph_format.tab_stops.add_tab_stop(Inches(6.5), WD_TAB_ALIGNMENT.RIGHT)
    count = f"about {rounded_word_count(manuscript.words):,} words"
    for index, line in enumerate(contact or [""]):
        run = top.add_run(f"{line}\t{count}" if index == 0 else line)
        if index < len(contact) - 1:
            run.add_break()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Inches(0)
    title.paragraph_format.space_before = Pt(12 * 2 * 7)  # halfway down the page
    title.add_run(manuscript.title.upper())
    if manuscript.author:
        byline = document.add_paragraph(f"by {manuscript.author}")
        byline.alignment = WD_ALIGN_PARAGRAPH.CENTER
        byline.paragraph_format.first_line_indent = Inches(0)
        byline.runs[0].add_break(WD_BREAK.LINE)


def _running_header(section, manuscript: Manuscript) -> None:
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    header.paragraph_format.first_line_indent = Inches(0)
    surname = manuscript.surname or "Anonymous"
    header.add_run(f"{surname} / {manuscript.title.upper()} / ")
    # Word fills in the page number: a PAGE field (python-docx has no call for it).
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    header._p.append(field)
