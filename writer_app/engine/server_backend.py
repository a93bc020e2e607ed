"""The backend protocol over a model on an OpenAI-compatible server (vLLM, llama.cpp, Ollama, LM Studio…).

Raw text goes to ``/v1/completions`` (no chat template: the writer's prose is
continued as it stands); a server without it gets the same text as a
pre-filled reply over ``/v1/chat/completions``. Replies stream; Stop closes
the stream at once, even while the server is silent. Rate limits and a
server still loading are retried with a growing wait, and said so. No torch.
"""

from __future__ import annotations

import contextlib
import math
import socket
import threading
import time
from dataclasses import dataclass, replace
from typing import Callable, Sequence

import numpy as np
import openai

from writer_app.core.errors import Stopped, TaskFailed
from writer_app.core.prompts import prompt_start
from writer_app.core.requests import GenerationSettings
from writer_app.core.servers import ServerConfig, server_model_id
from writer_app.engine.backend import (
    AnswerSpan,
    Capabilities,
    Completion,
    FittedText,
    Prompt,
    RuntimeInfo,
    ScoredToken,
    TextFn,
    TextScores,
    TokenLogprob,
    Unsupported,
)
from writer_app.engine.server_errors import server_failure

# Servers do not share their tokenizers in any one way, so prompts are
# measured in characters: 3 per token under-fills English (about 4 per token)
# rather than overflowing the server's context.
CHARS_PER_TOKEN = 3.0
MESSAGE_OVERHEAD_TOKENS = 8  # a chat template's markers around each message
RETRIES = 3  # after a rate limit or a server still loading its model
MAX_RETRY_WAIT_S = 20.0
EMBED_BATCH = 64
STOP_POLL_S = 0.05
# Sampling settings beyond the OpenAI API that vLLM, llama.cpp and Ollama
# accept; a server that rejects them gets the request again without them.
_EXTRA_SAMPLING = ("top_k", "min_p", "repetition_penalty", "repeat_penalty")
# Alternatives per token a server is asked for (vLLM's default ceiling; OpenAI's own allows 5).
MAX_SERVER_LOGPROBS = 20
_NO_LOGPROBS = (
    "{name} does not return {what}, which Surprise and Next word need. "
    "A llama.cpp or vLLM server does, over /v1/completions."
)
_CONTINUE_FINAL = {"continue_final_message": True, "add_generation_prompt": False}  # vLLM's names


@dataclass
class ServerFeatures:
    """What one server model turned out not to support, remembered for the session."""

    completions: bool = True
    extra_sampling: bool = True
    prompt_logprobs: bool = True  # echoes a prompt's tokens with their log-probabilities (Surprise)


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN)


class ServerBackend:
    """*model* on *server*, through an ``openai.OpenAI`` *client*.

    *on_notice* hears what the writer should know while waiting (a retry).
    """

    def __init__(
        self,
        server: ServerConfig,
        model: str,
        client: openai.OpenAI,
        context_tokens: int,
        features: ServerFeatures | None = None,
        on_notice: Callable[[str], None] = lambda _message: None,
    ):
        self.server = server
        self.model = model
        self.model_id = server_model_id(server.name, model)
        self.name = f"{model} on {server.name}"
        self.client = client
        self.features = features or ServerFeatures()
        self._notice = on_notice
        self.capabilities = Capabilities(
            raw_completion=True,
            prefers_raw=self.features.completions,
            chat=True,
            logprobs=True,
            scoring=True,  # where the server echoes prompt log-probabilities (found out on first use)
            top_k=True,
            embeddings=True,
            context_length=context_tokens,
        )
        self.runtime = RuntimeInfo(device=server.name, quant="server")

    # ------------------------------------------------------------------ tokens
    def render(self, prompt: Prompt) -> str:
        # The server applies its own chat template: what we send is the messages.
        return prompt.as_text()

    def count_tokens(self, prompt: str | Prompt) -> int:
        if isinstance(prompt, str):
            return estimate_tokens(prompt)
        if not prompt.is_chat:
            return estimate_tokens(prompt.text)
        return sum(estimate_tokens(m.get("content", "")) + MESSAGE_OVERHEAD_TOKENS for m in prompt.messages)

    def fit_left(self, text: str, max_tokens: int, align_chars: int = 0) -> FittedText:
        if max_tokens <= 0:
            return FittedText("", len(text))
        if estimate_tokens(text) <= max_tokens:
            return FittedText(text, 0)
        start = prompt_start(text, len(text) - int(max_tokens * CHARS_PER_TOKEN), align_chars)
        return FittedText(text[start:], start)

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
        def attempt(raw: bool, target) -> Completion:
            create = self._creator(raw, target, settings, stream=True, logprobs=logprobs)
            prompt_tokens = estimate_tokens(target) if raw else self.count_tokens(target)
            piece_of = _completion_piece if raw else _chat_piece
            return self._stream(create, piece_of, prompt_tokens, stop, on_text or (lambda _text: None), logprobs)

        return self._either_way(prompt, settings, attempt)

    def complete_many(
        self, prompt: Prompt, settings: GenerationSettings, count: int, stop: threading.Event
    ) -> list[Completion]:
        def attempt(raw: bool, target) -> list[Completion]:
            completions: list[Completion] = []
            # A server may return fewer choices than asked for (llama.cpp gives one): ask again for the rest.
            while len(completions) < count and not stop.is_set():
                wanted = count - len(completions)
                seeded = settings if settings.seed is None else replace(settings, seed=settings.seed + len(completions))
                started = time.perf_counter()
                response = self._call(self._creator(raw, target, seeded, n=wanted, logprobs=True), stop)
                if not response.choices:
                    raise TaskFailed(f"{self.server.name} returned no reply.", kind="server-error")
                elapsed = time.perf_counter() - started
                for choice in response.choices[:wanted]:
                    if raw:
                        reply, logprobs = choice.text or "", _completion_logprobs(choice.logprobs)
                    else:
                        reply, logprobs = choice.message.content or "", _chat_logprobs(choice.logprobs)
                    tokens = len(logprobs) or estimate_tokens(reply)
                    completions.append(Completion(text=reply, new_tokens=tokens, total_s=elapsed, logprobs=logprobs))
            if not completions:
                raise Stopped()
            return completions

        return self._either_way(prompt, settings, attempt)

    def _either_way(self, prompt: Prompt, settings: GenerationSettings, attempt):
        """``attempt(raw, text)`` over /v1/completions for raw text, else ``attempt(False, chat prompt)``."""
        if not prompt.is_chat:
            text = self._fitted(prompt.text, settings)
            if self.features.completions:
                try:
                    return attempt(True, text)
                except _NoCompletions:
                    self.features.completions = False  # raw text goes as a begun reply from now on
            prompt = _prefilled_chat(text)
        return attempt(False, prompt)

    def _creator(self, raw: bool, target, settings: GenerationSettings, *, logprobs: bool, **options):
        """``create(extra_sampling)`` for one request: *target* is raw text (*raw*) or a chat Prompt."""
        if raw:
            return lambda extra: self.client.completions.create(
                model=self.model,
                prompt=target,
                **({"logprobs": 1} if logprobs else {}),
                **options,
                **self._sampling(settings, extra),
            )
        return lambda extra: self.client.chat.completions.create(
            model=self.model,
            messages=list(target.messages),
            **({"logprobs": True} if logprobs else {}),
            **options,
            **self._sampling(settings, extra, continue_final=target.continue_final),
        )

    # ------------------------------------------------------------------ reading
    def score(
        self, text: str, *, top_k: int = 0, stop: threading.Event | None = None, score_from: int = 0
    ) -> TextScores:
        """The prompt's own tokens, echoed with their log-probabilities (/v1/completions with echo, as vLLM does)."""
        logprobs = self._read(text, echo=True, k=max(1, top_k), stop=stop or threading.Event())
        offsets = list(getattr(logprobs, "text_offset", None) or [])
        tokens, values = list(logprobs.tokens or []), list(logprobs.token_logprobs or [])
        if not offsets or len(offsets) != len(tokens) or len(values) != len(tokens) or offsets[0] != 0:
            self.features.prompt_logprobs = False
            raise Unsupported(_NO_LOGPROBS.format(name=self.name, what="the log-probabilities of a given text"))
        tops = list(getattr(logprobs, "top_logprobs", None) or [])
        scored = []
        for i, (token, value, start) in enumerate(zip(tokens, values, offsets)):
            if start >= len(text):
                break  # the reply's token, past the echoed text
            end = min(len(text), offsets[i + 1] if i + 1 < len(offsets) else start + len(token))
            top = (
                tuple(sorted(((t, float(v)) for t, v in (tops[i] or {}).items()), key=lambda tv: -tv[1]))[:top_k]
                if top_k and i < len(tops)
                else ()
            )
            logprob = None if value is None or end <= score_from or i == 0 else round(float(value), 4)
            scored.append(ScoredToken(start, end, text[start:end], logprob, top))
        return TextScores(tuple(scored))

    def next_tokens(self, text: str, k: int) -> list[tuple[str, float]]:
        logprobs = self._read(text, echo=False, k=k, stop=threading.Event())
        tops = getattr(logprobs, "top_logprobs", None) or []
        if not tops or not tops[0]:
            raise Unsupported(_NO_LOGPROBS.format(name=self.name, what="the likeliest next tokens"))
        ranked = sorted(((token, math.exp(float(value))) for token, value in tops[0].items()), key=lambda tp: -tp[1])
        return ranked[:k]

    def _read(self, text: str, *, echo: bool, k: int, stop: threading.Event):
        """One greedy token after *text* over /v1/completions with *k* alternatives a token; its ``logprobs``."""
        if not self.features.completions or (echo and not self.features.prompt_logprobs):
            raise Unsupported(_NO_LOGPROBS.format(name=self.name, what="log-probabilities of text"))
        try:
            response = self._call(
                lambda _extra: self.client.completions.create(
                    model=self.model,
                    prompt=text,
                    max_tokens=1,
                    temperature=0,
                    echo=echo,
                    logprobs=min(k, MAX_SERVER_LOGPROBS),
                ),
                stop,
            )
        except _NoCompletions as exc:
            self.features.completions = False
            raise Unsupported(_NO_LOGPROBS.format(name=self.name, what="log-probabilities of text")) from exc
        choice = response.choices[0] if response.choices else None
        logprobs = getattr(choice, "logprobs", None)
        if logprobs is None:
            if echo:
                self.features.prompt_logprobs = False
            raise Unsupported(_NO_LOGPROBS.format(name=self.name, what="log-probabilities"))
        return logprobs

    def embed(self, texts: Sequence[str], *, stop: threading.Event | None = None, on_progress=None):
        stop = stop or threading.Event()
        rows: list[np.ndarray] = []
        texts = list(texts)
        for first in range(0, len(texts), EMBED_BATCH):
            batch = texts[first : first + EMBED_BATCH]
            response = self._call(lambda _extra: self.client.embeddings.create(model=self.model, input=batch), stop)
            data = sorted(response.data, key=lambda item: item.index)
            if len(data) != len(batch):
                raise TaskFailed(
                    f"{self.server.name} returned {len(data)} embeddings for {len(batch)} texts.", kind="server-error"
                )
            vectors = np.asarray([item.embedding for item in data], dtype=np.float32)
            rows.append(vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12))
            if on_progress is not None:
                on_progress((first + len(batch)) / len(texts))
        return np.concatenate(rows) if rows else np.zeros((0, 0), dtype=np.float32)

    def extract_answer(self, question: str, context: str) -> AnswerSpan | None:
        raise Unsupported(f"{self.name} cannot pick answers out of a passage; it answers in its own words.")

    # ------------------------------------------------------------------ helpers
    def _fitted(self, text: str, settings: GenerationSettings) -> str:
        budget = max(16, self.capabilities.context_length - settings.max_new_tokens)
        return self.fit_left(text, budget).text

    def _sampling(self, settings: GenerationSettings, extra: bool, continue_final: bool = False) -> dict:
        params: dict = {"max_tokens": settings.max_new_tokens, "temperature": settings.temperature}
        if settings.temperature > 0 and settings.top_p < 1:
            params["top_p"] = settings.top_p
        if settings.seed is not None:
            params["seed"] = settings.seed
        body: dict = {}
        if extra:
            if settings.top_k:
                body["top_k"] = settings.top_k
            if settings.min_p:
                body["min_p"] = settings.min_p
            if settings.repetition_penalty != 1.0:
                body["repetition_penalty"] = body["repeat_penalty"] = settings.repetition_penalty
            if continue_final:
                body.update(_CONTINUE_FINAL)
        if body:
            params["extra_body"] = body
        return params

    def _call(self, create: Callable[[bool], object], stop: threading.Event):
        """``create(extra_sampling)``, retried while the server is busy; errors become TaskFailed."""
        for attempt in range(RETRIES + 1):
            if stop.is_set():
                raise Stopped()
            try:
                return create(self.features.extra_sampling)
            except openai.BadRequestError as exc:
                if self.features.extra_sampling and _mentions_extras(exc):
                    self.features.extra_sampling = False  # the standard sampling settings only, from now on
                    return self._call(create, stop)
                raise server_failure(exc, self.server.name, self.model) from exc
            except (openai.RateLimitError, openai.InternalServerError) as exc:
                busy = isinstance(exc, openai.RateLimitError) or exc.status_code == 503
                if not busy or attempt == RETRIES:
                    raise server_failure(exc, self.server.name, self.model) from exc
                wait = _retry_after(exc)
                wait = min(MAX_RETRY_WAIT_S, 2.0**attempt) if wait is None else wait
                reason = "is rate-limiting requests" if isinstance(exc, openai.RateLimitError) else "is busy"
                self._notice(f"{self.server.name} {reason}; trying again in {wait:.0f} s…")
                if stop.wait(wait):
                    raise Stopped() from exc
            except openai.NotFoundError as exc:
                if "completions" in str(getattr(exc.request, "url", "")) and self.features.completions:
                    if "chat" not in str(exc.request.url) and not _names_model(exc, self.model):
                        raise _NoCompletions() from exc
                raise server_failure(exc, self.server.name, self.model) from exc
            except openai.OpenAIError as exc:
                raise server_failure(exc, self.server.name, self.model) from exc
        raise AssertionError("unreachable")

    def _stream(self, create, piece_of, prompt_tokens: int, stop, on_text: TextFn, want_logprobs: bool) -> Completion:
        started = time.perf_counter()
        stream = self._call(create, stop)
        pieces: list[str] = []
        logprobs: list[TokenLogprob] = []
        first_s = 0.0
        chunks = 0
        finished = False  # every server ends a whole reply with a finish reason
        with _closed_on_stop(stream, stop):
            try:
                for chunk in stream:
                    if stop.is_set():
                        break
                    finished = finished or any(choice.finish_reason for choice in chunk.choices or ())
                    text, chunk_logprobs = piece_of(chunk)
                    logprobs.extend(chunk_logprobs)
                    if text:
                        chunks += 1
                        first_s = first_s or time.perf_counter() - started
                        pieces.append(text)
                        on_text(text)
            except Exception as exc:
                if not stop.is_set():  # a stream closed by Stop ends quietly
                    raise server_failure(exc, self.server.name, self.model) from exc
        if not finished and not stop.is_set():
            raise server_failure(_CutOff("the stream ended without a finish reason"), self.server.name, self.model)
        total_s = time.perf_counter() - started
        new_tokens = max(chunks, len(logprobs))
        decode_s = total_s - first_s
        return Completion(
            text="".join(pieces),
            new_tokens=new_tokens,
            prompt_tokens=prompt_tokens,
            ttft_s=round(first_s, 4),
            tokens_per_s=(new_tokens - 1) / decode_s if new_tokens > 1 and decode_s > 0 else 0.0,
            total_s=total_s,
            stopped=stop.is_set(),
            logprobs=tuple(logprobs) if want_logprobs else (),
        )


class _CutOff(Exception):
    """The connection closed before the reply was whole."""


class _NoCompletions(Exception):
    """The server has no /v1/completions (chat only)."""


@contextlib.contextmanager
def _closed_on_stop(stream, stop: threading.Event):
    """Close *stream* as soon as *stop* is set, even while a read waits on a silent server."""
    done = threading.Event()

    def watch() -> None:
        while not done.wait(STOP_POLL_S):
            if stop.is_set():
                # Closing the response does not wake a read blocked on the socket; shutting the socket does.
                with contextlib.suppress(Exception):
                    network = stream.response.extensions["network_stream"]
                    network.get_extra_info("socket").shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(Exception):
                    stream.close()
                return

    watcher = threading.Thread(target=watch, name="server-stream-stop", daemon=True)
    watcher.start()
    try:
        yield stream
    finally:
        done.set()
        with contextlib.suppress(Exception):
            stream.close()


def _prefilled_chat(text: str) -> Prompt:
    """Raw text for a chat-only server: the text as the reply already begun, to be continued."""
    return Prompt.chat(
        [{"role": "user", "content": "Continue the text."}, {"role": "assistant", "content": text}],
        continue_final=True,
    )


def _completion_piece(chunk) -> tuple[str, list[TokenLogprob]]:
    if not chunk.choices:
        return "", []
    choice = chunk.choices[0]
    return choice.text or "", _completion_logprobs(choice.logprobs)


def _chat_piece(chunk) -> tuple[str, list[TokenLogprob]]:
    if not chunk.choices:
        return "", []
    choice = chunk.choices[0]
    return (choice.delta.content if choice.delta else "") or "", _chat_logprobs(choice.logprobs)


def _completion_logprobs(logprobs) -> tuple[TokenLogprob, ...]:
    if logprobs is None or not logprobs.tokens or not logprobs.token_logprobs:
        return ()
    return tuple(
        TokenLogprob(token, float("-inf") if value is None else float(value))
        for token, value in zip(logprobs.tokens, logprobs.token_logprobs)
    )


def _chat_logprobs(logprobs) -> tuple[TokenLogprob, ...]:
    if logprobs is None or not getattr(logprobs, "content", None):
        return ()
    return tuple(TokenLogprob(item.token, float(item.logprob)) for item in logprobs.content)


def _mentions_extras(exc: BaseException) -> bool:
    message = str(exc).lower()
    return any(name in message for name in (*_EXTRA_SAMPLING, *_CONTINUE_FINAL))


def _names_model(exc: BaseException, model: str) -> bool:
    return model.lower() in str(exc).lower()


def _retry_after(exc) -> float | None:
    try:
        value = float(exc.response.headers.get("retry-after", ""))
    except (AttributeError, TypeError, ValueError):
        return None
    return min(MAX_RETRY_WAIT_S, max(0.0, value))
