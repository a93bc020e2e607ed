"""Scoring a text with a causal LM: each token's log-probability, and the likeliest tokens in its place.

The text is read in overlapping windows, so any length works in bounded
memory: each window's first tokens are context only and each token is scored
once, with at least ``overlap`` tokens before it (all of them near the start).
"""

from __future__ import annotations

import threading

import torch

from writer_app.core.errors import raise_if_stopped
from writer_app.engine.backend import ScoredToken, TextScores
from writer_app.engine.generation import memory_errors, threads
from writer_app.engine.loader import LoadedModel

# Tokens per forward pass: the logits of a window take window × vocabulary
# floats (512 × 49,152 × 4 bytes ≈ 100 MB for SmolLM2).
WINDOW_TOKENS = 512


def score_text(
    loaded: LoadedModel,
    text: str,
    top_k: int = 0,
    stop_event: threading.Event | None = None,
    window: int = WINDOW_TOKENS,
) -> TextScores:
    tokenizer = loaded.tokenizer
    encoding = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids, offsets = encoding["input_ids"], encoding["offset_mapping"]
    if not ids:
        return TextScores(())
    # A beginning-of-text token lets the first token be scored too.
    prefix = [tokenizer.bos_token_id] if tokenizer.bos_token_id is not None else []
    window = max(8, min(window, loaded.context_length))
    overlap = window // 4
    logprobs: list[float | None] = [None] * len(ids)
    tops: list[tuple] = [()] * len(ids)
    pieces: dict[int, str] = {}  # token id → its text, decoded once
    position = 0  # the next token to score
    with threads(loaded.plan.threads), torch.inference_mode(), memory_errors(loaded, "reading the text"):
        while position < len(ids):
            raise_if_stopped(stop_event)
            context_start = max(0, position - overlap)
            head = prefix if context_start == 0 else []
            end = min(len(ids), context_start + window - len(head))
            sequence = head + ids[context_start:end]
            logits = loaded.model(input_ids=torch.tensor([sequence], device=loaded.input_device)).logits[0].float()
            log_probs = torch.log_softmax(logits, dim=-1)
            # Every scored token of the window at once: row at-1 predicts the token at position at.
            first = max(position, context_start + (1 - len(head)))  # a token with nothing before it is not scored
            rows = torch.arange(first - context_start + len(head) - 1, end - context_start + len(head) - 1)
            targets = torch.tensor(ids[first:end])
            values = log_probs[rows, targets].tolist()
            for index, value in zip(range(first, end), values):
                logprobs[index] = float(value)
            if top_k:
                top_values, top_ids = torch.topk(log_probs[rows], top_k, dim=-1)
                for index, row_values, row_ids in zip(range(first, end), top_values.tolist(), top_ids.tolist()):
                    tops[index] = tuple(
                        (_piece(tokenizer, pieces, c), round(v, 4)) for v, c in zip(row_values, row_ids)
                    )
            position = end
    tokens = tuple(
        ScoredToken(start, stop, text[start:stop], None if value is None else round(value, 4), top)
        for (start, stop), value, top in zip(offsets, logprobs, tops)
    )
    return TextScores(tokens)


def _piece(tokenizer, pieces: dict[int, str], token_id: int) -> str:
    if token_id not in pieces:
        pieces[token_id] = tokenizer.decode([token_id])
    return pieces[token_id]


def next_token_choices(loaded: LoadedModel, text: str, k: int, window: int = WINDOW_TOKENS) -> list[tuple[str, float]]:
    """The *k* likeliest tokens to follow *text* (read up to its last *window* tokens), with their probabilities."""
    tokenizer = loaded.tokenizer
    ids = tokenizer(text, add_special_tokens=False)["input_ids"][-max(1, min(window, loaded.context_length) - 1) :]
    if tokenizer.bos_token_id is not None and (not ids or len(ids) < window - 1):
        ids = [tokenizer.bos_token_id, *ids]
    if not ids:
        return []
    with threads(loaded.plan.threads), torch.inference_mode(), memory_errors(loaded, "reading the text"):
        logits = loaded.model(input_ids=torch.tensor([ids], device=loaded.input_device), logits_to_keep=1).logits
        probabilities = torch.softmax(logits[0, -1].float(), dim=-1)
        values, candidates = torch.topk(probabilities, min(k, probabilities.shape[-1]))
    return [(tokenizer.decode([int(c)]), float(v)) for v, c in zip(values, candidates)]
