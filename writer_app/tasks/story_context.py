"""What a writing request tells the model about the story: the Codex entries that fit, and the prompt as sent."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from writer_app.core.codex import CodexSnippet, codex_block
from writer_app.engine.backend import Backend, Prompt

# The Codex never takes more than this share of the model's window.
MAX_WINDOW_SHARE = 0.25


@dataclass(frozen=True)
class CodexChoice:
    block: str = ""
    names: tuple[str, ...] = ()
    tokens: int = 0

    def result_fields(self) -> dict:
        return {"codex_names": self.names, "codex_tokens": self.tokens}


def choose_codex(backend: Backend, snippets: Sequence[CodexSnippet], budget: int) -> CodexChoice:
    """The Codex block for *backend*: the most important snippets within *budget* of its tokens."""
    if not snippets or budget <= 0:
        return CodexChoice()
    budget = min(budget, int(backend.capabilities.context_length * MAX_WINDOW_SHARE) or budget)
    block, names, tokens = codex_block(snippets, budget, backend.count_tokens)
    return CodexChoice(block, tuple(names), tokens)


def prompt_as_read(backend: Backend, prompt: Prompt) -> str:
    """The prompt exactly as the model reads it, for "Show prompt"."""
    render = getattr(backend, "render", None)
    return render(prompt) if callable(render) else prompt.as_text()
