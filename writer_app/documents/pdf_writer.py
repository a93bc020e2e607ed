"""PDF through Qt's own QTextDocument and QPdfWriter: manuscript layout (Letter, double-spaced, running
header) or a book layout (A5, justified, page numbers). Needs a QGuiApplication (fonts); any thread."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from writer_app.core.manuscript_structure import Manuscript, Paragraph, SceneBreak, Span, rounded_word_count
from writer_app.documents.options import ExportOptions

ProgressFn = Callable[[float], None]
RESOLUTION = 300  # dots per inch of the drawing: fine enough for any text
UNITS_PER_INCH = 96  # QTextDocument's lengths


def pdf_bytes(manuscript: Manuscript, options: ExportOptions, on_progress: ProgressFn = lambda _f: None) -> bytes:
    manuscript_format = options.layout == "manuscript"
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(RESOLUTION)
    writer.setTitle(manuscript.title)
    writer.setCreator("Inkwell")
    page = QPageSize(QPageSize.PageSizeId.Letter if manuscript_format else QPageSize.PageSizeId.A5)
    margin = 1.0 if manuscript_format else 0.7
    writer.setPageLayout(
        QPageLayout(
            page, QPageLayout.Orientation.Portrait, QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Inch
        )
    )
    # Laid out in Qt's screen units (96 a inch), drawn scaled to the writer's resolution.
    document = QTextDocument()
    document.setDefaultFont(QFont(options.font if manuscript_format else "Georgia", 12 if manuscript_format else 10))
    _fill(document, manuscript, manuscript_format)
    on_progress(0.5)
    area = writer.pageLayout().paintRectPixels(RESOLUTION)
    header_height = RESOLUTION * 0.4  # a header line and a gap
    page_height = area.height() - header_height
    scale = RESOLUTION / UNITS_PER_INCH
    document.setPageSize(QSizeF(area.width() / scale, page_height / scale))
    pages = document.pageCount()
    painter = QPainter(writer)
    try:
        header_font = QFont(document.defaultFont())
        for number in range(pages):
            if number:
                writer.newPage()
            painter.save()
            if number and (manuscript_format or number > 1):
                painter.setFont(header_font)
                label = (
                    f"{manuscript.surname or 'Anonymous'} / {manuscript.title.upper()} / {number + 1}"
                    if manuscript_format
                    else str(number + 1)
                )
                align = Qt.AlignmentFlag.AlignRight if manuscript_format else Qt.AlignmentFlag.AlignHCenter
                painter.drawText(
                    QRectF(0, 0, area.width(), header_height / 2), align | Qt.AlignmentFlag.AlignTop, label
                )
            painter.translate(0, header_height)
            painter.scale(scale, scale)
            top = number * page_height / scale
            painter.translate(0, -top)
            document.drawContents(painter, QRectF(0, top, area.width() / scale, page_height / scale))
            painter.restore()
            on_progress(0.5 + 0.5 * (number + 1) / pages)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def _fill(document: QTextDocument, manuscript: Manuscript, manuscript_format: bool) -> None:
    """The manuscript as blocks with Qt's own formats."""
    inch = UNITS_PER_INCH
    cursor = QTextCursor(document)
    spacing = 200 if manuscript_format else 130

    def block(align=Qt.AlignmentFlag.AlignLeft, indent=0.0, top=0.0, new_page=False, line_height=spacing):
        fmt = QTextBlockFormat()
        fmt.setAlignment(align)
        fmt.setTextIndent(indent)
        fmt.setTopMargin(top)
        fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if new_page:
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        return fmt

    first = True

    def paragraph(fmt: QTextBlockFormat, spans) -> None:
        nonlocal first
        if first:
            cursor.setBlockFormat(fmt)
            first = False
        else:
            cursor.insertBlock(fmt)
        for span in spans:
            char = QTextCharFormat()
            char.setFontItalic(span.italic)
            char.setFontWeight(QFont.Weight.Bold if span.bold else QFont.Weight.Normal)
            cursor.insertText(span.text, char)

    centre = Qt.AlignmentFlag.AlignHCenter
    if manuscript_format:
        contact = [manuscript.author, *manuscript.contact] if manuscript.author else list(manuscript.contact)
        for line in contact or [""]:
            paragraph(block(line_height=100), [Span(line)])
        paragraph(block(Qt.AlignmentFlag.AlignRight), [Span(f"about {rounded_word_count(manuscript.words):,} words")])
        paragraph(block(centre, top=3 * inch), [Span(manuscript.title.upper())])
        if manuscript.author:
            paragraph(block(centre), [Span(f"by {manuscript.author}")])
    else:
        paragraph(block(centre, top=2 * inch), [Span(manuscript.title, bold=True)])
        if manuscript.author:
            paragraph(block(centre), [Span(manuscript.author)])
    indent = 0.5 * inch if manuscript_format else 0.2 * inch
    body_align = Qt.AlignmentFlag.AlignLeft if manuscript_format else Qt.AlignmentFlag.AlignJustify
    for section in manuscript.sections:
        top = 2.0 * inch if manuscript_format else 1.0 * inch
        paragraph(block(centre, top=top, new_page=True), [Span(section.title)])
        for item in section.blocks:
            if isinstance(item, SceneBreak):
                paragraph(block(centre), [Span("#" if manuscript_format else "* * *")])
            elif isinstance(item, Paragraph):
                paragraph(block(body_align, indent=indent), item.spans)
