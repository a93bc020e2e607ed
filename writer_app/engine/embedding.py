"""Sentence embeddings: mean-pooled, L2-normalised encoder outputs (as sentence-transformers does)."""

from __future__ import annotations

import threading

import torch
import torch.nn.functional as F

from writer_app.core.errors import raise_if_stopped
from writer_app.engine.loader import LoadedModel


def embed_texts(
    loaded: LoadedModel,
    texts: list[str],
    batch_size: int = 32,
    stop_event: threading.Event | None = None,
    on_progress=None,
) -> torch.Tensor:
    """One unit-length vector per text, as a (len(texts), hidden) float32 CPU tensor."""
    tokenizer, model = loaded.tokenizer, loaded.model
    max_length = min(loaded.context_length, getattr(tokenizer, "model_max_length", 512) or 512, 512)
    vectors = []
    with torch.inference_mode():
        for start in range(0, len(texts), batch_size):
            raise_if_stopped(stop_event)
            batch = tokenizer(
                texts[start : start + batch_size],
                padding=True,
                truncation=True,
                max_length=max_length,
                return_tensors="pt",
            ).to(loaded.input_device)
            hidden = model(**batch).last_hidden_state
            mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
            vectors.append(F.normalize(pooled.float(), p=2, dim=1).cpu())
            if on_progress is not None:
                on_progress(min(len(texts), start + batch_size) / max(1, len(texts)))
    if not vectors:
        return torch.zeros((0, model.config.hidden_size))
    return torch.cat(vectors)
