"""Names in prose: the people and places a text keeps mentioning. Model-free.

A name is a run of capitalised words, with honorifics (``Mr.``, ``Lady``,
``Prince``) and particles (``de``, ``von``) allowed inside it:
``Lady Catherine de Bourgh``, ``Mr. Darcy``, ``Natásha``. A capitalised word
that the text mostly writes in lower case (``The``, ``But`` at the start of
a sentence) is not a name. Text is compared folded: lower case, accents and
typographic apostrophes removed, so "Rostov" finds "Rostóv".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict

TITLES = (
    "Mr|Mrs|Ms|Miss|Messrs|Dr|Sir|Dame|Lady|Lord|Captain|Capt|Colonel|Col|General|Gen|Major|Lieutenant|Lt|"
    "Sergeant|Admiral|Prince|Princess|Count|Countess|Duke|Duchess|Baron|Baroness|King|Queen|Emperor|Empress|"
    "Father|Mother|Sister|Brother|Aunt|Uncle|Saint|St|Madame|Mme|Mademoiselle|Mlle|Monsieur|Professor|Prof|"
    "Reverend|Rev|Judge|Doctor|Master|Mistress|Old|Young|Little"
)
_PARTICLES = "de|da|di|du|del|della|van|von|der|den|le|la|al|bin|ibn"
_CAPITALISED = r"[^\W\d_a-z][\w’'\-]*"  # a word starting with an upper-case letter (any script)
NAME = re.compile(
    rf"(?:(?:{TITLES})\.?\s+)*{_CAPITALISED}(?:(?:\s+(?:{_PARTICLES}))?\s+(?:(?:{TITLES})\.?\s+)*{_CAPITALISED})*"
)
_TITLE_WORD = re.compile(rf"(?:{TITLES})\.?")
_POSSESSIVE = re.compile(r"[’']s?$")
_WORD = re.compile(r"[\w’'][\w’'\-]*")
# Words that are capitalised for grammar's sake, however often a text capitalises them.
COMMON_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each either else ever every few for from
    further had has have having he her here hers herself him himself his how i if in into is it its itself
    just let like made make many may me might more most much must my myself neither never no nor not now of
    off on once only or other ought our ours ourselves out over own quite rather same shall she should so
    some such than that the their theirs them themselves then there these they this those through thus to
    too under until up upon us very was we were what when where which while who whom whose why will with
    within without would yet you your yours yourself yourselves said says say tell told oh ah yes""".split()
)


# Words that name the parts of a manuscript ("Chapter 3"), however a text capitalises them.
STRUCTURE_WORDS = frozenset("chapter chapters part book volume scene prologue epilogue act section".split())
# The titles, folded ("mr", "lady").
FOLDED_TITLES = frozenset(title.lower() for title in TITLES.split("|"))

# Combining marks (accents) left over when letters are decomposed: "ó" is "o" and U+0301.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str) -> str:
    """Lower case without accents, typographic apostrophes made plain, white space collapsed."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return " ".join(_COMBINING.sub("", decomposed).lower().split())


def is_title(word: str) -> bool:
    return _TITLE_WORD.fullmatch(word) is not None


class CaseCounts:
    """How often each word of a text is written capitalised and in lower case."""

    def __init__(self, text: str):
        words = _WORD.findall(text)
        self.lower = Counter(w for w in words if w[0].islower())
        self.upper = Counter(w.lower() for w in words if w[0].isupper())

    def is_name_word(self, word: str) -> bool:
        key = _POSSESSIVE.sub("", word).lower()
        if key in COMMON_WORDS:
            return False
        return self.upper.get(key, 0) > self.lower.get(key, 0)


@functools.lru_cache(maxsize=2)  # the manuscript asked about, asked again and again
def case_counts(text: str) -> CaseCounts:
    """``CaseCounts(text)``, kept for the same text (half a second for a 560,000-word novel)."""
    return CaseCounts(text)


def name_spans(text: str, cases: CaseCounts, start: int = 0, end: int | None = None):
    """(start, end) of each name in ``text[start:end]``, without a leading common word or a trailing possessive."""
    for match in NAME.finditer(text, start, len(text) if end is None else end):
        words = list(re.finditer(r"\S+", match.group()))
        # Drop leading words that are not names (a capitalised "The" or "But"), keeping titles.
        while words and not is_title(words[0].group()) and not cases.is_name_word(words[0].group()):
            words.pop(0)
        while words and is_title(words[-1].group()):
            words.pop()  # "Mr." alone names nobody
        if not words:
            continue
        first, last = match.start() + words[0].start(), match.start() + words[-1].end()
        possessive = _POSSESSIVE.search(text, first, last)
        if possessive and possessive.end() == last:
            last = possessive.start()
        if last > first:
            yield first, last


def main_names(text: str, cases: CaseCounts, start: int = 0, end: int | None = None, count: int = 4) -> list[str]:
    """The *count* names most often mentioned in ``text[start:end]``, each as the text most often writes it.

    "Mr. Darcy", "Darcy" and "Fitzwilliam Darcy" count as one (their last
    word); a name mentioned only once is never a main one.
    """
    mentions: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for first, last in name_spans(text, cases, start, end):
        written = " ".join(text[first:last].split())
        key = fold(written).split()[-1]
        if len(key.strip(".")) < 2:
            continue  # an initial ("J. J.") or an interjection ("O, Stephen"), not someone's name
        mentions[key] += 1
        forms[key][written] += 1
    return [forms[key].most_common(1)[0][0] for key, seen in mentions.most_common(count) if seen > 1]
