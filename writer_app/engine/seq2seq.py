"""Summaries from an encoder-decoder (BART-style ``AutoModelForSeq2SeqLM``) model."""

from __future__ import annotations

import threading

import torch
from transformers import StoppingCriteriaList

from writer_app.engine.streaming import StopOnEvent

_FALLBACK_MAX_POSITIONS = 1024


def encoder_max_tokens(model, tokenizer) -> int:
    """How many tokens the encoder reads: its position limit, or the tokenizer's if smaller."""
    config = model.config
    limit = getattr(config, "max_position_embeddings", None) or getattr(config, "n_positions", None)
    limit = limit or _FALLBACK_MAX_POSITIONS
    tokenizer_limit = getattr(tokenizer, "model_max_length", None)
    if isinstance(tokenizer_limit, int) and 0 < tokenizer_limit < limit:
        limit = tokenizer_limit
    return int(limit)


def seq2seq_generate(model, tokenizer, text: str, max_new_tokens: int, stop_event: threading.Event) -> str:
    """Summarise *text* (cut to the encoder's window) in at most *max_new_tokens* tokens.

    Decoding follows the model's own generation config (beams, n-gram blocking);
    its minimum length is capped at half of *max_new_tokens*. Setting
    *stop_event* ends decoding at the next step; the text so far is returned.
    """
    if max_new_tokens < 1:
        raise ValueError("max_new_tokens must be at least 1")
    inputs = tokenizer(text, truncation=True, max_length=encoder_max_tokens(model, tokenizer), return_tensors="pt")
    device = next(model.parameters()).device
    inputs = {name: tensor.to(device) for name, tensor in inputs.items()}
    min_length = min(getattr(model.generation_config, "min_length", 0) or 0, max_new_tokens // 2)
    with torch.inference_mode():
        output = model.generate(
            **inputs,
            max_new_tokens=max_new_tokens,
            min_length=min_length,
            stopping_criteria=StoppingCriteriaList([StopOnEvent(stop_event)]),
        )
    return tokenizer.decode(output[0], skip_special_tokens=True).strip()
