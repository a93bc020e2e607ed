"""The backend protocol over models loaded on this computer, with tiny random models."""

from __future__ import annotations

import threading

import pytest

from writer_app.core.errors import TaskFailed
from writer_app.core.requests import GenerationSettings
from writer_app.engine.backend import Backend, Prompt, Unsupported
from writer_app.engine.devices import MachineFacts, plan_device
from writer_app.engine.loader import OutOfMemory, load_model
from writer_app.engine.local_backend import LocalBackend

pytestmark = pytest.mark.core

CPU = plan_device("cpu", MachineFacts(cpu_count=2))
GREEDY = GenerationSettings(max_new_tokens=8, min_new_tokens=8, temperature=0)
TEXT = (
    "It is a truth universally acknowledged, that a single man in possession of a good fortune, "
    "must be in want of a wife."
)


@pytest.fixture(scope="module")
def base(tiny_gpt2_dir):
    return LocalBackend("Tiny base", load_model("tiny-base", tiny_gpt2_dir, "causal", CPU))


@pytest.fixture(scope="module")
def chat(tiny_llama_chat_dir):
    return LocalBackend("Tiny chat", load_model("tiny-chat", tiny_llama_chat_dir, "causal", CPU), instruct=True)


def test_capabilities_say_what_each_kind_of_model_can_do(
    base, chat, tiny_bert_dir, tiny_bart_dir, tiny_distilbert_qa_dir
):
    assert isinstance(base, Backend)
    assert base.capabilities.raw_completion and not base.capabilities.chat
    assert base.capabilities.logprobs and base.capabilities.scoring and base.capabilities.top_k
    assert base.capabilities.context_length == 512  # the tiny model's window (under the CPU cap)
    assert chat.capabilities.chat and chat.capabilities.raw_completion
    encoder = LocalBackend("Embed", load_model("embed", tiny_bert_dir, "encoder", CPU))
    assert encoder.capabilities.embeddings and not encoder.capabilities.raw_completion
    assert LocalBackend("Bart", load_model("bart", tiny_bart_dir, "seq2seq", CPU)).capabilities.text_to_text
    assert LocalBackend("QA", load_model("qa", tiny_distilbert_qa_dir, "qa", CPU)).capabilities.extractive_qa
    assert base.runtime.device == "cpu" and base.runtime.quant == "none"


def test_count_and_fit_tokens(base):
    assert base.count_tokens("") == 0
    assert base.count_tokens(TEXT) == len(base.loaded.tokenizer(TEXT, add_special_tokens=False)["input_ids"])
    long = " ".join([TEXT] * 40)
    fitted = base.fit_left(long, 60)
    assert long.endswith(fitted.text) and fitted.trimmed_chars == len(long) - len(fitted.text)
    assert base.count_tokens(fitted.text) <= 60


def test_a_chat_prompt_counts_its_template(chat):
    messages = [{"role": "user", "content": "Hello there."}]
    assert chat.count_tokens(Prompt.chat(messages)) > chat.count_tokens("Hello there.")


def test_complete_streams_raw_text_and_chat(base, chat):
    pieces = []
    raw = base.complete(Prompt.raw(TEXT), GREEDY, threading.Event(), pieces.append)
    assert raw.new_tokens == 8 and "".join(pieces) == raw.text and not raw.stopped
    reply = chat.complete(Prompt.chat([{"role": "user", "content": "Say something."}]), GREEDY, threading.Event())
    assert reply.new_tokens == 8 and reply.prompt_tokens > 3


def test_a_base_model_refuses_chat_with_a_reason(base):
    with pytest.raises(Unsupported) as refused:
        base.complete(Prompt.chat([{"role": "user", "content": "Hi"}]), GREEDY, threading.Event())
    assert "not an instruct model" in str(refused.value) and refused.value.kind == "unsupported"
    with pytest.raises(Unsupported):
        base.embed(["text"])


def test_logprobs_come_with_the_reply_when_asked(base):
    completion = base.complete(Prompt.raw(TEXT), GREEDY, threading.Event(), logprobs=True)
    assert len(completion.logprobs) == completion.new_tokens
    assert completion.mean_logprob < 0


def test_a_long_prompt_is_cut_from_the_left_to_leave_room_for_the_reply(base):
    long = " ".join([TEXT] * 60)  # far more than the 512-token window
    completion = base.complete(Prompt.raw(long), GREEDY, threading.Event())
    assert completion.prompt_tokens == 512 - GREEDY.max_new_tokens and completion.new_tokens == 8


def test_scores_cover_the_text_token_by_token(base):
    scores = base.score(TEXT, top_k=3)
    tokens = scores.tokens
    assert len(tokens) == base.count_tokens(TEXT)
    assert all(token.text == TEXT[token.start : token.end] for token in tokens)
    assert all(a.end <= b.start for a, b in zip(tokens, tokens[1:]))  # in order, never overlapping
    assert all(token.logprob is None or token.logprob <= 0 for token in tokens)
    assert all(token.logprob is not None for token in tokens[1:])
    for token in tokens[1:]:
        alternatives = [logprob for _text, logprob in token.top]
        assert len(alternatives) == 3 and alternatives == sorted(alternatives, reverse=True)
        assert token.logprob <= alternatives[0] + 1e-3  # nothing is likelier than the likeliest
    assert scores.mean_logprob < 0


def test_scoring_in_chunks_equals_scoring_at_once_until_the_reading_slides(base):
    text = " ".join([TEXT] * 3)
    whole = base.score(text).tokens
    from writer_app.engine.scoring import score_text

    # Chunks of 16 tokens into one cache of at most 64: the reading slides after 64 tokens.
    chunked = score_text(base.loaded, text, chunk=16, max_context=64).tokens
    assert [(t.start, t.end) for t in chunked] == [(t.start, t.end) for t in whole]
    assert all(t.logprob is not None for t in chunked[1:])
    # Before the slide each token sees the same context as in the whole pass.
    assert [t.logprob for t in chunked[:60]] == pytest.approx([t.logprob for t in whole[:60]], abs=1e-3)
    # After it, a token sees less of the text, so some scores differ.
    assert [t.logprob for t in chunked[70:]] != pytest.approx([t.logprob for t in whole[70:]], abs=1e-3)


def test_rescoring_after_an_edit_reads_from_the_first_changed_token(base, monkeypatch):
    from writer_app.engine import scoring

    text = " ".join([TEXT] * 3)
    base.score(text)  # the cache now holds the whole text
    edited = text[:150] + "And yet " + text[150:]
    fed = []
    model = base.loaded.model
    original = model.forward

    def counting(*args, **kwargs):
        fed.append(kwargs["input_ids"].shape[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(model, "forward", counting)
    again = base.score(edited, score_from=150).tokens
    monkeypatch.undo()
    prefix = base.count_tokens(text[:150])
    assert sum(fed) <= base.count_tokens(edited) - prefix + 3  # the text before the edit is not read again
    base.loaded.reading_caches.clear()
    fresh = scoring.score_text(base.loaded, edited)  # read from the start
    assert [t.logprob for t in again] == pytest.approx(
        [t.logprob if t.end > 150 else None for t in fresh.tokens], abs=1e-3
    )
    assert all(t.logprob is None for t in again if t.end <= 150)


def test_stop_ends_scoring_between_windows(base):
    from writer_app.core.errors import Stopped

    stop = threading.Event()
    stop.set()
    with pytest.raises(Stopped):
        base.score(" ".join([TEXT] * 20), stop=stop)


def test_extractive_answers_are_spans_of_the_context(tiny_distilbert_qa_dir):
    qa = LocalBackend("QA", load_model("qa", tiny_distilbert_qa_dir, "qa", CPU))
    span = qa.extract_answer("Who wants a wife?", TEXT)
    assert span is not None and 0 <= span.start < span.end <= len(TEXT) and 0 < span.score <= 1


def test_a_seq2seq_model_rewrites_raw_text_only(tiny_bart_dir):
    bart = LocalBackend("Bart", load_model("bart", tiny_bart_dir, "seq2seq", CPU))
    summary = bart.complete(Prompt.raw(TEXT), GenerationSettings(max_new_tokens=6), threading.Event())
    assert isinstance(summary.text, str)
    with pytest.raises(Unsupported):
        bart.complete(Prompt.chat([{"role": "user", "content": TEXT}]), GREEDY, threading.Event())


def test_out_of_memory_while_writing_unloads_and_says_so(tiny_gpt2_dir, monkeypatch):
    import writer_app.engine.generation as generation

    unloaded = []
    backend = LocalBackend(
        "Tiny", load_model("tiny", tiny_gpt2_dir, "causal", CPU), on_out_of_memory=lambda: unloaded.append(True)
    )

    def no_memory(*args, **kwargs):
        raise OutOfMemory(
            "The CPU ran out of memory while writing. Try a shorter passage, the CPU, or a smaller model."
        )

    monkeypatch.setattr(generation, "generate_stream", no_memory)
    with pytest.raises(TaskFailed) as failed:
        backend.complete(Prompt.raw(TEXT), GREEDY, threading.Event())
    assert failed.value.kind == "out-of-memory" and "ran out of memory" in str(failed.value)
    assert unloaded == [True]


def test_next_tokens_are_the_models_own_likeliest(base):
    import torch

    choices = base.next_tokens(TEXT, 5)
    tokenizer, model = base.loaded.tokenizer, base.loaded.model
    ids = tokenizer(TEXT, add_special_tokens=False)["input_ids"]
    if tokenizer.bos_token_id is not None:
        ids = [tokenizer.bos_token_id, *ids]
    with torch.inference_mode():
        probabilities = torch.softmax(model(input_ids=torch.tensor([ids])).logits[0, -1].float(), dim=-1)
    values, candidates = torch.topk(probabilities, 5)
    assert [text for text, _ in choices] == [tokenizer.decode([int(c)]) for c in candidates]
    assert [p for _, p in choices] == pytest.approx([float(v) for v in values], abs=1e-5)
    assert choices == sorted(choices, key=lambda c: -c[1])


def test_scores_equal_a_direct_forward_pass_at_fp32(base):
    import torch

    tokens = base.score(TEXT).tokens
    tokenizer, model = base.loaded.tokenizer, base.loaded.model
    ids = tokenizer(TEXT, add_special_tokens=False)["input_ids"]
    head = [tokenizer.bos_token_id] if tokenizer.bos_token_id is not None else []
    with torch.inference_mode():
        log_probs = torch.log_softmax(model(input_ids=torch.tensor([head + ids])).logits[0].float(), dim=-1)
    for i, token in enumerate(tokens):
        at = i + len(head)
        if at == 0:
            assert token.logprob is None
            continue
        assert token.logprob == pytest.approx(float(log_probs[at - 1, ids[i]]), abs=1e-3)


def test_a_text_longer_than_the_models_window_is_read_sliding_within_it(base):
    text = " ".join([TEXT] * 40)  # about four times the tiny model's 512-token window
    tokens = base.score(text).tokens
    assert len(tokens) == base.count_tokens(text) > 4 * 512 // 2
    assert all(t.logprob is not None for t in tokens[1:])
