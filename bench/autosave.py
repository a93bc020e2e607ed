"""Autosave of a very large manuscript: how long each recovery snapshot stalls the GUI thread.

Prints one JSON object. A 50 MB document (a public-domain novel repeated) is
loaded into the manuscript editor (alone, so that only the autosave is
measured); then a character is typed and a snapshot taken, several times,
while a QTimer ticks every 5 ms on the GUI thread:

- ``gui_stall_ms_max`` / ``gui_stall_ms_p50``: per snapshot, the longest gap
  between two ticks from the snapshot request until the copy is on disk (the
  writer thread counts too when it holds the GIL); the target is at most 50 ms.
- ``typing_stall_ms``: the same gap for typing one character with no snapshot, for comparison.
- ``snapshot_call_ms_max``: time spent inside ``Autosaver.snapshot()`` itself.
- ``snapshot_write_s``: request to file written (the median).
- ``writes_queued_max`` / ``backlog_drain_s``: ``--burst`` snapshots requested as fast
  as the writer can type (one character each), the most writes waiting at once and
  the time until the last one is on disk.

``--source document`` hands the Autosaver the QTextDocument (read in slices);
``--source text`` hands it ``editor.text()`` (the whole text at once).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from stall_meter import StallMeter  # beside this script

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run_until(qapp, predicate, timeout_s: float) -> None:
    deadline = time.perf_counter() + timeout_s
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the snapshot was not written in time")
        qapp.processEvents()
        time.sleep(0.001)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--mb", type=float, default=50)
    parser.add_argument("--snapshots", type=int, default=5)
    parser.add_argument("--burst", type=int, default=8)
    parser.add_argument("--source", choices=("text", "document"), default="document")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="inkwell-bench-"))

    from PySide6.QtCore import QEventLoop
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication

    from writer_app.core.recovery import RecoverySession
    from writer_app.gui.autosave import Autosaver
    from writer_app.gui.document_loader import TextFeeder
    from writer_app.gui.editor import ManuscriptEditor

    seed = (ROOT / "tests" / "data" / "pride_and_prejudice_ch1-3.md").read_text(encoding="utf-8")
    size = int(args.mb * 1_000_000)
    text = (seed * (size // len(seed) + 1))[:size]

    qapp = QApplication([])
    # The editor alone: the window's word count and Ask index also read the text after edits, and
    # would be measured with the autosave.
    editor = ManuscriptEditor()
    editor.resize(900, 700)
    editor.show()
    loop = QEventLoop()
    feeder = TextFeeder(editor, text)
    feeder.sig_done.connect(loop.quit)
    feeder.start()
    loop.exec()
    editor.moveCursor(QTextCursor.MoveOperation.End)

    def source():
        content = editor.document() if args.source == "document" else editor.text()
        return (content, None, "utf-8", "\n", None)

    session = RecoverySession(home / "recovery")
    autosaver = Autosaver(session, source, editor)
    written = []
    autosaver.sig_snapshot_written.connect(written.append)
    autosaver.sig_snapshot_failed.connect(lambda reason: sys.exit(f"snapshot failed: {reason}"))

    meter = StallMeter()
    for _ in range(20):
        qapp.processEvents()
    meter.reset()
    editor.insertPlainText("x")
    typed = time.perf_counter()
    run_until(qapp, lambda: time.perf_counter() - typed > 0.2, 5)
    typing_stall = meter.stop()

    stalls, calls, writes = [], [], []
    for _ in range(args.snapshots):
        editor.insertPlainText("y")
        for _ in range(5):
            qapp.processEvents()
        before = len(written)
        meter.reset()
        started = time.perf_counter()
        autosaver.snapshot()
        calls.append((time.perf_counter() - started) * 1000)
        run_until(qapp, lambda: len(written) > before, 120)
        writes.append(time.perf_counter() - started)
        stalls.append(meter.stop())

    queued_max = 0
    before = len(written)
    started = time.perf_counter()
    for _ in range(args.burst):
        editor.insertPlainText("z")
        autosaver.snapshot()
        qapp.processEvents()
        queued_max = max(queued_max, autosaver.queued_writes)
    # The last snapshot may still be being read from the document.
    run_until(qapp, lambda: autosaver.queued_writes == 0 and not autosaver.reading, 300)
    drain = time.perf_counter() - started
    for _ in range(5):
        qapp.processEvents()
    # The newest text must be the one on disk.
    on_disk = json.loads(Path(written[-1]).read_text(encoding="utf-8"))["text"]
    complete = on_disk == editor.text()

    autosaver.shutdown()
    session.close()
    shutil.rmtree(home, ignore_errors=True)
    print(
        json.dumps(
            {
                "doc_mb": args.mb,
                "source": args.source,
                "gui_stall_ms_max": max(stalls),
                "gui_stall_ms_p50": statistics.median(stalls),
                "typing_stall_ms": typing_stall,
                "snapshot_call_ms_max": round(max(calls), 1),
                "snapshot_write_s": round(statistics.median(writes), 2),
                "writes_queued_max": queued_max,
                "backlog_drain_s": round(drain, 2),
                "newest_on_disk": complete,
            }
        )
    )


if __name__ == "__main__":
    main()
