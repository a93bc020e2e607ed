"""Ask on whole novels: the evaluation set in bench/data/ask_questions.json, through the engine the GUI uses.

For every question, the app answers from the whole novel (default models unless
``--model``/``--embed-model``), exactly as ``writer-app run ask`` would. Prints
one JSON object per novel, then a summary line, and writes everything (each
answer included) to ``--out``:

- ``answer_has_fact``: found, and the answer holds an accepted answer
  (compared folded: case, accents and apostrophes ignored, whole words);
- ``answer_and_cited``: that, and a citation's span of the file holds it too;
- ``reply_has_fact``: the model's own words hold it (the answer adds the quoted sentence of the text);
- ``hit_at_4``: one of the 4 closest passages holds an accepted answer;
- ``false_not_found``: answerable questions answered "not in your text";
- ``honest_not_found``: unanswerable questions answered "not in your text";
- ``index_s``: indexing the novel (0 when the cache already had it);
  ``answer_s_mean``/``answer_s_max``: answering once indexed;
  ``peak_rss_mb``: the process's peak resident memory.

The corpus is ``--corpus``, else ``$INKWELL_CORPUS_DIR``, else ``../shared/corpus``.
Caches go to ``--cache-dir`` (default ``.cache/bench``), so a second run skips indexing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
QUESTIONS = ROOT / "bench" / "data" / "ask_questions.json"
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def holds(text: str, accepted: list[str]) -> bool:
    """Whether *text* holds one of the accepted answers as whole words (folded)."""
    folded = fold(text)
    return any(re.search(r"(?<!\w)" + re.escape(fold(answer)) + r"(?!\w)", folded) for answer in accepted)


def run_request(service, request, timeout_s: float = 3600):
    handle = service.submit(request)
    if not handle.wait(timeout_s) or handle.state != "finished":
        raise SystemExit(f"request failed: {handle.state} {handle.result}")
    return handle.result


def evaluate(service, novel: str, text: str, questions: list[dict], model_id: str, embed_id: str) -> dict:
    from writer_app.core.requests import AskRequest, IndexRequest

    index_s = 0.0
    if any(question["answerable"] for question in questions):
        started = time.perf_counter()
        indexed = run_request(service, IndexRequest(embed_model_id=embed_id, text=text))
        index_s = time.perf_counter() - started if indexed.embedded_now else 0.0
    rows = []
    for question in questions:
        started = time.perf_counter()
        result = run_request(
            service, AskRequest(model_id=model_id, embed_model_id=embed_id, text=text, question=question["question"])
        ).to_dict()
        seconds = time.perf_counter() - started
        accepted = question.get("accepted") or []
        cited = [text[c["start"] : c["end"]] for c in result["citations"]]
        closest = [text[c["start"] : c["end"]] for c in (result.get("closest") or result["citations"])[:4]]
        has_fact = bool(result["found"]) and holds(result["answer"], accepted)
        reply_has_fact = bool(result["found"]) and holds(result.get("reply") or "", accepted)
        rows.append(
            {
                "id": question["id"],
                "question": question["question"],
                "answerable": question["answerable"],
                "answer": result["answer"],
                "found": result["found"],
                "answer_has_fact": has_fact,
                "reply_has_fact": reply_has_fact,
                "answer_and_cited": has_fact and any(holds(span, accepted) for span in cited),
                "hit_at_4": bool(accepted) and any(holds(span, accepted) for span in closest),
                "s": round(seconds, 2),
            }
        )
    answerable = [row for row in rows if row["answerable"]]
    unanswerable = [row for row in rows if not row["answerable"]]
    seconds = [row["s"] for row in rows]
    return {
        "novel": novel,
        "words": len(text.split()),
        "answerable": len(answerable),
        "answer_has_fact": sum(row["answer_has_fact"] for row in answerable),
        "answer_and_cited": sum(row["answer_and_cited"] for row in answerable),
        "reply_has_fact": sum(row["reply_has_fact"] for row in answerable),
        "hit_at_4": sum(row["hit_at_4"] for row in answerable),
        "false_not_found": sum(not row["found"] for row in answerable),
        "unanswerable": len(unanswerable),
        "honest_not_found": sum(not row["found"] for row in unanswerable),
        "index_s": round(index_s, 1),
        "answer_s_mean": round(sum(seconds) / max(1, len(seconds)), 2),
        "answer_s_max": round(max(seconds, default=0.0), 2),
        "rows": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=None, help="folder of the corpus novels")
    parser.add_argument("--novels", nargs="*", default=None, help="file names (default: all in the set)")
    parser.add_argument("--model", default=None, help="answering model (default: the app's)")
    parser.add_argument("--embed-model", default=None, help="embedding model (default: the app's)")
    parser.add_argument("--cache-dir", type=Path, default=ROOT / ".cache" / "bench")
    parser.add_argument("--out", type=Path, default=None, help="write every answer here (JSON)")
    parser.add_argument("--questions", type=Path, default=QUESTIONS, help="question set (default: the kept set)")
    parser.add_argument("--only", choices=("answerable", "unanswerable"), default=None, help="ask only these questions")
    args = parser.parse_args()
    corpus = args.corpus or Path(os.environ.get("INKWELL_CORPUS_DIR", DEFAULT_CORPUS))

    home = Path(tempfile.mkdtemp(prefix="inkwell-bench-"))
    os.environ["INKWELL_CONFIG_DIR"] = str(home / "config")
    os.environ["INKWELL_DATA_DIR"] = str(home / "data")
    os.environ["INKWELL_CACHE_DIR"] = str(args.cache_dir)

    from PySide6.QtCore import QCoreApplication

    from writer_app.core.settings import Settings
    from writer_app.core.textfile import read_text_file
    from writer_app.engine.config import EngineConfig
    from writer_app.paths import AppPaths
    from writer_app.service.service import InferenceService

    questions = json.loads(args.questions.read_text(encoding="utf-8"))["questions"]
    novels = args.novels or list(dict.fromkeys(q["novel"] for q in questions))
    qt_app = QCoreApplication([])  # the service's signals need one
    defaults = Settings()
    model_id, embed_id = args.model or defaults.ask_model, args.embed_model or defaults.embed_model
    service = InferenceService(EngineConfig.from_paths(AppPaths.from_environment(), device="cpu"))
    reports = []
    try:
        for novel in novels:
            text = read_text_file(corpus / novel).text
            mine = [
                q
                for q in questions
                if q["novel"] == novel and (args.only is None or q["answerable"] == (args.only == "answerable"))
            ]
            report = evaluate(service, novel, text, mine, model_id, embed_id)
            reports.append(report)
            print(json.dumps({k: v for k, v in report.items() if k != "rows"}), flush=True)
    finally:
        service.shutdown()
        qt_app.processEvents()
    answerable = sum(r["answerable"] for r in reports)
    summary = {
        "model": model_id,
        "embed_model": embed_id,
        "answerable": answerable,
        "answer_and_cited_rate": round(sum(r["answer_and_cited"] for r in reports) / max(1, answerable), 3),
        "answer_has_fact_rate": round(sum(r["answer_has_fact"] for r in reports) / max(1, answerable), 3),
        "reply_has_fact_rate": round(sum(r["reply_has_fact"] for r in reports) / max(1, answerable), 3),
        "hit_at_4": round(sum(r["hit_at_4"] for r in reports) / max(1, answerable), 3),
        "false_not_found": sum(r["false_not_found"] for r in reports),
        "unanswerable": sum(r["unanswerable"] for r in reports),
        "honest_not_found": sum(r["honest_not_found"] for r in reports),
        "answer_s_mean": round(
            sum(r["answer_s_mean"] * (r["answerable"] + r["unanswerable"]) for r in reports)
            / max(1, sum(r["answerable"] + r["unanswerable"] for r in reports)),
            2,
        ),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(summary), flush=True)
    if args.out:
        args.out.write_text(json.dumps({"summary": summary, "novels": reports}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
