"""Continue the writer's text at the cursor, once (streamed) or as several scored alternatives."""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import Callable

from writer_app.core.prompts import continue_messages, continue_plain_prompt, last_sentence_start
from writer_app.core.requests import AlternativesRequest, ContinueRequest, GenerationSettings
from writer_app.core.results import Alternative, AlternativesResult, ContinueResult
from writer_app.engine.backend import Backend, Completion, FittedText, Prompt, Unsupported
from writer_app.tasks.context import TaskContext
from writer_app.tasks.story_context import CodexChoice, choose_codex, prompt_as_read

# Long documents are cut at multiples of this many characters (about 250
# tokens), so the prompt's start stays put while the writer writes on.
PROMPT_ALIGN_CHARS = 1024
# A branch from a chosen next word is a glimpse of where it leads: a sentence or so.
BRANCH_TOKENS = 40


def run_continue(request: ContinueRequest, ctx: TaskContext) -> ContinueResult:
    backend = _writing_backend(ctx, request.model_id, speculative=True)
    ctx.check_stop()
    codex = choose_codex(backend, request.codex, request.codex_budget)
    result = continue_text(backend, request.text, request.notes, request.settings, ctx.stop, ctx.token, codex)
    return replace(result, **ctx.run_info(backend))


def run_alternatives(request: AlternativesRequest, ctx: TaskContext) -> AlternativesResult:
    backend = _writing_backend(ctx, request.model_id)
    ctx.check_stop()
    ctx.progress("writing", None, f"Writing {request.count} alternatives…")
    codex = choose_codex(backend, request.codex, request.codex_budget)
    prompt, fitted = build_prompt(
        backend, request.text, request.notes, request.settings, _use_chat(backend, request.text), codex.block
    )
    if request.starts:
        completions = _branches(backend, request, codex.block, ctx)
    else:
        completions = backend.complete_many(prompt, request.settings, request.count, ctx.stop)
    strip = request.text[-1:].isspace() and not request.starts
    alternatives = tuple(
        Alternative(
            text=c.text.lstrip() if strip else c.text, new_tokens=c.new_tokens, avg_logprob=round(c.mean_logprob, 4)
        )
        for c in completions
    )
    return AlternativesResult(
        alternatives=alternatives,
        stopped=ctx.stop.is_set(),
        used_chars=len(fitted.text),
        trimmed_chars=fitted.trimmed_chars,
        prompt_tokens=completions[0].prompt_tokens if completions else backend.count_tokens(prompt),
        prompt_text=prompt_as_read(backend, prompt),
        **codex.result_fields(),
        **ctx.run_info(backend),
    )


def _branches(backend: Backend, request: AlternativesRequest, codex_block: str, ctx: TaskContext) -> list[Completion]:
    """A short continuation from each of ``request.starts``, each beginning with its start."""
    settings = replace(request.settings, max_new_tokens=min(request.settings.max_new_tokens, BRANCH_TOKENS))
    completions = []
    for start in request.starts:
        ctx.check_stop()
        text = request.text + start
        prompt, _fitted = build_prompt(backend, text, request.notes, settings, _use_chat(backend, text), codex_block)
        completion = backend.complete(prompt, settings, ctx.stop, logprobs=True)
        completions.append(replace(completion, text=start + completion.text))
    return completions


def _writing_backend(ctx: TaskContext, model_id: str, speculative: bool = False) -> Backend:
    backend = ctx.backend(model_id, speculative=speculative)
    if not (backend.capabilities.raw_completion or backend.capabilities.chat):
        raise Unsupported(f"{backend.name} cannot continue text.")
    return backend


def _use_chat(backend: Backend, text: str) -> bool:
    """Instruct models continue through their chat template (a chat-only server always does).

    A server's model continues raw text (no template to mishandle a begun reply).
    """
    capabilities = backend.capabilities
    if not capabilities.raw_completion:
        return True
    if capabilities.prefers_raw:
        return False
    # A chat reply cannot begin with a line break, so at the start of a new
    # paragraph a model that can continues the raw text instead.
    return capabilities.chat and not _starts_new_paragraph(text)


def prompt_budget(backend: Backend, settings: GenerationSettings) -> int:
    """Tokens the prompt may take: the model's window minus the answer."""
    return max(16, backend.capabilities.context_length - settings.max_new_tokens)


def build_prompt(
    backend: Backend, text: str, notes: str, settings: GenerationSettings, use_chat: bool, codex: str = ""
) -> tuple[Prompt, FittedText]:
    """The prompt for continuing *text*, and how much of *text* had to be left out to fit.

    *codex* (the Codex block) and *notes* open the prompt; the text fills what is left of the window.
    """
    if use_chat:

        def render(body: str) -> Prompt:
            # The reply starts with the text's last sentence, so the model writes on from it.
            split = last_sentence_start(body)
            head, opening = body[:split], body[split:].rstrip()
            if not opening:
                return Prompt.chat(continue_messages(body, notes, codex))
            return Prompt.chat(
                continue_messages(head, notes, codex) + [{"role": "assistant", "content": opening}],
                continue_final=True,
            )
    else:

        def render(body: str) -> Prompt:
            return Prompt.raw(continue_plain_prompt(body, notes, codex))

    overhead = backend.count_tokens(render(""))
    fitted = backend.fit_left(text, prompt_budget(backend, settings) - overhead, align_chars=PROMPT_ALIGN_CHARS)
    return render(fitted.text), fitted


def continue_text(
    backend: Backend,
    text: str,
    notes: str,
    settings: GenerationSettings,
    stop_event: threading.Event,
    on_text: Callable[[str], None],
    codex: CodexChoice = CodexChoice(),
) -> ContinueResult:
    """Stream a continuation of *text* (the result does not name the model yet)."""
    use_chat = _use_chat(backend, text)
    prompt, fitted = build_prompt(backend, text, notes, settings, use_chat, codex.block)
    completion = backend.complete(prompt, settings, stop_event, _join_cleanly(text, on_text))
    return ContinueResult(
        text=completion.text.lstrip() if text[-1:].isspace() else completion.text,
        new_tokens=completion.new_tokens,
        prompt_tokens=completion.prompt_tokens,
        reused_tokens=completion.reused_tokens,
        ttft_s=round(completion.ttft_s, 4),
        tokens_per_s=round(completion.tokens_per_s, 2),
        total_s=round(completion.total_s, 3),
        stopped=completion.stopped,
        used_chars=len(fitted.text),
        trimmed_chars=fitted.trimmed_chars,
        prompt_mode="chat" if use_chat else "plain",
        speculative=completion.speculative,
        tokens_per_pass=completion.tokens_per_pass,
        prompt_text=prompt_as_read(backend, prompt),
        **codex.result_fields(),
    )


def _starts_new_paragraph(text: str) -> bool:
    return text.endswith("\n") and bool(text.strip())


def _join_cleanly(text: str, on_text: Callable[[str], None]) -> Callable[[str], None]:
    """After text that ends in white space, drop the space the model starts its first word with."""
    if not text[-1:].isspace():
        return on_text
    started = False

    def emit(piece: str) -> None:
        nonlocal started
        if not started:
            piece = piece.lstrip()
            if not piece:
                return
            started = True
        on_text(piece)

    return emit
