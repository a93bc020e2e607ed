"""Sentence embeddings: mean-pooled, L2-normalised encoder outputs (as sentence-transformers does)."""

from __future__ import annotations

import threading

import torch
import torch.nn.functional as F

from writer_app.core.errors import raise_if_stopped
from writer_app.engine.loader import LoadedModel

# Tokens in one batch (texts × the longest one): bounds the attention's memory, which grows with
# batch × length², for long passages, while short sentences still go many at a time.
TOKEN_BUDGET = 8192


def embed_texts(
    loaded: LoadedModel,
    texts: list[str],
    batch_size: int = 32,
    stop_event: threading.Event | None = None,
    on_progress=None,
    token_budget: int = TOKEN_BUDGET,
) -> torch.Tensor:
    """One unit-length vector per text, as a (len(texts), hidden) float32 CPU tensor.

    Texts of similar length should come together (sorted): a batch is padded to its longest text.
    """
    tokenizer, model = loaded.tokenizer, loaded.model
    max_length = min(loaded.context_length, getattr(tokenizer, "model_max_length", 512) or 512, 512)
    lengths = [len(ids) for ids in tokenizer(list(texts), truncation=True, max_length=max_length)["input_ids"]]
    vectors = []
    with torch.inference_mode():
        for start, end in token_batches(lengths, batch_size, token_budget):
            raise_if_stopped(stop_event)
            batch = tokenizer(
                texts[start:end],
                padding=True,
                truncation=True,
                max_length=max_length,
                return_tensors="pt",
            ).to(loaded.input_device)
            # Pooled in float32 whatever the model's dtype: a bf16 sum over hundreds of tokens loses digits.
            hidden = model(**batch).last_hidden_state.float()
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            vectors.append(F.normalize(pooled, p=2, dim=1).cpu())
            if on_progress is not None:
                on_progress(end / max(1, len(texts)))
    if not vectors:
        return torch.zeros((0, model.config.hidden_size))
    return torch.cat(vectors)


def token_batches(lengths: list[int], batch_size: int, token_budget: int) -> list[tuple[int, int]]:
    """(start, end) runs of texts in order: at most *batch_size* texts, and at most *token_budget* tokens padded."""
    batches, start, longest = [], 0, 0
    for index, length in enumerate(lengths):
        longest_with = max(longest, length)
        if index > start and (index - start >= batch_size or (index - start + 1) * longest_with > token_budget):
            batches.append((start, index))
            start, longest_with = index, length
        longest = longest_with
    if start < len(lengths):
        batches.append((start, len(lengths)))
    return batches
