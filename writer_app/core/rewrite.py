"""Rewriting a selected passage: the instruction for each mode, and the checks every alternative must pass.

Small models return garbage often enough that each alternative is checked
before a writer sees it as usable: it must keep the passage's meaning
(embedding similarity to the original at least ``SIMILARITY_FLOOR``), have
a length in the mode's range, not be the original again, and not talk about
itself ("Here is the rewritten text"). Failing ones are kept, marked with
their reasons. Model-free.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MODES = ("rephrase", "shorten", "expand", "describe", "tone", "grammar", "custom")
SENSES = ("sight", "sound", "smell", "touch", "taste")
# Cosine (all-MiniLM-L6-v2) below which an alternative has lost the passage's meaning. Calibrated with
# bench/rewrite_bench.py on 180 alternatives of the default model: paired with another paragraph of the
# corpus their cosine had quartiles 0.15/0.20/0.24, and none reached 0.40 (at 0.35, 1.7 % did).
SIMILARITY_FLOOR = 0.4
# Words of the alternative over words of the original, per mode.
LENGTH_RANGES = {
    "rephrase": (0.6, 1.6),
    "shorten": (0.2, 0.9),
    "expand": (1.15, 3.5),
    "describe": (0.9, 3.5),
    "tone": (0.5, 1.8),
    "grammar": (0.8, 1.25),
    "custom": (0.1, 4.0),
}
_SYSTEM = (
    "You rewrite a passage of a novel as the author asks. Keep its characters, events, tense and point of view. "
    "Reply with the rewritten passage only: no title, no quotation marks around it, no comment."
)
_META = re.compile(
    r"^\s*(?:here(?:'s| is| are)\b|sure\b|certainly\b|of course\b|okay\b|ok\b|rewritten\b|revised\b|"
    r"the (?:rewritten|revised|shortened|expanded|corrected)\b|as an ai\b|i (?:have|'ve|hope)\b|"
    # Talk about "the passage": only with the verbs of commentary, as a corridor may be a passage too.
    r"(?:the|this|your) (?:original )?(?:passage|text|excerpt) (?:is rephrased|has been|describes|conveys|"
    r"highlights|uses|shows)\b|in this (?:example|passage|text|rewrite)\b|the author\b|"
    r"an? (?:rephrased|rewritten|revised|shorter|longer|expanded|corrected|new) (?:version|passage|text)\b)|"
    r"\b(?:rewritten|revised|shortened|expanded|corrected|rephrased) (?:passage|text|version)\b|"
    r"\b(?:the|this) (?:passage|text) (?:is|was|has been) (?:rephrased|rewritten|revised|shortened|expanded)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w’'-]+")
_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]*$")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s)")


def instruction_for(mode: str, detail: str = "") -> str:
    """What the model is asked to do in *mode*; *detail* is the sense, the tone or the writer's own instruction."""
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}")
    detail = detail.strip()
    if mode == "rephrase":
        return "Rephrase the passage in other words, keeping its meaning."
    if mode == "shorten":
        return "Shorten the passage to about half its length, keeping what matters."
    if mode == "expand":
        return "Expand the passage to about twice its length with concrete detail, keeping what happens."
    if mode == "describe":
        senses = detail or "sight, sound and smell"
        return f"Rewrite the passage so the reader feels the scene through {senses}, keeping what happens."
    if mode == "tone":
        return f"Rewrite the passage in a {detail or 'more formal'} tone, keeping what happens."
    if mode == "grammar":
        return "Correct the spelling, grammar and punctuation of the passage. Change nothing else."
    if not detail:
        raise ValueError("a custom rewrite needs an instruction")
    return detail


def rewrite_messages(
    passage: str, mode: str, detail: str = "", notes: str = "", codex: str = ""
) -> list[dict[str, str]]:
    """Chat messages asking for *passage* rewritten in *mode* (*notes*, *codex*: facts about the story to respect)."""
    user = f"{codex.strip()}\n\n" if codex.strip() else ""
    if notes.strip():
        user += f"About the story (do not repeat):\n{notes.strip()}\n\n"
    user += f"{instruction_for(mode, detail)}\n\nPassage:\n{passage.strip()}"
    return [{"role": "system", "content": _SYSTEM}, {"role": "user", "content": user}]


def cleaned(reply: str, original: str = "") -> str:
    """A reply without the wrapping small models add.

    Drops a "Passage:" label or a short announcing line ending in a colon
    ("A rephrased version:") before the text, quotation marks around the
    whole reply, and, when *original* ends a sentence, an unfinished last
    sentence (the reply ran out of room) if whole sentences remain.
    """
    text = reply.strip()
    text = re.sub(r"^(?:rewritten |revised )?passage:\s*", "", text, flags=re.IGNORECASE)
    first, newline, rest = text.partition("\n")
    if newline and rest.strip() and first.rstrip().endswith(":") and len(first.split()) <= 12:
        text = rest.strip()
    for opening, closing in (('"', '"'), ("“", "”"), ("'", "'")):
        inner = text[1:-1]
        if (
            len(text) >= 2
            and text[0] == opening
            and text[-1] == closing
            and opening not in inner
            and closing not in inner
        ):
            text = inner.strip()  # a quotation around the whole reply, not dialogue inside it
            break
    if _ENDS_SENTENCE.search(original.rstrip()) and not _ENDS_SENTENCE.search(text):
        ends = [match.end() for match in _SENTENCE_END.finditer(text)]
        if ends and ends[-1] >= 0.5 * len(text):
            text = text[: ends[-1]].rstrip()
    return text


# Words for talking about writing. Prose rarely brings in two of them that the original did not have;
# commentary ("The passage is a continuation… the original text…") always does.
_WRITING_WORDS = frozenset(
    "passage original text rewrite rewritten rephrase rephrased rephrasing version author narrative paragraph "
    "sentence sentences reader wording".split()
)


def _talks_about_text(original: str, candidate: str) -> bool:
    had = {word.lower() for word in _WORD.findall(original)}
    brought = {word.lower() for word in _WORD.findall(candidate)} & _WRITING_WORDS
    return len(brought - had) >= 2


@dataclass(frozen=True)
class Verdict:
    passed: bool
    reasons: tuple[str, ...]


def check(original: str, candidate: str, mode: str, similarity: float, floor: float = SIMILARITY_FLOOR) -> Verdict:
    """Whether *candidate* is a usable rewrite of *original* in *mode*, and if not, why."""
    reasons = []
    words, original_words = len(_WORD.findall(candidate)), max(1, len(_WORD.findall(original)))
    if not words:
        return Verdict(False, ("empty",))
    meta = _META.search(candidate)
    if (meta and meta.group().strip().lower() not in original.lower()) or _talks_about_text(original, candidate):
        reasons.append("talks about the rewrite instead of rewriting")
    same = " ".join(candidate.split()).lower() == " ".join(original.split()).lower()
    if same and mode != "grammar":
        reasons.append("the same as the original")
    low, high = LENGTH_RANGES[mode]
    ratio = words / original_words
    if ratio < low:
        reasons.append(f"too short ({words} words for {original_words})")
    elif ratio > high:
        reasons.append(f"too long ({words} words for {original_words})")
    if similarity < floor:
        reasons.append(f"strays from the meaning (similarity {similarity:.2f})")
    return Verdict(not reasons, tuple(reasons))


def max_new_tokens(passage: str, mode: str) -> int:
    """Room for the longest alternative the mode allows (about 1.4 tokens a word), within sane bounds."""
    words = len(_WORD.findall(passage))
    return max(32, min(1024, int(words * LENGTH_RANGES[mode][1] * 1.4) + 16))


_DIFF_TOKEN = re.compile(r"\s+|[\w’'-]+|[^\w\s]")


def word_diff(original: str, rewritten: str) -> list[tuple[str, str]]:
    """Word-level differences: ``("equal" | "delete" | "insert", text)`` pieces that rebuild both texts.

    Joining the "equal" and "delete" pieces gives *original*; the "equal" and
    "insert" pieces give *rewritten*. Spaces travel with the words they follow.
    """
    import difflib

    old, new = _DIFF_TOKEN.findall(original), _DIFF_TOKEN.findall(rewritten)
    pieces: list[tuple[str, str]] = []

    def add(op: str, tokens: list[str]) -> None:
        if not tokens:
            return
        text = "".join(tokens)
        if pieces and pieces[-1][0] == op:
            pieces[-1] = (op, pieces[-1][1] + text)
        else:
            pieces.append((op, text))

    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            add("equal", old[i1:i2])
        else:
            add("delete", old[i1:i2])
            add("insert", new[j1:j2])
    return pieces
