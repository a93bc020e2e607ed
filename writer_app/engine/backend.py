"""What a writing task may ask of a model: the backend protocol.

A backend is one model, on this computer or on a server. Tasks never see
torch or transformers objects: they count and trim tokens, stream completions
from raw text or chat messages, score a text token by token, embed texts and
pick answer spans through this protocol, and read ``capabilities`` to know
which of those the model can do. A method the model cannot do raises
``Unsupported``.

``local_backend.LocalBackend`` implements it over a loaded transformers model.
No torch here: tasks and the GUI import this module.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable, Protocol, Sequence, runtime_checkable

from writer_app.core.errors import TaskFailed
from writer_app.core.requests import GenerationSettings

TextFn = Callable[[str], None]  # receives each finished piece of streamed text
FractionFn = Callable[[float], None]  # receives how much of a long job is done (0–1)


class Unsupported(TaskFailed):
    """The model cannot do what was asked (e.g. chat with a base model)."""

    def __init__(self, message: str):
        super().__init__(message, kind="unsupported")


@dataclass(frozen=True)
class Capabilities:
    raw_completion: bool = False  # continues raw text
    prefers_raw: bool = False  # continues prose best as raw text, even when it can chat (a server's completions)
    chat: bool = False  # follows chat messages
    logprobs: bool = False  # gives the log-probability of each token it writes
    scoring: bool = False  # scores a given text token by token
    top_k: bool = False  # with each scored token, the likeliest tokens in its place
    embeddings: bool = False
    text_to_text: bool = False  # an encoder-decoder that rewrites a text (a distilled summariser)
    extractive_qa: bool = False  # picks answer spans out of a passage
    context_length: int = 0  # tokens the prompt and the reply may take together


@dataclass(frozen=True)
class Prompt:
    """Raw text to continue, or chat messages to answer (or, with *continue_final*, whose last message to continue)."""

    text: str = ""
    messages: tuple[dict, ...] = ()
    continue_final: bool = False

    @classmethod
    def raw(cls, text: str) -> "Prompt":
        return cls(text=text)

    @classmethod
    def chat(cls, messages: Sequence[dict], continue_final: bool = False) -> "Prompt":
        return cls(messages=tuple(messages), continue_final=continue_final)

    @property
    def is_chat(self) -> bool:
        return bool(self.messages)

    def as_text(self) -> str:
        """The prompt for a person to read: the raw text, or each message under its role."""
        if not self.is_chat:
            return self.text
        parts = [f"[{message.get('role', '?')}]\n{message.get('content', '')}" for message in self.messages]
        if self.continue_final:
            parts[-1] += "…"  # the model writes on from the end of this message
        return "\n\n".join(parts)


@dataclass(frozen=True)
class FittedText:
    text: str
    trimmed_chars: int  # characters dropped from the left


@dataclass(frozen=True)
class TokenLogprob:
    text: str
    logprob: float


@dataclass(frozen=True)
class Completion:
    text: str
    new_tokens: int = 0
    prompt_tokens: int = 0
    reused_tokens: int = 0  # prompt tokens whose keys and values came from the last request
    ttft_s: float = 0.0
    tokens_per_s: float = 0.0
    total_s: float = 0.0
    stopped: bool = False
    tokens_per_pass: float = 1.0  # above 1 when a draft model's tokens were accepted
    speculative: bool = False  # a draft model helped
    logprobs: tuple[TokenLogprob, ...] = ()  # one per new token, when asked for

    @property
    def mean_logprob(self) -> float:
        values = [token.logprob for token in self.logprobs if token.logprob != float("-inf")]
        return sum(values) / len(values) if values else float("-inf")


@dataclass(frozen=True)
class ScoredToken:
    start: int  # character offsets into the scored text
    end: int
    text: str
    logprob: float | None  # None for the first token when nothing comes before it
    top: tuple[tuple[str, float], ...] = ()  # the likeliest tokens in its place, with their log-probabilities


@dataclass(frozen=True)
class TextScores:
    tokens: tuple[ScoredToken, ...]

    @property
    def mean_logprob(self) -> float:
        values = [token.logprob for token in self.tokens if token.logprob is not None]
        return sum(values) / len(values) if values else 0.0


@dataclass(frozen=True)
class AnswerSpan:
    start: int  # character offsets into the context
    end: int
    score: float  # p(start) × p(end)


@dataclass(frozen=True)
class RuntimeInfo:
    device: str = ""  # "cpu", "cuda", "mps", or a server's name
    quant: str = "none"  # the weights' precision on the CPU
    loglik_delta: float | None = None  # its quality guard (nats/token against fp32)
    decode_step: str = ""  # "compiled" or "eager": the engine's own decoding step (engine.decode_step)
    compiled_load_s: float | None = None


@runtime_checkable
class Backend(Protocol):
    model_id: str
    name: str
    capabilities: Capabilities
    runtime: RuntimeInfo

    def count_tokens(self, prompt: str | Prompt) -> int:
        """Tokens of a text (no special tokens), or of a whole rendered prompt."""

    def render(self, prompt: Prompt) -> str:
        """The prompt as the model reads it (its chat template applied, where this side applies it)."""

    def fit_left(self, text: str, max_tokens: int, align_chars: int = 0) -> FittedText:
        """The end of *text* within *max_tokens*, starting at a sentence (see generation.fit_text_left)."""

    def complete(
        self,
        prompt: Prompt,
        settings: GenerationSettings,
        stop: threading.Event,
        on_text: TextFn | None = None,
        *,
        logprobs: bool = False,
    ) -> Completion:
        """One reply, streamed to *on_text*; the prompt is cut from the left if it does not fit."""

    def complete_many(
        self, prompt: Prompt, settings: GenerationSettings, count: int, stop: threading.Event
    ) -> list[Completion]:
        """*count* sampled replies at once, each with its tokens' log-probabilities (not streamed)."""

    def score(
        self, text: str, *, top_k: int = 0, stop: threading.Event | None = None, score_from: int = 0
    ) -> TextScores:
        """The model's log-probability of each token of *text*, and the *top_k* likeliest tokens in its place.

        Tokens that end at or before the character *score_from* are context only and come back unscored.
        """

    def next_tokens(self, text: str, k: int) -> list[tuple[str, float]]:
        """The *k* likeliest tokens to follow *text*, with their probabilities (likeliest first)."""

    def embed(
        self, texts: Sequence[str], *, stop: threading.Event | None = None, on_progress: FractionFn | None = None
    ):
        """One unit-length vector per text: a float32 numpy array of shape (len(texts), dim)."""

    def extract_answer(self, question: str, context: str) -> AnswerSpan | None:
        """The span of *context* that best answers *question* (extractive QA models)."""
