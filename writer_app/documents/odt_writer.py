"""ODT through odfpy, with the same structure as the DOCX export (``docx_writer``)."""

from __future__ import annotations

import io
from typing import Callable

from odf.opendocument import OpenDocumentText
from odf.style import (
    FontFace,
    Header,
    MasterPage,
    PageLayout,
    PageLayoutProperties,
    ParagraphProperties,
    Style,
    TextProperties,
)
from odf.text import H, LineBreak, P, PageNumber, Span

from writer_app.core.manuscript_structure import Manuscript, Paragraph, SceneBreak, rounded_word_count
from writer_app.documents.options import ExportOptions

ProgressFn = Callable[[float], None]


def odt_bytes(manuscript: Manuscript, options: ExportOptions, on_progress: ProgressFn = lambda _f: None) -> bytes:
    manuscript_format = options.layout == "manuscript"
    document = OpenDocumentText()
    font = options.font if manuscript_format else "Georgia"
    document.fontfacedecls.addElement(FontFace(name=font, fontfamily=f"'{font}'"))
    styles = _styles(document, font, manuscript_format)
    if manuscript_format:
        _master_pages(document, manuscript)
        _title_page(document, manuscript, styles)
    else:
        document.text.addElement(P(stylename=styles["title"], text=manuscript.title))
        if manuscript.author:
            document.text.addElement(P(stylename=styles["centred"], text=manuscript.author))
    total = max(1, len(manuscript.sections))
    for number, chapter in enumerate(manuscript.sections):
        first = number == 0
        if chapter.title:
            style = styles["chapter_first" if first and not manuscript_format else "chapter"]
            document.text.addElement(H(outlinelevel=1, stylename=style, text=chapter.title))
        for block in chapter.blocks:
            if isinstance(block, SceneBreak):
                document.text.addElement(P(stylename=styles["centred"], text="#" if manuscript_format else "* * *"))
            elif isinstance(block, Paragraph):
                paragraph = P(stylename=styles["body"])
                for span in block.spans:
                    key = ("bold_italic" if span.italic else "bold") if span.bold else ("italic" if span.italic else "")
                    if key:
                        paragraph.addElement(Span(stylename=styles[key], text=span.text))
                    else:
                        paragraph.addText(span.text)
                document.text.addElement(paragraph)
        on_progress((number + 1) / total)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _styles(document, font: str, manuscript_format: bool) -> dict:
    spacing = "200%" if manuscript_format else "115%"
    size = "12pt" if manuscript_format else "11pt"

    def paragraph(name: str, parent: Style | None = None, **properties) -> Style:
        style = Style(name=name, family="paragraph", **({"parentstylename": parent} if parent else {}))
        style.addElement(ParagraphProperties(**properties))
        document.automaticstyles.addElement(style) if parent else document.styles.addElement(style)
        return style

    body = Style(name="Manuscript Body", family="paragraph")
    body.addElement(
        ParagraphProperties(lineheight=spacing, textindent="0.5in" if manuscript_format else "0.3in", margintop="0in")
    )
    body.addElement(TextProperties(fontname=font, fontsize=size))
    document.styles.addElement(body)
    styles = {"body": body}
    styles["centred"] = paragraph("Centred", body, textalign="center", textindent="0in")
    styles["chapter"] = paragraph(
        "Chapter", body, textalign="center", textindent="0in", breakbefore="page", margintop="2.5in"
    )
    styles["chapter_first"] = paragraph("Chapter First", body, textalign="center", textindent="0in", margintop="0.3in")
    styles["title"] = paragraph("Book Title", body, textalign="center", textindent="0in", margintop="3in")
    styles["first_page"] = paragraph("Title Page", body, textindent="0in", lineheight="100%")
    if manuscript_format:
        styles["first_page"].setAttribute("masterpagename", "Title Page")
    styles["right"] = paragraph("Word Count", body, textalign="end", textindent="0in")
    for key, properties in {
        "italic": {"fontstyle": "italic"},
        "bold": {"fontweight": "bold"},
        "bold_italic": {"fontstyle": "italic", "fontweight": "bold"},
    }.items():
        style = Style(name=key.replace("_", " ").title(), family="text")
        style.addElement(TextProperties(**properties))
        document.automaticstyles.addElement(style)
        styles[key] = style
    return styles


def _master_pages(document, manuscript: Manuscript) -> None:
    layout = PageLayout(name="Manuscript Page")
    layout.addElement(
        PageLayoutProperties(
            margintop="1in",
            marginbottom="1in",
            marginleft="1in",
            marginright="1in",
            pagewidth="8.5in",
            pageheight="11in",
            printorientation="portrait",
        )
    )
    document.automaticstyles.addElement(layout)
    # The title page has no running header: its own master page, followed by the standard one.
    document.masterstyles.addElement(MasterPage(name="Title Page", pagelayoutname=layout, nextstylename="Standard"))
    master = MasterPage(name="Standard", pagelayoutname=layout)
    header = Header()
    line = P(text=f"{manuscript.surname or 'Anonymous'} / {manuscript.title.upper()} / ")
    line.addElement(PageNumber(selectpage="current", text="1"))
    header.addElement(line)
    master.addElement(header)
    document.masterstyles.addElement(master)


def _title_page(document, manuscript: Manuscript, styles: dict) -> None:
    contact = [manuscript.author, *manuscript.contact] if manuscript.author else list(manuscript.contact)
    block = P(stylename=styles["first_page"])
    for index, line in enumerate(contact):
        if index:
            block.addElement(LineBreak())
        block.addText(line)
    document.text.addElement(block)
    document.text.addElement(P(stylename=styles["right"], text=f"about {rounded_word_count(manuscript.words):,} words"))
    document.text.addElement(P(stylename=styles["title"], text=manuscript.title.upper()))
    if manuscript.author:
        document.text.addElement(P(stylename=styles["centred"], text=f"by {manuscript.author}"))
