"""Answering questions about the manuscript from its own passages, with citations.

A question naming someone or something the text never mentions is answered
"not found" at once (``core.questions``). Otherwise ``answer_question``
retrieves passages and lets a chat model answer from them;
``extractive_answer`` picks the answer span with an extractive QA model
(DistilBERT-SQuAD style). Citations are character offsets into the document.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable

import numpy as np

from writer_app.core.ask_prompts import (
    NOT_FOUND,
    ask_messages,
    cited_numbers,
    first_sentences,
    quoted_answer,
    reply_is_complete,
    says_not_found,
)
from writer_app.core.names import FOLDED_TITLES, CaseCounts, case_counts, name_spans
from writer_app.core.passages import Passage
from writer_app.core.questions import unmentioned_names
from writer_app.core.requests import AskRequest, GenerationSettings
from writer_app.core.results import AskResult, Citation, Evidence
from writer_app.core.sentences import split_sentences
from writer_app.engine.backend import AnswerSpan, Unsupported
from writer_app.tasks.context import TaskContext
from writer_app.tasks.index import manuscript_index
from writer_app.tasks.retrieval import EmbedFn, PassageIndex, content_words

ChatFn = Callable[[list[dict], GenerationSettings], str]
"""Messages → the model's whole reply (streamed meanwhile); raises Stopped when stopped."""
SpanFn = Callable[[str, str], "AnswerSpan | None"]
"""(question, passage text) → the best answer span in the passage, or None."""

# Cosine score of the best passage below which the text is taken not to answer
# the question. Calibrated for all-MiniLM-L6-v2 (bench/ask_eval.py).
DEFAULT_MIN_SCORE = 0.3
# What a sentence gains over its cosine to the question, chosen on the development
# sets (bench/data/ask_dev*_questions.json, docs/notes/ask-quoted-answers.md): sharing
# the question's words (a share, 0–1), alone or with the sentence before it; naming
# someone or something the question does not, and adding words of its own (up to
# ``NEW_WORDS_COUNTED``): an answer tells the reader something the question did not;
# and holding the words the model's reply adds.
EVIDENCE_WORD_WEIGHT = 0.2
CONTEXT_WORD_WEIGHT = 0.1
NEW_NAME_WEIGHT = 0.2
NEW_WORD_WEIGHT = 0.1
NEW_WORDS_COUNTED = 5
ANSWER_WORD_WEIGHT = 0.6
# A second sentence is quoted when it scores this close to the best: the text may state the answer there.
SECOND_QUOTE_MARGIN = 0.05
# Sentences of the retrieved passages the model reads (each passage keeps at least one).
CONTEXT_SENTENCES = 8
_CITATION_MARK = re.compile(r"\[\d+(?:\s*[,;]\s*\d+)*\]")
# Words a small model wraps its answers in.
_FILLER = frozenset("answer answers passage passages text question according mentioned".split())


def run_ask(request: AskRequest, ctx: TaskContext) -> AskResult:
    missing = unmentioned_names(request.question, request.text)
    if missing:
        # Nothing to search for: no model is loaded and no passage is offered as "closest".
        return AskResult(
            answer=NOT_FOUND,
            found=False,
            question=request.question,
            model_id=request.model_id,
            unmentioned=tuple(missing),
        )
    embedder = ctx.backend(request.embed_model_id)
    index = manuscript_index(ctx, embedder, request.text)
    writer = ctx.backend(request.model_id)

    def embed(texts: list[str]) -> np.ndarray:
        return embedder.embed(texts, stop=ctx.stop)

    ctx.progress("answering", None, "Looking for the answer…")
    if writer.capabilities.extractive_qa:
        query = embed([request.question])[0]
        hits = index.search(query, request.top_k, query_text=request.question)
        result = extractive_answer(request.question, [passage for passage, _score in hits], writer.extract_answer)
    elif writer.capabilities.chat:
        result = answer_question(
            request.question,
            index,
            embed,
            ctx.chat_with(writer, enough=reply_is_complete),
            request.settings,
            top_k=request.top_k,
            cases=case_counts(request.text),
        )
        ctx.check_stop()  # a reply cut short by Stop is no answer
    else:
        raise Unsupported(f"{writer.name} is not an instruct model; choose one that can follow instructions.")
    return replace(
        result,
        question=request.question,
        model_id=writer.model_id,
        passages=len(index),
        embedded_now=index.embedded_now,
    )


def answer_question(
    question: str,
    index: PassageIndex,
    embed: EmbedFn,
    chat: ChatFn,
    settings: GenerationSettings,
    top_k: int = 4,
    min_score: float = DEFAULT_MIN_SCORE,
    cases: CaseCounts | None = None,
) -> AskResult:
    """The chat model's answer from the best passages, or "not found".

    The model is not asked when no retrieved passage reaches *min_score*
    (cosine); ``closest`` then still lists the nearest passages. The model
    reads each passage's sentences closest to the question (``excerpts``),
    not the whole passages: a small model reads ~150 tokens a second on a
    laptop. ``evidence`` is the retrieved sentence that best shows the
    answer, word for word: what a small model's answer should be checked
    against; ``more_evidence`` a second one that scores almost as well.
    *cases* tells names from capitalised words (default: counted in the passages).
    """
    query = np.asarray(embed([question]), dtype=np.float32)[0]
    hits = index.search(query, top_k, query_text=question)
    closest = [_citation(passage, score, number) for number, (passage, score) in enumerate(hits, start=1)]
    not_found = AskResult(answer=NOT_FOUND, found=False, closest=tuple(closest))
    if not hits or max(score for _, score in hits) < min_score:
        return not_found
    passages = [passage for passage, _ in hits]
    sentences = SentenceScores(question, query, passages, embed, cases)
    reply = chat(ask_messages(question, sentences.excerpts(CONTEXT_SENTENCES)), settings).strip()
    if says_not_found(reply):
        return not_found
    reply = first_sentences(reply)
    own_words = answer_words(reply, question)
    numbers = cited_numbers(reply, len(hits))
    held = {n: len(own_words & content_words(p.text)) for n, p in enumerate(passages, start=1)}
    most = max(held.values(), default=0)
    quotes = sentences.evidence(own_words)
    # The quoted sentences' passages are always cited: the answer quotes them.
    quoted = [n for quote in quotes for n, p in enumerate(passages, start=1) if p.start <= quote.start < p.end]
    if own_words and own_words <= content_words(" ".join(quote.text for quote in quotes)):
        # The quoted sentences hold every word the reply adds to the question: it stands, cited
        # next where most of those words are (a small model often cites the wrong number); among
        # those passages, the model's own citations come first.
        mentioned = {n: order for order, n in enumerate(numbers)}
        numbers = sorted((n for n in held if held[n] == most), key=lambda n: (mentioned.get(n, len(mentioned)), n))
    else:
        # Words the quotes do not hold are the model's guess ("The housekeeper at Pemberley is
        # Elizabeth", "… to buy Pembella"): the text's sentences answer alone.
        reply, numbers = "", []
    numbers = list(dict.fromkeys(quoted + numbers)) or [1]
    return AskResult(
        answer=quoted_answer(reply, quotes),
        found=True,
        citations=tuple(closest[n - 1] for n in numbers),
        closest=tuple(closest),
        evidence=quotes[0] if quotes else None,
        more_evidence=tuple(quotes[1:]),
        reply=reply,
    )


def answer_words(answer: str, question: str) -> set[str]:
    """The words an answer adds to its question ("Mr. Collins [1]" to "Whom does Charlotte marry?" → collins)."""
    return content_words(_CITATION_MARK.sub(" ", answer)) - content_words(question) - _FILLER


class SentenceScores:
    """The sentences of the retrieved passages, scored against the question.

    A sentence's score is its cosine to the question plus bonuses (see
    ``EVIDENCE_WORD_WEIGHT`` and the weights after it) for sharing the
    question's words, and for telling something the question does not.
    """

    def __init__(
        self,
        question: str,
        query: np.ndarray,
        passages: list[Passage],
        embed: EmbedFn,
        cases: CaseCounts | None = None,
    ):
        self.passages = passages
        # (document start, document end, text, passage number), each sentence once.
        found: dict[int, tuple[int, str, int]] = {}
        for number, passage in enumerate(passages, start=1):
            for span in split_sentences(passage.text):
                found.setdefault(passage.start + span.start, (passage.start + span.end, span.text, number))
        self.rows = [(start, end, text, number) for start, (end, text, number) in found.items()]
        texts = [" ".join(text.split()) for _, _, text, _ in self.rows]
        self.flat = texts
        if texts:
            unit = query / max(float(np.linalg.norm(query)), 1e-12)
            self.cosines = np.asarray(embed(texts), dtype=np.float32) @ unit
        else:
            self.cosines = np.zeros(0, dtype=np.float32)
        cases = cases or CaseCounts("\n".join(passage.text for passage in passages))
        wanted = content_words(question)
        self.words = [content_words(text) for text in texts]
        self.scores = self.cosines + np.asarray(
            [self._bonus(wanted, self.words, row, cases) for row in range(len(texts))], dtype=np.float32
        )

    def _bonus(self, wanted: set[str], words: list[set[str]], row: int, cases: CaseCounts) -> float:
        """*wanted*: the question's content words; *words*: each sentence's."""
        before = words[row - 1] if row and self.rows[row - 1][3] == self.rows[row][3] else set()
        names = (content_words(self.flat[row][a:b]) - FOLDED_TITLES for a, b in name_spans(self.flat[row], cases))
        names_another = any(name and not name & wanted for name in names)
        share = 1 / max(1, len(wanted))
        own = words[row]
        return (
            EVIDENCE_WORD_WEIGHT * len(wanted & own) * share
            + CONTEXT_WORD_WEIGHT * len(wanted & (own | before)) * share
            + NEW_NAME_WEIGHT * names_another
            + NEW_WORD_WEIGHT * min(len(own - wanted), NEW_WORDS_COUNTED) / NEW_WORDS_COUNTED
        )

    def excerpts(self, count: int) -> list[str]:
        """Each passage as its sentences among the *count* best (at least its own best), unwrapped, in order."""
        if not self.rows:
            return [" ".join(passage.text.split()) for passage in self.passages]
        chosen = set(np.argsort(-self.scores, kind="stable")[:count].tolist())
        excerpts = []
        for number, passage in enumerate(self.passages, start=1):
            rows = [i for i, row in enumerate(self.rows) if row[3] == number]
            if not rows:
                excerpts.append(" ".join(passage.text.split()))
                continue
            keep = [i for i in rows if i in chosen] or [max(rows, key=lambda i: self.scores[i])]
            pieces, previous = [], None
            for i in sorted(keep, key=lambda i: self.rows[i][0]):
                if previous is not None and rows.index(i) != rows.index(previous) + 1:
                    pieces.append("…")
                pieces.append(self.flat[i])
                previous = i
            excerpts.append(" ".join(pieces))
        return excerpts

    def evidence(self, answer: set[str] = frozenset()) -> list[Evidence]:
        """The sentences that best show the answer, best first: the best score plus a bonus for holding
        the words *answer* adds, and the runner-up too when it scores within ``SECOND_QUOTE_MARGIN``."""
        if not self.rows:
            return []
        holds = [len(answer & words) / max(1, len(answer)) for words in self.words]
        totals = self.scores + ANSWER_WORD_WEIGHT * np.asarray(holds, dtype=np.float32)
        order = np.argsort(-totals, kind="stable")[:2].tolist()
        picked = [row for row in order if totals[order[0]] - totals[row] <= SECOND_QUOTE_MARGIN]
        return [
            Evidence(
                start=self.rows[row][0],
                end=self.rows[row][1],
                text=self.rows[row][2],
                score=round(float(self.cosines[row]), 4),
            )
            for row in picked
        ]


def _citation(passage: Passage, score: float, number: int) -> Citation:
    return Citation(
        start=passage.start, end=passage.end, score=round(float(score), 4), text=passage.text, number=number
    )


# --------------------------------------------------------------------------- extractive


def extractive_answer(question: str, passages: list[Passage], find_span: SpanFn) -> AskResult:
    """The best answer span over *passages*, as *find_span* scores them.

    The citation's start and end index the document, its passage_start and
    passage_end the passage the span was found in.
    """
    best: tuple[AnswerSpan, Passage] | None = None
    for passage in passages:
        span = find_span(question, passage.text)
        if span is not None and (best is None or span.score > best[0].score):
            best = (span, passage)
    if best is None:
        return AskResult(answer="", found=False, score=0.0)
    span, passage = best
    citation = Citation(
        start=passage.start + span.start,
        end=passage.start + span.end,
        score=round(span.score, 4),
        text=passage.text[span.start : span.end],
        number=1,
        passage_start=passage.start,
        passage_end=passage.end,
    )
    return AskResult(answer=citation.text, found=True, score=round(span.score, 4), citations=(citation,))
