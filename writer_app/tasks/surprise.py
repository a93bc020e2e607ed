"""Lenses that use the writing model as an instrument on the writer's own text: Surprise and Next word."""

from __future__ import annotations

import time

from writer_app.core.errors import TaskFailed
from writer_app.core.prompts import continue_plain_prompt
from writer_app.core.requests import NextWordRequest, SurpriseRequest
from writer_app.core.results import NextWordResult, SurpriseResult
from writer_app.core.surprise import (
    TokenScore,
    as_read,
    next_words,
    perplexity,
    predictable_runs,
    surprising_words,
    word_surprisals,
)
from writer_app.engine.backend import Unsupported
from writer_app.tasks.context import TaskContext
from writer_app.tasks.story_context import choose_codex

# Characters before the scope read as context only (about 500 tokens): the first words of a
# selection are scored knowing what came before them.
CONTEXT_CHARS = 2000
# Tokens the next-word choices are taken from before they are merged into words.
NEXT_TOKEN_POOL = 3


def context_anchor(text: str, at: int) -> int:
    """Where the context of a reading at *at* starts: the first paragraph that begins within
    ``CONTEXT_CHARS`` before it (else exactly that far back). It stays put while the writer types
    on, so the model's kept cache of the text before it is read again only when it changed."""
    earliest = max(0, at - CONTEXT_CHARS)
    if earliest == 0:
        return 0
    paragraph = text.find("\n\n", earliest, at)
    return paragraph + 2 if paragraph >= 0 else earliest


def run_surprise(request: SurpriseRequest, ctx: TaskContext) -> SurpriseResult:
    end = len(request.text) if request.end is None else request.end
    if not 0 <= request.start < end <= len(request.text):
        raise TaskFailed("Choose some text to look at first.")
    backend = ctx.backend(request.model_id)
    if not backend.capabilities.scoring:
        raise Unsupported(
            f"{backend.name} cannot score text; Surprise needs a model on this computer or a server "
            "that returns log-probabilities."
        )
    context_start = request.context_start
    if context_start is None or not 0 <= context_start <= request.start:
        context_start = context_anchor(request.text, request.start)
    ctx.progress("scoring", None, "Reading your text…")
    scores = backend.score(
        as_read(request.text[context_start:end]), top_k=5, stop=ctx.stop, score_from=request.start - context_start
    )
    tokens = [
        TokenScore(context_start + t.start, context_start + t.end, t.logprob, t.top)
        for t in scores.tokens
        if context_start + t.end > request.start  # context tokens count for nothing
    ]
    words = word_surprisals(request.text, tokens, request.start, end)
    return SurpriseResult(
        words=tuple(words),
        perplexity=perplexity(tokens),
        predictable_runs=tuple(predictable_runs(words)),
        surprising=tuple(surprising_words(words)),
        context_chars=request.start - context_start,
        **ctx.run_info(backend),
    )


def run_next_word(request: NextWordRequest, ctx: TaskContext) -> NextWordResult:
    if not 0 <= request.at <= len(request.text):
        raise TaskFailed("The cursor is outside the text.")
    backend = ctx.backend(request.model_id)
    if not backend.capabilities.top_k:
        raise Unsupported(f"{backend.name} cannot say which words come next.")
    started = time.perf_counter()
    anchor = context_anchor(request.text, request.at)
    # The Codex and notes open the text as in a Continue prompt; they change seldom, so the
    # model's kept cache of them (and of the text up to the anchor) is reused.
    codex = choose_codex(backend, request.codex, request.codex_budget)
    text = continue_plain_prompt(as_read(request.text[anchor : request.at]), request.notes, codex.block)
    tokens = backend.next_tokens(text, request.k * NEXT_TOKEN_POOL)
    return NextWordResult(
        choices=tuple(next_words(tokens, request.k)),
        seconds=round(time.perf_counter() - started, 4),
        **ctx.run_info(backend),
    )
