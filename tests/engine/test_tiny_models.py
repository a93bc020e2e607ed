"""The tiny random test models build, load offline from safetensors and run."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from transformers import (
    AutoModel,
    AutoModelForCausalLM,
    AutoModelForQuestionAnswering,
    AutoModelForSeq2SeqLM,
    AutoTokenizer,
)

from tests import tiny_models
from tests.tiny_models import (
    BART_SPECIALS,
    CAUSAL_CONTEXT_LENGTH,
    CHATML_SPECIALS,
    GPT2_SPECIALS,
    HIDDEN_SIZE,
    build_tiny_gpt2,
)

FIXTURES = ["tiny_gpt2_dir", "tiny_llama_chat_dir", "tiny_bert_dir", "tiny_bart_dir", "tiny_distilbert_qa_dir"]


def test_gpt2_greedy_generation_is_deterministic(tiny_gpt2_dir: Path) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_gpt2_dir)
    model = AutoModelForCausalLM.from_pretrained(tiny_gpt2_dir, use_safetensors=True)
    assert tokenizer.chat_template is None
    assert model.generation_config.pad_token_id == tokenizer.pad_token_id is not None
    assert model.generation_config.eos_token_id == tokenizer.eos_token_id is not None

    inputs = tokenizer("It is a truth universally acknowledged", return_tensors="pt")
    prompt_length = inputs["input_ids"].shape[1]
    runs = [model.generate(**inputs, max_new_tokens=6, min_new_tokens=6, do_sample=False) for _ in range(2)]

    assert runs[0].shape == (1, prompt_length + 6)
    assert torch.equal(runs[0], runs[1])
    assert isinstance(tokenizer.decode(runs[0][0, prompt_length:]), str)


@pytest.mark.parametrize("fixture", ["tiny_gpt2_dir", "tiny_llama_chat_dir"])
def test_causal_models_have_512_token_context(fixture: str, request: pytest.FixtureRequest) -> None:
    folder = request.getfixturevalue(fixture)
    model = AutoModelForCausalLM.from_pretrained(folder, use_safetensors=True)
    assert model.config.max_position_embeddings == CAUSAL_CONTEXT_LENGTH
    assert AutoTokenizer.from_pretrained(folder).model_max_length == CAUSAL_CONTEXT_LENGTH


def test_llama_chat_template_renders_and_generates(tiny_llama_chat_dir: Path) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_llama_chat_dir)
    model = AutoModelForCausalLM.from_pretrained(tiny_llama_chat_dir, use_safetensors=True)
    messages = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hello there"}]

    text = tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
    assert text == (
        "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHello there<|im_end|>\n<|im_start|>assistant\n"
    )
    assert tokenizer.eos_token == "<|im_end|>"
    assert model.generation_config.eos_token_id == tokenizer.convert_tokens_to_ids("<|im_end|>")
    assert model.generation_config.pad_token_id == tokenizer.pad_token_id is not None

    inputs = tokenizer.apply_chat_template(messages, add_generation_prompt=True, return_tensors="pt", return_dict=True)
    ids = inputs["input_ids"][0].tolist()
    assert ids.count(tokenizer.convert_tokens_to_ids("<|im_start|>")) == 3  # specials are single tokens
    output = model.generate(**inputs, max_new_tokens=5, min_new_tokens=5, do_sample=False)
    assert output.shape[1] == len(ids) + 5


def test_bert_embeddings_have_hidden_size(tiny_bert_dir: Path) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_bert_dir)
    model = AutoModel.from_pretrained(tiny_bert_dir, use_safetensors=True)
    tokens = tokenizer.convert_ids_to_tokens(tokenizer("Rain fell softly.")["input_ids"])
    assert tokens[0] == "[CLS]" and tokens[-1] == "[SEP]" and "[UNK]" not in tokens

    inputs = tokenizer(
        ["Rain fell softly.", "It is a truth universally acknowledged."], padding=True, return_tensors="pt"
    )

    with torch.no_grad():
        hidden = model(**inputs).last_hidden_state
    mask = inputs["attention_mask"].unsqueeze(-1)
    embeddings = (hidden * mask).sum(1) / mask.sum(1)
    assert model.config.hidden_size == HIDDEN_SIZE
    assert embeddings.shape == (2, HIDDEN_SIZE)


def test_bart_generates(tiny_bart_dir: Path) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_bart_dir)
    model = AutoModelForSeq2SeqLM.from_pretrained(tiny_bart_dir, use_safetensors=True)
    inputs = tokenizer("Mr. Bennet made no answer.", return_tensors="pt")
    assert inputs["input_ids"][0, 0] == tokenizer.bos_token_id
    assert inputs["input_ids"][0, -1] == tokenizer.eos_token_id

    output = model.generate(**inputs, max_new_tokens=4, min_new_tokens=4, do_sample=False)
    assert output.shape == (1, 1 + 4)  # decoder start token + new tokens
    assert output[0, 0] == model.generation_config.decoder_start_token_id


def test_distilbert_qa_logits_match_input_length(tiny_distilbert_qa_dir: Path) -> None:
    tokenizer = AutoTokenizer.from_pretrained(tiny_distilbert_qa_dir)
    model = AutoModelForQuestionAnswering.from_pretrained(tiny_distilbert_qa_dir, use_safetensors=True)
    inputs = tokenizer("Who is let?", "Netherfield Park is let at last.", return_tensors="pt")
    assert "token_type_ids" not in inputs

    with torch.no_grad():
        output = model(**inputs)
    length = inputs["input_ids"].shape[1]
    assert output.start_logits.shape == (1, length)
    assert output.end_logits.shape == (1, length)


@pytest.mark.parametrize("fixture", FIXTURES)
def test_folders_hold_safetensors_only(fixture: str, request: pytest.FixtureRequest) -> None:
    folder: Path = request.getfixturevalue(fixture)
    names = {path.name for path in folder.iterdir()}
    assert {"config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"} <= names
    assert not list(folder.rglob("*.bin"))
    assert not list(folder.rglob("*.pt*"))


def test_builds_are_reproducible(tiny_gpt2_dir: Path, tmp_path: Path) -> None:
    """Same bytes on a rebuild, and tokenizer training does not depend on hash order."""
    again = build_tiny_gpt2(tmp_path / "again")
    for path in tiny_gpt2_dir.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), path.name
    for specials in (GPT2_SPECIALS, CHATML_SPECIALS, BART_SPECIALS):
        fresh = tiny_models._trained_bpe.__wrapped__(specials)
        assert fresh.to_str() == tiny_models._trained_bpe(specials).to_str()
    assert tiny_models._raw_wordpiece.__wrapped__().to_str() == tiny_models._raw_wordpiece().to_str()


def test_building_leaves_global_rng_alone(tmp_path: Path) -> None:
    torch.manual_seed(1234)
    expected = torch.rand(3)
    torch.manual_seed(1234)
    build_tiny_gpt2(tmp_path / "gpt2")
    assert torch.equal(torch.rand(3), expected)
