"""Opening a very large manuscript: wall time and the longest GUI event-loop stall.

Prints one JSON object. The file is built from a public-domain novel repeated
to the requested size (default 50 MB).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=50)
    args = parser.parse_args()

    home = tempfile.mkdtemp(prefix="inkwell-bench-")
    for name in ("CONFIG", "DATA", "CACHE"):
        os.environ[f"INKWELL_{name}_DIR"] = os.path.join(home, name.lower())

    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from writer_app.gui.application import InkwellApplication
    from writer_app.paths import AppPaths

    seed = (ROOT / "tests" / "data" / "pride_and_prejudice_ch1-3.md").read_text(encoding="utf-8")
    size = int(args.mb * 1_000_000)
    text = (seed * (size // len(seed) + 1))[:size]
    path = Path(home) / "large.md"
    path.write_text(text, encoding="utf-8")

    qapp = QApplication([])
    controller = InkwellApplication(qapp, AppPaths.from_environment())
    window = controller.new_window_shown()
    qapp.processEvents()

    stalls = {"last": time.perf_counter(), "max": 0.0}

    def tick() -> None:
        now = time.perf_counter()
        stalls["max"] = max(stalls["max"], now - stalls["last"])
        stalls["last"] = now

    ticker = QTimer(interval=5)
    ticker.timeout.connect(tick)
    loop = QEventLoop()
    window.sig_document_loaded.connect(loop.quit)
    ticker.start()
    started = time.perf_counter()
    stalls["last"] = started
    window.open_path(path)
    loop.exec()
    elapsed = time.perf_counter() - started
    open_stall = stalls["max"]
    # The word count that follows runs in slices too.
    stalls["max"] = 0.0
    count_loop = QEventLoop()
    window.word_counter.sig_counted.connect(count_loop.quit)
    count_started = time.perf_counter()
    count_loop.exec()
    count_elapsed = time.perf_counter() - count_started
    ticker.stop()
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    t0 = time.perf_counter()
    window.editor.insertPlainText("x")
    qapp.processEvents()
    keystroke = time.perf_counter() - t0
    ok = window.editor.document().characterCount() == len(text) + 2
    words = window.word_counter.count
    controller.shutdown()
    print(
        json.dumps(
            {
                "file_mb": round(path.stat().st_size / 1e6, 1),
                "open_s": round(elapsed, 2),
                "max_gui_stall_ms": round(open_stall * 1000, 1),
                "word_count_s": round(count_elapsed, 2),
                "word_count_max_stall_ms": round(stalls["max"] * 1000, 1),
                "words": words,
                "keystroke_ms": round(keystroke * 1000, 1),
                "complete": ok,
            }
        )
    )


if __name__ == "__main__":
    main()
