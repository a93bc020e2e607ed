"""What an export is asked for: format, layout and the title page's facts."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

FORMATS = ("docx", "odt", "epub", "pdf")
LAYOUTS = ("manuscript", "plain")  # standard manuscript format, or the text with light styling
FONTS = ("Times New Roman", "Courier New")


@dataclass(frozen=True)
class ExportOptions:
    title: str = ""
    author: str = ""
    contact: tuple[str, ...] = field(default=())  # address, e-mail, telephone: the title page's corner
    layout: str = "manuscript"
    font: str = "Times New Roman"
    language: str = "en"

    def to_dict(self) -> dict:
        data = asdict(self)
        data["contact"] = list(self.contact)
        return data

    @classmethod
    def from_dict(cls, data: dict | None) -> ExportOptions:
        data = data if isinstance(data, dict) else {}
        defaults = cls()
        return cls(
            title=str(data.get("title", "")),
            author=str(data.get("author", "")),
            contact=tuple(str(line) for line in data.get("contact", []) if isinstance(line, str)),
            layout=data.get("layout") if data.get("layout") in LAYOUTS else defaults.layout,
            font=data.get("font") if data.get("font") in FONTS else defaults.font,
            language=str(data.get("language") or defaults.language),
        )


class ExportOptionsStore:
    """The export options last used for each manuscript (``core.manuscript_records``), with the format and file."""

    def __init__(self, folder):
        from writer_app.core.manuscript_records import ManuscriptRecords

        self.folder = folder
        self._records = ManuscriptRecords(folder)

    def load(self, manuscript, opening: str = "") -> tuple[ExportOptions, str, str]:
        record = self._records.load(manuscript, opening)
        fmt = record.get("format") if record.get("format") in FORMATS else "docx"
        return ExportOptions.from_dict(record.get("options")), fmt, str(record.get("out", ""))

    def save(self, manuscript, options: ExportOptions, fmt: str, out: str, opening: str = "") -> None:
        """Raises OSError (e.g. a full disk)."""
        self._records.save(manuscript, {"options": options.to_dict(), "format": fmt, "out": out}, opening)
