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


class NoRepeatNGram(LogitsProcessor):
    """Bans each token that would repeat an n-gram already in the sequence from *start* on.

    With *start* 0 this is transformers' ``no_repeat_ngram_size``, which
    rebuilds the n-grams of the whole sequence in Python at every step (1.7 %
    of SmolLM2's decoding after a 1,000-token prompt); here each step only
    adds the n-grams that end in the tokens new since the last. With *start*
    the prompt's length it looks at the reply only: a summary may then copy
    a name or phrase of the text it summarises.
    """

    def __init__(self, size: int, start: int = 0):
        self.size = size
        self.start = start
        self._followers: list[dict[tuple[int, ...], set[int]]] = []  # per row: n-1 tokens → tokens seen next
        self._indexed = torch.empty(0, 0, dtype=torch.long)  # the tokens whose n-grams are in _followers

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        n, length = self.size, input_ids.shape[1]
        indexed = self._indexed.shape[1]
        # Another sequence than the one indexed so far (assisted generation takes back rejected drafts).
        if self._indexed.shape[0] != input_ids.shape[0] or not torch.equal(input_ids[:, :indexed], self._indexed):
            self._followers = [{} for _ in range(input_ids.shape[0])]
            indexed = 0
        # New: the n-grams ending at positions indexed.. (none starting before start), read from `first` on.
        new_ends = max(indexed, self.start + n - 1)
        first = new_ends - n + 1
        for row, ids in enumerate(input_ids[:, first:].tolist()):
            followers = self._followers[row]
            for end in range(new_ends - first, len(ids)):
                followers.setdefault(tuple(ids[end - n + 1 : end]), set()).add(ids[end])
            if length - self.start >= n - 1:  # the last n - 1 tokens start an n-gram that may not repeat
                banned = followers.get(tuple(ids[len(ids) - n + 1 :]))
                if banned:
                    scores[row, list(banned)] = float("-inf")
        self._indexed = input_ids.clone()
        return scores
