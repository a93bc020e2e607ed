"""The Codex: what the writer keeps about the story's characters, places and rules, and what of it goes to the model.

An entry has a kind, a name, aliases, a description, an optional first
chapter and "always include". Entries sharing a name are versions of one
another: from its chapter on, the version with the latest "from chapter"
replaces the earlier ones (a character who marries or moves is described as
she is in that part of the book).

Before a request, ``snippets_for`` picks the entries whose name or an alias
occurs near the cursor or in the selection, plus the "always include" ones,
and ``codex_block`` writes them into the prompt within a token budget, in
the Codex's own order, so that the prompt's opening stays the same while the
writer moves about and a cached prompt prefix keeps serving.
"""

from __future__ import annotations

import bisect
import re
import uuid
from dataclasses import asdict, dataclass, field, replace
from typing import Callable, Iterable, Sequence

from writer_app.core.chapters import find_chapters

KINDS = ("character", "place", "object", "group", "lore", "style")
# Characters before the cursor (or around a selection) searched for names: a few paragraphs.
NEAR_CHARS = 3000
# The Codex's share of a prompt, in tokens, unless the request says otherwise.
DEFAULT_BUDGET_TOKENS = 400
CODEX_HEADING = "Codex (facts about this story; use them, do not repeat them):"


@dataclass(frozen=True)
class CodexEntry:
    name: str
    kind: str = "character"
    aliases: tuple[str, ...] = ()
    description: str = ""
    from_chapter: int = 0  # 0: from the start; N: this version holds from chapter N on
    always: bool = False  # sent with every request
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(n for n in (self.name, *self.aliases) if n.strip()))

    def to_dict(self) -> dict:
        record = asdict(self)
        record["aliases"] = list(self.aliases)
        return record

    @classmethod
    def from_dict(cls, record: dict) -> "CodexEntry":
        """Raises ValueError for a record that is not an entry."""
        if not isinstance(record, dict) or not str(record.get("name", "")).strip():
            raise ValueError("a Codex entry needs a name")
        kind = str(record.get("kind", "character"))
        aliases = record.get("aliases") or ()
        if isinstance(aliases, str):
            aliases = split_aliases(aliases)
        values = {
            "name": str(record["name"]).strip(),
            "kind": kind if kind in KINDS else "lore",
            "aliases": tuple(str(a).strip() for a in aliases if str(a).strip()),
            "description": str(record.get("description", "")),
            "from_chapter": max(0, int(record.get("from_chapter") or 0)),
            "always": bool(record.get("always", False)),
        }
        if record.get("id"):
            values["id"] = str(record["id"])
        return cls(**values)

    def later_version(self, chapter: int) -> "CodexEntry":
        """A copy that will describe this entry from *chapter* on."""
        return replace(self, from_chapter=max(1, chapter), id=uuid.uuid4().hex[:12])


@dataclass(frozen=True)
class CodexSnippet:
    """One entry as the prompt states it; ``order`` is its place in the Codex."""

    name: str
    text: str
    order: int


def split_aliases(text: str) -> tuple[str, ...]:
    """ "Lizzy, Eliza; Miss Eliza" → ("Lizzy", "Eliza", "Miss Eliza")."""
    return tuple(dict.fromkeys(part.strip() for part in re.split(r"[,;\n]", text) if part.strip()))


def merged(keep: CodexEntry, others: Iterable[CodexEntry]) -> CodexEntry:
    """*keep* with the names and descriptions of *others* added (the writer merged them)."""
    aliases = list(keep.aliases)
    descriptions = [keep.description.strip()] if keep.description.strip() else []
    for other in others:
        for name in other.names():
            if name != keep.name and name not in aliases:
                aliases.append(name)
        if other.description.strip() and other.description.strip() not in descriptions:
            descriptions.append(other.description.strip())
    return replace(keep, aliases=tuple(aliases), description="\n".join(descriptions))


def entry_from_suggestion(suggestion: dict) -> CodexEntry:
    """An entry from a ``core.codex_suggest.Suggestion.to_dict()`` record."""
    kind = suggestion.get("kind", "other")
    return CodexEntry(
        name=suggestion["name"],
        kind=kind if kind in KINDS else "lore",
        aliases=tuple(suggestion.get("aliases") or ()),
        description=str(suggestion.get("description") or ""),
    )


def chapter_at(starts: Sequence[int], index: int) -> int:
    """The 1-based chapter holding *index*, given the chapters' start offsets (0 when there are none)."""
    return bisect.bisect_right(starts, index)


def chapter_starts(text: str) -> list[int]:
    return [chapter.start for chapter in find_chapters(text)]


def versions_in_force(entries: Sequence[CodexEntry], chapter: int) -> list[CodexEntry]:
    """For each name, the version that holds in *chapter*: the latest ``from_chapter`` not after it."""
    chosen: dict[str, CodexEntry] = {}
    for entry in entries:
        key = entry.name.casefold()
        if entry.from_chapter > chapter and entry.from_chapter > 0:
            continue
        current = chosen.get(key)
        if current is None or entry.from_chapter >= current.from_chapter:
            chosen[key] = entry
    return [entry for entry in entries if chosen.get(entry.name.casefold()) is entry]


def _name_pattern(name: str) -> re.Pattern[str]:
    # A name with capitals must be written with them ("Will" is not "will"); a lower-case one matches any case.
    flags = 0 if name != name.lower() else re.IGNORECASE
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", flags)


def last_mention(entry: CodexEntry, text: str) -> int:
    """Where in *text* the entry's name or an alias last occurs, -1 if nowhere."""
    last = -1
    for name in entry.names():
        for match in _name_pattern(name).finditer(text):
            last = max(last, match.end())
    return last


def describe(entry: CodexEntry) -> str:
    """The entry as one line of the prompt."""
    names = entry.name + (f" (also {', '.join(entry.aliases)})" if entry.aliases else "")
    description = " ".join(entry.description.split())
    return f"- {names}, {entry.kind}" + (f": {description}" if description else "")


def snippets_for(
    entries: Sequence[CodexEntry],
    text: str,
    start: int,
    end: int | None = None,
    near_chars: int = NEAR_CHARS,
    starts: Sequence[int] | None = None,
) -> list[CodexSnippet]:
    """The entries that matter for a request at ``text[start:end]``, most important first.

    For Continue *start* = *end* = the cursor; for Rewrite the selection.
    "Always include" entries come first, then those named closest to the
    cursor (or anywhere in the selection). The chapter of *start* decides
    which version of an entry holds (*starts*: the chapters' start offsets,
    if known already).
    """
    end = start if end is None else end
    chapter = chapter_at(chapter_starts(text) if starts is None else starts, start)
    window = text[max(0, start - near_chars) : end]
    order = {entry.id: number for number, entry in enumerate(entries)}
    ranked: list[tuple[int, int, CodexEntry]] = []
    for entry in versions_in_force(entries, chapter):
        mention = last_mention(entry, window)
        if entry.always:
            ranked.append((0, 0, entry))
        elif mention >= 0:
            ranked.append((1, -mention, entry))
    ranked.sort(key=lambda item: item[:2])
    return [CodexSnippet(entry.name, describe(entry), order[entry.id]) for *_, entry in ranked]


def estimate_tokens(text: str) -> int:
    """A model-free token estimate (about four characters a token in English prose)."""
    return (len(text) + 3) // 4


def codex_block(
    snippets: Sequence[CodexSnippet],
    budget_tokens: int = DEFAULT_BUDGET_TOKENS,
    count_tokens: Callable[[str], int] = estimate_tokens,
) -> tuple[str, list[str], int]:
    """The Codex part of a prompt: the most important snippets that fit *budget_tokens*, in Codex order.

    Returns the text ("" when nothing fits or nothing matters), the names
    sent, and the text's tokens.
    """
    chosen: list[CodexSnippet] = []
    used = count_tokens(CODEX_HEADING)
    for snippet in snippets:
        cost = count_tokens(snippet.text) + 1  # the line break
        if used + cost <= budget_tokens:
            chosen.append(snippet)
            used += cost
    if not chosen:
        return "", [], 0
    chosen.sort(key=lambda snippet: snippet.order)
    block = "\n".join([CODEX_HEADING, *(snippet.text for snippet in chosen)])
    return block, [snippet.name for snippet in chosen], count_tokens(block)


def entries_to_records(entries: Iterable[CodexEntry]) -> list[dict]:
    return [entry.to_dict() for entry in entries]


def entries_from_records(records: object) -> list[CodexEntry]:
    """Entries from stored records; damaged ones are skipped."""
    entries = []
    for record in records if isinstance(records, list) else []:
        try:
            entries.append(CodexEntry.from_dict(record))
        except (ValueError, TypeError):
            continue
    return entries
