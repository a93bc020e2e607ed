"""Every task runs on any backend that keeps the protocol: here a scripted one, as a server backend would be.

No torch model is loaded: this is what a new backend (an OpenAI-compatible
server, say) needs to provide for the writing tasks to work unchanged.
"""

from __future__ import annotations

import re
import threading
import zlib

import numpy as np
import pytest

from tests.conftest import DATA_DIR
from writer_app.core.ask_prompts import NOT_FOUND
from writer_app.core.codex import CodexEntry, snippets_for
from writer_app.core.errors import Stopped, TaskFailed
from writer_app.core.requests import (
    AlternativesRequest,
    AskRequest,
    ContinueRequest,
    EmbedRequest,
    GenerationSettings,
    IndexRequest,
    LoadModelRequest,
    SummariseRequest,
)
from writer_app.core.results import AlternativesResult, AskResult, ContinueResult, SummaryResult
from writer_app.engine.backend import (
    AnswerSpan,
    Capabilities,
    Completion,
    FittedText,
    Prompt,
    RuntimeInfo,
    ScoredToken,
    TextScores,
    TokenLogprob,
    Unsupported,
)
from writer_app.tasks.context import TaskContext
from writer_app.tasks.registry import run_task

pytestmark = pytest.mark.core

MANUSCRIPT = (DATA_DIR / "pride_and_prejudice_ch1-3.md").read_text(encoding="utf-8")


class ScriptedBackend:
    """Keeps the protocol with words for tokens and canned replies."""

    def __init__(self, model_id: str, capabilities: Capabilities, reply: str = "and the rain came down."):
        self.model_id = model_id
        self.name = model_id.title()
        self.capabilities = capabilities
        self.runtime = RuntimeInfo(device="server")
        self.reply = reply
        self.prompts: list[Prompt] = []

    def count_tokens(self, prompt) -> int:
        if isinstance(prompt, Prompt):
            prompt = prompt.text + " ".join(message["content"] for message in prompt.messages)
        return len(prompt.split())

    def fit_left(self, text: str, max_tokens: int, align_chars: int = 0) -> FittedText:
        words = text.split()
        if len(words) <= max_tokens:
            return FittedText(text, 0)
        kept = " ".join(words[-max_tokens:])
        return FittedText(kept, len(text) - len(kept))

    def complete(self, prompt, settings, stop, on_text=None, *, logprobs=False) -> Completion:
        self.prompts.append(prompt)
        for word in self.reply.split(" "):
            if stop.is_set():
                break
            if on_text is not None:
                on_text(word + " ")
        tokens = tuple(TokenLogprob(word, -1.0) for word in self.reply.split())
        return Completion(
            text=self.reply,
            new_tokens=len(tokens),
            prompt_tokens=self.count_tokens(prompt),
            logprobs=tokens if logprobs else (),
        )

    def complete_many(self, prompt, settings, count, stop) -> list[Completion]:
        self.prompts.append(prompt)
        return [
            Completion(text=f"{self.reply} ({n})", new_tokens=5, logprobs=(TokenLogprob("x", -0.5 * n),))
            for n in range(1, count + 1)
        ]

    def score(self, text, *, top_k=0, stop=None, score_from=0) -> TextScores:
        if not self.capabilities.scoring:
            raise Unsupported(f"{self.name} cannot score text.")
        # Each word is a token; a word costs its length in nats, and "lettre" far more.
        tokens = []
        for n, match in enumerate(re.finditer(r"\s*\S+", text)):
            word = match.group().strip()
            cost = 40.0 if word.startswith("lettre") else float(len(word))
            tokens.append(
                ScoredToken(match.start(), match.end(), match.group(), None if n == 0 else -cost, (("x", -1.0),))
            )
        return TextScores(tuple(tokens))

    def next_tokens(self, text, k):
        if not self.capabilities.top_k:
            raise Unsupported(f"{self.name} cannot say which words come next.")
        return [(" the", 0.5), ("the", 0.1), (" a", 0.3), ("\n", 0.1)][:k]

    def embed(self, texts, *, stop=None, on_progress=None):
        vectors = np.zeros((len(texts), 256), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z']+", text.lower()):
                vectors[row, zlib.crc32(word.encode()) % 256] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms > 0, norms, 1.0)

    def extract_answer(self, question, context) -> AnswerSpan | None:
        start = context.find("Netherfield")
        return AnswerSpan(start, start + len("Netherfield"), 0.9) if start >= 0 else None


class ScriptedModels:
    def __init__(self, *backends: ScriptedBackend):
        self.backends = {backend.model_id: backend for backend in backends}
        self.loaded: list[str] = []

    def backend(self, model_id, *, stop, on_progress, speculative=False):
        if model_id not in self.backends:
            raise TaskFailed(f"No model called {model_id}", kind="missing-model")
        self.loaded.append(model_id)
        return self.backends[model_id], 0.0


CHAT_SERVER = Capabilities(chat=True, logprobs=True, context_length=4096)  # a chat-only server
TEXT_SERVER = Capabilities(raw_completion=True, chat=True, logprobs=True, context_length=4096)
EMBEDDER = Capabilities(embeddings=True, context_length=512)


@pytest.fixture
def models():
    return ScriptedModels(
        ScriptedBackend("chat-server", CHAT_SERVER),
        ScriptedBackend("text-server", TEXT_SERVER),
        ScriptedBackend("embedder", EMBEDDER),
        ScriptedBackend("reader", Capabilities(extractive_qa=True)),
        ScriptedBackend("summariser", Capabilities(text_to_text=True), reply="A short summary."),
    )


def context(models, tmp_path, tokens=None, progress=None, stop=None):
    return TaskContext(
        models,
        stop=stop,
        cache_dir=tmp_path,
        on_token=tokens.append if tokens is not None else None,
        on_progress=progress,
    )


def test_continue_streams_through_any_backend_and_names_it(models, tmp_path):
    tokens = []
    result = run_task(
        ContinueRequest(model_id="text-server", text="The ship left at noon,", notes="Anna is afraid."),
        context(models, tmp_path, tokens),
    )
    assert isinstance(result, ContinueResult)
    assert result.text == "and the rain came down." and "".join(tokens).strip() == result.text
    assert (result.model_id, result.device, result.prompt_mode) == ("text-server", "server", "chat")
    prompt = models.backends["text-server"].prompts[-1]
    assert (
        prompt.is_chat
        and prompt.continue_final
        and prompt.messages[-1] == {"role": "assistant", "content": "The ship left at noon,"}
    )
    assert any("Anna is afraid." in message["content"] for message in prompt.messages)


def test_a_chat_only_server_continues_through_chat_even_at_a_new_paragraph(models, tmp_path):
    result = run_task(
        ContinueRequest(model_id="chat-server", text="The ship left at noon.\n"), context(models, tmp_path)
    )
    assert result.prompt_mode == "chat"
    raw = run_task(ContinueRequest(model_id="text-server", text="The ship left at noon.\n"), context(models, tmp_path))
    assert raw.prompt_mode == "plain"  # a model that continues raw text does so at a new paragraph


def test_a_long_text_is_fitted_into_the_window(models, tmp_path):
    small = ScriptedModels(ScriptedBackend("small", Capabilities(raw_completion=True, context_length=300)))
    text = " ".join(["word"] * 5000)
    result = run_task(
        ContinueRequest(model_id="small", text=text, settings=GenerationSettings(max_new_tokens=100)),
        context(small, tmp_path),
    )
    assert result.trimmed_chars > 0 and result.used_chars < len(text)


def test_alternatives_come_back_most_predictable_first(models, tmp_path):
    result = run_task(
        AlternativesRequest(model_id="text-server", text="The ship left", count=3), context(models, tmp_path)
    )
    assert isinstance(result, AlternativesResult)
    assert [a.avg_logprob for a in result.alternatives] == [-0.5, -1.0, -1.5]


def test_ask_with_a_chat_server_and_with_an_extractive_reader(models, tmp_path):
    # Short passages, so that the word-count embedder finds the right one with a clear cosine.
    text = (
        "# Chapter 1\n\nThe rain fell on Longbourn all day.\n\n"
        "Mr. Bingley has taken Netherfield Park.\n\nMrs. Long came to call.\n"
    )
    request = AskRequest(
        model_id="chat-server", embed_model_id="embedder", text=text, question="Who has taken Netherfield Park?"
    )
    models.backends["chat-server"].reply = "Mr. Bingley [1]."
    answer = run_task(request, context(models, tmp_path))
    assert isinstance(answer, AskResult) and answer.found and answer.reply == "Mr. Bingley [1]."
    assert answer.answer == "Mr. Bingley [1].\n“Mr. Bingley has taken Netherfield Park.”"
    assert answer.model_id == "chat-server" and answer.passages > 0
    [citation] = answer.citations
    assert "Bingley has taken" in citation.text and text[citation.start : citation.end] == citation.text
    assert answer.evidence.text == "Mr. Bingley has taken Netherfield Park."

    extracted = run_task(
        AskRequest(model_id="reader", embed_model_id="embedder", text=text, question=request.question),
        context(models, tmp_path),
    )
    [citation] = extracted.citations
    assert extracted.answer == "Netherfield" == text[citation.start : citation.end]


def test_ask_about_a_name_the_text_never_mentions_loads_no_model(models, tmp_path):
    text = "# Chapter 1\n\nMr. Bingley has taken Netherfield Park.\n"
    question = "Who is the captain of the Pequod?"
    answer = run_task(
        AskRequest(model_id="chat-server", embed_model_id="embedder", text=text, question=question),
        context(models, tmp_path),
    )
    assert isinstance(answer, AskResult) and not answer.found and answer.answer == NOT_FOUND
    assert answer.unmentioned == ("Pequod",) and answer.citations == () and answer.closest == ()
    assert models.loaded == []  # answered without reading a single passage
    assert models.backends["chat-server"].prompts == []


def test_summaries_with_a_chat_server_a_text_to_text_model_and_key_sentences_only(models, tmp_path):
    chapter = MANUSCRIPT.index("# Chapter 2")
    request = SummariseRequest(
        model_id="chat-server", embed_model_id="embedder", text=MANUSCRIPT, start=chapter, length="short"
    )
    progress = []
    result = run_task(request, context(models, tmp_path, progress=progress.append))
    assert isinstance(result, SummaryResult) and result.summary and result.model_id == "chat-server"
    assert progress and progress[-1].stage == "summarising"
    rewritten = run_task(
        SummariseRequest(model_id="summariser", embed_model_id="embedder", text=MANUSCRIPT, start=chapter),
        context(models, tmp_path),
    )
    assert rewritten.summary == "A short summary." and not models.backends["summariser"].prompts[-1].is_chat
    extractive = run_task(
        SummariseRequest(model_id="none", embed_model_id="embedder", text=MANUSCRIPT, mode="extractive"),
        context(models, tmp_path),
    )
    assert extractive.model_id == "embedder" and "none" not in models.loaded  # no writing model needed


def test_index_and_embed(models, tmp_path):
    index = run_task(IndexRequest(embed_model_id="embedder", text=MANUSCRIPT), context(models, tmp_path))
    assert index.passages > 0 and index.embedded_now > 0
    again = run_task(IndexRequest(embed_model_id="embedder", text=MANUSCRIPT), context(models, tmp_path))
    assert again.embedded_now == 0 and again.reused == index.passages or again.reused > 0
    vectors = run_task(EmbedRequest(model_id="embedder", texts=("one", "two")), context(models, tmp_path)).vectors
    assert vectors.shape == (2, 256)
    assert run_task(LoadModelRequest(model_id="embedder"), context(models, tmp_path)).device == "server"


def test_a_backend_that_cannot_do_a_task_is_refused_with_a_reason(models, tmp_path):
    with pytest.raises(Unsupported, match="cannot continue text"):
        run_task(ContinueRequest(model_id="embedder", text="Once"), context(models, tmp_path))
    with pytest.raises(Unsupported, match="not an instruct model"):
        run_task(
            AskRequest(model_id="embedder", embed_model_id="embedder", text=MANUSCRIPT, question="Who?"),
            context(models, tmp_path),
        )
    with pytest.raises(Unsupported, match="cannot embed"):
        run_task(IndexRequest(embed_model_id="chat-server", text=MANUSCRIPT), context(models, tmp_path))


def test_stop_before_writing_raises_stopped(models, tmp_path):
    stop = threading.Event()
    stop.set()
    with pytest.raises(Stopped):
        run_task(ContinueRequest(model_id="text-server", text="Once"), context(models, tmp_path, stop=stop))


def test_rewrite_offers_checked_alternatives_usable_first(models, tmp_path):
    from writer_app.core.requests import RewriteRequest

    text = "Before. The rain had not stopped for three days, and the river was rising. After."
    start = text.index("The rain")
    end = text.index(" After.")
    models.backends["chat-server"].reply = "The rain had not stopped for three days and the river rose"
    result = run_task(
        RewriteRequest(
            model_id="chat-server", embed_model_id="embedder", text=text, start=start, end=end, mode="rephrase"
        ),
        context(models, tmp_path),
    )
    assert (result.start, result.end, result.mode, result.model_id) == (start, end, "rephrase", "chat-server")
    assert len(result.alternatives) == 3 and all(0 < a.similarity <= 1 for a in result.alternatives)
    assert [a.passed for a in result.alternatives] == sorted((a.passed for a in result.alternatives), reverse=True)
    prompt = models.backends["chat-server"].prompts[-1]
    assert prompt.is_chat and text[start:end] in prompt.messages[-1]["content"]


def test_rewrite_needs_a_selection_and_an_instruct_model(models, tmp_path):
    from writer_app.core.requests import RewriteRequest

    with pytest.raises(TaskFailed, match="Select"):
        run_task(
            RewriteRequest(model_id="chat-server", embed_model_id="embedder", text="abc", start=2, end=2),
            context(models, tmp_path),
        )
    with pytest.raises(Unsupported):
        run_task(
            RewriteRequest(model_id="embedder", embed_model_id="embedder", text="Some words.", start=0, end=5),
            context(models, tmp_path),
        )


CODEX = (
    CodexEntry("Anna", description="A sailor's daughter, afraid of the sea."),
    CodexEntry("The Swan", kind="object", description="A two-masted brig."),
    CodexEntry("Voice", kind="style", description="Past tense, close third person.", always=True),
)


def test_the_codex_entries_that_matter_open_every_writing_prompt(models, tmp_path):
    from writer_app.core.requests import RewriteRequest

    text = "Anna watched the harbour. The Swan left at noon, and"
    snippets = tuple(snippets_for(CODEX, text, len(text)))
    tokens_before = None
    for request in (
        ContinueRequest(model_id="text-server", text=text, codex=snippets),
        ContinueRequest(model_id="text-server", text=text + "\n", codex=snippets),  # a raw prompt
        AlternativesRequest(model_id="text-server", text=text, codex=snippets),
        RewriteRequest(model_id="chat-server", embed_model_id="embedder", text=text, start=0, end=25, codex=snippets),
    ):
        result = run_task(request, context(models, tmp_path))
        assert set(result.codex_names) == {"Anna", "The Swan", "Voice"} and result.codex_tokens > 0
        # In the Codex's own order, before the text, and shown as sent.
        assert result.prompt_text.index("- Anna") < result.prompt_text.index("- The Swan")
        assert result.prompt_text.index("- Voice") < result.prompt_text.rindex("Anna watched")
        assert "A two-masted brig." in result.prompt_text
        assert "prompt_text" not in result.to_dict() and result.to_dict()["codex_names"]
        tokens_before = tokens_before or result.codex_tokens
    # A tight budget drops the least important entries first: the style rule always stays.
    tight = run_task(
        ContinueRequest(model_id="text-server", text=text, codex=snippets, codex_budget=tokens_before - 4),
        context(models, tmp_path),
    )
    assert "Voice" in tight.codex_names and len(tight.codex_names) < 3 and tight.codex_tokens <= tokens_before - 4
    plain = run_task(ContinueRequest(model_id="text-server", text=text), context(models, tmp_path))
    assert plain.codex_names == () and "Codex" not in plain.prompt_text


def test_surprise_and_next_word_through_any_backend_that_scores(models, tmp_path):
    from writer_app.core.requests import NextWordRequest, SurpriseRequest

    models.backends["lens"] = ScriptedBackend("lens", Capabilities(raw_completion=True, scoring=True, top_k=True))
    text = "It rained. " * 300 + "She wrote a lettre to her aunt."
    start = text.index("She")
    result = run_task(SurpriseRequest(model_id="lens", text=text, start=start), context(models, tmp_path))
    assert [text[w.start : w.end] for w in result.words] == ["She", "wrote", "a", "lettre", "to", "her", "aunt"]
    assert result.words[0].bits > 0  # scored with the text before the selection as its context
    assert 0 < result.context_chars <= 2000
    assert [text[w.start : w.end] for w in result.surprising] == ["lettre"]
    record = result.to_dict()
    assert set(record) >= {"words", "perplexity", "predictable_runs", "surprising"}
    assert record["surprising"][0]["alternatives"] == ["x"]
    choices = run_task(NextWordRequest(model_id="lens", text=text, at=start, k=2), context(models, tmp_path))
    assert choices.to_dict()["choices"] == [{"text": "the", "p": 0.6}, {"text": "a", "p": 0.3}]
    with pytest.raises(Unsupported):
        run_task(SurpriseRequest(model_id="chat-server", text=text), context(models, tmp_path))
    with pytest.raises(TaskFailed):
        run_task(SurpriseRequest(model_id="lens", text=text, start=5, end=5), context(models, tmp_path))
