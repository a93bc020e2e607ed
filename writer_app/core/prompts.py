"""Prompt text for the writing tasks. Model-free: plain strings and chat messages."""

from __future__ import annotations

import re

CONTINUE_SYSTEM = (
    "You are a fiction co-writer. Continue the author's text from exactly where it stops, "
    "in the same voice, tense and style. Reply with the continuation only: no title, no "
    "commentary, no quotation of the text you were given."
)

# A sentence starts after terminal punctuation (optionally closed by quotes or
# brackets) and white space, or at the start of a line.
_SENTENCE_START = re.compile(r"(?:(?<=[.!?…])[\"'”’)\]]*\s+|\n+)(?=\S)")


def sentence_start_at_or_after(text: str, position: int) -> int:
    """The first sentence start at or after *position* (``len(text)`` if none).

    Used to trim a prompt from the left so that it opens on a whole sentence.
    """
    if position <= 0:
        return 0
    if position >= len(text):
        return len(text)
    # Look a little behind so a position that already sits on a sentence
    # start is kept rather than skipped to the next one.
    for match in _SENTENCE_START.finditer(text, max(0, position - 16)):
        if match.end() >= position:
            return match.end()
    return len(text)


def prompt_start(text: str, cut: int, align_chars: int = 0) -> int:
    """Where a prompt cut from the left at *cut* should open: the next sentence start.

    With *align_chars*, the cut is moved forward to the next multiple of it
    (giving up at most half the context), so that while the writer adds text
    at the end the prompt keeps starting at the same place and a server's or
    the engine's cache of it can be reused.
    """
    if align_chars > 0:
        aligned = -(-cut // align_chars) * align_chars
        if len(text) - aligned >= (len(text) - cut) // 2:
            cut = aligned
    start = sentence_start_at_or_after(text, cut)
    # One enormous sentence: cut where the budget says instead.
    return cut if start >= len(text) else start


def continue_messages(text: str, notes: str = "", codex: str = "") -> list[dict[str, str]]:
    """Chat messages asking an instruct model to continue *text*.

    The Codex block (``core.codex.codex_block``) and the story notes open the
    message, before the text, so that the prompt's start stays put.
    """
    user = f"{codex.strip()}\n\n" if codex.strip() else ""
    if notes.strip():
        user += f"Story notes (for your reference, do not repeat them):\n{notes.strip()}\n\n"
    user += f"Text so far:\n{text}"
    return [{"role": "system", "content": CONTINUE_SYSTEM}, {"role": "user", "content": user}]


def continue_plain_prompt(text: str, notes: str = "", codex: str = "") -> str:
    """Prompt for a base model: the Codex and story notes, then the raw prose to continue."""
    head = "\n\n".join(part.strip() for part in (codex, notes) if part.strip())
    return f"{head}\n\n***\n\n{text}" if head else text


def last_sentence_start(text: str, window: int = 300) -> int:
    """Where the last sentence of *text* starts (within its last *window* characters).

    An instruct model is asked to continue the story with this unfinished or
    last sentence already begun in its reply, which keeps small models in the
    writer's voice instead of commenting on the text.
    """
    end = len(text.rstrip())
    floor = max(0, end - window)
    starts = [m.end() for m in _SENTENCE_START.finditer(text, floor, end)]
    if starts:
        return starts[-1]
    if floor == 0:
        return 0
    space = text.find(" ", floor, end)
    return space + 1 if space != -1 else floor
