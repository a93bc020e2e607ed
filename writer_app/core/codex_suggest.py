"""Suggested Codex entries: the people, places and other names a manuscript keeps using. Model-free.

Every name form the text writes (``core.names``) is counted. Forms with a
title ("Mr. Darcy", "Mrs. Bennet") and full names ("Elizabeth Bennet") are
entries of their own; a shorter form joins the longer one that holds most of
its uses ("Darcy" → "Mr. Darcy", "Elizabeth" → "Elizabeth Bennet") when that
one clearly dominates. The members of a family share a surname under
different titles and first names, so "Mrs. Bennet", "Miss Bennet" and
"Elizabeth Bennet" never merge with each other.

An entry's kind comes from how the text uses it: a title or speech ("said
Stubb") makes a character; mostly after "in", "at", "from"… makes a place.
Its description is the first sentences that say what it is ("X was…",
"X, the…").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from writer_app.core.chapters import find_chapters
from writer_app.core.names import FOLDED_TITLES, STRUCTURE_WORDS, CaseCounts, fold, name_spans
from writer_app.core.sentences import split_sentences

# A shorter form joins a longer one holding at least this share of the longer forms' uses.
DOMINANT_SHARE = 0.6
MIN_MENTIONS = 3
MALE_TITLES = frozenset(
    "mr messrs sir lord captain capt colonel col general gen major lieutenant lt sergeant admiral prince count "
    "duke baron king emperor father brother uncle monsieur professor prof reverend rev judge doctor dr master".split()
)
# Capitalised words that name days, months and seasons of the calendar, not anyone in the story.
CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december christmas easter michaelmas lent".split()
)
# A capitalised word ending like a nationality or a language ("French", "Russian", "English") is an adjective.
_DEMONYM = re.compile(r"(?:ian|ish|ese|ench|utch)$")
_SPEAKING = r"(?:said|says|cried|replied|asked|answered|exclaimed|shouted|whispered|muttered|continued|added|thought)"
_SPEECH_BEFORE = re.compile(rf"\b{_SPEAKING}\s+$")  # said Stubb
_SPEECH_AFTER = re.compile(rf"[,\s]+{_SPEAKING}\b")  # Stubb said
_LOCATIVE = re.compile(r"\b(?:in|at|from|to|near|towards?|into|through|across|reach(?:ed)?|left|visit(?:ed)?)\s+$")
_DESCRIBES = r"(?:\s+(?:was|is|had been|has been|seemed|looked)\b|,\s+(?:a|an|the|who|whose|his|her)\b)"


@dataclass
class Suggestion:
    name: str
    kind: str  # "character", "place" or "other"
    aliases: list[str]
    mentions: int
    first: tuple[int, int]  # where the text first uses it
    chapters: list[int]  # 1-based chapter numbers
    description: str
    evidence: list[tuple[int, int]] = field(default_factory=list)  # the sentences of the description
    appears_with: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "aliases": self.aliases,
            "mentions": self.mentions,
            "first": {"start": self.first[0], "end": self.first[1]},
            "chapters": self.chapters,
            "description": self.description,
            "evidence": [{"start": start, "end": end} for start, end in self.evidence],
            "appears_with": self.appears_with,
        }


def suggest_entries(text: str, limit: int = 60) -> list[Suggestion]:
    """The *limit* most mentioned entries of *text*, most mentioned first."""
    cases = CaseCounts(text)
    spans: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    written: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for start, end in name_spans(text, cases):
        start, end = _trimmed(text, start, end)
        form = " ".join(text[start:end].split())
        key = tuple(fold(form).replace(".", "").split())
        if not key or _ignored(key) or form.isupper():
            continue  # headings and shouting are written in capitals, not names
        spans[key].append((start, end))
        written[key][form] += 1
    spans = _unglued(spans, text)
    owner = _merge(spans)
    groups: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in spans:
        groups[owner(key)].append(key)
    chapters = find_chapters(text)
    entries = []
    for head, members in groups.items():
        uses = sorted(span for key in members for span in spans[key])
        if len(uses) < MIN_MENTIONS or _adjective(text, head, uses):
            continue
        if len(head) == 1 and _mostly_opens_sentences(text, uses):
            continue
        ordered = sorted(members, key=lambda k: -len(spans[k]))
        names = [written[key].most_common(1)[0][0] for key in ordered]
        counts = {name: len(spans[key]) for name, key in zip(names, ordered)}
        entries.append((head, names, uses, counts))
    entries.sort(key=lambda entry: -len(entry[2]))
    entries = entries[:limit]
    suggestions = [_suggestion(text, head, names, uses, chapters, counts) for head, names, uses, counts in entries]
    _add_companions(text, suggestions, [uses for _, _, uses, _ in entries])
    return suggestions


def is_title(word: str) -> bool:
    return word in FOLDED_TITLES


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """A name span without what prose glued to it: "Mr. Darcy--that Mr. Darcy", "Meanwhile Captain Ahab"."""
    # A dash, a blank line or a sentence's end inside the span ends the name ("Mr." and the like do not).
    cut = re.search(r"--|—|\n\s*\n|(?<!\b(?:Mr|Dr|St|Mt|Lt|Ms))(?<!\b(?:Mrs|Col|Gen|Rev|Mme))\.\s", text[start:end])
    if cut:
        end = start + cut.start()
    words = list(re.finditer(r"\S+", text[start:end]))
    titles = [i for i, word in enumerate(words) if is_title(fold(word.group()).rstrip("."))]
    if titles and titles[0] > 0:  # words before the first title are the sentence's, not the name's
        start += words[titles[0]].start()
    return start, end


def _ignored(key: tuple[str, ...]) -> bool:
    words = [word for word in key if not is_title(word)]
    if any(word.startswith("i'") for word in words):  # "I'll", "I'm": the pronoun, capitalised by grammar
        return True
    return not words or (len(key) == 1 and (key[0] in CALENDAR or key[0] in STRUCTURE_WORDS))


def _unglued(spans: dict, text: str) -> dict:
    """Forms whose first word only opened the sentence ("Overhearing Starbuck") counted as the rest ("Starbuck")."""
    merged: dict[tuple[str, ...], list] = defaultdict(list)
    for key, uses in spans.items():
        rest = key[1:]
        first_alone = spans.get(key[:1], [])
        glued = (
            len(key) >= 2
            and not is_title(key[0])
            and len(spans.get(rest, ())) > len(uses)
            and (not first_alone or _mostly_opens_sentences(text, first_alone))
        )
        if glued:
            merged[rest].extend(
                (start + len(text[start:end]) - len(text[start:end].split(maxsplit=1)[-1]), end) for start, end in uses
            )
        else:
            merged[key].extend(uses)
    return merged


def _mostly_opens_sentences(text: str, uses: list[tuple[int, int]]) -> bool:
    """A lone word the text writes capitalised only where a sentence starts ("Meanwhile", "Aye") names nobody."""
    inside = sum(1 for start, _ in uses if re.search(r"[a-z,;]\s+$", text[max(0, start - 3) : start]))
    return inside < 0.2 * len(uses)


def _adjective(text: str, head: tuple[str, ...], uses: list[tuple[int, int]]) -> bool:
    """A lone word shaped like a nationality ("French", "Russian") that never owns anything is an adjective.

    A person of that shape ("Christian", "Sebastian") is sooner or later
    written with a possessive.
    """
    if len(head) != 1 or _DEMONYM.search(head[0]) is None:
        return False
    return not any(text[end : end + 2] in ("'s", "’s") for _start, end in uses)


def _merge(spans: dict[tuple[str, ...], list]):
    """A function giving each name form the form of the entry it belongs to."""
    count = {key: len(uses) for key, uses in spans.items()}

    def plain(key):
        return tuple(word for word in key if not is_title(word))

    def titled(key):
        return len(plain(key)) < len(key)

    parent: dict[tuple[str, ...], tuple[str, ...]] = {}
    # Forms by the first and last of their plain words: a shorter form can only be held at either end.
    by_end: dict[str, set] = defaultdict(set)
    for key in spans:
        words = plain(key)
        if words:
            by_end[words[0]].add(key)
            by_end[words[-1]].add(key)

    def owner(key):
        seen = set()
        while key in parent and key not in seen:
            seen.add(key)
            key = parent[key]
        return key

    # A shorter form joins the entry that dominates the longer forms holding its words ("Darcy" → "Mr. Darcy").
    # Longest forms first, so that the forms of one entry pool their uses: "Elizabeth" joins "Miss Elizabeth",
    # "Elizabeth Bennet" and "Miss Elizabeth Bennet" together, though each alone is rarer than "Elizabeth".
    for key in sorted(spans, key=len, reverse=True):
        words = plain(key)
        if titled(key) and len(words) >= 2:
            continue  # "Lady Catherine de Bourgh" and "Prince Andrew Bolkonski" head their own entries
        candidates = by_end.get(words[0], set()) | by_end.get(words[-1], set()) if words else set()
        holders = [
            other
            for other in candidates
            if other != key
            and len(other) > len(key)
            and _may_hold(other, key, count)
            and _holds(plain(other), words)
            and _same_title(key, other)
        ]
        if not holders:
            continue
        pooled: dict[tuple[str, ...], int] = defaultdict(int)
        for other in holders:
            pooled[owner(other)] += count[other]
        total = sum(pooled.values())
        best = max(pooled, key=lambda group: pooled[group])
        # A bare surname with no clear owner is the man's: prose calls women "Miss" or "Mrs." Bennet.
        men = [group for group in pooled if titled(group) and group[0] in MALE_TITLES]
        man = max(men, key=lambda group: pooled[group], default=None)
        if len(key) == 1 and man is not None:
            parent.setdefault(key, man)
        elif pooled[best] >= DOMINANT_SHARE * total and (titled(best) or len(plain(best)) >= 2):
            parent.setdefault(key, best)

    return owner


def _may_hold(longer: tuple[str, ...], shorter: tuple[str, ...], count: dict) -> bool:
    """A rare longer form holds a name only if its other words are no name of their own.

    "Marian Vell", met once, is Marian's full name; "Dnieper Alpátych", met
    once, is two names that prose put side by side.
    """
    if count[longer] >= MIN_MENTIONS:
        return True
    others = tuple(word for word in longer if word not in shorter and not is_title(word))
    # One more word at most: a rare run of five capitalised words is a list or a title, not a name.
    return len(others) <= 1 and all(count.get((word,), 0) < MIN_MENTIONS for word in others)


def _holds(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """Whether *shorter* is the start or the end of *longer* ("elizabeth" of "elizabeth bennet")."""
    n = len(shorter)
    return 0 < n < len(longer) + 1 and (longer[:n] == shorter or longer[-n:] == shorter)


def _same_title(key: tuple[str, ...], other: tuple[str, ...]) -> bool:
    """A titled form only joins a form with the same title; a bare one may join any."""
    own = [word for word in key if is_title(word)]
    return not own or own == [word for word in other if is_title(word)]


def _fullest(names: list[str], counts: dict[str, int]) -> str | None:
    """The form of two words or more with the most words that are not titles, used at least MIN_MENTIONS times
    (else the commonest form of two words or more)."""
    longer = [name for name in names if len(name.split()) >= 2]
    used = [name for name in longer if counts.get(name, 0) >= MIN_MENTIONS]
    if not used:
        return longer[0] if longer else None  # the commonest

    def plain_words(name: str) -> int:
        return sum(not is_title(fold(word).replace(".", "")) for word in name.split())

    return max(used, key=lambda name: (plain_words(name), counts.get(name, 0)))


def _suggestion(text, head, names, uses, chapters, counts) -> Suggestion:
    # The fullest form in real use names the entry ("Elizabeth Bennet" over "Miss Elizabeth"), else the commonest.
    name = _fullest(names, counts) or names[0]
    aliases = [alias for alias in names if alias != name]
    kind = _kind(text, head, uses)
    chapter_numbers = sorted(
        {
            number
            for number, chapter in enumerate(chapters, start=1)
            for s, _ in uses
            if chapter.start <= s < chapter.end
        }
    )
    evidence = _describing_sentences(text, names, uses)
    return Suggestion(
        name=name,
        kind=kind,
        aliases=aliases,
        mentions=len(uses),
        first=uses[0],
        chapters=chapter_numbers,
        description=" ".join(" ".join(text[s:e].split()) for s, e in evidence),
        evidence=evidence,
    )


def _kind(text: str, head: tuple[str, ...], uses: list[tuple[int, int]]) -> str:
    if any(is_title(word) for word in head):
        return "character"
    speech = locative = 0
    for start, end in uses:
        before, after = text[max(0, start - 14) : start].lower(), text[end : end + 14].lower()
        speech += bool(_SPEECH_BEFORE.search(before) or _SPEECH_AFTER.match(after))
        locative += bool(_LOCATIVE.search(text[max(0, start - 20) : start].lower()))
    if speech >= max(2, 0.15 * len(uses)):
        return "character"
    if locative >= 0.3 * len(uses):
        return "place"
    return "other"


def _describing_sentences(text: str, names: list[str], uses: list[tuple[int, int]], count: int = 2):
    """The first sentences that say what the entry is; else the sentences of its first uses."""
    pattern = re.compile("(?:" + "|".join(re.escape(name) for name in names) + ")" + _DESCRIBES)
    found: list[tuple[int, int]] = []
    fallback: list[tuple[int, int]] = []
    for start, _end in uses[:200]:
        left = max(0, start - 400)
        for span in split_sentences(text[left : start + 400]):
            s, e = left + span.start, left + span.end
            if s <= start < e:
                if (s, e) not in fallback:
                    fallback.append((s, e))
                if pattern.search(text, start, min(e, start + 80)) and (s, e) not in found:
                    found.append((s, e))
                break
        if len(found) >= count:
            break
    chosen = (found + [span for span in fallback if span not in found])[:count]
    return [(s, e) for s, e in chosen if e - s <= 600]


def _add_companions(text: str, suggestions: list[Suggestion], uses: list[list[tuple[int, int]]]) -> None:
    """Each entry's three most frequent companions within the same paragraph."""
    paragraph_of = _paragraph_index(text)
    where = [Counter(paragraph_of(start) for start, _ in entry_uses) for entry_uses in uses]
    for i, suggestion in enumerate(suggestions):
        shared = Counter()
        for j, other in enumerate(suggestions):
            if i != j:
                shared[other.name] = sum(min(n, where[j].get(p, 0)) for p, n in where[i].items())
        suggestion.appears_with = [name for name, n in shared.most_common(3) if n > 0]


def _paragraph_index(text: str):
    import bisect

    breaks = [match.start() for match in re.finditer(r"\n\s*\n", text)]
    return lambda position: bisect.bisect_right(breaks, position)
