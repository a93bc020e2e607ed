"""Kill trials: SIGKILL Inkwell while a writer types, restart it, and measure how much typing was lost.

Prints one JSON object. Each trial, in a fresh config/data/cache home:

1. ``python -m writer_app --no-engine`` types a plain paragraph into an untitled
   document (``--with-file``: at the end of an opened file) with real key events
   at ``--rate`` characters per second, logging every key and its ``time.time()``
   to an append-only file (``gui/trial_hooks.py``);
2. at a random moment, uniform between ``--min-kill`` and ``--max-kill`` seconds
   after typing began, the process gets SIGKILL;
3. Inkwell starts again on the same home; its start-up recovery dialog is answered
   with "Restore selected" and the restored texts are written out as JSON.

The restored text must be a prefix of what was typed (after the file's own text
with ``--with-file``). Lost seconds = kill time − the time the first lost key was
typed (0 when nothing was lost). A trial fails to restore when no recovery is
offered although keys were typed more than 2 s before the kill, when the restored
text is not a prefix of the typed text, or when the restart crashes or times out.

- ``lost_max_s`` / ``lost_p95_s`` / ``lost_mean_s``: seconds of typing lost (goal: at most 2.0), over
  every trial whose restored text is a prefix of the typing (a trial offered nothing counts with all
  its typing lost); ``lost_over_2s``: how many of them lost more than 2 s;
- ``restored``: trials that did not fail (including early kills with nothing yet to offer);
  ``offered``: trials whose restart offered recovery;
- ``failed_restores`` and ``failures`` (trial, reason, and the kept home folder to look into);
- ``chars_per_s``: the typing pace actually reached; ``offers_left``: restarts after which a
  crashed session's copy was still on offer (the next start would show it again);
  ``not_resnapshotted``: restored documents this session holds no recovery copy of.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARAGRAPH = (
    "The keeper of the lighthouse wrote every evening in a small blue notebook, "
    "counting the ships that passed and the gulls that slept on the rail. "
    "Nobody had asked him to do it, and nobody would ever read it, but the habit "
    "kept the long nights in order and the lamp turning on time. "
)
FILE_TEXT = "# The Lighthouse\n\nChapter one, as it stood on disk before the crash.\n\n"
NOTHING_OFFERED_GRACE_S = 2.0  # a copy must exist of keys typed this long before the kill
START_TIMEOUT_S = 60.0
RESTART_TIMEOUT_S = 60.0


def typing_text(length: int) -> str:
    """The paragraph repeated to *length* characters: plain words, so prefix checks are exact."""
    return (PARAGRAPH * (length // len(PARAGRAPH) + 1))[:length]


def read_typing_log(path: Path) -> tuple[float | None, list[float]]:
    """(time typing began, the time each key was pressed, by index) from the typing hook's log."""
    start = None
    pressed: list[float] = []
    try:
        lines = path.read_text(encoding="ascii").splitlines()
    except FileNotFoundError:
        return None, []
    for line in lines:
        parts = line.split()
        if len(parts) != 2:
            continue
        what, stamp = parts
        if what == "start":
            start = float(stamp)
        elif what.isdigit() and int(what) == len(pressed):
            pressed.append(float(stamp))
    return start, pressed


def inkwell(*args: str) -> list[str]:
    return [sys.executable, "-m", "writer_app", "--no-engine", *args]


def environment(home: Path) -> dict:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("INKWELL_LOG", None)
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"INKWELL_{name}_DIR"] = str(home / name.lower())
    return env


def tail(path: Path, lines: int = 3) -> str:
    try:
        return " | ".join(path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-lines:])
    except OSError:
        return ""


def run_trial(kill_after_s: float, rate: float = 8.0, with_file: bool = False, keep_failed: bool = True) -> dict:
    """One type–kill–restore trial; a dict with ``failure`` None when the work came back."""
    home = Path(tempfile.mkdtemp(prefix="inkwell-kill-"))
    env = environment(home)
    result = {"kill_after_s": round(kill_after_s, 3), "failure": None}
    try:
        result.update(_trial(home, env, kill_after_s, rate, with_file))
    finally:
        if result["failure"] and keep_failed:
            result["home"] = str(home)
        else:
            shutil.rmtree(home, ignore_errors=True)
    return result


def _trial(home: Path, env: dict, kill_after_s: float, rate: float, with_file: bool) -> dict:
    typed = typing_text(int(rate * kill_after_s * 1.5) + 200)  # more than can be typed before the kill
    log = home / "typing.log"
    files = []
    manuscript = home / "manuscript.md"
    if with_file:
        manuscript.write_text(FILE_TEXT, encoding="utf-8")
        files = [str(manuscript)]

    # 1. Type until killed.
    typing_args = ["--test-type", typed, "--test-type-rate", str(rate), "--test-type-log", str(log), *files]
    with open(home / "typing.err", "wb") as err:
        process = subprocess.Popen(inkwell(*typing_args), cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err)
    try:
        deadline = time.time() + START_TIMEOUT_S
        start = None
        while start is None:
            if process.poll() is not None:
                return {"failure": f"typing run exited early (rc {process.returncode}): {tail(home / 'typing.err')}"}
            if time.time() > deadline:
                return {"failure": "typing never began"}
            time.sleep(0.02)
            start, _ = read_typing_log(log)
        kill_at = start + kill_after_s
        while (now := time.time()) < kill_at:
            time.sleep(min(0.05, kill_at - now))
        if process.poll() is not None:
            return {"failure": f"typing run exited before the kill (rc {process.returncode})"}
        killed_at = time.time()
        process.send_signal(signal.SIGKILL)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)
    _, pressed = read_typing_log(log)
    typed = typed[: len(pressed)]

    # 2. Restart and restore.
    out = home / "restored.json"
    with open(home / "restore.err", "wb") as err:
        restart = subprocess.Popen(
            inkwell("--test-restore", str(out)), cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=err
        )
    try:
        rc = restart.wait(timeout=RESTART_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        restart.kill()
        restart.wait(timeout=30)
        return {"typed_chars": len(typed), "failure": f"restart timed out after {RESTART_TIMEOUT_S:.0f} s"}
    if not out.is_file():
        return {"typed_chars": len(typed), "failure": f"restart crashed (rc {rc}): {tail(home / 'restore.err')}"}
    report = json.loads(out.read_text(encoding="utf-8"))
    measured = {
        "typed_chars": len(typed),
        "offered": report["offered"],
        "offers_left": report.get("offers_left", 0),
        "not_resnapshotted": sum(1 for doc in report["documents"] if not doc.get("snapshot_kept", True)),
    }
    if report.get("error") or rc != 0:
        return measured | {"failure": f"restart failed (rc {rc}): {report.get('error') or tail(home / 'restore.err')}"}

    # 3. What came back, and how much is missing.
    failure, restored = _restored_typing(report, with_file, manuscript)
    if failure is None and with_file and manuscript.read_text(encoding="utf-8") != FILE_TEXT:
        failure = "the file on disk changed although nothing was saved"
    if failure is None and not typed.startswith(restored):
        failure = f"restored text is not a prefix of the typed text ({len(restored)} chars, {len(typed)} typed)"
    # Loss is measurable whenever what came back is a prefix of the typing, even if it came back empty.
    measurable = failure is None
    if failure is None and not report["offered"] and pressed and pressed[0] < killed_at - NOTHING_OFFERED_GRACE_S:
        failure = f"no recovery offered, keys typed {killed_at - pressed[0]:.1f} s before the kill"
    lost_chars = len(typed) - len(restored)
    lost_s = killed_at - pressed[len(restored)] if measurable and lost_chars > 0 else 0.0
    return measured | {
        "restored_chars": len(restored),
        "lost_chars": lost_chars if measurable else None,
        "lost_s": round(lost_s, 3) if measurable else None,
        "failure": failure,
    }


def _restored_typing(report: dict, with_file: bool, manuscript: Path) -> tuple[str | None, str]:
    """(failure or None, the typed part of the restored text)."""
    documents = report["documents"]
    if not report["offered"]:
        return (f"{len(documents)} documents open though none was offered" if documents else None), ""
    if report["choice"] != "restore":
        return f"recovery ended with {report['choice']!r}, not 'restore'", ""
    if len(documents) != 1:
        return f"{len(documents)} documents restored ({report['offered']} offered) for one typed", ""
    document = documents[0]
    text = document["text"]
    if not with_file:
        if document["path"] is not None:
            return f"untitled work restored as {document['path']}", ""
        return None, text
    if document["path"] is None or Path(document["path"]).resolve() != manuscript.resolve():
        return f"restored with path {document['path']!r}, not the opened file", ""
    if not text.startswith(FILE_TEXT):
        return "the file's own text did not come back intact", ""
    return None, text[len(FILE_TEXT) :]


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def summarise(results: list[dict], rate: float, with_file: bool, wall_s: float) -> dict:
    lost = [r["lost_s"] for r in results if r.get("lost_s") is not None]
    typed_s = [r["kill_after_s"] for r in results if r.get("typed_chars")]
    failures = [
        {"trial": i, "reason": r["failure"], **({"home": r["home"]} if "home" in r else {})}
        for i, r in enumerate(results)
        if r["failure"]
    ]
    return {
        "trials": len(results),
        "mode": "file" if with_file else "untitled",
        "restored": len(results) - len(failures),
        "offered": sum(1 for r in results if r.get("offered")),
        "failed_restores": len(failures),
        "lost_max_s": round(max(lost), 3) if lost else None,
        "lost_p95_s": round(percentile(lost, 0.95), 3) if lost else None,
        "lost_mean_s": round(statistics.fmean(lost), 3) if lost else None,
        "lost_over_2s": sum(1 for value in lost if value > 2.0),
        "chars_per_s": round(sum(r["typed_chars"] for r in results if r.get("typed_chars")) / sum(typed_s), 2)
        if typed_s
        else None,
        "rate_asked": rate,
        "offers_left": sum(1 for r in results if r.get("offers_left")),
        "not_resnapshotted": sum(r.get("not_resnapshotted", 0) for r in results),
        "wall_s": round(wall_s, 1),
        "failures": failures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trials", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rate", type=float, default=8.0, help="characters typed per second")
    parser.add_argument("--min-kill", type=float, default=0.5, help="earliest kill, seconds after typing began")
    parser.add_argument("--max-kill", type=float, default=8.0, help="latest kill, seconds after typing began")
    parser.add_argument("--with-file", action="store_true", help="type at the end of an opened file")
    parser.add_argument("--progress", action="store_true", help="one line per trial on stderr")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    started = time.monotonic()
    results = []
    for index in range(args.trials):
        result = run_trial(rng.uniform(args.min_kill, args.max_kill), args.rate, args.with_file)
        results.append(result)
        if args.progress:
            print(index, json.dumps(result), file=sys.stderr, flush=True)
    print(json.dumps(summarise(results, args.rate, args.with_file, time.monotonic() - started)))


if __name__ == "__main__":
    main()
