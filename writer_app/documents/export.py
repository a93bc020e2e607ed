"""Exporting a manuscript: parse it once, write the chosen format, and put the file in place whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from writer_app.core.atomic import atomic_write_bytes
from writer_app.core.manuscript_structure import Manuscript, parse_manuscript
from writer_app.documents.options import FORMATS, ExportOptions

ProgressFn = Callable[[float], None]
SUFFIXES = {"docx": ".docx", "odt": ".odt", "epub": ".epub", "pdf": ".pdf"}


class ExportFailed(Exception):
    """An export that could not be written; the message says why, for the writer."""


def manuscript_for(text: str, options: ExportOptions) -> Manuscript:
    return parse_manuscript(
        text, title=options.title, author=options.author, language=options.language, contact=options.contact
    )


def export_bytes(text: str, fmt: str, options: ExportOptions, on_progress: ProgressFn = lambda _f: None) -> bytes:
    if fmt not in FORMATS:
        raise ExportFailed(f"Inkwell cannot export to {fmt!r}; choose one of {', '.join(FORMATS)}.")
    manuscript = manuscript_for(text, options)
    if not manuscript.sections:
        raise ExportFailed("There is nothing to export yet: the manuscript is empty.")
    if fmt == "docx":
        from writer_app.documents.docx_writer import docx_bytes as write
    elif fmt == "odt":
        from writer_app.documents.odt_writer import odt_bytes as write
    elif fmt == "epub":
        from writer_app.documents.epub_writer import epub_bytes as write
    else:
        from writer_app.documents.pdf_writer import pdf_bytes as write
    return write(manuscript, options, on_progress)


def export_file(
    text: str, fmt: str, out: str | os.PathLike, options: ExportOptions, on_progress: ProgressFn = lambda _f: None
) -> Path:
    """Write the export to *out* through a temporary file beside it: whole, or (on any failure) not at all."""
    target = Path(out)
    data = export_bytes(text, fmt, options, on_progress)
    if target.is_dir():
        raise ExportFailed(f"{target} is a folder; choose a file name.")
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise ExportFailed(f"Could not write {target}: {reason}.") from exc
    return target
