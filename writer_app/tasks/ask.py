"""Answering questions about the manuscript from its own passages, with citations.

A question naming someone or something the text never mentions is answered
"not found" at once (``core.questions``). Otherwise ``answer_question``
retrieves passages and lets a chat model answer from them;
``extractive_answer`` picks the answer span with an extractive QA model
(DistilBERT-SQuAD style). Citations are character offsets into the document.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

import numpy as np

from writer_app.core.ask_prompts import NOT_FOUND, ask_messages, cited_numbers, says_not_found
from writer_app.core.passages import Passage
from writer_app.core.questions import unmentioned_names
from writer_app.core.requests import AskRequest, GenerationSettings
from writer_app.core.results import AskResult, Citation, Evidence
from writer_app.core.sentences import split_sentences
from writer_app.engine.backend import AnswerSpan, Unsupported
from writer_app.tasks.context import TaskContext
from writer_app.tasks.index import manuscript_index
from writer_app.tasks.retrieval import EmbedFn, PassageIndex, content_words

ChatFn = Callable[[list[dict], GenerationSettings], str]
"""Messages → the model's whole reply (streamed meanwhile); raises Stopped when stopped."""
SpanFn = Callable[[str, str], "AnswerSpan | None"]
"""(question, passage text) → the best answer span in the passage, or None."""

# Cosine score of the best passage below which the text is taken not to answer
# the question. Calibrated for all-MiniLM-L6-v2 (bench/ask_eval.py).
DEFAULT_MIN_SCORE = 0.3
# How much a sentence sharing all of the question's words gains over its cosine,
# and one holding all the words the answer adds: the quote should show the answer.
EVIDENCE_WORD_WEIGHT = 0.2
ANSWER_WORD_WEIGHT = 0.6
_CITATION_MARK = re.compile(r"\[\d+(?:\s*[,;]\s*\d+)*\]")
# Words a small model wraps its answers in.
_FILLER = frozenset("answer answers passage passages text question according mentioned".split())


def run_ask(request: AskRequest, ctx: TaskContext) -> AskResult:
    missing = unmentioned_names(request.question, request.text)
    if missing:
        # Nothing to search for: no model is loaded and no passage is offered as "closest".
        return AskResult(
            answer=NOT_FOUND,
            found=False,
            question=request.question,
            model_id=request.model_id,
            unmentioned=tuple(missing),
        )
    embedder = ctx.backend(request.embed_model_id)
    index = manuscript_index(ctx, embedder, request.text)
    writer = ctx.backend(request.model_id)

    def embed(texts: list[str]) -> np.ndarray:
        return embedder.embed(texts, stop=ctx.stop)

    ctx.progress("answering", None, "Looking for the answer…")
    if writer.capabilities.extractive_qa:
        query = embed([request.question])[0]
        hits = index.search(query, request.top_k, query_text=request.question)
        result = extractive_answer(request.question, [passage for passage, _score in hits], writer.extract_answer)
    elif writer.capabilities.chat:
        result = answer_question(
            request.question, index, embed, ctx.chat_with(writer), request.settings, top_k=request.top_k
        )
        ctx.check_stop()  # a reply cut short by Stop is no answer
    else:
        raise Unsupported(f"{writer.name} is not an instruct model; choose one that can follow instructions.")
    return replace(
        result,
        question=request.question,
        model_id=writer.model_id,
        passages=len(index),
        embedded_now=index.embedded_now,
    )


def answer_question(
    question: str,
    index: PassageIndex,
    embed: EmbedFn,
    chat: ChatFn,
    settings: GenerationSettings,
    top_k: int = 4,
    min_score: float = DEFAULT_MIN_SCORE,
) -> AskResult:
    """The chat model's answer from the best passages, or "not found".

    The model is not asked when no retrieved passage reaches *min_score*
    (cosine); ``closest`` then still lists the nearest passages. ``evidence``
    is the retrieved sentence closest to the question, word for word: what a
    small model's answer should be checked against.
    """
    query = np.asarray(embed([question]), dtype=np.float32)[0]
    hits = index.search(query, top_k, query_text=question)
    closest = [_citation(passage, score, number) for number, (passage, score) in enumerate(hits, start=1)]
    not_found = AskResult(answer=NOT_FOUND, found=False, closest=tuple(closest))
    if not hits or max(score for _, score in hits) < min_score:
        return not_found
    reply = chat(ask_messages(question, [passage.text for passage, _ in hits]), settings).strip()
    if says_not_found(reply):
        return not_found
    passages = [passage for passage, _ in hits]
    own_words = answer_words(reply, question)
    evidence = evidence_sentence(question, query, passages, embed, own_words)
    numbers = cited_numbers(reply, len(hits))
    holding = [n for n, passage in enumerate(passages, start=1) if _holds(passage.text, own_words)]
    if holding:
        # Cite where the answer's own words are: a small model often cites the wrong number.
        numbers = [n for n in numbers if n in holding] + [n for n in holding if n not in numbers]
    numbers = numbers or [1]
    return AskResult(
        answer=reply,
        found=True,
        citations=tuple(closest[n - 1] for n in numbers),
        closest=tuple(closest),
        evidence=evidence,
    )


def answer_words(answer: str, question: str) -> set[str]:
    """The words an answer adds to its question ("Mr. Collins [1]" to "Whom does Charlotte marry?" → collins)."""
    return content_words(_CITATION_MARK.sub(" ", answer)) - content_words(question) - _FILLER


def _holds(text: str, words: set[str]) -> bool:
    """Whether *text* has the answer's words: all of up to three, two thirds of more."""
    if not words:
        return False
    found = len(words & content_words(text))
    return found == len(words) if len(words) <= 3 else found * 3 >= 2 * len(words)


def evidence_sentence(
    question: str, query: np.ndarray, passages: list[Passage], embed: EmbedFn, answer: set[str] = frozenset()
) -> Evidence | None:
    """The sentence of *passages* that best shows the answer (document offsets).

    Ranked by cosine to the question plus a bonus for sharing its words, and
    a larger one for holding the words the answer adds (*answer*).
    """
    sentences = {}
    for passage in passages:
        for span in split_sentences(passage.text):
            sentences.setdefault(passage.start + span.start, (passage.start + span.end, span.text))
    if not sentences:
        return None
    starts = list(sentences)
    texts = [" ".join(sentences[start][1].split()) for start in starts]
    cosines = np.asarray(embed(texts), dtype=np.float32) @ (query / max(float(np.linalg.norm(query)), 1e-12))
    wanted = content_words(question)
    overlap = np.array([len(wanted & content_words(text)) / max(1, len(wanted)) for text in texts], dtype=np.float32)
    holds = np.array([len(answer & content_words(text)) / max(1, len(answer)) for text in texts], dtype=np.float32)
    best = int(np.argmax(cosines + EVIDENCE_WORD_WEIGHT * overlap + ANSWER_WORD_WEIGHT * holds))
    start = starts[best]
    return Evidence(
        start=start, end=sentences[start][0], text=sentences[start][1], score=round(float(cosines[best]), 4)
    )


def _citation(passage: Passage, score: float, number: int) -> Citation:
    return Citation(
        start=passage.start, end=passage.end, score=round(float(score), 4), text=passage.text, number=number
    )


# --------------------------------------------------------------------------- extractive


def extractive_answer(question: str, passages: list[Passage], find_span: SpanFn) -> AskResult:
    """The best answer span over *passages*, as *find_span* scores them.

    The citation's start and end index the document, its passage_start and
    passage_end the passage the span was found in.
    """
    best: tuple[AnswerSpan, Passage] | None = None
    for passage in passages:
        span = find_span(question, passage.text)
        if span is not None and (best is None or span.score > best[0].score):
            best = (span, passage)
    if best is None:
        return AskResult(answer="", found=False, score=0.0)
    span, passage = best
    citation = Citation(
        start=passage.start + span.start,
        end=passage.start + span.end,
        score=round(span.score, 4),
        text=passage.text[span.start : span.end],
        number=1,
        passage_start=passage.start,
        passage_end=passage.end,
    )
    return AskResult(answer=citation.text, found=True, score=round(span.score, 4), citations=(citation,))
