"""Ask: the prompt, answers with citations, the not-found path, and extractive answers."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest
import torch

from tests.tasks.test_retrieval import PLANTED, HashingEmbedder, planted_document
from writer_app.core.ask_prompts import (
    NOT_FOUND,
    ask_messages,
    cited_numbers,
    first_sentences,
    quoted_answer,
    reply_is_complete,
    says_not_found,
)
from writer_app.core.passages import Passage, split_passages
from writer_app.core.requests import GenerationSettings
from writer_app.core.results import AskResult, Citation, Evidence
from writer_app.core.sentences import split_sentences
from writer_app.engine.extractive_qa import best_span
from writer_app.tasks.ask import (
    CONTEXT_SENTENCES,
    SentenceScores,
    answer_question,
    answer_words,
    extractive_answer,
)
from writer_app.tasks.retrieval import PassageIndex

pytestmark = pytest.mark.core

QUESTION = "Where did Mrs. Bennet keep her emerald brooch?"
SETTINGS = GenerationSettings(max_new_tokens=16, temperature=0)


class FakeChat:
    def __init__(self, reply: str):
        self.reply = reply
        self.calls: list[tuple[list[dict], GenerationSettings]] = []

    def __call__(self, messages: list[dict], settings: GenerationSettings) -> str:
        self.calls.append((messages, settings))
        return self.reply


def refuse_chat(messages, settings):
    raise AssertionError("the model must not be asked")


@pytest.fixture
def document() -> str:
    return planted_document()


@pytest.fixture
def embed() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def index(document, embed, tmp_path) -> PassageIndex:
    return PassageIndex.build(split_passages(document), embed, tmp_path / "cache", "hashing")


def assert_citation(document: str, citation: Citation) -> None:
    assert citation.passage_start is None and citation.passage_end is None
    assert document[citation.start : citation.end] == citation.text


# --------------------------------------------------------------------------- prompt


def test_messages_number_the_passages_and_ask_for_citations():
    messages = ask_messages(" Who came? ", ["First passage.", "  Second passage.\n"])
    assert [m["role"] for m in messages] == ["system", "user"]
    assert NOT_FOUND in messages[0]["content"] and "[2]" in messages[0]["content"]
    user = messages[1]["content"]
    assert "[1] First passage.\n\n[2] Second passage." in user
    assert user.endswith("Question: Who came?")
    assert len(messages[0]["content"]) < 400  # small models follow short instructions best


@pytest.mark.parametrize(
    ("answer", "numbers"),
    [
        ("In the caddy [2].", [2]),
        ("Yes [1, 3] and [3][2].", [1, 3, 2]),
        ("See [1; 2].", [1, 2]),
        ("Out of range [0] [5] [12].", []),
        ("No citations at all.", []),
    ],
)
def test_cited_numbers(answer, numbers):
    assert cited_numbers(answer, 4) == numbers


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (NOT_FOUND, True),
        ("I couldn’t find this in your text.", True),
        ("The passages do not mention a brooch.", True),
        ("", True),
        ("She could not find her brooch anywhere [2].", False),
        ("In the blue tea caddy [1].", False),
        ("In the blue tea caddy.", False),
    ],
)
def test_says_not_found(answer, expected):
    assert says_not_found(answer) is expected


# --------------------------------------------------------------------------- answer_question


def test_answer_cites_the_passages_it_names(document, index, embed):
    chat = FakeChat("In the blue tea caddy [1].")
    result = answer_question(QUESTION, index, embed, chat, SETTINGS, top_k=4, min_score=0.1)
    assert result.found is True
    assert result.reply == "In the blue tea caddy [1]."
    assert result.answer == f"In the blue tea caddy [1].\n“{PLANTED}”"  # the reply, then the sentence that states it
    [citation] = result.citations
    assert citation.number == 1 and PLANTED in citation.text
    assert_citation(document, citation)
    assert [c.number for c in result.closest] == [1, 2, 3, 4]
    for closest in result.closest:
        assert_citation(document, closest)
    messages, settings = chat.calls[0]
    assert settings is SETTINGS
    assert QUESTION in messages[-1]["content"] and PLANTED in messages[-1]["content"]
    assert "[4]" in messages[-1]["content"] and "[5]" not in messages[-1]["content"]


def test_a_reply_the_passages_do_not_hold_gives_way_to_the_sentence(document, index, embed):
    chat = FakeChat("In the Royal Pavilion at Brighton [1].")  # no word of it is in the text
    result = answer_question(QUESTION, index, embed, chat, SETTINGS, top_k=4, min_score=0.1)
    assert result.found is True and result.reply == ""
    quotes = [result.evidence, *result.more_evidence]
    assert result.answer == "\n".join(f"“{' '.join(quote.text.split())}”" for quote in quotes)
    assert "Brighton" not in result.answer


def test_a_reply_naming_what_the_passages_never_name_gives_way_to_the_sentence(document, index, embed):
    chat = FakeChat("Mrs. Bennet kept it in the caddy at Brightonhurst [1].")  # her name is there, the house is not
    result = answer_question(QUESTION, index, embed, chat, SETTINGS, top_k=4, min_score=0.1)
    assert result.found is True and result.reply == "" and result.answer.startswith(f"“{PLANTED}”")


def test_a_reply_adding_words_the_quotes_do_not_hold_gives_way_to_them(document, index, embed):
    # "Elizabeth" is in the text, but not in the sentence that answers: the model guessed.
    chat = FakeChat("The brooch was kept by Elizabeth [1].")
    result = answer_question(QUESTION, index, embed, chat, SETTINGS, top_k=4, min_score=0.1)
    assert result.found is True and result.reply == "" and result.answer.startswith(f"“{PLANTED}”")
    assert "Elizabeth" not in "".join(quote.text for quote in (result.evidence, *result.more_evidence))
    assert any("Elizabeth" in passage.text for passage in result.closest)  # the passages name her


def test_first_sentences_keep_the_answer_and_drop_the_talk_about_the_passage():
    reply = "Mr. Wickham [1]. He elopes with\nLydia. The passage is a classic example of a scene.\n\nIn short, Wickham."
    assert first_sentences(reply) == "Mr. Wickham [1]. He elopes with Lydia."
    assert first_sentences(reply, 1) == "Mr. Wickham [1]."
    assert first_sentences("Wickham\n\nThe passage says so.") == "Wickham"
    assert first_sentences("  ") == ""
    # A first paragraph ending in a colon leads into the answer.
    assert first_sentences("The answer is:\n\nWickham [1].\n\nThe passage says so.") == "The answer is: Wickham [1]."


def test_a_reply_is_complete_once_a_sentence_or_paragraph_follows_what_is_kept():
    assert not reply_is_complete("Mr. Wickham [1]. He elopes")
    assert reply_is_complete("Mr. Wickham [1]. He elopes. The")
    assert reply_is_complete("Wickham\n\nThe")
    assert not reply_is_complete("The answer is:\n\nWickham")
    assert reply_is_complete("The answer is:\n\nWickham.\n\nThe")


def test_a_rambling_reply_is_cut_to_its_first_sentences(document, index, embed):
    chat = FakeChat("In the blue tea caddy [1]. It was emerald. The passage describes a caddy. The author likes tea.")
    result = answer_question(QUESTION, index, embed, chat, SETTINGS, top_k=4, min_score=0.1)
    assert result.reply == "In the blue tea caddy [1]. It was emerald."
    assert result.answer.startswith(result.reply + "\n“") and "author" not in result.answer


def test_quoted_answer_unwraps_the_sentences_one_a_line():
    evidence = Evidence(start=0, end=20, text="She kept it\n  in the caddy.", score=0.5)
    second = Evidence(start=30, end=50, text="The caddy was blue.", score=0.4)
    assert quoted_answer("The caddy.", [evidence]) == "The caddy.\n“She kept it in the caddy.”"
    assert quoted_answer("", [evidence]) == "“She kept it in the caddy.”"
    assert quoted_answer("", [evidence, second]) == "“She kept it in the caddy.”\n“The caddy was blue.”"
    assert quoted_answer("The caddy.", []) == "The caddy."


def test_the_evidence_is_the_planted_sentence_word_for_word(document, index, embed):
    result = answer_question(QUESTION, index, embed, FakeChat("Somewhere [2]."), SETTINGS, top_k=4, min_score=0.1)
    evidence = result.evidence
    assert evidence.text == PLANTED  # whatever the model said, the text's own sentence is shown
    assert document[evidence.start : evidence.end] == PLANTED
    assert -1 <= evidence.score <= 1


def test_an_invented_reply_cites_only_the_passage_it_quotes(index, embed):
    # No passage holds the reply's words: the model's own citations ([3], [1]) count for nothing.
    result = answer_question(QUESTION, index, embed, FakeChat("Zyxxq [3], qwzzy [1]."), SETTINGS, min_score=0.1)
    quoted = [quote.start for quote in (result.evidence, *result.more_evidence)]
    assert all(any(c.start <= start < c.end for c in result.citations) for start in quoted)
    holding = {next(c for c in result.closest if c.start <= start < c.end).number for start in quoted}
    assert len(result.citations) == len(holding)
    assert result.reply == "" and "Zyxxq" not in result.answer


def test_an_answer_without_citations_cites_the_best_passage(index, embed):
    result = answer_question(QUESTION, index, embed, FakeChat("In the blue tea caddy."), SETTINGS, min_score=0.1)
    assert result.found is True
    assert result.citations == (result.closest[0],)


def test_the_model_saying_not_found_is_not_found(index, embed):
    result = answer_question(
        QUESTION, index, embed, FakeChat("I could not find this in the passages."), SETTINGS, min_score=0.1
    )
    assert result == AskResult(answer=NOT_FOUND, found=False, closest=result.closest)
    assert len(result.closest) == 4


def test_weak_matches_skip_the_model(document, index, embed):
    result = answer_question("Quantum chromodynamics lattice?", index, embed, refuse_chat, SETTINGS, min_score=0.2)
    assert result.found is False and result.answer == NOT_FOUND and result.citations == ()
    assert len(result.closest) == 4
    assert all(c.score < 0.2 for c in result.closest)
    for closest in result.closest:
        assert_citation(document, closest)


def test_min_score_is_compared_with_the_best_passage(index, embed):
    best = max(score for _, score in index.search(embed([QUESTION])[0], 4, query_text=QUESTION))
    assert answer_question(QUESTION, index, embed, refuse_chat, SETTINGS, min_score=best + 0.01).found is False
    chat = FakeChat("Caddy [1].")
    assert answer_question(QUESTION, index, embed, chat, SETTINGS, min_score=best - 0.01).found is True


def test_an_empty_document_is_not_found(embed, tmp_path):
    index = PassageIndex.build([], embed, tmp_path, "hashing")
    result = answer_question(QUESTION, index, embed, refuse_chat, SETTINGS)
    assert result == AskResult(answer=NOT_FOUND, found=False)


def test_tiny_chat_model_plumbing(document, embed, tiny_llama_chat_dir, tmp_path):
    from writer_app.engine.backend import Prompt
    from writer_app.engine.devices import MachineFacts, plan_device
    from writer_app.engine.loader import load_model
    from writer_app.engine.local_backend import LocalBackend

    loaded = load_model("tiny-llama", tiny_llama_chat_dir, "causal", plan_device("cpu", MachineFacts(cpu_count=2)))
    backend = LocalBackend("Tiny", loaded, instruct=True)

    def chat(messages: list[dict], settings: GenerationSettings) -> str:
        return backend.complete(Prompt.chat(messages), settings, threading.Event()).text

    index = PassageIndex.build(split_passages(document, max_chars=200), embed, tmp_path, "hashing")
    result = answer_question(QUESTION, index, embed, chat, SETTINGS, top_k=2, min_score=0.1)
    assert isinstance(result.answer, str)
    assert len(result.closest) == 2
    if result.found:
        assert result.citations
    for citation in result.citations + result.closest:
        assert_citation(document, citation)


# --------------------------------------------------------------------------- extractive


class PeakQA(torch.nn.Module):
    """Start and end logits that peak on two chosen token ids."""

    def __init__(self, start_id: int, end_id: int, positions: int = 128):
        super().__init__()
        self.start_id, self.end_id = start_id, end_id
        self.config = SimpleNamespace(max_position_embeddings=positions)

    def forward(self, input_ids, attention_mask=None, **kwargs):
        start = (input_ids == self.start_id).float() * 10
        end = (input_ids == self.end_id).float() * 10
        return SimpleNamespace(start_logits=start, end_logits=end)


@pytest.fixture(scope="module")
def qa_tokenizer():
    from tests.tiny_models import wordpiece_tokenizer

    return wordpiece_tokenizer(token_type_ids=False)


def spans(model, tokenizer):
    return lambda question, context: best_span(model, tokenizer, question, context)


def filler(sentences: int) -> str:
    return " ".join("Mr. Bennet made no answer to his wife that day." for _ in range(sentences))


def long_document() -> tuple[str, Passage]:
    """A document whose second passage needs several 128-token windows; the answer is near its end."""
    head = "# Chapter 1\n\nIt is a truth universally acknowledged.\n\n"
    body = f"{filler(30)} My dear, Netherfield Park is let at last. {filler(2)}"
    document = head + body
    start = document.index(body)
    return document, Passage(start, start + len(body), body)


def test_extractive_span_maps_to_document_offsets(qa_tokenizer):
    document, passage = long_document()
    model = PeakQA(*qa_tokenizer.convert_tokens_to_ids(["netherfield", "park"]))
    result = extractive_answer(
        "What is let at last?", [Passage(0, 52, document[:52]), passage], spans(model, qa_tokenizer)
    )
    assert result.found is True
    assert result.answer == "Netherfield Park"
    [citation] = result.citations
    assert document[citation.start : citation.end] == result.answer
    assert (citation.passage_start, citation.passage_end) == (passage.start, passage.end)
    assert result.score > 0.9


def test_extractive_span_never_ends_before_it_starts(qa_tokenizer):
    document, passage = long_document()
    model = PeakQA(*qa_tokenizer.convert_tokens_to_ids(["park", "netherfield"]))  # end peak before start peak
    result = extractive_answer("What is let?", [passage], spans(model, qa_tokenizer))
    citation = result.citations[0]
    assert citation.start < citation.end
    assert document[citation.start : citation.end] == result.answer
    assert result.score < 0.5


def test_extractive_span_is_at_most_thirty_tokens(qa_tokenizer):
    text = "Netherfield " + " ".join(["one"] * 40) + " park."
    model = PeakQA(*qa_tokenizer.convert_tokens_to_ids(["netherfield", "park"]))
    result = extractive_answer("Which?", [Passage(10, 10 + len(text), text)], spans(model, qa_tokenizer))
    assert 1 <= len(qa_tokenizer.tokenize(result.answer)) <= 30


def test_extractive_handles_a_question_longer_than_the_window(qa_tokenizer):
    document, passage = long_document()
    model = PeakQA(*qa_tokenizer.convert_tokens_to_ids(["netherfield", "park"]))
    result = extractive_answer(filler(40) + " What is let?", [passage], spans(model, qa_tokenizer))
    assert result.answer == "Netherfield Park"


def test_extractive_without_passages():
    assert extractive_answer("Who?", [], lambda q, c: None) == AskResult(answer="", found=False, score=0.0)


def test_tiny_distilbert_qa(tiny_distilbert_qa_dir):
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    model = AutoModelForQuestionAnswering.from_pretrained(tiny_distilbert_qa_dir).eval()
    tokenizer = AutoTokenizer.from_pretrained(tiny_distilbert_qa_dir)
    document = planted_document()
    passages = split_passages(document)[:3]
    result = extractive_answer("Who has taken Netherfield?", passages, spans(model, tokenizer))
    assert result.found is True and result.answer
    citation = result.citations[0]
    assert document[citation.start : citation.end] == result.answer
    assert citation.passage_start <= citation.start < citation.end <= citation.passage_end
    assert 0 < result.score <= 1
    assert len(tokenizer.tokenize(result.answer)) <= 30


def test_citations_and_evidence_go_where_the_answer_s_own_words_are(document, index, embed):
    # The model cites a passage without its answer's words ("blue tea caddy").
    hits = index.search(embed([QUESTION])[0], 4, query_text=QUESTION)
    wrong = next(n for n, (passage, _) in enumerate(hits, start=1) if "caddy" not in passage.text)
    reply = f"The blue tea caddy [{wrong}]."
    result = answer_question(QUESTION, index, embed, FakeChat(reply), SETTINGS, top_k=4, min_score=0.1)
    assert result.found
    assert PLANTED in result.citations[0].text  # the passage holding the answer comes first
    assert all("caddy" in citation.text for citation in result.citations)
    assert "caddy" in result.evidence.text


def scores(question: str, sentences: list[str]):
    """SentenceScores of one passage made of *sentences*, every cosine the same."""
    text = " ".join(sentences)
    flat = HashingEmbedder()  # its vectors do not matter: the query is zero, so every cosine is 0
    return SentenceScores(question, 0 * flat([question])[0], [Passage(0, len(text), text)], flat)


def test_a_sentence_naming_someone_the_question_does_not_scores_higher():
    question = "Who is the colonel of the regiment at Meryton?"
    result = scores(
        question,
        [
            "The regiment at Meryton had a colonel of its own, as regiments do.",
            "The regiment at Meryton was under Colonel Forster that winter, they said.",
        ],
    )
    assert result.scores[1] > result.scores[0]
    [best] = result.evidence()
    assert "Forster" in best.text


def test_a_sentence_only_repeating_the_question_scores_below_one_that_adds_words():
    question = "What does Ahab nail to the mast?"
    result = scores(
        question,
        ["Ahab will nail it to the mast.", "Ahab will nail a gold doubloon, worth sixteen dollars, to the mast."],
    )
    assert result.scores[1] > result.scores[0]


def test_the_sentence_before_counts_for_the_question_s_words():
    question = "Who told Mrs. Bennet the news about Netherfield Park?"
    lone = scores(question, ["The weather was fine.", "Mrs. Long has just been here, and she told me all about it."])
    after = scores(
        question, ["Netherfield Park is let at last.", "Mrs. Long has just been here, and she told me all about it."]
    )
    assert after.scores[1] > lone.scores[1]


def test_a_runner_up_close_to_the_best_is_quoted_too_and_a_distant_one_is_not():
    question = "Who is the colonel of the regiment at Meryton?"
    twins = scores(
        question, ["Colonel Forster led the regiment at Meryton.", "Colonel Forster led the regiment at Meryton!"]
    )
    assert len(twins.evidence()) == 2
    apart = scores(question, ["Colonel Forster led the regiment at Meryton.", "It rained."])
    assert [quote.text for quote in apart.evidence()] == ["Colonel Forster led the regiment at Meryton."]


def test_answer_words_leave_out_the_question_and_citation_marks():
    assert answer_words("Mr. Collins [1].", "Whom does Charlotte Lucas marry?") == {"mr", "collins"}
    assert answer_words("The answer is: Jane Bennet [2].", "Whom does Jane Bennet marry?") == set()


def test_the_model_reads_the_best_sentences_of_each_passage_not_whole_passages(index, embed):
    chat = FakeChat("The blue tea caddy [1].")
    result = answer_question(QUESTION, index, embed, chat, SETTINGS, top_k=4, min_score=0.1)
    prompt = chat.calls[0][0][-1]["content"]
    assert PLANTED in prompt
    assert all(f"[{n}] " in prompt for n in range(1, 5))  # every passage keeps its number
    sent = sum(len(split_sentences(citation.text)) for citation in result.closest)
    shown = sum(len(split_sentences(line)) for line in prompt.split("\n\n")[1:-1])
    assert shown <= max(CONTEXT_SENTENCES, 4) < sent  # fewer sentences than the passages hold
    assert "\n" not in "".join(prompt.split("\n\n")[1:-1])  # hard line breaks are gone


def test_excerpts_keep_each_passage_s_best_sentence_unwrapped(embed):
    places = ["barn", "cellar", "chapel"]
    wrapped = "\n\n".join(
        f"The {place} was\ncold that year. Owls nested in the\nrafters. Anna hid the key in the {place}. "
        f"Then\nrain fell on the {place}."
        for place in places
    )
    passages = split_passages(wrapped, max_chars=120)
    assert len(passages) == 3
    question = "Where did Anna hide the key?"
    scores = SentenceScores(question, embed([question])[0], passages, embed)
    excerpts = scores.excerpts(2)
    assert len(excerpts) == 3 and all(excerpt for excerpt in excerpts)
    assert all("\n" not in excerpt for excerpt in excerpts)
    for excerpt, passage, place in zip(excerpts, passages, places):
        assert f"Anna hid the key in the {place}." in excerpt
        # Each piece is a sentence of its own passage, unwrapped; "…" stands for what was left out.
        flat_passage = " ".join(passage.text.split())
        assert all(piece.strip() in flat_passage for piece in excerpt.split("…"))
        assert excerpt != flat_passage  # not the whole passage
