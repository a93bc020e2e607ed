"""Summarise a passage: key sentences by embedding, then (optionally) a rewrite.

Map-reduce, faithful by construction:

1. *Map*: the scope is cut into chunks of about ``chunk_chars`` at paragraph
   or sentence boundaries. In each chunk the embedding model picks the key
   sentences (TextRank or centroid over cosine similarity). In abstractive mode
   the writing model then rewrites only those sentences into a short summary
   of the chunk (a seq2seq model if one is given, else the instruct model).
2. *Reduce*: with more than one chunk, the chunk summaries are combined into
   one (in rounds, if they are too long for one prompt). Extractive mode
   re-ranks the chunks' key sentences and never calls a writing model.

Models come in as plain callables, so this module needs no torch and is
tested with fakes; the engine wraps its loaded models into them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace
from typing import Callable

import numpy as np

from writer_app.core.chapters import BEGINNING_TITLE, Chapter, find_chapters
from writer_app.core.errors import Stopped
from writer_app.core.names import CaseCounts, main_names
from writer_app.core.requests import SUMMARY_SETTINGS, GenerationSettings, SummariseRequest
from writer_app.core.results import KeySentence, SummaryResult
from writer_app.core.sentences import Span, split_sentences
from writer_app.core.summary_prompts import combine_messages, rewrite_messages
from writer_app.engine.backend import Backend, Prompt, Unsupported
from writer_app.tasks.context import TaskContext

EmbedFn = Callable[[list[str]], np.ndarray]  # texts -> L2-normalised rows
ChatFn = Callable[[list[dict], GenerationSettings], str]  # messages, settings -> reply
Seq2SeqFn = Callable[[str, int], str]  # text, max_new_tokens -> summary
ProgressFn = Callable[[int, int, str], None]  # done chunks, total chunks, message

DEFAULT_CHUNK_CHARS = 3000
MIN_WORDS = 4  # shorter sentences are picked only when there is nothing longer
DUPLICATE_SIMILARITY = 0.95
DAMPING = 0.85
MAX_RERANK = 400  # extractive reduce re-ranks at most this many sentences at once
METHODS = ("textrank", "centroid")
MODES = ("abstractive", "extractive")


@dataclass(frozen=True)
class LengthPlan:
    chunk_sentences: int  # key sentences picked per chunk
    chunk_tokens: int  # new tokens for one chunk's summary (and intermediate combines)
    final_sentences: int  # key sentences in an extractive summary of several chunks
    final_tokens: int  # new tokens for the final summary
    max_chunks: int  # longer scopes get longer chunks: a whole novel costs minutes, not an hour


LENGTHS = {
    "short": LengthPlan(chunk_sentences=3, chunk_tokens=60, final_sentences=5, final_tokens=80, max_chunks=8),
    "medium": LengthPlan(chunk_sentences=5, chunk_tokens=100, final_sentences=8, final_tokens=160, max_chunks=12),
    "long": LengthPlan(chunk_sentences=8, chunk_tokens=150, final_sentences=15, final_tokens=300, max_chunks=20),
}


def run_summarise(request: SummariseRequest, ctx: TaskContext) -> SummaryResult:
    embedder = ctx.backend(request.embed_model_id)
    if not embedder.capabilities.embeddings:
        raise Unsupported(f"{embedder.name} cannot embed text; choose an embedding model.")

    def embed(texts: list[str]) -> np.ndarray:
        return embedder.embed(texts, stop=ctx.stop)

    chat = seq2seq = None
    model_id = request.embed_model_id
    if request.mode == "abstractive":
        writer = ctx.backend(request.model_id)
        model_id = writer.model_id
        if writer.capabilities.text_to_text:
            seq2seq = _seq2seq_fn(writer, ctx)
        elif writer.capabilities.chat:
            chat = ctx.chat_with(writer)
        else:
            raise Unsupported(f"{writer.name} is not an instruct model; choose one that can follow instructions.")

    def progress(done: int, total: int, message: str) -> None:
        ctx.progress("summarising", done / max(1, total), message)

    end = len(request.text) if request.end is None else request.end
    result = summarise(
        request.text,
        request.start,
        end,
        request.length,
        request.mode,
        embed=embed,
        chat=chat,
        seq2seq=seq2seq,
        settings=request.settings,
        stop_event=ctx.stop,
        on_progress=progress,
    )
    return replace(result, model_id=model_id)


def _seq2seq_fn(writer: Backend, ctx: TaskContext) -> Seq2SeqFn:
    def write(text: str, max_new_tokens: int) -> str:
        return writer.complete(
            Prompt.raw(text), replace(SUMMARY_SETTINGS, max_new_tokens=max_new_tokens), ctx.stop
        ).text

    return write


# --------------------------------------------------------------------------- chunks


def chunk_spans(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Contiguous ``(start, end)`` pieces of ``text[start:end]``, each at most *max_chars* long.

    Leading and trailing white space of the scope is left out; cuts fall at a
    paragraph start, else a sentence start, else a word, in the second half
    of the allowed length. A blank scope gives no chunks.
    """
    if max_chars < 1:
        raise ValueError("max_chars must be at least 1")
    start, end = _strip_scope(text, max(0, start), min(end, len(text)))
    chunks: list[tuple[int, int]] = []
    position = start
    while end - position > max_chars:
        cut = _cut_point(text, position, position + max_chars)
        chunks.append((position, cut))
        position = cut
    if end > position:
        chunks.append((position, end))
    return chunks


def _strip_scope(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _cut_point(text: str, low: int, high: int) -> int:
    """Where to end a chunk that starts at *low* and may reach *high*."""
    half = low + (high - low) // 2
    paragraph = max(text.rfind("\n\n", half, high), text.rfind("\n\r\n", half, high))
    if paragraph > low:
        return _skip_space(text, paragraph, high)
    starts = [span.start for span in split_sentences(text, low, high) if span.start >= half and span.start > low]
    if starts:
        return starts[-1]
    space = max(text.rfind(" ", half, high), text.rfind("\n", half, high))
    return space + 1 if space > low else high


def _skip_space(text: str, position: int, limit: int) -> int:
    while position < limit and text[position].isspace():
        position += 1
    return position


# --------------------------------------------------------------------------- key sentences


def key_sentences(
    sentences: list[Span], vectors: np.ndarray, count: int, method: str = "textrank"
) -> list[tuple[Span, float]]:
    """The *count* most central sentences, in document order, with their scores.

    *vectors* holds one L2-normalised row per sentence. Sentences under
    ``MIN_WORDS`` words count only when there is nothing longer, and a
    sentence more similar than ``DUPLICATE_SIMILARITY`` to a picked one is
    skipped.
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    vectors = np.asarray(vectors, dtype=np.float32)
    if len(vectors) != len(sentences):
        raise ValueError("one vector per sentence is needed")
    if count <= 0 or not sentences:
        return []
    candidates = [i for i, span in enumerate(sentences) if len(span.text.split()) >= MIN_WORDS]
    candidates = candidates or list(range(len(sentences)))
    subset = vectors[candidates]
    scores = textrank_scores(subset) if method == "textrank" else centroid_scores(subset)
    chosen = _pick_distinct(subset, scores, count)
    picked = [(sentences[candidates[i]], float(scores[i])) for i in chosen]
    return sorted(picked, key=lambda pair: pair[0].start)


def textrank_scores(vectors: np.ndarray, damping: float = DAMPING, iterations: int = 100) -> np.ndarray:
    """PageRank over the graph of positive cosine similarities (power iteration)."""
    count = len(vectors)
    weights = np.clip(vectors @ vectors.T, 0.0, None)
    np.fill_diagonal(weights, 0.0)
    totals = weights.sum(axis=1, keepdims=True)
    # A sentence like no other links to every sentence alike.
    transition = np.divide(weights, totals, out=np.full_like(weights, 1.0 / count), where=totals > 0)
    rank = np.full(count, 1.0 / count, dtype=np.float64)
    for _ in range(iterations):
        updated = (1.0 - damping) / count + damping * (transition.T @ rank)
        converged = np.abs(updated - rank).sum() < 1e-9
        rank = updated
        if converged:
            break
    return rank


def centroid_scores(vectors: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row to the normalised mean row."""
    centre = vectors.mean(axis=0)
    norm = np.linalg.norm(centre)
    return vectors @ (centre / norm) if norm > 0 else np.zeros(len(vectors), dtype=np.float32)


def _pick_distinct(vectors: np.ndarray, scores: np.ndarray, count: int) -> list[int]:
    """Indices of the best scores, skipping near-duplicates of ones already picked."""
    chosen: list[int] = []
    for index in np.argsort(-scores, kind="stable"):
        if all(float(vectors[index] @ vectors[other]) <= DUPLICATE_SIMILARITY for other in chosen):
            chosen.append(int(index))
            if len(chosen) == count:
                break
    return chosen


# --------------------------------------------------------------------------- summarise


@dataclass
class _Run:
    """What a summary has gathered so far."""

    mode: str
    chunks: int
    picks: list[tuple[Span, float]]
    vectors: list[np.ndarray]  # one row per pick
    partials: list[str]
    chapters: list[Chapter]  # those the scope touches
    chunk_ids: list[int] = field(default_factory=list)  # the chunk of each pick, from 0

    def result(self, summary: str, picks: list[tuple[Span, float]] | None = None) -> SummaryResult:
        return SummaryResult(
            summary=summary,
            key_sentences=tuple(
                _key_sentence(span, score, self.chapters) for span, score in (self.picks if picks is None else picks)
            ),
            chunks=self.chunks,
            mode=self.mode,
        )


def summarise(
    text: str,
    start: int,
    end: int,
    length: str = "medium",
    mode: str = "abstractive",
    *,
    embed: EmbedFn,
    chat: ChatFn | None = None,
    seq2seq: Seq2SeqFn | None = None,
    settings: GenerationSettings | None = None,
    stop_event: threading.Event | None = None,
    on_progress: ProgressFn | None = None,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
    method: str = "textrank",
) -> SummaryResult:
    """Summarise ``text[start:end]``; see the module notes.

    The scope is cut into chunks of *chunk_chars*, or longer ones when that
    would make more than the length's ``max_chunks``.
    Abstractive mode rewrites with *seq2seq* if given, else with *chat*
    (with *settings*, default ``SUMMARY_SETTINGS``; only ``max_new_tokens`` is
    set here, from *length*).
    *on_progress* is called after each chunk, and once more (done == total)
    before the chunk summaries are combined. Stop is checked before each
    chunk and each combining call; it raises ``Stopped`` whose ``partial``
    is the summary so far. Key sentences carry offsets into *text*.
    """
    plan = _check_arguments(length, mode, method, chat, seq2seq)
    write = _writer(chat, seq2seq, settings or SUMMARY_SETTINGS) if mode == "abstractive" else None
    chunks = chunk_spans(text, start, end, chunk_chars)
    if len(chunks) > plan.max_chunks:
        # Longer chunks instead (chunk_spans cuts in the second half of the allowed length).
        chunks = chunk_spans(text, start, end, -(-2 * (end - start) // plan.max_chunks))
    chapters = [chapter for chapter in find_chapters(text) if chapter.start < end and chapter.end > start]
    run = _Run(mode, len(chunks), [], [], [], chapters)

    def so_far() -> SummaryResult:
        return run.result(" ".join(run.partials) or _joined(run.picks))

    def check_stop() -> None:
        if stop_event is not None and stop_event.is_set():
            raise Stopped(so_far())

    try:
        _map(text, chunks, plan, method, embed, write, run, check_stop, on_progress)
        if mode == "extractive":
            final = _rerank(run, plan, method)
            return run.result(extract_summary(text, start, end, final, chapters), final)
        if len(run.partials) > 1 and on_progress is not None:
            on_progress(len(chunks), len(chunks), "Combining the parts…")
        summary = _combine(run.partials, plan, write, check_stop, chunk_chars)
        check_stop()  # the last call may have been cut short by Stop
        return run.result(summary)
    except Stopped as exc:
        if exc.partial is None:  # stopped inside a model call: what the finished parts gave
            raise Stopped(so_far()) from exc
        raise


def _map(
    text: str,
    chunks: list[tuple[int, int]],
    plan: LengthPlan,
    method: str,
    embed: EmbedFn,
    write,
    run: _Run,
    check_stop: Callable[[], None],
    on_progress: ProgressFn | None,
) -> None:
    """Key sentences of every chunk, each rewritten by *write* unless it is None (extractive)."""
    # A single chunk is the whole scope: it gets the final budget.
    single = len(chunks) == 1
    count = plan.final_sentences if single else plan.chunk_sentences
    tokens = plan.final_tokens if single else plan.chunk_tokens
    for done, (chunk_start, chunk_end) in enumerate(chunks, start=1):
        check_stop()
        picks, vectors = _chunk_key_sentences(text, chunk_start, chunk_end, count, method, embed)
        run.picks += picks
        run.vectors += list(vectors)
        run.chunk_ids += [done - 1] * len(picks)
        if write is not None and picks:
            sentences = [_clean(span.text) for span, _ in picks]
            run.partials.append(write(sentences, False, tokens).strip() or " ".join(sentences))
        if on_progress is not None:
            on_progress(done, len(chunks), f"Read part {done} of {len(chunks)}")


def _check_arguments(length: str, mode: str, method: str, chat, seq2seq) -> LengthPlan:
    if length not in LENGTHS:
        raise ValueError(f"unknown length {length!r}")
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}")
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}")
    if mode == "abstractive" and chat is None and seq2seq is None:
        raise ValueError("an abstractive summary needs a chat or seq2seq model")
    return LENGTHS[length]


def _writer(chat: ChatFn | None, seq2seq: Seq2SeqFn | None, settings: GenerationSettings):
    """``write(items, combine, max_new_tokens) -> str`` over whichever model was given."""
    if seq2seq is not None:
        return lambda items, combine, tokens: seq2seq(" ".join(items), tokens)

    def write(items: list[str], combine: bool, tokens: int) -> str:
        messages = combine_messages(items) if combine else rewrite_messages(items)
        return chat(messages, replace(settings, max_new_tokens=tokens, min_new_tokens=0))

    return write


def _chunk_key_sentences(text: str, start: int, end: int, count: int, method: str, embed: EmbedFn):
    """The chunk's key sentences with scores, and their vectors."""
    sentences = split_sentences(text, start, end)
    if not sentences:
        return [], np.zeros((0, 0), dtype=np.float32)
    vectors = _embed_by_length(embed, [_clean(span.text) for span in sentences])
    picks = key_sentences(sentences, vectors, count, method)
    row = {span.start: i for i, span in enumerate(sentences)}
    return picks, vectors[[row[span.start] for span, _ in picks]]


def _embed_by_length(embed: EmbedFn, texts: list[str]) -> np.ndarray:
    """``embed(texts)``, asked shortest first so batches carry little padding; rows in input order."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    sorted_vectors = np.asarray(embed([texts[i] for i in order]), dtype=np.float32)
    vectors = np.empty_like(sorted_vectors)
    vectors[order] = sorted_vectors
    return vectors


def _rerank(run: _Run, plan: LengthPlan, method: str) -> list[tuple[Span, float]]:
    """The final extractive picks: the chunks' key sentences ranked again (in rounds if many), spread over the scope."""
    if run.chunks <= 1:
        return run.picks
    chunk_of = {span.start: chunk for (span, _), chunk in zip(run.picks, run.chunk_ids)}
    spans = [span for span, _ in run.picks]
    vectors = np.asarray(run.vectors, dtype=np.float32)
    keep = max(1, min(plan.final_sentences, MAX_RERANK // 2))  # each round at least halves
    while len(spans) > MAX_RERANK:
        row = {span.start: i for i, span in enumerate(spans)}
        kept = []
        for first in range(0, len(spans), MAX_RERANK):
            group = slice(first, first + MAX_RERANK)
            kept += [row[span.start] for span, _ in key_sentences(spans[group], vectors[group], keep, method)]
        spans, vectors = [spans[i] for i in kept], vectors[kept]
    return _spread(spans, vectors, [chunk_of[span.start] for span in spans], run.chunks, plan.final_sentences, method)


def _spread(
    spans: list[Span], vectors: np.ndarray, chunk_ids: list[int], chunks: int, count: int, method: str
) -> list[tuple[Span, float]]:
    """*count* key sentences over the whole scope, in document order.

    The chunks are cut into up to *count* consecutive runs, and the most
    central sentence of each run is picked first, so that a summary of a
    novel follows it from beginning to end (centrality alone favours the
    middle); the most central of the rest fill the remaining places.
    """
    if not spans:
        return []
    candidates = [i for i, span in enumerate(spans) if len(span.text.split()) >= MIN_WORDS] or list(range(len(spans)))
    subset = vectors[candidates]
    scores = textrank_scores(subset) if method == "textrank" else centroid_scores(subset)
    chosen: list[int] = []

    def distinct(index: int) -> bool:
        return all(float(subset[index] @ subset[other]) <= DUPLICATE_SIMILARITY for other in chosen)

    for part in np.array_split(np.arange(chunks), min(chunks, count)):
        run_of_chunks = set(part.tolist())
        members = [i for i, row in enumerate(candidates) if chunk_ids[row] in run_of_chunks and distinct(i)]
        if members:
            chosen.append(max(members, key=lambda i: scores[i]))
    for index in np.argsort(-scores, kind="stable"):
        if len(chosen) >= count:
            break
        if int(index) not in chosen and distinct(int(index)):
            chosen.append(int(index))
    picked = [(spans[candidates[i]], float(scores[i])) for i in chosen]
    return sorted(picked, key=lambda pick: pick[0].start)


def _combine(partials: list[str], plan: LengthPlan, write, check_stop, max_chars: int) -> str:
    """One summary from the chunk summaries, combining in rounds while they are too long."""
    while len(partials) > 1:
        groups = _groups(partials, max_chars)
        tokens = plan.final_tokens if len(groups) == 1 else plan.chunk_tokens
        combined = []
        for group in groups:
            check_stop()
            combined.append(write(group, True, tokens).strip() or " ".join(group))
        partials = combined
    return partials[0] if partials else ""


def _groups(items: list[str], max_chars: int) -> list[list[str]]:
    """Consecutive groups of at least two items (so every round halves), within *max_chars* if possible."""
    groups: list[list[str]] = []
    current: list[str] = []
    size = 0
    for item in items:
        if len(current) >= 2 and size + len(item) > max_chars:
            groups.append(current)
            current, size = [], 0
        current.append(item)
        size += len(item) + 1
    if len(current) == 1 and groups:
        groups[-1].append(current[0])
    elif current:
        groups.append(current)
    return groups


def _clean(text: str) -> str:
    """Hard line breaks and runs of spaces become single spaces."""
    return " ".join(text.split())


def _joined(picks: list[tuple[Span, float]]) -> str:
    return " ".join(_clean(span.text) for span, _ in picks)


def extract_summary(text: str, start: int, end: int, picks: list[tuple[Span, float]], chapters: list[Chapter]) -> str:
    """Key sentences that read as a summary: a lead with the names the scope keeps mentioning, then the sentences.

    Sentences come unwrapped and in the order of the text; over several
    chapters, each chapter's sentences follow its title and its main names.
    """
    cases = CaseCounts(text)
    picks = sorted(picks, key=lambda pick: pick[0].start)
    groups: list[tuple[Chapter | None, list[Span]]] = []
    for span, _ in picks:
        chapter = _chapter_of(chapters, span.start)
        if not groups or groups[-1][0] != chapter:
            groups.append((chapter, []))
        groups[-1][1].append(span)
    if len(chapters) <= 1:
        title = chapters[0].title if chapters and chapters[0].title != BEGINNING_TITLE else ""
        lead = _lead(title, main_names(text, cases, start, end))
        return "\n\n".join(part for part in (lead, _joined(picks)) if part)
    parts = []
    names = main_names(text, cases, start, end, count=6)
    if names:
        parts.append(f"Most named: {', '.join(names)}.")
    for chapter, spans in groups:
        body = " ".join(_clean(span.text) for span in spans)
        if chapter is None:
            parts.append(body)
        else:
            lead = _lead(chapter.title, main_names(text, cases, max(start, chapter.start), min(end, chapter.end), 3))
            parts.append(f"{lead}\n{body}")
    return "\n\n".join(parts)


def _lead(title: str, names: list[str]) -> str:
    """Where we are and who (or where) it keeps naming: "Chapter 3 — Elizabeth, Mr. Darcy, Netherfield"."""
    return " — ".join(part for part in (title, ", ".join(names)) if part)


def _chapter_of(chapters: list[Chapter], position: int) -> Chapter | None:
    for chapter in chapters:
        if chapter.start <= position < chapter.end:
            return chapter
    return None


def _key_sentence(span: Span, score: float, chapters: list[Chapter]) -> KeySentence:
    chapter = _chapter_of(chapters, span.start)
    title = chapter.title if chapter is not None and chapter.title != BEGINNING_TITLE else ""
    return KeySentence(start=span.start, end=span.end, text=_clean(span.text), score=round(score, 6), chapter=title)
