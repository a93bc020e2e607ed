"""Start-up: the window paints before torch is imported, and the benchmark reports it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_first_paint_happens_without_torch():
    out = subprocess.run(
        [sys.executable, "-m", "writer_app", "--exit-after-paint"],
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    report = json.loads(out.strip().splitlines()[-1])
    assert report["torch_imported"] is False
    assert 0 < report["first_paint_s"] < 120


def test_startup_benchmark_prints_json():
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "startup.py"), "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    ).stdout
    report = json.loads(out)
    assert report["first_paint_s"] > 0
    assert report["torch_imported_before_paint"] is False


def test_version_flag():
    out = subprocess.run([sys.executable, "-m", "writer_app", "--version"], capture_output=True, text=True, check=True)
    from writer_app import __version__

    assert out.stdout.strip() == __version__


@pytest.mark.parametrize("module", ["writer_app.core.textfile", "writer_app.core.recovery", "writer_app.core.settings"])
def test_core_imports_no_qt_and_no_torch(module):
    code = (
        f"import sys, {module}; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'torch', 'transformers')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_the_window_waits_for_no_writing_task_before_it_paints():
    # The tasks (and numpy, which they bring) are imported on the worker thread, at the first request.
    code = (
        "import sys, writer_app.gui.application; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'numpy' or m == 'writer_app.tasks.registry'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
