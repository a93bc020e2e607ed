"""Start-up benchmark: seconds from process start to the first painted window.

Prints one JSON object. Each run is a fresh ``python -m writer_app
--exit-after-paint`` (offscreen unless QT_QPA_PLATFORM says otherwise) with
its own empty config/data/cache folders; the app measures itself.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile


def run_once() -> dict:
    with tempfile.TemporaryDirectory(prefix="inkwell-bench-") as home:
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        for name in ("CONFIG", "DATA", "CACHE"):
            env[f"INKWELL_{name}_DIR"] = os.path.join(home, name.lower())
        out = subprocess.run(
            [sys.executable, "-m", "writer_app", "--exit-after-paint"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    run_once()  # warm the OS file cache, as a second start would be
    runs = [run_once() for _ in range(args.runs)]
    times = [r["first_paint_s"] for r in runs]
    print(
        json.dumps(
            {
                "first_paint_s": round(statistics.median(times), 3),
                "first_paint_min_s": min(times),
                "first_paint_max_s": max(times),
                "runs": args.runs,
                "torch_imported_before_paint": any(r["torch_imported"] for r in runs),
                "platform": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            }
        )
    )


if __name__ == "__main__":
    main()
