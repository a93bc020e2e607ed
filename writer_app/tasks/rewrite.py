"""Rewriting a selected passage: several alternatives from the writing model, each checked before it is offered."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from writer_app.core.errors import TaskFailed
from writer_app.core.requests import RewriteRequest
from writer_app.core.results import RewriteAlternative, RewriteResult
from writer_app.core.rewrite import check, cleaned, max_new_tokens, rewrite_messages
from writer_app.engine.backend import Prompt, Unsupported
from writer_app.tasks.context import TaskContext
from writer_app.tasks.story_context import choose_codex, prompt_as_read


def run_rewrite(request: RewriteRequest, ctx: TaskContext) -> RewriteResult:
    passage = request.text[max(0, request.start) : max(0, request.end)]
    if not 0 <= request.start < request.end <= len(request.text) or not passage.strip():
        raise TaskFailed("Select the words to rewrite first.")
    writer = ctx.backend(request.model_id)
    if not writer.capabilities.chat:
        raise Unsupported(f"{writer.name} cannot follow instructions; choose an instruct model to rewrite.")
    codex = choose_codex(writer, request.codex, request.codex_budget)
    messages = rewrite_messages(passage, request.mode, request.detail, request.notes, codex.block)
    room = min(request.settings.max_new_tokens, max_new_tokens(passage, request.mode))
    settings = replace(request.settings, max_new_tokens=room)
    ctx.progress("rewriting", None, "Rewriting…")
    prompt = Prompt.chat(messages)
    completions = writer.complete_many(prompt, settings, request.count, ctx.stop)
    ctx.check_stop()
    texts = [cleaned(completion.text, passage) for completion in completions]
    embedder = ctx.backend(request.embed_model_id)
    vectors = np.asarray(embedder.embed([passage, *texts], stop=ctx.stop), dtype=np.float32)
    similarities = vectors[1:] @ vectors[0] if len(texts) else np.zeros(0)
    alternatives = []
    for text, similarity in zip(texts, similarities):
        verdict = check(passage, text, request.mode, float(similarity))
        alternatives.append(RewriteAlternative(text, verdict.passed, verdict.reasons, round(float(similarity), 4)))
    # Usable ones first, then the closest in meaning.
    alternatives.sort(key=lambda alternative: (not alternative.passed, -alternative.similarity))
    return RewriteResult(
        alternatives=tuple(alternatives),
        start=request.start,
        end=request.end,
        mode=request.mode,
        ttft_s=round(max((c.ttft_s for c in completions), default=0.0), 3),
        total_s=round(max((c.total_s for c in completions), default=0.0), 3),
        prompt_text=prompt_as_read(writer, prompt),
        **codex.result_fields(),
        **ctx.run_info(writer),
    )
