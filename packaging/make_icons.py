"""Render Inkwell's icon (resources/icons/inkwell.svg) for the installers, with Qt.

    python packaging/make_icons.py OUT_DIR

Writes OUT_DIR/hicolor/<n>x<n>/apps/inkwell.png (Linux icon theme sizes),
OUT_DIR/inkwell.ico (Windows, several sizes in one file) and
OUT_DIR/inkwell.iconset/ (macOS: turn it into inkwell.icns with `iconutil -c icns`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "inkwell.svg"
LINUX_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
MAC_SIZES = (16, 32, 128, 256, 512)


def render(size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    return image


def _save(image, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path)):
        raise SystemExit(f"could not write {path}")


def write_ico(path: Path) -> None:
    """A multi-size .ico: PNG-compressed entries (readable by Windows Vista and later)."""
    import struct

    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    pngs = []
    for size in ICO_SIZES:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        render(size).save(buffer, "PNG")
        pngs.append((size, bytes(data)))
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    entries, blobs = b"", b""
    for size, png in pngs:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIR entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        blobs += png
        offset += len(png)
    path.write_bytes(header + entries + blobs)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])  # noqa: F841 (fonts, image plugins)
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "build" / "packaging" / "icons")
    for size in LINUX_SIZES:
        _save(render(size), out / "hicolor" / f"{size}x{size}" / "apps" / "inkwell.png")
    write_ico(out / "inkwell.ico")
    for size in MAC_SIZES:
        _save(render(size), out / "inkwell.iconset" / f"icon_{size}x{size}.png")
        _save(render(size * 2), out / "inkwell.iconset" / f"icon_{size}x{size}@2x.png")
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
