"""The three panels on the real window with the packaged models: wall times and GUI stalls.

Prints one JSON object. Every phase runs on the real main window (offscreen)
with the default models, driven through the panels' own entry points, while a
QTimer ticks every 5 ms on the GUI thread; ``*_max_stall_ms`` is the longest
gap between two ticks minus the tick (the target is at most 50 ms).

Phases: engine warm-up; opening Pride and Prejudice and its background Ask
index (from an empty index cache); Ask answers once indexed; Summarise one
chapter and the whole novel (medium length, rewritten and key sentences
only); Continue at the end of a
20,000-word document (time to first token), then Continue again there (the
prompt's KV cache is reused); Codex suggestions for the whole novel (the top
five accepted); Rewrite of a paragraph of about 100 words, three
alternatives (first token: when the shared prompt has been read and every
alternative's first token follows; total: all three written and checked);
Surprise on Chapter 10, then typing a sentence into it a key at a time (the
longest keystroke, the longest stall while typing and while the edited
paragraph is rescored, and the time from the last key to fresh tints);
the Outline of War and Peace (365 chapters) while typing into it (the
longest key and stall, and the time from the last key to updated counts).
Converted models are kept in ``.cache/bench`` between runs unless
``--fresh``. ``--phases warmup continue`` runs only those.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from stall_meter import StallMeter  # beside this script

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NOVEL = ROOT / "tests" / "data" / "pride_and_prejudice.txt"
QUESTIONS = [
    "What is Mr. Darcy's income?",
    "Where do the Gardiners live in London?",
    "Who will inherit the Longbourn estate?",
]
CHAPTER_ANCHOR = "\nChapter 10\n"  # Elizabeth at Netherfield, Darcy writing his letter


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def pause(seconds: float) -> None:
    """Run the event loop for *seconds*."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()


def wait_until(predicate, timeout_s: float) -> float:
    """Run the event loop until *predicate* holds; the seconds it took."""
    from PySide6.QtCore import QEventLoop, QTimer

    started = time.perf_counter()
    loop = QEventLoop()
    poll = QTimer(interval=2)
    poll.timeout.connect(lambda: loop.quit() if predicate() or time.perf_counter() - started > timeout_s else None)
    poll.start()
    loop.exec()
    poll.stop()
    if not predicate():
        raise SystemExit(f"timed out after {timeout_s:.0f} s")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fresh", action="store_true", help="convert the models again in a new cache")
    parser.add_argument("--skip-whole", action="store_true", help="leave out the whole-novel summary")
    parser.add_argument(
        "--phases",
        nargs="+",
        default=["warmup", "ask", "summarise", "continue", "codex", "rewrite", "surprise", "outline"],
        choices=["warmup", "ask", "summarise", "continue", "codex", "rewrite", "surprise", "outline"],
    )
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="inkwell-bench-"))
    cache = home / "cache" if args.fresh else ROOT / ".cache" / "bench"
    os.environ["INKWELL_CONFIG_DIR"] = str(home / "config")
    os.environ["INKWELL_DATA_DIR"] = str(home / "data")
    os.environ["INKWELL_CACHE_DIR"] = str(cache)
    shutil.rmtree(cache / "models" / "index", ignore_errors=True)  # the index is built from scratch

    from PySide6.QtWidgets import QApplication

    from writer_app.gui.application import InkwellApplication
    from writer_app.paths import AppPaths

    qapp = QApplication([])
    meter = StallMeter()
    controller = InkwellApplication(qapp, AppPaths.from_environment())
    window = controller.start(offer_recovery=False)
    hub = controller.models
    report: dict = {"models": {}}

    say("warming up the default model")
    meter.reset()
    report["warmup_s"] = round(wait_until(lambda: hub.status[0] in ("ready", "problem"), 600), 2)
    if hub.status[0] != "ready":
        raise SystemExit(f"the model did not start: {hub.status}")
    report["warmup_max_stall_ms"] = meter.max_stall_ms
    settings = controller.settings
    report["models"] = {
        "write": settings.continue_model,
        "summarise": settings.summarise_model,
        "ask": settings.ask_model,
        "embed": settings.embed_model,
    }

    ask = window.panel_docks["ask"].widget()
    if "ask" in args.phases or "summarise" in args.phases:
        run_reading_phases(args, window, ask, meter, home, report)
    if "continue" in args.phases:
        run_continue_phase(window, hub, ask, meter, home, report)
    if "codex" in args.phases or "rewrite" in args.phases:
        run_writer_tools_phases(args, window, meter, report)
    if "surprise" in args.phases:
        run_surprise_phase(window, meter, report)
    if "outline" in args.phases:
        run_outline_phase(window, meter, report)
    report["max_stall_ms"] = max(
        (value for key, value in report.items() if key.endswith("_max_stall_ms") and key != "warmup_max_stall_ms"),
        default=0.0,
    )

    window.editor.document().setModified(False)
    window.shutdown()
    controller.shutdown()
    shutil.rmtree(home, ignore_errors=True)
    print(json.dumps(report))


def run_reading_phases(args, window, ask, meter, home, report) -> None:
    # Ask: the background index of the whole novel, then answers.
    novel_path = home / "pride_and_prejudice.txt"
    novel_path.write_text(NOVEL.read_text(encoding="utf-8"), encoding="utf-8")
    say("opening the novel; the Ask index builds in the background")
    meter.reset()
    started = time.perf_counter()
    window.open_path(novel_path)
    wait_until(lambda: ask.indexer.state[0] in ("ready", "problem") and ask.indexer.up_to_date, 1800)
    report["ask_index_build_s"] = round(time.perf_counter() - started, 2)
    report["ask_index_max_stall_ms"] = meter.max_stall_ms
    report["ask_index"] = ask.indexer.state[2]
    if "ask" in args.phases:
        ask_questions(ask, meter, report)
    if "summarise" in args.phases:
        summarise_novel(args, window, meter, report)


def ask_questions(ask, meter, report) -> None:
    answers = []
    meter.reset()
    for question in QUESTIONS:
        say(f"asking {question!r}")
        ask.ask(question)
        seconds = wait_until(lambda: not ask.busy, 600)
        result = ask.history[0] if ask.history and ask.history[0].question == question else None
        answers.append(
            {
                "question": question,
                "s": round(seconds, 2),
                "found": result and result.found,
                "answer": result.answer if result else ask.status_label.text(),
            }
        )
    report["ask_answer_s_mean"] = round(sum(a["s"] for a in answers) / len(answers), 2)
    report["ask_max_stall_ms"] = meter.max_stall_ms
    report["ask_answers"] = answers
    say(json.dumps(report))


def summarise_novel(args, window, meter, report) -> None:
    # Summarise: one chapter, then the whole novel.
    summarise = window.panel_docks["summarise"].widget()
    summarise.length_combo.setCurrentIndex(summarise.length_combo.findData("medium"))
    text = window.editor.text()
    cursor = window.editor.textCursor()
    cursor.setPosition(text.index(CHAPTER_ANCHOR) + len(CHAPTER_ANCHOR) + 200)
    window.editor.setTextCursor(cursor)
    # The default model starts in key-sentences mode (it rewrites loosely); both modes are measured.
    scopes = [("chapter", False, "summarise_chapter"), ("chapter", True, "summarise_chapter_key_sentences")]
    if not args.skip_whole:
        scopes += [("all", False, "summarise_whole"), ("all", True, "summarise_whole_key_sentences")]
    for scope, key_only, key in scopes:
        summarise.scope_combo.setCurrentIndex(summarise.scope_combo.findData(scope))
        summarise.key_only.setChecked(key_only)
        say(f"summarising ({key})")
        meter.reset()
        summarise.summarise()
        report[f"{key}_s"] = round(wait_until(lambda: not summarise.busy, 3600), 2)
        report[f"{key}_max_stall_ms"] = meter.max_stall_ms
        report[f"{key}_text"] = (summarise.summary_text or summarise.status_label.text())[:600]
        say(json.dumps({k: v for k, v in report.items() if k.startswith(key + "_")}))


def run_continue_phase(window, hub, ask, meter, home, report) -> None:
    """Continue at the end of a 20,000-word document, twice: the second reuses the first prompt's cache."""
    from PySide6.QtGui import QTextCursor

    words = NOVEL.read_text(encoding="utf-8").split(" ")
    short_path = home / "twenty_thousand_words.txt"
    short_path.write_text(" ".join(words[:20000]).rstrip() + "\n", encoding="utf-8")
    say("continuing at the end of a 20,000-word document")
    window.open_path(short_path)
    # The file is read on a thread: wait until it is in the editor, then for its index.
    wait_until(lambda: window.path == short_path and not window.loading, 60)
    wait_until(lambda: ask.indexer.state[0] in ("ready", "problem") and ask.indexer.up_to_date, 1800)
    continue_panel = window.panel_docks["continue"].widget()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    for key in ("continue", "continue_again"):
        meter.reset()
        first_token = []
        started = time.perf_counter()
        handle = continue_panel.continue_at_cursor()
        handle.sig_token.connect(
            lambda _text, first_token=first_token: first_token or first_token.append(time.perf_counter())
        )
        wait_until(lambda: not continue_panel.busy, 600)
        report[f"{key}_ttft_s"] = round((first_token[0] if first_token else float("nan")) - started, 3)
        report[f"{key}_total_s"] = round(time.perf_counter() - started, 2)
        report[f"{key}_max_stall_ms"] = meter.max_stall_ms
        report[f"{key}_text"] = window.editor.preview.text
        window.editor.preview.reject()


def run_writer_tools_phases(args, window, meter, report) -> None:
    """Codex suggestions for the whole novel, then Rewrite of a 100-word paragraph with three alternatives."""
    import re

    from PySide6.QtGui import QTextCursor

    if window.path != NOVEL:
        window.open_path(NOVEL)
        wait_until(lambda: window.path == NOVEL and not window.loading, 120)
    text = window.editor.text()
    if "codex" in args.phases:
        say("suggesting Codex entries for the whole novel")
        codex = window.panel_docks["codex"].widget()
        meter.reset()
        started = time.perf_counter()
        codex.suggest()
        wait_until(lambda: not codex.busy, 600)
        report["codex_suggest_s"] = round(time.perf_counter() - started, 2)
        report["codex_max_stall_ms"] = meter.max_stall_ms
        report["codex_suggestions"] = len(codex._suggestions)
        meter.reset()
        for row in range(min(5, codex.suggestion_list.count())):
            codex.suggestion_list.item(row).setSelected(True)
        codex.accept_selected()
        report["codex_accept_max_stall_ms"] = meter.max_stall_ms
        report["codex_entries"] = [entry.name for entry in window.codex.entries]
    if "rewrite" in args.phases:
        # The first paragraph of 90–110 words after Chapter 10's heading.
        anchor = text.index(CHAPTER_ANCHOR)
        start, end = next(
            (m.start(), m.end() - 1)
            for m in re.finditer(r"(?:[^\n]+\n)+", text[anchor:])
            if 90 <= len(m.group().split()) <= 110
        )
        start, end = start + anchor, end + anchor
        say(f"rewriting a paragraph of {len(text[start:end].split())} words, three alternatives")
        rewrite = window.panel_docks["rewrite"].widget()
        cursor = window.editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        window.editor.setTextCursor(cursor)
        rewrite.count_spin.setValue(3)
        results = []
        for key in ("rewrite", "rewrite_again"):
            meter.reset()
            started = time.perf_counter()
            handle = rewrite.rewrite("rephrase") if key == "rewrite" else rewrite.regenerate()
            handle.sig_finished.connect(results.append)
            wait_until(lambda: not rewrite.busy, 900)
            report[f"{key}_total_s"] = round(time.perf_counter() - started, 2)
            report[f"{key}_max_stall_ms"] = meter.max_stall_ms
            if results:
                report[f"{key}_first_token_s"] = results[-1].ttft_s
                report[f"{key}_writing_s"] = results[-1].total_s
                report[f"{key}_passed"] = sum(a.passed for a in results[-1].alternatives)
                report[f"{key}_codex"] = list(results[-1].codex_names)
        rewrite.discard()


def type_sentence(window) -> float:
    """Type a sentence at the cursor a key at a time, as a brisk typist does (about 12 keys a second);
    the longest a key took to handle, in seconds."""
    from PySide6.QtWidgets import QApplication

    longest_key = 0.0
    for character in "The candles had burned low by then. ":
        started = time.perf_counter()
        window.editor.textCursor().insertText(character)
        QApplication.processEvents()
        longest_key = max(longest_key, time.perf_counter() - started)
        pause(0.08)
    return longest_key


def run_surprise_phase(window, meter, report) -> None:
    if window.path != NOVEL:
        window.open_path(NOVEL)
        wait_until(lambda: window.path == NOVEL and not window.loading, 120)
    text = window.editor.text()
    panel = window.panel_docks["surprise"].widget()
    at = text.index(CHAPTER_ANCHOR) + 2000
    at = text.index(". ", at) + 2  # after a sentence, inside a paragraph
    cursor = window.editor.textCursor()
    cursor.setPosition(at)
    window.editor.setTextCursor(cursor)
    say("Surprise on the chapter at the cursor")
    meter.reset()
    started = time.perf_counter()
    panel.look()
    wait_until(lambda: not panel.busy, 900)
    report["surprise_look_s"] = round(time.perf_counter() - started, 2)
    report["surprise_look_max_stall_ms"] = meter.max_stall_ms
    report["surprise_words"] = len(panel.words)
    say("typing a sentence into the chapter")
    meter.reset()
    longest_key = type_sentence(window)
    last_key = time.perf_counter()
    report["surprise_typing_longest_key_ms"] = round(longest_key * 1000, 1)
    report["surprise_typing_max_stall_ms"] = meter.max_stall_ms
    meter.reset()
    wait_until(lambda: panel.word_at(at + 2) is not None and not panel.busy, 120)
    report["surprise_edit_to_tints_s"] = round(time.perf_counter() - last_key, 2)
    report["surprise_rescore_max_stall_ms"] = meter.max_stall_ms
    window.editor.undo()


def run_outline_phase(window, meter, report) -> None:
    novel = ROOT / "tests" / "data" / "war_and_peace.txt"
    window.editor.document().setModified(False)
    window.open_path(novel, ask=False)
    wait_until(lambda: window.path == novel and not window.loading, 300)
    window.outline_dock.show()
    sidebar = window.outline
    wait_until(lambda: sidebar.tree.topLevelItemCount() > 300, 120)
    text = window.editor.text()
    at = text.index(". ", text.index("CHAPTER XX") + 400) + 2  # after a sentence
    cursor = window.editor.textCursor()
    cursor.setPosition(at)
    window.editor.setTextCursor(cursor)
    before = sidebar.items
    say("typing into War and Peace with the Outline shown")
    meter.reset()
    longest_key = type_sentence(window)
    last_key = time.perf_counter()
    wait_until(lambda: sidebar.items is not before, 60)
    report["outline_words_added"] = sum(i.words for i in sidebar.items) - sum(i.words for i in before)
    report["outline_chapters"] = len(sidebar.items)
    report["outline_typing_longest_key_ms"] = round(longest_key * 1000, 1)
    report["outline_last_key_to_counts_s"] = round(time.perf_counter() - last_key, 2)
    report["outline_max_stall_ms"] = meter.max_stall_ms
    window.editor.document().setModified(False)


if __name__ == "__main__":
    main()
