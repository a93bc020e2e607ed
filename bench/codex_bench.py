"""Codex suggestions against hand-made character lists (bench/data/codex_characters.json), whole novels.

Per novel: seconds, recall of the 15 main characters among all suggestions,
the share of the top 20 suggestions that are real characters or places of
the novel (by the list's accepted forms), and whether aliases were merged
(a main character found under more than one suggestion counts as split).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"
DATA = ROOT / "bench" / "data" / "codex_characters.json"


def main() -> None:
    from writer_app.core.codex_suggest import suggest_entries
    from writer_app.core.names import fold

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--show", type=int, default=0, help="also list this many suggestions per novel")
    args = parser.parse_args()
    truth = json.loads(DATA.read_text(encoding="utf-8"))["novels"]
    report = {}
    for novel, lists in truth.items():
        text = (args.corpus / novel).read_text(encoding="utf-8")
        started = time.perf_counter()
        suggestions = suggest_entries(text)
        seconds = time.perf_counter() - started

        def forms(suggestion) -> set[str]:
            return {fold(name).replace(".", "") for name in [suggestion.name, *suggestion.aliases]}

        def accepted(names) -> set[str]:
            return {fold(name).replace(".", "") for name in names}

        mains = [accepted(names) for names in lists["characters"]]
        real = set().union(*mains, accepted(lists["other_characters"]), accepted(lists["places"]))
        found = [sum(1 for s in suggestions if forms(s) & main) for main in mains]
        top = suggestions[:20]
        row = {
            "seconds": round(seconds, 2),
            "suggestions": len(suggestions),
            "recall": round(sum(1 for n in found if n) / len(mains), 3),
            "missed": [names[0] for names, n in zip(lists["characters"], found) if not n],
            "split": [names[0] for names, n in zip(lists["characters"], found) if n > 1],
            "top20_real": round(sum(1 for s in top if forms(s) & real) / max(1, len(top)), 3),
            "top20_not_real": [s.name for s in top if not forms(s) & real],
        }
        if args.show:
            row["shown"] = [
                f"{s.mentions} {s.kind} {s.name} | {', '.join(s.aliases[:4])}" for s in suggestions[: args.show]
            ]
        report[novel] = row
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
