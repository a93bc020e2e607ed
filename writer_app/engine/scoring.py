"""Scoring a text with a causal LM: each token's log-probability, and the likeliest tokens in its place.

The text is read in chunks of ``CHUNK_TOKENS`` into one growing KV cache, so
every token is scored with all the text before it as context, up to
``MAX_CONTEXT_TOKENS``; past that the reading slides: it starts a fresh cache
with the last ``SLIDE_CONTEXT_TOKENS`` tokens as context.

The cache of the last text read is kept with its token ids (a ``PromptCache``
per use): reading the same text again after an edit starts at the first token
that changed, and a paragraph is rescored without reading the chapter before
it again. Next-word choices keep their own, so the two lenses do not evict
each other.
"""

from __future__ import annotations

import contextlib
import threading

import torch

from writer_app.core.errors import raise_if_stopped
from writer_app.engine.backend import ScoredToken, TextScores
from writer_app.engine.generation import memory_errors, threads
from writer_app.engine.kv_cache import GrowingCache
from writer_app.engine.loader import LoadedModel
from writer_app.engine.prompt_cache import PromptCache
from writer_app.engine.quantization import bf16_reading_is_faster, widened_weights

# Tokens per forward pass: the logits of a chunk take chunk × vocabulary floats
# (512 × 49,152 × 4 bytes ≈ 100 MB for SmolLM2).
CHUNK_TOKENS = 512
# One cache holds at most this many tokens (a chapter of about 6,000 words; SmolLM2 keeps
# 46 KB a token, 380 MB); past it, attention costs more than the context is worth to a score.
MAX_CONTEXT_TOKENS = 8192
# Context a slid reading starts with: about 400 words.
SLIDE_CONTEXT_TOKENS = 512


def score_text(
    loaded: LoadedModel,
    text: str,
    top_k: int = 0,
    stop_event: threading.Event | None = None,
    score_from: int = 0,
    chunk: int = CHUNK_TOKENS,
    max_context: int = MAX_CONTEXT_TOKENS,
) -> TextScores:
    """Every token of *text*; those that end at or before the character *score_from* are context, left unscored."""
    tokenizer = loaded.tokenizer
    encoding = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    ids, offsets = encoding["input_ids"], encoding["offset_mapping"]
    if not ids:
        return TextScores(())
    # A beginning-of-text token lets the first token be scored too.
    head = [tokenizer.bos_token_id] if tokenizer.bos_token_id is not None else []
    sequence = torch.tensor(head + ids)
    total = len(sequence)
    # The first position scored: the first token that does not end before score_from (never the very first).
    first = len(head) + next((i for i, (_s, e) in enumerate(offsets) if e > score_from), len(ids))
    first = max(first, 1)
    # Within the model's window: a chunk is at most half of it, and a slid reading keeps a quarter.
    max_context = max(2, min(max_context, loaded.context_length))
    chunk = max(1, min(chunk, max_context // 2))
    slide_context = min(SLIDE_CONTEXT_TOKENS, max_context // 4)

    reading = _cache(loaded, "reading")
    cache, position = reading.take(sequence[: max(1, first)].unsqueeze(0))
    logprobs: list[float | None] = [None] * total
    tops: list[tuple] = [()] * total
    pieces: dict[int, str] = {}  # token id → its text, decoded once
    slid, kept = False, None
    with (
        threads(loaded.plan.threads),
        torch.inference_mode(),
        memory_errors(loaded, "reading the text"),
        _fast_reading(loaded, chunks=-(-(total - position) // chunk)),
    ):
        while position < total:
            raise_if_stopped(stop_event)
            fed_from = position
            if position and int(cache.get_seq_length()) + chunk > max_context:
                if not slid:
                    kept, slid = cache, True  # it holds the text from its start: kept for the next reading
                cache = GrowingCache()
                fed_from = max(0, position - slide_context)
            end = min(total, position + chunk)
            # Logits are needed from the position before the first scored one, and never for a slid
            # reading's context (0 would mean all of them).
            keep = max(1, end - max(position, first - 1))
            logits = loaded.model(
                input_ids=sequence[fed_from:end].unsqueeze(0).to(loaded.input_device),
                cache=cache,
                use_cache=True,
                logits_to_keep=keep,
            ).logits[0]
            # Row r predicts the token at (end - keep) + r + 1; keep those at or past `first`.
            predicted = range(end - keep + 1, end + 1)
            rows = [r for r, at in enumerate(predicted) if first <= at < total]
            if rows:
                scored = range(end - keep + 1 + rows[0], end - keep + 2 + rows[-1])  # rows are contiguous
                log_probs = torch.log_softmax(logits[rows[0] : rows[-1] + 1].float(), dim=-1)
                targets = sequence[scored.start : scored.stop, None].to(log_probs.device)
                values = log_probs.gather(1, targets).squeeze(1).tolist()
                for at, value in zip(scored, values):
                    logprobs[at] = float(value)
                if top_k:
                    top_values, top_ids = torch.topk(log_probs, top_k, dim=-1)
                    for at, row_values, row_ids in zip(scored, top_values.tolist(), top_ids.tolist()):
                        tops[at] = tuple(
                            (_piece(tokenizer, pieces, c), round(v, 4)) for v, c in zip(row_values, row_ids)
                        )
            position = end
    if loaded.reuse_prompts:
        reading.keep(kept if slid else cache, sequence)
    tokens = tuple(
        ScoredToken(start, stop, text[start:stop], None if value is None else round(value, 4), top)
        for (start, stop), value, top in zip(offsets, logprobs[len(head) :], tops[len(head) :])
    )
    return TextScores(tokens)


def _fast_reading(loaded: LoadedModel, chunks: int):
    """Quantised weights read in bf16 where the CPU has bf16 matrix units (quantization.widened_weights).

    Only for a model already quantised: the fp32 model stays exact. Activations run in bf16
    too (autocast), which moves a token's log-probability by about 0.03 nats (bench/surprise_bench.py).
    """
    quantised = loaded.quant is not None and loaded.quant.scheme != "none" and loaded.plan.device == "cpu"
    if not quantised or not bf16_reading_is_faster():
        return contextlib.nullcontext()
    stack = contextlib.ExitStack()
    if chunks > 1:  # widening once for all chunks pays off from the second one on
        stack.enter_context(widened_weights(loaded.model))
    stack.enter_context(torch.autocast("cpu", dtype=torch.bfloat16))
    return stack


def _piece(tokenizer, pieces: dict[int, str], token_id: int) -> str:
    if token_id not in pieces:
        pieces[token_id] = tokenizer.decode([token_id])
    return pieces[token_id]


def next_token_choices(loaded: LoadedModel, text: str, k: int) -> list[tuple[str, float]]:
    """The *k* likeliest tokens to follow *text* (read up to its last ``MAX_CONTEXT_TOKENS``), with probabilities.

    The text read last is kept: choosing a word and asking again reads only the new tokens.
    """
    tokenizer = loaded.tokenizer
    limit = max(2, min(MAX_CONTEXT_TOKENS, loaded.context_length))
    ids = tokenizer(text, add_special_tokens=False)["input_ids"][-(limit - 1) :]
    if tokenizer.bos_token_id is not None:
        ids = [tokenizer.bos_token_id, *ids]
    if not ids:
        return []
    sequence = torch.tensor(ids)
    choosing = _cache(loaded, "next word")
    cache, read = choosing.take(sequence.unsqueeze(0))
    with (
        threads(loaded.plan.threads),
        torch.inference_mode(),
        memory_errors(loaded, "reading the text"),
        _fast_reading(loaded, chunks=-(-(len(ids) - read) // CHUNK_TOKENS)),
    ):
        logits = None
        for start in range(read, len(ids), CHUNK_TOKENS):
            logits = loaded.model(
                input_ids=sequence[start : start + CHUNK_TOKENS].unsqueeze(0).to(loaded.input_device),
                cache=cache,
                use_cache=True,
                logits_to_keep=1,
            ).logits
        probabilities = torch.softmax(logits[0, -1].float(), dim=-1)
        values, candidates = torch.topk(probabilities, min(k, probabilities.shape[-1]))
    if loaded.reuse_prompts:
        choosing.keep(cache, sequence)
    return [(tokenizer.decode([int(c)]), float(v)) for v, c in zip(values, candidates)]


def _cache(loaded: LoadedModel, use: str) -> PromptCache:
    """The kept cache of *use* ("reading" or "next word") for this model."""
    caches = loaded.reading_caches
    if use not in caches:
        caches[use] = PromptCache(lambda _tokens: GrowingCache())
    return caches[use]
