"""Prompt text for Ask: numbered passages, answers cited like [2]. Model-free."""

from __future__ import annotations

import re
from collections.abc import Sequence

from writer_app.core.results import Evidence
from writer_app.core.sentences import split_sentences

NOT_FOUND = "I couldn't find this in your text."

# A small model states its answer first; what follows talks about "the passage".
REPLY_SENTENCES = 2

# Short and literal: the default model is SmolLM2-135M.
ASK_SYSTEM = (
    "You answer questions about the writer's text using only the numbered passages. "
    "Keep the answer short and cite the passages you used, like [2]. "
    f'If the passages do not answer the question, reply only: "{NOT_FOUND}"'
)

_CITATION = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_REFUSAL = re.compile(r"(?:n[o']t|unable to|\bno) (?:find|found|answer|say|know|mention|contain|information)")
_SOURCE = re.compile(r"\b(?:text|passages?|information|context)\b")


def ask_messages(question: str, passages: list[str]) -> list[dict[str, str]]:
    """Chat messages: the passages numbered from [1], then the question."""
    numbered = "\n\n".join(f"[{number}] {text.strip()}" for number, text in enumerate(passages, start=1))
    user = f"Passages:\n\n{numbered}\n\nQuestion: {question.strip()}"
    return [{"role": "system", "content": ASK_SYSTEM}, {"role": "user", "content": user}]


def cited_numbers(answer: str, count: int) -> list[int]:
    """Passage numbers cited in *answer* ([2], [1, 3], [1][2]), first mention first, within 1..count."""
    numbers: list[int] = []
    for match in _CITATION.finditer(answer):
        for part in re.split(r"[,;]", match.group(1)):
            number = int(part)
            if 1 <= number <= count and number not in numbers:
                numbers.append(number)
    return numbers


def says_not_found(answer: str) -> bool:
    """Whether the model's reply is the not-found answer, in our words or its own.

    A reply that cites a passage is an answer even if it says "could not find"
    (the heroine may well have lost something).
    """
    text = answer.strip().lower().replace("’", "'")
    if not text or "find this in your text" in text:
        return True
    return not _CITATION.search(text) and bool(_REFUSAL.search(text) and _SOURCE.search(text))


def first_sentences(reply: str, count: int = REPLY_SENTENCES) -> str:
    """The first *count* sentences of *reply*'s first paragraph, unwrapped.

    A first paragraph ending in a colon ("The answer is:") runs on into the next one.
    """
    kept, _more = _lead(reply)
    spans = split_sentences(kept)
    if not spans:
        return " ".join(kept.split())
    return " ".join(kept[: spans[min(count, len(spans)) - 1].end].split())


def reply_is_complete(reply: str) -> bool:
    """Whether *reply* already holds all that ``first_sentences`` keeps: a sentence after them, or a paragraph."""
    kept, more = _lead(reply)
    return more or len(split_sentences(kept)) > REPLY_SENTENCES


def _lead(reply: str) -> tuple[str, bool]:
    """The reply's first paragraph (with the next one after a colon), and whether another paragraph follows."""
    paragraphs = [paragraph.strip() for paragraph in reply.strip().split("\n\n") if paragraph.strip()]
    if not paragraphs:
        return "", False
    used = 2 if paragraphs[0].endswith(":") and len(paragraphs) > 1 else 1
    return " ".join(paragraphs[:used]), len(paragraphs) > used


def quoted_answer(reply: str, quotes: Sequence[Evidence]) -> str:
    """The answer as the writer reads it: the model's reply, then the sentences of the text that state it.

    A small model's words can drift; the quoted sentences cannot, and they
    are what the writer checks the reply against. One quote a line.
    """
    lines = [reply] if reply else []
    lines += [f"“{' '.join(quote.text.split())}”" for quote in quotes]
    return "\n".join(lines)
