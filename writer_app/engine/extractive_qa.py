"""Answer spans from an extractive question-answering model (DistilBERT-SQuAD style)."""

from __future__ import annotations

import torch

from writer_app.engine.backend import AnswerSpan

MAX_ANSWER_TOKENS = 30


def best_span(
    model, tokenizer, question: str, context: str, max_length: int = 384, stride: int = 128
) -> AnswerSpan | None:
    """The span of *context* that best answers *question* (character offsets), or None.

    Long contexts are read in overlapping windows; the score is
    p(start) × p(end) within the best window.
    """
    max_length = _window_tokens(model, tokenizer, max_length)
    question = _fit_question(tokenizer, question, max_length // 2)
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
        score, first, last = _window_span(
            output.start_logits[window].float().cpu(), output.end_logits[window].float().cpu(), in_context
        )
        if best is None or score > best.score:
            best = AnswerSpan(int(offsets[window, first, 0]), int(offsets[window, last, 1]), score)
    return best


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


def _window_span(
    start_logits: torch.Tensor, end_logits: torch.Tensor, in_context: torch.Tensor
) -> tuple[float, int, int]:
    """Best (p_start × p_end, start token, end token) with start ≤ end < start + MAX_ANSWER_TOKENS."""
    start_p = torch.softmax(start_logits.masked_fill(~in_context, float("-inf")), dim=0)
    end_p = torch.softmax(end_logits.masked_fill(~in_context, float("-inf")), dim=0)
    pairs = torch.triu(torch.tril(start_p[:, None] * end_p[None, :], diagonal=MAX_ANSWER_TOKENS - 1))
    flat = int(torch.argmax(pairs))
    first, last = divmod(flat, pairs.shape[1])
    return float(pairs[first, last]), first, last
