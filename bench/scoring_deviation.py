"""How far Surprise's reading path moves each token's log-probability from the plain fp32 model.

Scores about ``--words`` words from the middle of each corpus novel twice with
the default writing model: as Surprise reads on this machine (the quantisation
chosen for it, read in bf16 where the CPU has bf16 matrix units) and with the
fp32 weights and fp32 arithmetic. Reports, per novel and overall, the mean and
largest absolute difference per token (nats), the difference of the mean, and
how many of the fp32 reading's 2 % most surprising words the fast path also
ranks there. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
NOVELS = ("pride_and_prejudice.txt", "moby_dick.txt", "ulysses.txt", "war_and_peace.txt")


def excerpt(text: str, words: int) -> str:
    middle = text.find("\n\n", len(text) // 2) + 2
    return " ".join(text[middle:].split(" ")[:words])


def main() -> None:
    from writer_app.core.settings import Settings
    from writer_app.core.surprise import TokenScore, as_read, surprising_words, word_surprisals
    from writer_app.engine.config import EngineConfig
    from writer_app.engine.local_models import LocalModels
    from writer_app.paths import AppPaths

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    model_id = Settings().continue_model
    texts = {novel: as_read(excerpt((CORPUS / novel).read_text(encoding="utf-8"), args.words)) for novel in NOVELS}
    readings: dict[str, dict] = {}
    report: dict = {"model": model_id, "words": args.words, "novels": {}}
    for quantization in ("auto", "none"):
        models = LocalModels(EngineConfig.from_paths(AppPaths.from_environment(), device="cpu"))
        models.configure(quantization=quantization)
        backend, _load_s = models.backend(model_id, stop=threading.Event(), on_progress=lambda *_a: None)
        report[f"{quantization}_scheme"] = backend.runtime.quant
        for novel, text in texts.items():
            started = time.perf_counter()
            readings.setdefault(novel, {})[quantization] = backend.score(text, top_k=0).tokens
            report["novels"].setdefault(novel, {})[f"{quantization}_s"] = round(time.perf_counter() - started, 2)
        models.release()
    all_deltas = []
    for novel, text in texts.items():
        fast, exact = readings[novel]["auto"], readings[novel]["none"]
        pairs = [(a.logprob, b.logprob) for a, b in zip(fast, exact) if a.logprob is not None and b.logprob is not None]
        deltas = [abs(a - b) for a, b in pairs]
        all_deltas += deltas

        def top(tokens):
            scores = [TokenScore(t.start, t.end, t.logprob) for t in tokens]
            return {(w.start, w.end) for w in surprising_words(word_surprisals(text, scores))}

        exact_top, fast_top = top(exact), top(fast)
        report["novels"][novel].update(
            tokens=len(pairs),
            mean_abs_nats=round(sum(deltas) / len(deltas), 4),
            max_abs_nats=round(max(deltas), 4),
            mean_nats_fast=round(-sum(a for a, _ in pairs) / len(pairs), 4),
            mean_nats_fp32=round(-sum(b for _, b in pairs) / len(pairs), 4),
            surprising_kept=f"{len(exact_top & fast_top)}/{len(exact_top)}",
        )
    report["mean_abs_nats"] = round(sum(all_deltas) / len(all_deltas), 4)
    report["max_abs_nats"] = round(max(all_deltas), 4)
    text = json.dumps(report, indent=1)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
