"""Answering questions about the manuscript from its own passages, with citations.

``answer_question`` retrieves passages and lets a chat model answer from them;
``extractive_answer`` picks the answer span with an extractive QA model
(DistilBERT-SQuAD style). Citations are character offsets into the document.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import torch

from writer_app.core.ask_prompts import NOT_FOUND, ask_messages, cited_numbers, says_not_found
from writer_app.core.passages import Passage
from writer_app.core.sentences import split_sentences
from writer_app.engine.requests import GenerationSettings
from writer_app.tasks.retrieval import EmbedFn, PassageIndex, content_words

ChatFn = Callable[[list[dict], GenerationSettings], str]
"""Messages → the model's whole reply (streamed meanwhile); raises TaskStopped when stopped."""

# Cosine score of the best passage below which the text is taken not to answer
# the question. Calibrated for all-MiniLM-L6-v2 (bench/ask_eval.py).
DEFAULT_MIN_SCORE = 0.3
MAX_ANSWER_TOKENS = 30
# How much a sentence sharing all of the question's words gains over its cosine.
EVIDENCE_WORD_WEIGHT = 0.2


def answer_question(
    question: str,
    index: PassageIndex,
    embed: EmbedFn,
    chat: ChatFn,
    settings: GenerationSettings,
    top_k: int = 4,
    min_score: float = DEFAULT_MIN_SCORE,
) -> dict:
    """``{"answer", "found", "citations", "closest", "evidence"}``.

    The model is not asked when no retrieved passage reaches *min_score*
    (cosine); ``closest`` then still lists the nearest passages. ``evidence``
    is the retrieved sentence closest to the question, word for word: what a
    small model's answer should be checked against.
    """
    query = np.asarray(embed([question]), dtype=np.float32)[0]
    hits = index.search(query, top_k, query_text=question)
    closest = [_citation(passage, score, number) for number, (passage, score) in enumerate(hits, start=1)]
    not_found = {"answer": NOT_FOUND, "found": False, "citations": [], "closest": closest, "evidence": None}
    if not hits or max(score for _, score in hits) < min_score:
        return not_found
    evidence = evidence_sentence(question, query, [passage for passage, _ in hits], embed)
    reply = chat(ask_messages(question, [passage.text for passage, _ in hits]), settings).strip()
    if says_not_found(reply):
        return not_found
    numbers = cited_numbers(reply, len(hits)) or [1]
    return {"answer": reply, "found": True, "citations": [closest[n - 1] for n in numbers], "closest": closest, "evidence": evidence}


def evidence_sentence(question: str, query: np.ndarray, passages: list[Passage], embed: EmbedFn) -> dict | None:
    """The sentence of *passages* that best matches the question: ``{"start", "end", "text", "score"}`` (document offsets).

    Ranked by cosine to the question plus a bonus for sharing its words.
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
    best = int(np.argmax(cosines + EVIDENCE_WORD_WEIGHT * overlap))
    start = starts[best]
    return {"start": start, "end": sentences[start][0], "text": sentences[start][1], "score": round(float(cosines[best]), 4)}


def _citation(passage: Passage, score: float, number: int) -> dict:
    return {"start": passage.start, "end": passage.end, "score": round(float(score), 4), "text": passage.text, "number": number}


# --------------------------------------------------------------------------- extractive


def extractive_answer(
    question: str,
    passages: list[Passage],
    qa_model,
    qa_tokenizer,
    max_length: int = 384,
    stride: int = 128,
) -> dict:
    """The best answer span over *passages*: ``{"answer", "found", "score", "citations"}``.

    The score is p(start) × p(end) within the window; the citation's start and
    end index the document, its passage_start / passage_end the passage.
    """
    nothing = {"answer": "", "found": False, "score": 0.0, "citations": []}
    if not passages:
        return nothing
    max_length = _window_tokens(qa_model, qa_tokenizer, max_length)
    question = _fit_question(qa_tokenizer, question, max_length // 2)
    best: tuple[float, int, int, Passage] | None = None
    for passage in passages:
        span = _best_span(question, passage.text, qa_model, qa_tokenizer, max_length, stride)
        if span is not None and (best is None or span[0] > best[0]):
            best = (*span, passage)
    if best is None:
        return nothing
    score, start, end, passage = best
    citation = _citation(Passage(passage.start + start, passage.start + end, passage.text[start:end]), score, 1)
    citation.update(passage_start=passage.start, passage_end=passage.end)
    return {"answer": citation["text"], "found": True, "score": round(score, 4), "citations": [citation]}


def _window_tokens(model, tokenizer, wanted: int) -> int:
    limits = [wanted, getattr(model.config, "max_position_embeddings", wanted)]
    if 0 < getattr(tokenizer, "model_max_length", 0) < 10**6:
        limits.append(tokenizer.model_max_length)
    return min(limits)


def _fit_question(tokenizer, question: str, max_tokens: int) -> str:
    encoding = tokenizer(question, add_special_tokens=False, return_offsets_mapping=True)
    if len(encoding["input_ids"]) <= max_tokens:
        return question
    return question[: encoding["offset_mapping"][max_tokens - 1][1]]


def _best_span(question: str, context: str, model, tokenizer, max_length: int, stride: int):
    """(score, char start, char end) of the best span in *context*, or None."""
    question_tokens = len(tokenizer(question, add_special_tokens=False)["input_ids"])
    room = max_length - question_tokens - tokenizer.num_special_tokens_to_add(pair=True)
    encoding = tokenizer(
        question,
        context,
        truncation="only_second",
        max_length=max_length,
        stride=max(0, min(stride, room // 2)),  # the tokenizer refuses a stride that fills the window
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
        padding=True,
        return_tensors="pt",
    )
    offsets = encoding.pop("offset_mapping")
    encoding.pop("overflow_to_sample_mapping", None)
    device = getattr(model, "device", None)
    inputs = {name: tensor.to(device) if device is not None else tensor for name, tensor in encoding.items()}
    with torch.inference_mode():
        output = model(**inputs)
    best = None
    for window in range(offsets.shape[0]):
        in_context = torch.tensor([sequence == 1 for sequence in encoding.sequence_ids(window)])
        if not in_context.any():
            continue
        score, first, last = _window_span(output.start_logits[window].float().cpu(), output.end_logits[window].float().cpu(), in_context)
        if best is None or score > best[0]:
            best = (score, int(offsets[window, first, 0]), int(offsets[window, last, 1]))
    return best


def _window_span(start_logits: torch.Tensor, end_logits: torch.Tensor, in_context: torch.Tensor) -> tuple[float, int, int]:
    """Best (p_start × p_end, start token, end token) with start ≤ end < start + MAX_ANSWER_TOKENS."""
    start_p = torch.softmax(start_logits.masked_fill(~in_context, float("-inf")), dim=0)
    end_p = torch.softmax(end_logits.masked_fill(~in_context, float("-inf")), dim=0)
    pairs = torch.triu(torch.tril(start_p[:, None] * end_p[None, :], diagonal=MAX_ANSWER_TOKENS - 1))
    flat = int(torch.argmax(pairs))
    first, last = divmod(flat, pairs.shape[1])
    return float(pairs[first, last]), first, last
