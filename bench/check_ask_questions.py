"""Verify the Ask evaluation set, bench/data/ask_questions.json, against the corpus novels.

Standard library only. Loads the question file and every novel it names, and checks:

* answerable questions: ``accepted`` is a non-empty list of answers; ``evidence``
  (10–300 characters) occurs verbatim in the novel once runs of whitespace are
  squashed to one space (Project Gutenberg wraps lines); at least one accepted
  answer occurs, ignoring case, inside the evidence;
* unanswerable questions (``"answerable": false``): none of ``absent_terms``
  occurs in the novel (ignoring case and accents, as a plain substring, so
  "Rostov" also rules out "Rostóv" and "Rostóva"); at least one of them is
  named in the question; when ``answer_in`` names another novel, the terms do
  occur there (the question is about something real, just not in this book);
* the set as a whole: unique ids and questions, every corpus novel covered,
  60–72 answerable questions with at least 15 per novel, at least 15
  unanswerable ones (--answerable, --per-novel and --unanswerable change these
  sizes for another file, such as the development set
  bench/data/ask_dev_questions.json).

Prints one JSON line (counts, and every problem found) and exits with 1 when
there is a problem. The corpus folder is --corpus, else $INKWELL_CORPUS_DIR,
else ``../shared/corpus`` beside the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_QUESTIONS = HERE / "data" / "ask_questions.json"
# The shared corpus sits beside the repository.
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"

ANSWERABLE_MIN, ANSWERABLE_MAX = 60, 72
PER_NOVEL_MIN = 15
UNANSWERABLE_MIN = 15
EVIDENCE_MIN, EVIDENCE_MAX = 10, 300
KINDS = {"person", "place", "relationship", "occupation", "ship", "estate", "house", "number", "what"}


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def fold(text: str) -> str:
    """Lower case without accents, for the absent-term check."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def nonempty_str(value) -> bool:
    return isinstance(value, str) and value.strip() != ""


def check(
    data: dict,
    corpus: Path,
    answerable_range: tuple[int, int] = (ANSWERABLE_MIN, ANSWERABLE_MAX),
    per_novel_min: int = PER_NOVEL_MIN,
    unanswerable_min: int = UNANSWERABLE_MIN,
) -> dict:
    problems: list[str] = []
    questions = data.get("questions")
    if not isinstance(questions, list):
        return {"ok": False, "problems": ["top level has no 'questions' list"]}

    novels = sorted(p.name for p in corpus.glob("*.txt"))
    if not novels:
        problems.append(f"no novels (*.txt) in {corpus}")
    texts: dict[str, str] = {}
    folded: dict[str, str] = {}

    def text_of(name: str) -> str | None:
        if name not in texts:
            path = corpus / name
            if not path.is_file():
                return None
            texts[name] = squash(path.read_text(encoding="utf-8"))
            folded[name] = fold(texts[name])
        return texts[name]

    per_novel = {n: {"answerable": 0, "unanswerable": 0} for n in novels}
    ids: set[str] = set()
    seen_questions: set[tuple[str, str]] = set()
    answerable = unanswerable = 0

    for number, item in enumerate(questions):
        if not isinstance(item, dict):
            problems.append(f"item {number}: not an object")
            continue
        qid = item.get("id")
        where = f"{qid or 'item ' + str(number)}"
        if not nonempty_str(qid):
            problems.append(f"{where}: missing id")
        elif qid in ids:
            problems.append(f"{where}: duplicate id")
        else:
            ids.add(qid)
        novel = item.get("novel")
        question = item.get("question")
        if not nonempty_str(question) or not question.strip().endswith("?"):
            problems.append(f"{where}: question must be a non-empty string ending in '?'")
        elif (novel, squash(question).lower()) in seen_questions:
            problems.append(f"{where}: the same question is asked twice of {novel}")
        else:
            seen_questions.add((novel, squash(question).lower()))
        text = text_of(novel) if nonempty_str(novel) else None
        if text is None:
            problems.append(f"{where}: novel {novel!r} not found in {corpus}")
            continue
        per_novel.setdefault(novel, {"answerable": 0, "unanswerable": 0})

        if item.get("answerable", True) is not False:
            answerable += 1
            per_novel[novel]["answerable"] += 1
            if item.get("kind") is not None and item["kind"] not in KINDS:
                problems.append(f"{where}: unknown kind {item['kind']!r}")
            accepted = item.get("accepted")
            if not isinstance(accepted, list) or not accepted or not all(nonempty_str(a) for a in accepted):
                problems.append(f"{where}: 'accepted' must be a non-empty list of non-empty strings")
                accepted = []
            evidence = item.get("evidence")
            if not nonempty_str(evidence):
                problems.append(f"{where}: missing evidence")
                continue
            evidence = squash(evidence)
            if not EVIDENCE_MIN <= len(evidence) <= EVIDENCE_MAX:
                problems.append(f"{where}: evidence is {len(evidence)} characters, not {EVIDENCE_MIN}-{EVIDENCE_MAX}")
            if evidence not in text:
                problems.append(f"{where}: evidence not found verbatim in {novel}: {evidence[:80]!r}")
            if accepted and not any(squash(a).lower() in evidence.lower() for a in accepted):
                problems.append(f"{where}: no accepted answer occurs in the evidence")
        else:
            unanswerable += 1
            per_novel[novel]["unanswerable"] += 1
            if not nonempty_str(item.get("why")):
                problems.append(f"{where}: missing 'why'")
            terms = item.get("absent_terms")
            if not isinstance(terms, list) or not terms or not all(nonempty_str(t) for t in terms):
                problems.append(f"{where}: 'absent_terms' must be a non-empty list of non-empty strings")
                continue
            for term in terms:
                count = folded[novel].count(fold(squash(term)))
                if count:
                    problems.append(f"{where}: absent term {term!r} occurs {count} times in {novel}")
            if nonempty_str(question) and not any(fold(squash(t)) in fold(question) for t in terms):
                problems.append(f"{where}: none of the absent terms is named in the question")
            source = item.get("answer_in")
            if source is not None:
                if source == novel:
                    problems.append(f"{where}: answer_in is the novel the question is asked of")
                elif text_of(source) is None:
                    problems.append(f"{where}: answer_in novel {source!r} not found")
                elif not any(fold(squash(t)) in folded[source] for t in terms):
                    problems.append(f"{where}: none of the absent terms occurs in {source}")

    low, high = answerable_range
    if not low <= answerable <= high:
        problems.append(f"{answerable} answerable questions, want {low}-{high}")
    if unanswerable < unanswerable_min:
        problems.append(f"{unanswerable} unanswerable questions, want at least {unanswerable_min}")
    for name, counts in per_novel.items():
        if counts["answerable"] < per_novel_min:
            problems.append(f"{name}: {counts['answerable']} answerable questions, want at least {per_novel_min}")
        if counts["unanswerable"] < 1:
            problems.append(f"{name}: no unanswerable question is asked of it")
    return {
        "ok": not problems,
        "answerable": answerable,
        "unanswerable": unanswerable,
        "per_novel": per_novel,
        "problems": problems,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument(
        "--answerable",
        type=int,
        nargs=2,
        metavar=("MIN", "MAX"),
        default=(ANSWERABLE_MIN, ANSWERABLE_MAX),
        help=f"allowed number of answerable questions (default {ANSWERABLE_MIN} {ANSWERABLE_MAX})",
    )
    parser.add_argument(
        "--per-novel",
        type=int,
        default=PER_NOVEL_MIN,
        help=f"least answerable questions per novel (default {PER_NOVEL_MIN})",
    )
    parser.add_argument(
        "--unanswerable",
        type=int,
        default=UNANSWERABLE_MIN,
        help=f"least unanswerable questions (default {UNANSWERABLE_MIN})",
    )
    args = parser.parse_args()
    data = json.loads(args.questions.read_text(encoding="utf-8"))
    corpus = args.corpus or Path(os.environ.get("INKWELL_CORPUS_DIR") or DEFAULT_CORPUS)
    report = check(data, corpus, tuple(args.answerable), args.per_novel, args.unanswerable)
    print(json.dumps(report, ensure_ascii=False), flush=True)
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
