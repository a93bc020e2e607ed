"""The packaged app against the pip-installed one: start-up and first token.

For each app (the bundle, by default dist/inkwell/inkwell, or the installed
/usr/bin/inkwell; and the pip-installed .venv/bin/writer-app):
- first paint: seconds from process start to the first painted window, once
  with the OS file cache dropped (a cold start; needs root, else skipped) and
  as the median of --runs warm starts;
- first run: ``--self-test`` with an empty cache (the pip app converts its GGUF
  model then; the bundle carries it converted), and a second run with that
  cache: process start to the first generated token, model load, decode speed.
Adds dist/build-report.json (build time, sizes) when present. Prints one JSON object.

    python bench/installed.py [--bundle PATH] [--pip PATH] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def drop_file_cache() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def run_json(command: list[str], cache: Path, timeout: int = 900) -> dict:
    with tempfile.TemporaryDirectory(prefix="inkwell-bench-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INKWELL_CACHE_DIR=str(cache))
        env["INKWELL_CONFIG_DIR"] = os.path.join(home, "config")
        env["INKWELL_DATA_DIR"] = os.path.join(home, "data")
        out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout).stdout
    lines = [line for line in out.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{command[0]} printed no report")
    return json.loads(lines[-1])


def measure(executable: str, runs: int) -> dict:
    result: dict = {"executable": executable}
    with tempfile.TemporaryDirectory(prefix="inkwell-bench-cache-") as cache:
        cache = Path(cache)
        if drop_file_cache():
            result["cold_first_paint_s"] = run_json([executable, "--exit-after-paint"], cache)["first_paint_s"]
        warm = [run_json([executable, "--exit-after-paint"], cache)["first_paint_s"] for _ in range(runs)]
        result["first_paint_s"] = round(statistics.median(warm), 3)
        result["first_paint_max_s"] = max(warm)
        for label in ("first_run", "second_run"):
            report = run_json([executable, "--self-test"], cache)
            if not report.get("ok"):
                raise RuntimeError(f"{executable} --self-test failed: {report.get('reason')}")
            result[label] = {
                key: report.get(key)
                for key in (
                    "first_token_since_start_s",
                    "model_load_s",
                    "first_token_s",
                    "tokens_per_s",
                    "quant",
                    "embed_s",
                    "total_s",
                    "network_connections",
                )
            }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bundle", default=str(ROOT / "dist" / "inkwell" / "inkwell"))
    parser.add_argument("--pip", default=str(ROOT / ".venv" / "bin" / "writer-app"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    report: dict = {}
    build = ROOT / "dist" / "build-report.json"
    if build.is_file():
        report["build"] = json.loads(build.read_text())
    for name, executable in (("bundle", args.bundle), ("pip", args.pip)):
        if shutil.which(executable) or Path(executable).is_file():
            report[name] = measure(executable, args.runs)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
