"""What a request gives back: one typed result per request type, plus progress, stops and failures.

Plain dataclasses (no Qt, no torch): the service carries them from the worker
thread to the handle of the request, and ``to_dict`` gives the JSON the
command line prints (``writer-app run … --json``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class Result:
    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Progress:
    stage: str  # e.g. "loading", "indexing", "summarising"
    fraction: float | None  # 0–1, or None when the length of the stage is unknown
    message: str  # for the writer


@dataclass(frozen=True)
class Failure:
    message: str  # for the writer
    kind: str = "error"  # one of core.errors.FAILURE_KINDS
    details: str = ""  # for the details box: a traceback or the underlying error


@dataclass(frozen=True)
class StopOutcome:
    """How a stopped request ended: what it had done so far, and whether it only gave way to another request."""

    partial: Result | None = None
    preempted: bool = False

    def to_dict(self) -> dict:
        return {"preempted": self.preempted, **(self.partial.to_dict() if self.partial is not None else {})}


@dataclass(frozen=True)
class ModelInfo:
    """A model that has just been loaded, for the status bar."""

    model_id: str
    name: str
    device: str  # "cpu", "cuda", "mps" (or a server's name)
    device_label: str  # for the writer: "CPU", "GPU (CUDA)", …
    load_s: float
    note: str = ""  # why the device differs from the one asked for, if it does
    quant: str | None = None  # the weights' precision on the CPU: "int4", "int8", "fp16" or None


@dataclass(frozen=True, kw_only=True)
class WrittenResult(Result):
    """Which writing model did the work, where, and how long loading it took during the request."""

    model_id: str = ""
    load_s: float = 0.0
    device: str = ""
    quant: str = "none"  # the weights' precision on the CPU
    loglik_delta: float | None = None  # its quality guard (nats/token against fp32)
    decode_step: str = ""  # "compiled" or "eager" when the engine's own decoding step ran, else ""
    compiled_load_s: float | None = None  # seconds to load the compiled step, when it is in use
    codex_names: tuple[str, ...] = ()  # the Codex entries the prompt included
    codex_tokens: int = 0
    prompt_text: str = field(default="", repr=False)  # the prompt exactly as the model read it ("Show prompt")

    def to_dict(self) -> dict:
        record = asdict(self)
        record.pop("prompt_text")  # long, and the text is in the file already
        return record


@dataclass(frozen=True)
class ContinueResult(WrittenResult):
    text: str
    new_tokens: int
    prompt_tokens: int
    reused_tokens: int  # prompt tokens whose keys and values came from the last request
    ttft_s: float
    tokens_per_s: float
    total_s: float
    stopped: bool
    used_chars: int  # characters of the text before the cursor that the model read
    trimmed_chars: int  # characters left out at the start (the model's window ends there)
    prompt_mode: str  # "chat" or "plain"
    speculative: bool
    tokens_per_pass: float


@dataclass(frozen=True)
class Alternative:
    text: str
    new_tokens: int
    avg_logprob: float  # the model's mean log-probability per token: near 0 is predictable


@dataclass(frozen=True)
class AlternativesResult(WrittenResult):
    alternatives: tuple[Alternative, ...]  # most predictable first
    stopped: bool
    used_chars: int
    trimmed_chars: int
    prompt_tokens: int


@dataclass(frozen=True)
class EmbedResult(Result):
    vectors: object = field(repr=False)  # numpy array (len(texts), dim), unit rows
    model_id: str = ""
    load_s: float = 0.0

    def to_dict(self) -> dict:
        return {"model_id": self.model_id, "load_s": self.load_s, "shape": list(getattr(self.vectors, "shape", ()))}


@dataclass(frozen=True)
class RewriteAlternative:
    text: str
    passed: bool
    reasons: tuple[str, ...]  # why it failed the checks (empty when it passed)
    similarity: float  # embedding cosine to the original


@dataclass(frozen=True, kw_only=True)
class RewriteResult(WrittenResult):
    alternatives: tuple[RewriteAlternative, ...]
    start: int
    end: int
    mode: str
    ttft_s: float = 0.0  # until the prompt was read and every alternative's first token could follow
    total_s: float = 0.0  # writing every alternative (their checks aside)


@dataclass(frozen=True, kw_only=True)
class SurpriseResult(WrittenResult):
    words: tuple  # core.surprise.WordSurprise, in text order
    perplexity: float
    predictable_runs: tuple  # core.surprise.Run
    surprising: tuple  # core.surprise.WordSurprise, most surprising first
    context_chars: int = 0  # characters before the scope read as context only

    def to_dict(self) -> dict:
        return {
            "model_id": self.model_id,
            "load_s": self.load_s,
            "perplexity": self.perplexity,
            "context_chars": self.context_chars,
            "words": [{"start": w.start, "end": w.end, "bits": w.bits} for w in self.words],
            "predictable_runs": [
                {"start": r.start, "end": r.end, "mean_bits": r.mean_bits} for r in self.predictable_runs
            ],
            "surprising": [
                {"start": w.start, "end": w.end, "bits": w.bits, "alternatives": [t for t, _ in w.alternatives]}
                for w in self.surprising
            ],
        }


@dataclass(frozen=True, kw_only=True)
class NextWordResult(WrittenResult):
    choices: tuple[tuple[str, float], ...]  # (word, probability), likeliest first
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "model_id": self.model_id,
            "load_s": self.load_s,
            "seconds": self.seconds,
            "choices": [{"text": text, "p": round(p, 5)} for text, p in self.choices],
        }


@dataclass(frozen=True)
class CodexResult(Result):
    """Suggested entries, most mentioned first (``core.codex_suggest.Suggestion.to_dict`` each)."""

    entries: tuple[dict, ...]
    seconds: float = 0.0


@dataclass(frozen=True)
class IndexResult(Result):
    passages: int
    embedded_now: int  # passages embedded by this request
    reused: int  # passages whose vectors came from the cache


@dataclass(frozen=True)
class Citation:
    start: int  # document offsets of the cited text
    end: int
    score: float
    text: str
    number: int  # as numbered in the prompt ([1], [2], …)
    passage_start: int | None = None  # the passage around an extracted answer span
    passage_end: int | None = None


@dataclass(frozen=True)
class Evidence:
    """The sentence of the retrieved passages that best matches the question, word for word."""

    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class AskResult(Result):
    answer: str
    found: bool
    citations: tuple[Citation, ...] = ()
    closest: tuple[Citation, ...] = ()  # the passages searched, best first
    evidence: Evidence | None = None  # the sentence quoted in the answer
    score: float | None = None  # an extractive model's confidence in its span
    question: str = ""
    model_id: str = ""
    passages: int = 0
    embedded_now: int = 0
    unmentioned: tuple[str, ...] = ()  # names in the question the text never uses (then found is False)
    reply: str = ""  # the model's own words, when the passages hold them (answer adds the quoted sentence)
    more_evidence: tuple[Evidence, ...] = ()  # a second quoted sentence, when it shows the answer almost as well


@dataclass(frozen=True)
class KeySentence:
    start: int  # offsets into the source text
    end: int
    text: str  # the sentence with its line breaks and runs of spaces made single spaces
    score: float
    chapter: str = ""  # the title of the chapter it comes from


@dataclass(frozen=True)
class SummaryResult(Result):
    summary: str
    key_sentences: tuple[KeySentence, ...]
    chunks: int
    mode: str  # "abstractive" or "extractive"
    model_id: str = ""


@dataclass(frozen=True)
class LoadResult(Result):
    model_id: str
    load_s: float
    device: str


@dataclass(frozen=True)
class ConfigureResult(Result):
    device: str
    quantization: str
