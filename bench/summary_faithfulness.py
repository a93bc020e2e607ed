"""Are chapter summaries faithful? Every summary sentence checked against the source sentences it cites.

For evenly spaced chapters of each corpus novel, the app summarises the
chapter (``--mode extractive`` by default, the app's default for the 135M
model; ``abstractive`` rewrites with the writing model) through the engine
the GUI uses. Each sentence of a summary (lead lines aside) is **supported**
when one of the summary's key sentences (its citations) both

- names everyone it names (names compared folded), and
- is close in meaning: MiniLM cosine at least ``threshold``.

The threshold is calibrated here, not guessed: it is the 95th percentile of
the cosine between sentences of one novel and sentences of another (pairs
that cannot support each other), so a chance match passes 5 % of the time.

Also reported: **name coverage**, the share of each chapter's three most
mentioned names that its summary names, and how long each summary took.
Prints one JSON line per novel and a summary line; ``--out`` keeps every summary.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"
NOVELS = ("pride_and_prejudice.txt", "moby_dick.txt", "ulysses.txt", "war_and_peace.txt")


def run_request(service, request, timeout_s: float = 3600):
    handle = service.submit(request)
    if not handle.wait(timeout_s) or handle.state != "finished":
        raise SystemExit(f"request failed: {handle.state} {handle.result}")
    return handle.result


def summary_sentences(summary: str, lead_lines: int) -> list[str]:
    """The summary's own sentences: lead lines (chapter titles and names) left out."""
    from writer_app.core.sentences import split_sentences

    body = summary
    for _ in range(lead_lines):
        body = body.split("\n\n", 1)[1] if "\n\n" in body else body
    return [" ".join(span.text.split()) for span in split_sentences(body)]


def calibrate(embed, texts: dict[str, str], pairs: int = 400, seed: int = 7) -> float:
    from writer_app.core.sentences import split_sentences

    rng = random.Random(seed)
    pools = {name: [s.text for s in split_sentences(text) if len(s.text.split()) >= 6] for name, text in texts.items()}
    names = list(pools)
    left, right = [], []
    for _ in range(pairs):
        a, b = rng.sample(names, 2)
        left.append(" ".join(rng.choice(pools[a]).split()))
        right.append(" ".join(rng.choice(pools[b]).split()))
    cosines = np.sum(embed(left) * embed(right), axis=1)
    return float(np.percentile(cosines, 95))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--chapters", type=int, default=4, help="chapters per novel, evenly spaced")
    parser.add_argument("--mode", choices=("extractive", "abstractive"), default="extractive")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    corpus = args.corpus or Path(os.environ.get("INKWELL_CORPUS_DIR", DEFAULT_CORPUS))

    home = Path(tempfile.mkdtemp(prefix="inkwell-bench-"))
    os.environ["INKWELL_CONFIG_DIR"] = str(home / "config")
    os.environ["INKWELL_DATA_DIR"] = str(home / "data")
    os.environ.setdefault("INKWELL_CACHE_DIR", str(ROOT / ".cache" / "bench"))

    from PySide6.QtCore import QCoreApplication

    from writer_app.core.chapters import find_chapters
    from writer_app.core.names import CaseCounts, fold, main_names, name_spans
    from writer_app.core.requests import EmbedRequest, SummariseRequest
    from writer_app.core.settings import Settings
    from writer_app.core.textfile import read_text_file
    from writer_app.engine.config import EngineConfig
    from writer_app.paths import AppPaths
    from writer_app.service.service import InferenceService

    qt_app = QCoreApplication([])
    defaults = Settings()
    service = InferenceService(EngineConfig.from_paths(AppPaths.from_environment(), device="cpu"))

    def embed(texts: list[str]) -> np.ndarray:
        vectors = np.asarray(
            run_request(service, EmbedRequest(model_id=defaults.embed_model, texts=tuple(texts))).vectors
        )
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

    texts = {novel: read_text_file(corpus / novel).text for novel in NOVELS}
    reports, everything = [], []
    try:
        threshold = calibrate(embed, texts)
        for novel, text in texts.items():
            cases = CaseCounts(text)
            chapters = [c for c in find_chapters(text) if len(text[c.start : c.end].split()) > 300]
            step = max(1, len(chapters) // args.chapters)
            chosen = chapters[step // 2 :: step][: args.chapters]
            supported = total = covered = wanted = 0
            seconds = []
            for chapter in chosen:
                started = time.perf_counter()
                result = run_request(
                    service,
                    SummariseRequest(
                        model_id=defaults.summarise_model,
                        embed_model_id=defaults.embed_model,
                        text=text,
                        start=chapter.start,
                        end=chapter.end,
                        length="medium",
                        mode=args.mode,
                    ),
                )
                seconds.append(time.perf_counter() - started)
                sentences = summary_sentences(result.summary, 1 if args.mode == "extractive" else 0)
                cited = [" ".join(k.text.split()) for k in result.key_sentences]
                verdicts = []
                if sentences and cited:
                    cosines = embed(sentences) @ embed(cited).T
                    for row, sentence in enumerate(sentences):
                        names = {fold(sentence[a:b]).split()[-1] for a, b in name_spans(sentence, cases)}
                        ok = any(
                            cosines[row, col] >= threshold and all(n in fold(cited[col]) for n in names)
                            for col in range(len(cited))
                        )
                        verdicts.append(ok)
                supported += sum(verdicts)
                total += len(verdicts)
                top = main_names(text, cases, chapter.start, chapter.end, count=3)
                named = [n for n in top if fold(n).split()[-1] in fold(result.summary)]
                covered += len(named)
                wanted += len(top)
                everything.append(
                    {
                        "novel": novel,
                        "chapter": chapter.title,
                        "summary": result.summary,
                        "supported": verdicts,
                        "main_names": top,
                        "named": named,
                    }
                )
            report = {
                "novel": novel,
                "mode": args.mode,
                "chapters": len(chosen),
                "sentences": total,
                "supported_rate": round(supported / max(1, total), 3),
                "name_coverage": round(covered / max(1, wanted), 3),
                "summary_s_mean": round(sum(seconds) / max(1, len(seconds)), 1),
            }
            reports.append(report)
            print(json.dumps(report), flush=True)
    finally:
        service.shutdown()
        qt_app.processEvents()
    sentences = sum(r["sentences"] for r in reports)
    print(
        json.dumps(
            {
                "mode": args.mode,
                "threshold": round(threshold, 3),
                "sentences": sentences,
                "supported_rate": round(
                    sum(r["supported_rate"] * r["sentences"] for r in reports) / max(1, sentences), 3
                ),
                "name_coverage": round(sum(r["name_coverage"] for r in reports) / max(1, len(reports)), 3),
            }
        ),
        flush=True,
    )
    if args.out:
        args.out.write_text(json.dumps({"novels": reports, "summaries": everything}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
