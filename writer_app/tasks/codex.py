"""Suggesting Codex entries from the manuscript: the people, places and names it keeps using (no model)."""

from __future__ import annotations

import time

from writer_app.core.codex_suggest import suggest_entries
from writer_app.core.requests import CodexRequest
from writer_app.core.results import CodexResult
from writer_app.tasks.context import TaskContext


def run_codex(request: CodexRequest, ctx: TaskContext) -> CodexResult:
    ctx.progress("reading", None, "Reading the names in your manuscript…")
    started = time.perf_counter()
    entries = suggest_entries(request.text, limit=request.limit)
    ctx.check_stop()
    return CodexResult(
        entries=tuple(entry.to_dict() for entry in entries), seconds=round(time.perf_counter() - started, 3)
    )
