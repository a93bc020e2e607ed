"""What a caller may ask of the inference service: plain dataclasses, no torch, no Qt.

Each request type has one task that runs it (``writer_app/tasks/registry.py``)
and one typed result (``writer_app/core/results.py``).
"""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, field, fields

from writer_app.core.codex import DEFAULT_BUDGET_TOKENS, CodexSnippet
from writer_app.core.servers import ServerConfig

_request_ids = itertools.count(1)


def next_request_id() -> int:
    return next(_request_ids)


@dataclass(frozen=True)
class GenerationSettings:
    """Sampling settings for one reply (temperature 0 means greedy).

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


# Answers: greedy with a light repetition penalty. Stronger penalties also act
# on the passages in the prompt and make small models mangle names. A small
# model states its answer first; the rest rambles and costs seconds.
ASK_SETTINGS = GenerationSettings(
    max_new_tokens=60, temperature=0, repetition_penalty=1.05, no_repeat_ngram_size=0, reply_no_repeat_ngram_size=4
)
# Summaries: greedy, with no n-gram blocking and a light repetition penalty:
# both penalties also act on the prompt, so the usual continuation settings
# (1.15, 4-grams) make a small model misspell the names it should copy
# ("Bingle", "Bingly"). Greedy decoding loops, though ("She is rejected by
# both, … She is rejected by both, …"): 4-grams may not repeat within the
# summary itself. Each call sets its own max_new_tokens from the length chosen.
SUMMARY_SETTINGS = GenerationSettings(
    temperature=0.0, repetition_penalty=1.05, no_repeat_ngram_size=0, reply_no_repeat_ngram_size=4
)


@dataclass(frozen=True, kw_only=True)
class InferenceRequest:
    request_id: int = field(default_factory=next_request_id)
    # A background request gives way to every other one: it is stopped (keeping
    # what it did) as soon as another request is submitted, and ends "preempted".
    background: bool = False


@dataclass(frozen=True, kw_only=True)
class ConfigureRequest(InferenceRequest):
    """Change engine settings between requests (None leaves a setting as it is)."""

    device: str | None = None
    quantization: str | None = None
    accepted_terms: tuple[str, ...] | None = None
    servers: tuple[ServerConfig, ...] | None = None  # with their API keys, in memory only


@dataclass(frozen=True, kw_only=True)
class LoadModelRequest(InferenceRequest):
    """Load (and convert, the first time) a model so later requests start fast."""

    model_id: str


@dataclass(frozen=True, kw_only=True)
class ContinueRequest(InferenceRequest):
    """Continue *text* (everything before the cursor) in the writer's voice."""

    model_id: str
    text: str
    notes: str = ""
    codex: tuple[CodexSnippet, ...] = ()  # entries that matter here, most important first (core.codex)
    codex_budget: int = DEFAULT_BUDGET_TOKENS
    settings: GenerationSettings = field(default_factory=GenerationSettings)


@dataclass(frozen=True, kw_only=True)
class AlternativesRequest(InferenceRequest):
    """Several sampled continuations at once, each scored by its mean log-probability per token."""

    model_id: str
    text: str
    notes: str = ""
    codex: tuple[CodexSnippet, ...] = ()
    codex_budget: int = DEFAULT_BUDGET_TOKENS
    count: int = 3
    settings: GenerationSettings = field(default_factory=GenerationSettings)
    # Branches: one alternative begins with each of these (the text to type after ``text``, e.g. the
    # likeliest next words); count is then their number and each is short (BRANCH_TOKENS).
    starts: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class EmbedRequest(InferenceRequest):
    model_id: str
    texts: tuple[str, ...]


# Rewrites: sampled gently, so that alternatives differ, and held near the passage.
# max_new_tokens is a ceiling: each request allows what its mode may need (core.rewrite.max_new_tokens).
REWRITE_SETTINGS = GenerationSettings(
    max_new_tokens=1024,
    temperature=0.7,
    top_k=40,
    top_p=0.9,
    repetition_penalty=1.05,
    no_repeat_ngram_size=0,
    reply_no_repeat_ngram_size=4,
)


@dataclass(frozen=True, kw_only=True)
class RewriteRequest(InferenceRequest):
    """Rewrite ``text[start:end]`` in *mode* (core.rewrite.MODES): *count* alternatives, each checked."""

    model_id: str
    embed_model_id: str
    text: str
    start: int
    end: int
    mode: str = "rephrase"
    detail: str = ""  # the sense (describe), the tone (tone) or the writer's instruction (custom)
    notes: str = ""
    codex: tuple[CodexSnippet, ...] = ()
    codex_budget: int = DEFAULT_BUDGET_TOKENS
    count: int = 3
    settings: GenerationSettings = REWRITE_SETTINGS


@dataclass(frozen=True, kw_only=True)
class SurpriseRequest(InferenceRequest):
    """How surprising each word of ``text[start:end]`` is to the writing model (core.surprise)."""

    model_id: str
    text: str
    start: int = 0
    end: int | None = None  # the end of the text
    # Where the text read as context begins (None: about 500 tokens before start). Rescoring one
    # paragraph passes its chapter's, so the model's kept cache covers all the text before it.
    context_start: int | None = None


@dataclass(frozen=True, kw_only=True)
class NextWordRequest(InferenceRequest):
    """The words the writing model expects at ``text[:at]``."""

    model_id: str
    text: str
    at: int
    k: int = 20
    notes: str = ""  # story notes and Codex snippets open what the model reads, as for Continue
    codex: tuple[CodexSnippet, ...] = ()
    codex_budget: int = DEFAULT_BUDGET_TOKENS


@dataclass(frozen=True, kw_only=True)
class CodexRequest(InferenceRequest):
    """Suggest Codex entries from the whole manuscript (model-free: names, kinds, aliases, descriptions)."""

    text: str
    limit: int = 60


@dataclass(frozen=True, kw_only=True)
class IndexRequest(InferenceRequest):
    """Split a manuscript into passages and embed the ones not cached yet (for Ask).

    A *background* index gives way to any other request: it stops at the next
    batch (keeping what it embedded) and ends as stopped with ``preempted``.
    """

    embed_model_id: str
    text: str


@dataclass(frozen=True, kw_only=True)
class AskRequest(InferenceRequest):
    """Answer *question* from the manuscript's passages only, with citations."""

    model_id: str  # an instruct model, or an extractive "qa" model
    embed_model_id: str
    text: str
    question: str
    top_k: int = 4
    settings: GenerationSettings = ASK_SETTINGS


@dataclass(frozen=True, kw_only=True)
class SummariseRequest(InferenceRequest):
    """Summarise ``text[start:end]``: key sentences first, then (abstractive) a rewrite of only those."""

    model_id: str  # an instruct model or a seq2seq "summarise" model
    embed_model_id: str
    text: str
    start: int = 0
    end: int | None = None
    length: str = "medium"
    mode: str = "abstractive"
    settings: GenerationSettings = SUMMARY_SETTINGS
