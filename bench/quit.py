"""Quitting while the models load, convert or warm up: seconds from Quit to the process's end.

Prints one JSON line. Each trial starts the real app (offscreen, default
models) in a fresh or a warm cache folder, asks it to quit after a delay
(during conversion, loading, the precision probe or warm-up, depending on
the delay), and measures the time from the quit request to the end of the
process. Target: at most 2 s, with the settings file written.

    python bench/quit.py [--delays 1 2 4 8 20] [--cold-too]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DRIVER = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from writer_app import app

qapp = QApplication([])
def quit_now():
    print(f"quit {time.time():.4f}", flush=True)
    qapp.quit()
QTimer.singleShot(int(float(sys.argv[1]) * 1000), quit_now)
app.run_gui(app.build_parser().parse_args(["--no-recovery"]))
"""


def trial(home: Path, delay: float) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("config", "data", "cache"):
        env[f"INKWELL_{name.upper()}_DIR"] = str(home / name)
    result = subprocess.run(
        [sys.executable, "-c", DRIVER, str(delay)], env=env, capture_output=True, text=True, timeout=300
    )
    ended = time.time()
    asked = next(float(line.split()[1]) for line in result.stdout.splitlines() if line.startswith("quit "))
    return {
        "delay_s": delay,
        "quit_s": round(ended - asked, 3),
        "exit_code": result.returncode,
        "settings_written": (home / "config" / "settings.json").exists(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delays", type=float, nargs="+", default=[1, 2, 4, 8, 20])
    parser.add_argument("--cold-too", action="store_true", help="also quit during the first conversion (empty cache)")
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory(prefix="inkwell-quit-") as folder:
        warm = Path(folder) / "warm"
        trial(warm, 30)  # converts the models once
        for delay in args.delays:
            runs.append({"cache": "warm", **trial(warm, delay)})
            if args.cold_too:
                runs.append({"cache": "cold", **trial(Path(folder) / f"cold-{delay}", delay)})
    times = [run["quit_s"] for run in runs]
    print(
        json.dumps(
            {
                "trials": len(runs),
                "quit_max_s": max(times),
                "quit_p50_s": round(statistics.median(times), 3),
                "all_settings_written": all(run["settings_written"] for run in runs),
                "all_exit_0": all(run["exit_code"] == 0 for run in runs),
                "runs": runs,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
