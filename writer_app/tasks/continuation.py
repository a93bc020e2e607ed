"""Continue the writer's text at the cursor."""

from __future__ import annotations

import threading
from typing import Callable


from writer_app.core.prompts import continue_messages, continue_plain_prompt, last_sentence_start
from writer_app.engine.generation import count_tokens, fit_text_left, generate_alternatives, generate_stream
from writer_app.engine.loader import LoadedModel
from writer_app.engine.requests import GenerationSettings


# Long documents are cut at multiples of this many characters (about 250
# tokens), so the prompt's start stays put while the writer writes on.
PROMPT_ALIGN_CHARS = 1024


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
            # The reply starts with the text's last sentence, so the model writes on from it.
            split = last_sentence_start(body)
            head, opening = body[:split], body[split:].rstrip()
            if not opening:
                return tokenizer.apply_chat_template(continue_messages(body, notes), tokenize=False, add_generation_prompt=True)
            messages = continue_messages(head, notes) + [{"role": "assistant", "content": opening}]
            return tokenizer.apply_chat_template(messages, tokenize=False, continue_final_message=True)
    else:
        def render(body: str) -> str:
            return continue_plain_prompt(body, notes)
    overhead = count_tokens(tokenizer, render(""))
    fitted = fit_text_left(tokenizer, text, budget - overhead, align_chars=PROMPT_ALIGN_CHARS)
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
    assistant: LoadedModel | None = None,
) -> dict:
    use_chat = use_chat and not _starts_new_paragraph(text)
    ids, fitted = build_continue_ids(loaded, text, notes, settings, use_chat)
    outcome = generate_stream(loaded, ids, settings, stop_event, _join_cleanly(text, on_text), assistant=assistant)
    return {
        "text": outcome.text.lstrip() if text[-1:].isspace() else outcome.text,
        "new_tokens": outcome.new_tokens,
        "prompt_tokens": outcome.prompt_tokens,
        "reused_tokens": outcome.reused_tokens,
        "ttft_s": round(outcome.ttft_s, 4),
        "tokens_per_s": round(outcome.tokens_per_s, 2),
        "total_s": round(outcome.total_s, 3),
        "stopped": outcome.stopped,
        "used_chars": len(fitted.text),
        "trimmed_chars": fitted.trimmed_chars,
        "prompt_mode": "chat" if use_chat else "plain",
        "speculative": assistant is not None,
        "tokens_per_pass": outcome.tokens_per_pass,
    }


def _starts_new_paragraph(text: str) -> bool:
    # A chat reply cannot begin with a line break, so at the start of a new
    # paragraph the model continues the raw text instead.
    return text.endswith("\n") and bool(text.strip())


def _join_cleanly(text: str, on_text: Callable[[str], None]) -> Callable[[str], None]:
    """After text that ends in white space, drop the space the model starts its first word with."""
    if not text[-1:].isspace():
        return on_text
    started = False

    def emit(piece: str) -> None:
        nonlocal started
        if not started:
            piece = piece.lstrip()
            if not piece:
                return
            started = True
        on_text(piece)

    return emit


def continue_alternatives(
    loaded: LoadedModel,
    text: str,
    notes: str,
    settings: GenerationSettings,
    use_chat: bool,
    count: int,
    stop_event: threading.Event,
) -> dict:
    use_chat = use_chat and not _starts_new_paragraph(text)
    ids, fitted = build_continue_ids(loaded, text, notes, settings, use_chat)
    alternatives = generate_alternatives(loaded, ids, settings, count, stop_event)
    if text[-1:].isspace():
        for alternative in alternatives:
            alternative["text"] = alternative["text"].lstrip()
    return {
        "alternatives": alternatives,
        "stopped": stop_event.is_set(),
        "used_chars": len(fitted.text),
        "trimmed_chars": fitted.trimmed_chars,
        "prompt_tokens": int(ids.shape[1]),
    }
