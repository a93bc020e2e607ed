"""Embedding texts as unit vectors (what Ask's index is made of, and the self-test's check)."""

from __future__ import annotations

from writer_app.core.requests import EmbedRequest
from writer_app.core.results import EmbedResult
from writer_app.engine.backend import Unsupported
from writer_app.tasks.context import TaskContext


def run_embed(request: EmbedRequest, ctx: TaskContext) -> EmbedResult:
    embedder = ctx.backend(request.model_id)
    if not embedder.capabilities.embeddings:
        raise Unsupported(f"{embedder.name} cannot embed text; choose an embedding model.")

    def progress(fraction: float) -> None:
        ctx.progress("embedding", fraction, "Reading your text…")

    vectors = embedder.embed(list(request.texts), stop=ctx.stop, on_progress=progress)
    return EmbedResult(vectors=vectors, model_id=embedder.model_id, load_s=round(ctx.load_s, 3))
