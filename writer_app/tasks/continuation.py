"""Continue the writer's text at the cursor."""

from __future__ import annotations

import threading
from typing import Callable


from writer_app.core.prompts import continue_messages, continue_plain_prompt
from writer_app.engine.generation import count_tokens, fit_text_left, generate_stream
from writer_app.engine.loader import LoadedModel
from writer_app.engine.requests import GenerationSettings


def prompt_budget(loaded: LoadedModel, settings: GenerationSettings) -> int:
    """Tokens the prompt may take: the model's window (capped on CPU) minus the answer."""
    window = loaded.context_length
    if loaded.plan.context_tokens_cap:
        window = min(window, loaded.plan.context_tokens_cap)
    return max(16, window - settings.max_new_tokens)


def build_continue_ids(loaded: LoadedModel, text: str, notes: str, settings: GenerationSettings, use_chat: bool):
    """Token ids for the prompt, and how many characters of *text* had to be left out."""
    tokenizer = loaded.tokenizer
    budget = prompt_budget(loaded, settings)
    if use_chat:
        def render(body: str) -> str:
            return tokenizer.apply_chat_template(continue_messages(body, notes), tokenize=False, add_generation_prompt=True)
    else:
        def render(body: str) -> str:
            return continue_plain_prompt(body, notes)
    overhead = count_tokens(tokenizer, render(""))
    fitted = fit_text_left(tokenizer, text, budget - overhead)
    prompt = render(fitted.text)
    # Chat templates already carry their special tokens; a base model gets its BOS.
    ids = tokenizer(prompt, add_special_tokens=not use_chat, return_tensors="pt")["input_ids"]
    if ids.shape[1] > budget:  # tokenisation across the joins can differ by a few tokens
        ids = ids[:, -budget:]
    return ids, fitted


def continue_text(
    loaded: LoadedModel,
    text: str,
    notes: str,
    settings: GenerationSettings,
    use_chat: bool,
    stop_event: threading.Event,
    on_text: Callable[[str], None],
) -> dict:
    ids, fitted = build_continue_ids(loaded, text, notes, settings, use_chat)
    outcome = generate_stream(loaded, ids, settings, stop_event, on_text)
    return {
        "text": outcome.text,
        "new_tokens": outcome.new_tokens,
        "prompt_tokens": outcome.prompt_tokens,
        "ttft_s": round(outcome.ttft_s, 4),
        "tokens_per_s": round(outcome.tokens_per_s, 2),
        "total_s": round(outcome.total_s, 3),
        "stopped": outcome.stopped,
        "used_chars": len(fitted.text),
        "trimmed_chars": fitted.trimmed_chars,
        "prompt_mode": "chat" if use_chat else "plain",
    }
