"""What the GUI asks of the engine: plain dataclasses, no torch, no Qt."""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, field, fields

_request_ids = itertools.count(1)


def next_request_id() -> int:
    return next(_request_ids)


@dataclass(frozen=True)
class GenerationSettings:
    """Sampling settings; ``to_generate_kwargs`` gives GenerationConfig-compatible keys.

    The defaults sample gently and penalise repeats, which keeps small models
    out of the loops they fall into under plain greedy decoding.
    """

    max_new_tokens: int = 120
    temperature: float = 0.8
    top_k: int = 50
    top_p: float = 0.95
    min_p: float = 0.05
    repetition_penalty: float = 1.15
    no_repeat_ngram_size: int = 4
    # Like no_repeat_ngram_size, but over the new tokens only: the prompt's own
    # phrases (names above all) stay free to copy. For summaries and answers.
    reply_no_repeat_ngram_size: int = 0
    seed: int | None = None
    min_new_tokens: int = 0  # benchmarks use it to measure a fixed number of tokens

    def __post_init__(self) -> None:
        checks = (
            (1 <= self.max_new_tokens <= 8192, "max_new_tokens must be 1–8192"),
            (0 <= self.temperature <= 5, "temperature must be 0–5"),
            (self.top_k >= 0, "top_k must be ≥ 0"),
            (0 < self.top_p <= 1, "top_p must be in (0, 1]"),
            (0 <= self.min_p < 1, "min_p must be in [0, 1)"),
            (0.5 <= self.repetition_penalty <= 3, "repetition_penalty must be 0.5–3"),
            (self.no_repeat_ngram_size >= 0, "no_repeat_ngram_size must be ≥ 0"),
            (self.reply_no_repeat_ngram_size >= 0, "reply_no_repeat_ngram_size must be ≥ 0"),
            (0 <= self.min_new_tokens <= self.max_new_tokens, "min_new_tokens must be 0–max_new_tokens"),
        )
        for ok, message in checks:
            if not ok:
                raise ValueError(message)

    @classmethod
    def from_dict(cls, values: dict) -> "GenerationSettings":
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in values.items() if key in known})

    def to_dict(self) -> dict:
        return asdict(self)

    def to_generate_kwargs(self) -> dict:
        """Keyword arguments for ``GenerationConfig`` (temperature 0 means greedy)."""
        kwargs = {
            "max_new_tokens": self.max_new_tokens,
            "repetition_penalty": self.repetition_penalty,
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
        }
        if self.min_new_tokens:
            kwargs["min_new_tokens"] = self.min_new_tokens
        if self.temperature > 0:
            kwargs.update(
                do_sample=True,
                temperature=self.temperature,
                top_k=self.top_k,
                top_p=self.top_p,
                min_p=self.min_p or None,
            )
        else:
            kwargs["do_sample"] = False
        return kwargs


@dataclass(frozen=True, kw_only=True)
class EngineRequest:
    request_id: int = field(default_factory=next_request_id)


@dataclass(frozen=True, kw_only=True)
class ConfigureRequest(EngineRequest):
    """Change engine settings between requests (None leaves a setting as it is)."""

    device: str | None = None
    quantization: str | None = None
    accepted_terms: tuple[str, ...] | None = None


@dataclass(frozen=True, kw_only=True)
class LoadModelRequest(EngineRequest):
    """Load (and convert, the first time) a model so later requests start fast."""

    model_id: str


@dataclass(frozen=True, kw_only=True)
class ContinueRequest(EngineRequest):
    """Continue *text* (everything before the cursor) in the writer's voice."""

    model_id: str
    text: str
    notes: str = ""
    settings: GenerationSettings = field(default_factory=GenerationSettings)


@dataclass(frozen=True, kw_only=True)
class AlternativesRequest(EngineRequest):
    """Several sampled continuations at once, each scored by its mean log-probability per token."""

    model_id: str
    text: str
    notes: str = ""
    count: int = 3
    settings: GenerationSettings = field(default_factory=GenerationSettings)


@dataclass(frozen=True, kw_only=True)
class EmbedRequest(EngineRequest):
    model_id: str
    texts: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class IndexRequest(EngineRequest):
    """Split a manuscript into passages and embed the ones not cached yet (for Ask).

    A *background* index gives way to any other request: it stops at the next
    batch (keeping what it embedded) and ends as stopped with ``preempted``.
    """

    embed_model_id: str
    text: str
    background: bool = False


@dataclass(frozen=True, kw_only=True)
class AskRequest(EngineRequest):
    """Answer *question* from the manuscript's passages only, with citations."""

    model_id: str  # an instruct model, or an extractive "qa" model
    embed_model_id: str
    text: str
    question: str
    top_k: int = 4
    # Greedy with a light repetition penalty: stronger penalties also act on the
    # passages in the prompt and make small models mangle names.
    settings: GenerationSettings = field(
        default_factory=lambda: GenerationSettings(
            max_new_tokens=120, temperature=0, repetition_penalty=1.05, no_repeat_ngram_size=0, reply_no_repeat_ngram_size=4
        )
    )


@dataclass(frozen=True, kw_only=True)
class SummariseRequest(EngineRequest):
    """Summarise ``text[start:end]``: key sentences first, then (abstractive) a rewrite of only those."""

    model_id: str  # an instruct model or a seq2seq "summarise" model
    embed_model_id: str
    text: str
    start: int = 0
    end: int | None = None
    length: str = "medium"
    mode: str = "abstractive"
    settings: GenerationSettings | None = None  # None: the summariser's own faithful defaults
