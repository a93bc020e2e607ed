"""Surprise on the corpus novels with the default writing model: planted faults and stock phrases, and speed.

Plants come from ``bench/data/surprise_plants.json`` (written before any
tuning): in each novel, typos (two inner letters of a word of six letters or
more swapped) and misused words (one side of a confusable pair replaced by
the other) in chapters spread through the book, and stock phrases inserted
as a sentence of their own. Each plant is scored within a window of about
``--words`` words around it, through the engine the GUI uses.

- a typo or misused word is a hit when it ranks among the window's 2 % most
  surprising words;
- a stock phrase is a hit when a predictable run covers at least half of its words.

Also times Surprise on a 3,000-word chapter, cold (first request, the model
loaded) and after one paragraph of it changed. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
CORPUS = ROOT.parent / "shared" / "corpus"
PLANTS = ROOT / "bench" / "data" / "surprise_plants.json"
_WORD = re.compile(r"[A-Za-z]+")


def window(text: str, at: int, words: int) -> tuple[int, int]:
    """About *words* words around *at*, from and to a paragraph break."""
    half = words * 6 // 2  # about six characters a word
    start = text.rfind("\n\n", 0, max(0, at - half))
    end = text.find("\n\n", at + half)
    return (0 if start < 0 else start + 2), (len(text) if end < 0 else end)


def plant_sites(text: str, count: int, rng: random.Random) -> list[int]:
    """*count* places spread through the text (never in its first or last tenth)."""
    return sorted(int(len(text) * (0.1 + 0.8 * (i + rng.random()) / count)) for i in range(count))


def plants_for(text: str, spec: dict, novel_index: int, rng: random.Random) -> list[dict]:
    plants = []
    per_novel_typos = spec["typos"] // len(spec["novels"]) + (novel_index < spec["typos"] % len(spec["novels"]))
    for site in plant_sites(text, per_novel_typos, rng):
        match = next(m for m in _WORD.finditer(text, site) if len(m.group()) >= 6 and m.group().islower())
        word = match.group()
        i = rng.randrange(1, len(word) - 2)
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        plants.append({"kind": "typo", "at": match.start(), "old": word, "new": typo})
    pairs = spec["confusables"][novel_index::4] if len(spec["confusables"]) >= 4 else spec["confusables"]
    for pair, site in zip(pairs, plant_sites(text, len(pairs), rng)):
        for word, other in (pair, pair[::-1]):
            match = re.compile(rf"\b{re.escape(word)}\b").search(text, site)
            if match:
                plants.append({"kind": "misused", "at": match.start(), "old": word, "new": other})
                break
    phrases = spec["stock_phrases"][novel_index * 5 : novel_index * 5 + 5]
    for phrase, site in zip(phrases, plant_sites(text, len(phrases), rng)):
        end = re.compile(r"[.!?]\s+(?=[A-Z])").search(text, site)
        plants.append({"kind": "stock", "at": end.end(), "old": "", "new": phrase + " "})
    return plants


def main() -> None:
    from ask_bench import run_request
    from PySide6.QtCore import QCoreApplication

    from writer_app.core.chapters import find_chapters
    from writer_app.core.requests import NextWordRequest, SurpriseRequest
    from writer_app.core.settings import Settings
    from writer_app.engine.config import EngineConfig
    from writer_app.paths import AppPaths
    from writer_app.service.service import InferenceService

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=1500, help="words of text around each plant")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--speed-only", action="store_true", help="time the chapter and next word, skip the plants")
    args = parser.parse_args()
    spec = json.loads(PLANTS.read_text(encoding="utf-8"))
    rng = random.Random(spec["seed"])
    app = QCoreApplication.instance() or QCoreApplication([])
    model_id = Settings().continue_model
    service = InferenceService(EngineConfig.from_paths(AppPaths.from_environment(), device="cpu"))
    report: dict = {"model": model_id, "window_words": args.words, "plants": []}
    try:
        # Speed: a 3,000-word chapter, cold, then again after one paragraph changed.
        pp = (CORPUS / spec["novels"][0]).read_text(encoding="utf-8")
        chapter = next(c for c in find_chapters(pp) if len(pp[c.start : c.end].split()) >= 2500)
        piece = " ".join(pp[chapter.start : chapter.end].split(" ")[:3000])
        started = time.perf_counter()
        first = run_request(service, SurpriseRequest(model_id=model_id, text=piece))
        report["chapter_words"] = len(piece.split())
        report["chapter_cold_s"] = round(time.perf_counter() - started, 2)
        report["chapter_load_s"] = first.load_s
        # The panel rescores the edited paragraph against the kept cache of the text before it.
        middle = piece.find("\n\n", len(piece) // 2) + 2
        edited = piece[:middle] + "The candles had burned low. " + piece[middle:]
        paragraph_end = edited.find("\n\n", middle)
        started = time.perf_counter()
        again = run_request(
            service,
            SurpriseRequest(model_id=model_id, text=edited, start=middle, end=paragraph_end, context_start=0),
        )
        report["chapter_after_edit_s"] = round(time.perf_counter() - started, 2)
        report["edited_paragraph_words"] = len(again.words)
        # Next word at the end of that paragraph: cold, then warm after a chosen word.
        at = paragraph_end
        for key, text in (("next_word_cold_s", edited), ("next_word_warm_s", edited[:at] + " And" + edited[at:])):
            result = run_request(service, NextWordRequest(model_id=model_id, text=text, at=at, k=20))
            report[key] = result.seconds
            at += 4
        if args.speed_only:
            return print(json.dumps(report, indent=1))

        for index, novel in enumerate(spec["novels"]):
            text = (CORPUS / novel).read_text(encoding="utf-8")
            for plant in plants_for(text, spec, index, rng):
                at, old, new = plant["at"], plant["old"], plant["new"]
                planted = text[:at] + new + text[at + len(old) :]
                start, end = window(planted, at, args.words)
                result = run_request(service, SurpriseRequest(model_id=model_id, text=planted, start=start, end=end))
                row = {"novel": novel, **plant}
                # Share of the window's words inside predictable runs: how much ordinary prose is marked.
                in_runs = sum(
                    any(r.start <= w.start and w.end <= r.end for r in result.predictable_runs) for w in result.words
                )
                row["window_run_share"] = round(in_runs / max(1, len(result.words)), 4)
                if plant["kind"] == "stock":
                    phrase_words = [(m.start() + at, m.end() + at) for m in _WORD.finditer(new)]
                    covered = sum(
                        any(r.start <= s and e <= r.end for r in result.predictable_runs) for s, e in phrase_words
                    )
                    row["covered_words"] = covered
                    row["hit"] = covered * 2 >= len(phrase_words)
                    # Added after the first run (not the criterion fixed beforehand): any run inside the phrase.
                    row["any_run"] = any(at <= r.start and r.end <= at + len(new) for r in result.predictable_runs)
                    row["bits"] = [
                        [planted[w.start : w.end], w.bits] for w in result.words if at <= w.start < at + len(new)
                    ]
                else:
                    ranked = sorted(result.words, key=lambda w: -w.bits)
                    rank = next((i for i, w in enumerate(ranked) if w.start <= at < w.end), None)
                    row["rank"] = rank
                    row["of"] = len(ranked)
                    row["bits"] = ranked[rank].bits if rank is not None else None
                    row["hit"] = rank is not None and rank < max(1, round(0.02 * len(ranked)))
                report["plants"].append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
    finally:
        service.shutdown()
        app.processEvents()
    for kind in ("typo", "misused", "stock"):
        rows = [row for row in report["plants"] if row["kind"] == kind]
        report[f"{kind}_hits"] = f"{sum(row['hit'] for row in rows)}/{len(rows)}"
    stock = [row for row in report["plants"] if row["kind"] == "stock"]
    report["stock_any_run"] = f"{sum(row['any_run'] for row in stock)}/{len(stock)}"
    shares = [row["window_run_share"] for row in report["plants"]]
    report["mean_window_run_share"] = round(sum(shares) / max(1, len(shares)), 4)
    text = json.dumps(report, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
