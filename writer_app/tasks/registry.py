"""Which task runs which request: the one table to extend when adding a task."""

from __future__ import annotations

from typing import Callable

from writer_app.core.errors import TaskFailed
from writer_app.core.requests import (
    AlternativesRequest,
    AskRequest,
    CodexRequest,
    ContinueRequest,
    EmbedRequest,
    IndexRequest,
    InferenceRequest,
    LoadModelRequest,
    NextWordRequest,
    RewriteRequest,
    SummariseRequest,
    SurpriseRequest,
)
from writer_app.core.results import Result
from writer_app.tasks.ask import run_ask
from writer_app.tasks.codex import run_codex
from writer_app.tasks.context import TaskContext
from writer_app.tasks.continuation import run_alternatives, run_continue
from writer_app.tasks.embed import run_embed
from writer_app.tasks.index import run_index
from writer_app.tasks.rewrite import run_rewrite
from writer_app.tasks.summarise import run_summarise
from writer_app.tasks.surprise import run_next_word, run_surprise
from writer_app.tasks.warm_up import run_load

TASKS: dict[type, Callable[[InferenceRequest, TaskContext], Result]] = {
    LoadModelRequest: run_load,
    ContinueRequest: run_continue,
    AlternativesRequest: run_alternatives,
    EmbedRequest: run_embed,
    IndexRequest: run_index,
    AskRequest: run_ask,
    CodexRequest: run_codex,
    SummariseRequest: run_summarise,
    RewriteRequest: run_rewrite,
    SurpriseRequest: run_surprise,
    NextWordRequest: run_next_word,
}


def run_task(request: InferenceRequest, ctx: TaskContext) -> Result:
    """Run *request*'s task; raises Stopped or TaskFailed when it does not finish."""
    task = TASKS.get(type(request))
    if task is None:
        raise TaskFailed(f"Unknown request {type(request).__name__}")
    return task(request, ctx)
