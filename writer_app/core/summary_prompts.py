"""Prompt text for summaries. Model-free: plain strings and chat messages.

Kept tiny and explicit for small (135M) instruct models: one instruction,
then the material as a dash list, one item a line.
"""

from __future__ import annotations

SUMMARY_SYSTEM = "You write short, plain summaries of stories."
REWRITE_INSTRUCTION = "Rewrite these sentences from a story as a short summary. Use only facts in them."
COMBINE_INSTRUCTION = "Combine these summaries of parts of a story into one short summary. Use only facts in them."
LIST_MARKER = "- "


def dash_list(items: list[str]) -> str:
    """One item a line, each after ``LIST_MARKER``, white space collapsed."""
    return "\n".join(LIST_MARKER + " ".join(item.split()) for item in items)


def rewrite_messages(sentences: list[str]) -> list[dict[str, str]]:
    """Chat messages asking to rewrite key sentences of one part as a summary."""
    return _messages(REWRITE_INSTRUCTION, sentences)


def combine_messages(summaries: list[str]) -> list[dict[str, str]]:
    """Chat messages asking to merge summaries of consecutive parts into one."""
    return _messages(COMBINE_INSTRUCTION, summaries)


def _messages(instruction: str, items: list[str]) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": SUMMARY_SYSTEM},
        {"role": "user", "content": f"{instruction}\n\n{dash_list(items)}"},
    ]
