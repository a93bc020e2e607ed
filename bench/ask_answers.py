"""Answer quality for Ask with the packaged models, through the engine the GUI uses.

For each question of ``bench/ask_eval.py`` (Pride and Prejudice chapters 1–3,
and the whole novel) the engine answers with the instruct model from the
MiniLM-retrieved passages. Prints one JSON object per corpus:
``answer_has_fact`` (the answer holds one of the expected words),
``cites_fact_passage`` (a cited passage holds the expected text),
``retrieved_fact_passage`` (one of the passages given to the model holds it),
``evidence_has_fact`` (the quoted sentence shown under the answer holds it),
``not_found`` (how many answers said the text does not tell), the mean answer
time once indexed, and every answer. ``--model`` picks another answering
model, e.g. an extractive QA model from the catalogue.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ask_eval import CHAPTERS_1_3, DATA, FULL_NOVEL, squash  # noqa: E402


def run_request(service, request, timeout_s: float = 1800):
    handle = service.submit(request)
    if not handle.wait(timeout_s) or handle.state != "finished":
        raise SystemExit(f"request failed: {handle.state} {handle.result}")
    return handle.result


def evaluate(service, name: str, text: str, questions, model_id: str, embed_id: str) -> dict:
    from writer_app.core.requests import AskRequest, IndexRequest

    started = time.perf_counter()
    run_request(service, IndexRequest(embed_model_id=embed_id, text=text))
    index_s = time.perf_counter() - started
    rows = []
    for question, passage_texts, answer_words in questions:
        started = time.perf_counter()
        result = run_request(
            service, AskRequest(model_id=model_id, embed_model_id=embed_id, text=text, question=question)
        ).to_dict()
        seconds = time.perf_counter() - started

        def holds_fact(source: dict) -> bool:
            return any(squash(p) in squash(text[source["start"] : source["end"]]) for p in passage_texts)

        answer = result["answer"]
        evidence = result.get("evidence") or {"text": ""}
        rows.append(
            {
                "question": question,
                "answer": answer,
                "found": result["found"],
                "answer_has_fact": result["found"] and any(w.lower() in answer.lower() for w in answer_words),
                "cites_fact_passage": any(holds_fact(c) for c in result["citations"]),
                "evidence": evidence["text"],
                "evidence_has_fact": result["found"]
                and any(w.lower() in evidence["text"].lower() for w in answer_words),
                "retrieved_fact_passage": any(holds_fact(c) for c in result.get("closest", result["citations"])),
                "s": round(seconds, 2),
            }
        )
    count = len(rows)
    return {
        "corpus": name,
        "model": model_id,
        "questions": count,
        "answer_has_fact": sum(r["answer_has_fact"] for r in rows),
        "cites_fact_passage": sum(r["cites_fact_passage"] for r in rows),
        "evidence_has_fact": sum(r["evidence_has_fact"] for r in rows),
        "retrieved_fact_passage": sum(r["retrieved_fact_passage"] for r in rows),
        "not_found": sum(not r["found"] for r in rows),
        "index_s": round(index_s, 2),
        "answer_s_mean": round(sum(r["s"] for r in rows) / count, 2),
        "answers": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default=None, help="answering model (default: the app's)")
    parser.add_argument("--corpus", choices=("chapters", "full", "both"), default="both")
    args = parser.parse_args()

    home = Path(tempfile.mkdtemp(prefix="inkwell-bench-"))
    os.environ["INKWELL_CONFIG_DIR"] = str(home / "config")
    os.environ["INKWELL_DATA_DIR"] = str(home / "data")
    os.environ.setdefault("INKWELL_CACHE_DIR", str(ROOT / ".cache" / "bench"))

    from PySide6.QtCore import QCoreApplication

    from writer_app.core.settings import Settings
    from writer_app.engine.config import EngineConfig
    from writer_app.paths import AppPaths
    from writer_app.service.service import InferenceService

    qt_app = QCoreApplication([])  # the service's signals need one
    defaults = Settings()
    model_id = args.model or defaults.ask_model
    service = InferenceService(EngineConfig.from_paths(AppPaths.from_environment(), device="cpu"))
    corpora = {
        "chapters": ("pride_and_prejudice_ch1-3", DATA / "pride_and_prejudice_ch1-3.md", CHAPTERS_1_3),
        "full": ("pride_and_prejudice", DATA / "pride_and_prejudice.txt", FULL_NOVEL),
    }
    chosen = corpora if args.corpus == "both" else {args.corpus: corpora[args.corpus]}
    try:
        for name, path, questions in chosen.values():
            text = path.read_text(encoding="utf-8")
            print(json.dumps(evaluate(service, name, text, questions, model_id, defaults.embed_model)), flush=True)
    finally:
        service.shutdown()
        qt_app.processEvents()


if __name__ == "__main__":
    main()
