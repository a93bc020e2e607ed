"""What a question about the manuscript names, and whether the manuscript ever names it. Model-free.

A manuscript cannot tell anything about someone or something it never
mentions: asked of Pride and Prejudice, "Who is the captain of the Pequod?"
has no answer there, however close some passage looks to a search. Ask says
so plainly instead of letting a model guess.
"""

from __future__ import annotations

import functools
import re

from writer_app.core.names import COMMON_WORDS, NAME, STRUCTURE_WORDS, fold, is_title

# Words a question may start with, capitalised only because they come first.
_OPENERS = COMMON_WORDS | frozenset("name tell list describe give explain".split())
# Words naming the manuscript's parts, not anything in the story: "What happens in Chapter 3?"
_POSSESSIVE = re.compile(r"[’']s?$")


def question_names(question: str) -> list[str]:
    """The names in *question*, without titles or possessives: "Mr. Darcy's estate" → ["Darcy"]."""
    names = []
    for match in NAME.finditer(question):
        words = [_POSSESSIVE.sub("", word) for word in match.group().split()]
        opens_question = not question[: match.start()].strip(" \"'“‘¿¡")
        if opens_question and words and fold(words[0]) in _OPENERS:
            words = words[1:]  # "What …", "Is …"
        words = [
            word
            for word in words
            if word and not is_title(word) and fold(word) not in COMMON_WORDS and fold(word) not in STRUCTURE_WORDS
        ]
        if words:
            names.append(" ".join(words))
    return list(dict.fromkeys(names))


def unmentioned_names(question: str, text: str) -> list[str]:
    """The words of *question*'s names that *text* never uses (ignoring case and accents)."""
    missing = []
    for name in question_names(question):
        for word in name.split():
            if len(word) > 1 and not _mentions(text, word):
                missing.append(word)
    return missing


def _mentions(text: str, word: str) -> bool:
    pattern = rf"(?<!\w){re.escape(word)}(?!\w)"
    if re.search(pattern, text, re.IGNORECASE):
        return True
    return re.search(rf"(?<!\w){re.escape(fold(word))}(?!\w)", _folded(text)) is not None


@functools.lru_cache(maxsize=1)  # the manuscript being asked about
def _folded(text: str) -> str:
    return fold(text)
