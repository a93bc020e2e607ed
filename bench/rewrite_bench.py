"""Rewrite on paragraphs of the corpus novels with the default models: how often each mode's alternatives pass.

Paragraphs of 60–150 words are taken at even steps through each novel (the
same ones every run). For each mode, each paragraph gets ``--n``
alternatives through the engine the GUI uses; the report gives per mode the
share of alternatives that pass the checks, the share of paragraphs with at
least one usable alternative, the reasons for failing, and seconds per
request. Prints one JSON object.

It also calibrates the meaning check: every alternative is embedded against
a *different* paragraph of the same run, which gives the similarity of a
rewrite that lost the meaning entirely. ``calibration`` lists, for floors
from 0.30 to 0.90, the share of real alternatives kept and the share of
unrelated pairs let through; ``suggested_floor`` is the lowest floor that lets
through at most 2 % of unrelated pairs.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
CORPUS = ROOT.parent / "shared" / "corpus"
NOVELS = ("pride_and_prejudice.txt", "moby_dick.txt", "ulysses.txt", "war_and_peace.txt")
MODES = ("rephrase", "shorten", "expand", "describe", "tone", "grammar", "custom")
DETAILS = {
    "describe": "sound and smell",
    "tone": "more casual",
    "custom": "Tell it from the point of view of a bystander.",
}
UNRELATED_LIMIT = 0.02


def paragraphs(text: str, count: int) -> list[tuple[int, int]]:
    """*count* (start, end) spans of 60–150-word paragraphs, evenly spread through *text*."""
    found = []
    for match in re.finditer(r"(?:[^\n]+\n)+", text):
        words = len(match.group().split())
        if 60 <= words <= 150 and not match.group().lstrip().startswith(("CHAPTER", "Chapter")):
            found.append((match.start(), match.end() - 1))
    if not found:
        return []
    step = max(1, len(found) // count)
    return found[step // 2 :: step][:count]


FLOORS = [round(0.3 + 0.05 * i, 2) for i in range(13)]


def pass_rates(rows: list) -> dict[str, float]:
    """Share of alternatives passing every check, for each candidate similarity floor."""
    return {
        f"{floor:.2f}": round(sum(not others and sim >= floor for _, _, sim, others in rows) / max(1, len(rows)), 3)
        for floor in FLOORS
    }


def calibrate(service, rows: list, embed_id: str) -> dict:
    """Similarities of real rewrites against those of the same rewrites paired with another paragraph."""
    import numpy as np
    from ask_bench import run_request

    from writer_app.core.requests import EmbedRequest

    passages = sorted({row[0] for row in rows})
    if len(passages) < 2:
        return {}
    position = {passage: i for i, passage in enumerate(passages)}
    texts = tuple(passages) + tuple(row[1] or " " for row in rows)
    vectors = np.asarray(run_request(service, EmbedRequest(model_id=embed_id, texts=texts)).vectors)
    base, alternatives = vectors[: len(passages)], vectors[len(passages) :]
    # Each alternative against the paragraph a third of the list away: never its own.
    shift = max(1, len(passages) // 3)
    unrelated = np.array(
        [alternatives[i] @ base[(position[row[0]] + shift) % len(passages)] for i, row in enumerate(rows)]
    )
    real = np.array([row[2] for row in rows])
    table = {
        f"{floor:.2f}": {
            "kept": round(float((real >= floor).mean()), 3),
            "unrelated_let_through": round(float((unrelated >= floor).mean()), 3),
        }
        for floor in FLOORS
    }
    suggested = next((floor for floor in FLOORS if (unrelated >= floor).mean() <= UNRELATED_LIMIT), None)
    return {
        "alternatives": len(rows),
        "real_similarity_quartiles": [round(float(q), 3) for q in np.quantile(real, [0.25, 0.5, 0.75])],
        "unrelated_similarity_quartiles": [round(float(q), 3) for q in np.quantile(unrelated, [0.25, 0.5, 0.75])],
        "floors": table,
        "suggested_floor": suggested,
    }


def main() -> None:
    from ask_bench import run_request
    from PySide6.QtCore import QCoreApplication

    from writer_app.core.requests import RewriteRequest
    from writer_app.core.settings import Settings
    from writer_app.engine.config import EngineConfig
    from writer_app.paths import AppPaths
    from writer_app.service.service import InferenceService

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--per-novel", type=int, default=3, help="paragraphs per novel and mode")
    parser.add_argument("--n", type=int, default=3, help="alternatives per request")
    parser.add_argument("--modes", nargs="*", default=list(MODES))
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    app = QCoreApplication.instance() or QCoreApplication([])
    defaults = Settings()
    service = InferenceService(EngineConfig.from_paths(AppPaths.from_environment()))
    report = {"model": defaults.ask_model, "embed_model": defaults.embed_model, "n": args.n, "modes": {}}
    texts = {novel: (CORPUS / novel).read_text(encoding="utf-8") for novel in NOVELS}
    all_rows: list = []
    try:
        for mode in args.modes:
            passed = total = usable = requests = 0
            reasons: Counter[str] = Counter()
            seconds = []
            rows = []  # (passage, alternative, similarity, reasons other than meaning)
            for novel, text in texts.items():
                for start, end in paragraphs(text, args.per_novel):
                    request = RewriteRequest(
                        model_id=defaults.ask_model,
                        embed_model_id=defaults.embed_model,
                        text=text,
                        start=start,
                        end=end,
                        mode=mode,
                        detail=DETAILS.get(mode, ""),
                        count=args.n,
                    )
                    started = time.perf_counter()
                    result = run_request(service, request)
                    seconds.append(time.perf_counter() - started)
                    requests += 1
                    good = [a for a in result.alternatives if a.passed]
                    passed += len(good)
                    total += len(result.alternatives)
                    usable += bool(good)
                    passage = text[start:end]
                    for alternative in result.alternatives:
                        reasons.update(re.sub(r" \(.*", "", reason) for reason in alternative.reasons)
                        others = [r for r in alternative.reasons if not r.startswith("strays")]
                        rows.append((passage, alternative.text, alternative.similarity, others))
            all_rows.extend(rows)
            report["modes"][mode] = {
                "requests": requests,
                "alternatives_passed": round(passed / max(1, total), 3),
                "paragraphs_with_a_usable_one": round(usable / max(1, requests), 3),
                "reasons": dict(reasons.most_common()),
                "seconds_mean": round(sum(seconds) / max(1, len(seconds)), 2),
                "seconds_max": round(max(seconds, default=0.0), 2),
                "pass_at_floor": pass_rates(rows),
            }
            print(json.dumps({mode: report["modes"][mode]}), file=sys.stderr, flush=True)
        report["calibration"] = calibrate(service, all_rows, defaults.embed_model)
    finally:
        service.shutdown()
        app.processEvents()
    text = json.dumps(report, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
