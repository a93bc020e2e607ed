"""Streaming tokens out of ``generate`` and stopping it from another thread."""

from __future__ import annotations

import threading
import time
from typing import Callable

import torch
from transformers import LogitsProcessor, StoppingCriteria, TextStreamer

from writer_app.core.textfile import normalise_newlines


class CallbackStreamer(TextStreamer):
    """Hands finished pieces of text (cut at word boundaries by TextStreamer) to a callback.

    Also notes when the first generated token arrived, for time-to-first-token.
    """

    def __init__(self, tokenizer, on_text: Callable[[str], None]):
        super().__init__(tokenizer, skip_prompt=True, skip_special_tokens=True)
        self._on_text = on_text
        self.first_token_at: float | None = None
        self.pieces: list[str] = []

    def put(self, value) -> None:
        if not self.next_tokens_are_prompt and self.first_token_at is None:
            self.first_token_at = time.perf_counter()
        super().put(value)

    def on_finalized_text(self, text: str, stream_end: bool = False) -> None:
        # The editor holds "\n" line endings only; a model may emit "\r".
        text = normalise_newlines(text)
        if text:
            self.pieces.append(text)
            self._on_text(text)

    @property
    def text(self) -> str:
        return "".join(self.pieces)


class StopOnEvent(StoppingCriteria):
    """Ends generation at the next token once *event* is set (the Stop button)."""

    def __init__(self, event: threading.Event):
        self._event = event

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor, **kwargs) -> torch.BoolTensor:
        return torch.full((input_ids.shape[0],), self._event.is_set(), dtype=torch.bool, device=input_ids.device)


class ReplyNoRepeatNGram(LogitsProcessor):
    """Bans the token that would repeat an n-gram already in the generated part.

    transformers' ``no_repeat_ngram_size`` also counts the prompt, which keeps a
    summary from copying a name or phrase of the text it summarises.
    """

    def __init__(self, size: int, prompt_length: int):
        self.size = size
        self.prompt_length = prompt_length

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        n = self.size
        for row, ids in enumerate(input_ids[:, self.prompt_length :].tolist()):
            if len(ids) < n:
                continue
            prefix = ids[len(ids) - n + 1 :]
            banned = {ids[i + n - 1] for i in range(len(ids) - n + 1) if ids[i : i + n - 1] == prefix}
            if banned:
                scores[row, list(banned)] = float("-inf")
        return scores
