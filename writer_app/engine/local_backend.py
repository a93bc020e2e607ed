"""The backend protocol over a model loaded on this computer (transformers + torch).

Every fast path of the engine sits behind these methods: quantised weights,
the reused KV cache of the last prompt, the growing cache, the draft model.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Callable, Sequence

from writer_app.core.errors import TaskFailed
from writer_app.core.requests import GenerationSettings
from writer_app.engine.backend import (
    AnswerSpan,
    Capabilities,
    Completion,
    FittedText,
    Prompt,
    RuntimeInfo,
    TextFn,
    TextScores,
    Unsupported,
)
from writer_app.engine.loader import LoadedModel, OutOfMemory, is_out_of_memory


class LocalBackend:
    """One loaded model; *assistant* is a draft model of the same tokenizer (speculative decoding).

    *on_out_of_memory* is called when the model ran out of memory while
    working, so that its owner can unload it before the failure is reported.
    """

    def __init__(
        self,
        name: str,
        loaded: LoadedModel,
        instruct: bool = False,
        assistant: LoadedModel | None = None,
        on_out_of_memory: Callable[[], None] = lambda: None,
    ):
        self.model_id = loaded.model_id
        self.name = name
        self.loaded = loaded
        self.assistant = assistant
        self._on_out_of_memory = on_out_of_memory
        self.capabilities = _capabilities(loaded, instruct)
        quant = loaded.quant
        step = getattr(loaded.model, "decode_step", None)
        self.runtime = RuntimeInfo(
            device=loaded.plan.device,
            quant=quant.scheme if quant else "none",
            loglik_delta=quant.loglik_delta if quant else None,
            decode_step="" if step is None else "compiled" if step.compiled else "eager",
            compiled_load_s=None if step is None or step.compiled_load_s is None else round(step.compiled_load_s, 3),
        )

    # ------------------------------------------------------------------ tokens
    def count_tokens(self, prompt: str | Prompt) -> int:
        from writer_app.engine.generation import count_tokens

        text = prompt if isinstance(prompt, str) else self._render(prompt)
        return count_tokens(self.loaded.tokenizer, text)

    def fit_left(self, text: str, max_tokens: int, align_chars: int = 0) -> FittedText:
        from writer_app.engine.generation import fit_text_left

        return fit_text_left(self.loaded.tokenizer, text, max_tokens, align_chars=align_chars)

    # ------------------------------------------------------------------ writing
    def complete(
        self,
        prompt: Prompt,
        settings: GenerationSettings,
        stop: threading.Event,
        on_text: TextFn | None = None,
        *,
        logprobs: bool = False,
    ) -> Completion:
        caps = self.capabilities
        if caps.text_to_text:
            return self._rewrite(prompt, settings, stop, on_text)
        self._check_prompt(prompt)
        from writer_app.engine.generation import generate_stream

        ids = self._encode(prompt, settings)
        with self._out_of_memory():
            return generate_stream(
                self.loaded,
                ids,
                settings,
                stop,
                on_text or (lambda _text: None),
                assistant=self.assistant,
                logprobs=logprobs,
            )

    def complete_many(
        self, prompt: Prompt, settings: GenerationSettings, count: int, stop: threading.Event
    ) -> list[Completion]:
        self._check_prompt(prompt)
        from writer_app.engine.generation import generate_alternatives

        ids = self._encode(prompt, settings)
        with self._out_of_memory():
            return generate_alternatives(self.loaded, ids, settings, count, stop)

    def _rewrite(
        self, prompt: Prompt, settings: GenerationSettings, stop: threading.Event, on_text: TextFn | None
    ) -> Completion:
        """An encoder-decoder model rewrites the prompt's text (it takes no instructions)."""
        self._require(not prompt.is_chat, "follow chat messages")
        from writer_app.engine.seq2seq import seq2seq_generate

        with self._out_of_memory():
            summary = seq2seq_generate(
                self.loaded.model, self.loaded.tokenizer, prompt.text, settings.max_new_tokens, stop
            )
        if on_text is not None and summary:
            on_text(summary)
        return Completion(text=summary, stopped=stop.is_set())

    # ------------------------------------------------------------------ reading
    def score(
        self, text: str, *, top_k: int = 0, stop: threading.Event | None = None, score_from: int = 0
    ) -> TextScores:
        self._require(self.capabilities.scoring, "score text")
        from writer_app.engine.scoring import score_text

        with self._out_of_memory():
            return score_text(self.loaded, text, top_k=top_k, stop_event=stop, score_from=score_from)

    def next_tokens(self, text: str, k: int) -> list[tuple[str, float]]:
        self._require(self.capabilities.top_k, "say which words come next")
        from writer_app.engine.scoring import next_token_choices

        with self._out_of_memory():
            return next_token_choices(self.loaded, text, k)

    def embed(self, texts: Sequence[str], *, stop: threading.Event | None = None, on_progress=None):
        self._require(self.capabilities.embeddings, "embed text")
        from writer_app.engine.embedding import embed_texts

        with self._out_of_memory():
            return embed_texts(self.loaded, list(texts), stop_event=stop, on_progress=on_progress).numpy()

    def extract_answer(self, question: str, context: str) -> AnswerSpan | None:
        self._require(self.capabilities.extractive_qa, "pick answers out of a passage")
        from writer_app.engine.extractive_qa import best_span

        with self._out_of_memory():
            return best_span(self.loaded.model, self.loaded.tokenizer, question, context)

    # ------------------------------------------------------------------ helpers
    def _require(self, able: bool, what: str) -> None:
        if not able:
            raise Unsupported(f"{self.name} cannot {what}.")

    def _check_prompt(self, prompt: Prompt) -> None:
        if prompt.is_chat and not self.capabilities.chat:
            raise Unsupported(f"{self.name} is not an instruct model; choose one that can follow instructions.")
        self._require(prompt.is_chat or self.capabilities.raw_completion, "continue text")

    def render(self, prompt: Prompt) -> str:
        return self._render(prompt)

    def _render(self, prompt: Prompt) -> str:
        if not prompt.is_chat:
            return prompt.text
        self._check_prompt(prompt)
        return self.loaded.tokenizer.apply_chat_template(
            list(prompt.messages),
            tokenize=False,
            add_generation_prompt=not prompt.continue_final,
            continue_final_message=prompt.continue_final,
        )

    def _encode(self, prompt: Prompt, settings: GenerationSettings):
        """Token ids of the prompt, cut from the left to leave room for the reply."""
        # Chat templates carry their own special tokens; raw text gets the model's BOS.
        ids = self.loaded.tokenizer(self._render(prompt), add_special_tokens=not prompt.is_chat, return_tensors="pt")[
            "input_ids"
        ]
        budget = max(16, self.capabilities.context_length - settings.max_new_tokens)
        return ids[:, -budget:] if ids.shape[1] > budget else ids

    @contextlib.contextmanager
    def _out_of_memory(self):
        """Out of memory becomes a TaskFailed the GUI knows, after the owner unloaded the model."""
        try:
            yield
        except Exception as exc:
            if not (isinstance(exc, OutOfMemory) or is_out_of_memory(exc)):
                raise
            self._on_out_of_memory()
            message = (
                str(exc)
                if isinstance(exc, OutOfMemory)
                else (
                    f"The {self.loaded.plan.label} ran out of memory. "
                    "Try a shorter passage, the CPU, or a smaller model."
                )
            )
            raise TaskFailed(message, kind="out-of-memory") from exc


def _capabilities(loaded: LoadedModel, instruct: bool) -> Capabilities:
    window = loaded.context_length
    if loaded.plan.context_tokens_cap:
        window = min(window, loaded.plan.context_tokens_cap)
    if loaded.kind == "causal":
        return Capabilities(
            raw_completion=True,
            chat=instruct and loaded.has_chat_template,
            logprobs=True,
            scoring=True,
            top_k=True,
            context_length=window,
        )
    if loaded.kind == "encoder":
        return Capabilities(embeddings=True, context_length=window)
    if loaded.kind == "seq2seq":
        return Capabilities(text_to_text=True, context_length=window)
    if loaded.kind == "qa":
        return Capabilities(extractive_qa=True, context_length=window)
    return Capabilities(context_length=window)
