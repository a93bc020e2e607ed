"""Loading a model ahead of time, so that the writer's first request starts fast."""

from __future__ import annotations

from writer_app.core.requests import LoadModelRequest
from writer_app.core.results import LoadResult
from writer_app.tasks.context import TaskContext


def run_load(request: LoadModelRequest, ctx: TaskContext) -> LoadResult:
    backend = ctx.backend(request.model_id)
    return LoadResult(model_id=backend.model_id, load_s=round(ctx.load_s, 3), device=backend.runtime.device)
