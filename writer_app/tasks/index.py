"""Reading a manuscript into its passage index (for Ask), keeping unchanged passages from the cache."""

from __future__ import annotations

from writer_app.core.passages import split_passages
from writer_app.core.requests import IndexRequest
from writer_app.core.results import IndexResult
from writer_app.engine.backend import Backend, Unsupported
from writer_app.tasks.context import TaskContext
from writer_app.tasks.retrieval import PassageIndex

# Passages embedded between stop checks. In the background, small batches:
# a preempted index gives way within a second or so.
FOREGROUND_BATCH = 64
BACKGROUND_BATCH = 8


def run_index(request: IndexRequest, ctx: TaskContext) -> IndexResult:
    embedder = ctx.backend(request.embed_model_id)
    index = manuscript_index(ctx, embedder, request.text, BACKGROUND_BATCH if request.background else FOREGROUND_BATCH)
    return IndexResult(passages=len(index), embedded_now=index.embedded_now, reused=index.reused)


def manuscript_index(ctx: TaskContext, embedder: Backend, text: str, batch: int = FOREGROUND_BATCH) -> PassageIndex:
    """The manuscript's passages with their vectors; raises Stopped between batches (keeping what was embedded)."""
    if not embedder.capabilities.embeddings:
        raise Unsupported(f"{embedder.name} cannot embed text; choose an embedding model.")

    def embed(texts: list[str]):
        return embedder.embed(texts, stop=ctx.stop)

    def progress(fraction: float) -> None:
        ctx.progress("indexing", fraction, f"Reading your manuscript… {fraction:.0%}")

    return PassageIndex.build(
        split_passages(text),
        embed,
        ctx.cache_dir,
        embedder.model_id,
        on_progress=progress,
        stop_event=ctx.stop,
        batch=batch,
    )
