"""Tiny random Hugging Face models for fast, fully offline unit tests.

Every ``build_tiny_*`` helper builds a randomly initialised model from a config
written in code, pairs it with a tokenizer built in code (``tokenizers``
library, on the short embedded ``CORPUS``), saves both with ``save_pretrained``
(safetensors only) into ``folder`` and returns ``folder``. Nothing is
downloaded. The weights are deterministic (fixed torch seed) and the global
torch RNG state is left untouched.

The saved folders load with ``AutoTokenizer`` and ``AutoModel*`` ``.from_pretrained``
with ``HF_HUB_OFFLINE=1`` and no ``trust_remote_code``.
"""

from __future__ import annotations

import functools
import string
from collections import Counter
from pathlib import Path

import torch
from tokenizers import (
    Tokenizer,
    decoders,
    models,
    normalizers,
    pre_tokenizers,
    processors,
    trainers,
)
from transformers import (
    BartConfig,
    BartForConditionalGeneration,
    BertConfig,
    BertModel,
    DistilBertConfig,
    DistilBertForQuestionAnswering,
    GPT2Config,
    GPT2LMHeadModel,
    LlamaConfig,
    LlamaForCausalLM,
    PretrainedConfig,
    PreTrainedModel,
    PreTrainedTokenizerFast,
)

SEED = 0
HIDDEN_SIZE = 32
"""Hidden size of every tiny model (BERT embeddings have this many dimensions)."""
CAUSAL_CONTEXT_LENGTH = 512
"""``max_position_embeddings`` and tokenizer ``model_max_length`` of the causal LMs."""
ENCODER_CONTEXT_LENGTH = 128
"""Same, for the BERT, DistilBERT and BART models."""
BPE_VOCAB_SIZE = 400
WORDPIECE_VOCAB_SIZE = 400
"""Upper bound: the WordPiece vocabulary is all corpus words plus the ASCII alphabet."""

# Chapter 1 of "Pride and Prejudice" by Jane Austen (1813, public domain).
CORPUS = """\
It is a truth universally acknowledged, that a single man in possession
of a good fortune, must be in want of a wife.

However little known the feelings or views of such a man may be on his
first entering a neighbourhood, this truth is so well fixed in the minds
of the surrounding families, that he is considered the rightful property
of some one or other of their daughters.

"My dear Mr. Bennet," said his lady to him one day, "have you heard that
Netherfield Park is let at last?"

Mr. Bennet replied that he had not.

"But it is," returned she; "for Mrs. Long has just been here, and she
told me all about it."

Mr. Bennet made no answer.

"Do you not want to know who has taken it?" cried his wife impatiently.

"You want to tell me, and I have no objection to hearing it."

This was invitation enough.

"Why, my dear, you must know, Mrs. Long says that Netherfield is taken
by a young man of large fortune from the north of England; that he came
down on Monday in a chaise and four to see the place, and was so much
delighted with it, that he agreed with Mr. Morris immediately; that he
is to take possession before Michaelmas, and some of his servants are to
be in the house by the end of next week."

"What is his name?"

"Bingley."

"Is he married or single?"

"Oh! Single, my dear, to be sure! A single man of large fortune; four or
five thousand a year. What a fine thing for our girls!"

"How so? How can it affect them?"

"My dear Mr. Bennet," replied his wife, "how can you be so tiresome! You
must know that I am thinking of his marrying one of them."

"Is that his design in settling here?"

"Design! Nonsense, how can you talk so! But it is very likely that he
may fall in love with one of them, and therefore you must visit him as
soon as he comes."

"I see no occasion for that. You and the girls may go, or you may send
them by themselves, which perhaps will be still better, for as you are
as handsome as any of them, Mr. Bingley may like you the best of the
party."
"""

CHATML_TEMPLATE = (
    "{% for message in messages %}"
    "{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}"
    "{% endfor %}"
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}"
)
"""ChatML, as used by SmolLM2 and Qwen instruct models."""

GPT2_SPECIALS = ("<|endoftext|>",)
CHATML_SPECIALS = ("<|endoftext|>", "<|im_start|>", "<|im_end|>")
BART_SPECIALS = ("<s>", "<pad>", "</s>", "<unk>", "<mask>")
BERT_SPECIALS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")

# Models without token type embeddings must not receive ``token_type_ids``.
_NO_TOKEN_TYPES = ["input_ids", "attention_mask"]


# --------------------------------------------------------------------------- tokenizers


@functools.cache
def _trained_bpe(special_tokens: tuple[str, ...]) -> Tokenizer:
    """Byte-level BPE (GPT-2 style) trained on ``CORPUS``; specials get ids 0, 1, ...

    Cached per process: callers must not mutate it (use ``_copy``).
    """
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    tokenizer.post_processor = processors.ByteLevel(trim_offsets=False)
    trainer = trainers.BpeTrainer(
        vocab_size=BPE_VOCAB_SIZE,
        special_tokens=list(special_tokens),
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator([CORPUS], trainer)
    return tokenizer


@functools.cache
def _raw_wordpiece() -> Tokenizer:
    """Lower-casing BERT WordPiece for ``CORPUS`` with a ``[CLS] … [SEP]`` template.

    The vocabulary is built by counting rather than with ``WordPieceTrainer``,
    whose output changes from run to run: specials, every ASCII character
    (plain and ``##``-prefixed, so ASCII text never maps to ``[UNK]``), then
    the most frequent corpus words. Cached per process: callers must not mutate
    it (use ``_copy``).
    """
    normalizer = normalizers.BertNormalizer(lowercase=True)
    pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    words = [word for word, _ in pre_tokenizer.pre_tokenize_str(normalizer.normalize_str(CORPUS))]
    alphabet = sorted(set("".join(words)) | set(string.ascii_lowercase + string.digits + string.punctuation))
    vocab = [*BERT_SPECIALS, *alphabet, *(f"##{char}" for char in alphabet)]
    counts = Counter(word for word in words if word not in vocab)
    frequent = sorted(counts, key=lambda word: (-counts[word], word))
    vocab += frequent[: WORDPIECE_VOCAB_SIZE - len(vocab)]

    tokenizer = Tokenizer(models.WordPiece({token: i for i, token in enumerate(vocab)}, unk_token="[UNK]"))
    tokenizer.normalizer = normalizer
    tokenizer.pre_tokenizer = pre_tokenizer
    tokenizer.decoder = decoders.WordPiece()
    cls_id, sep_id = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    tokenizer.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]",
        pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)],
    )
    tokenizer.add_special_tokens(list(BERT_SPECIALS))
    return tokenizer


def _copy(tokenizer: Tokenizer) -> Tokenizer:
    """An independent copy of a cached raw tokenizer."""
    return Tokenizer.from_str(tokenizer.to_str())


def gpt2_tokenizer() -> PreTrainedTokenizerFast:
    """GPT-2 style tokenizer: ``<|endoftext|>`` is bos, eos, unk and pad; no chat template."""
    return PreTrainedTokenizerFast(
        tokenizer_object=_copy(_trained_bpe(GPT2_SPECIALS)),
        bos_token="<|endoftext|>",
        eos_token="<|endoftext|>",
        unk_token="<|endoftext|>",
        pad_token="<|endoftext|>",
        model_max_length=CAUSAL_CONTEXT_LENGTH,
        model_input_names=_NO_TOKEN_TYPES,
    )


def chatml_tokenizer() -> PreTrainedTokenizerFast:
    """SmolLM2-like tokenizer: eos ``<|im_end|>``, pad ``<|endoftext|>``, ChatML template."""
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=_copy(_trained_bpe(CHATML_SPECIALS)),
        bos_token="<|im_start|>",
        eos_token="<|im_end|>",
        unk_token="<|endoftext|>",
        pad_token="<|endoftext|>",
        model_max_length=CAUSAL_CONTEXT_LENGTH,
        model_input_names=_NO_TOKEN_TYPES,
    )
    tokenizer.chat_template = CHATML_TEMPLATE
    return tokenizer


def bart_tokenizer() -> PreTrainedTokenizerFast:
    """BART style byte-level BPE that wraps inputs as ``<s> … </s>``."""
    raw = _copy(_trained_bpe(BART_SPECIALS))
    bos_id, eos_id = raw.token_to_id("<s>"), raw.token_to_id("</s>")
    raw.post_processor = processors.Sequence(
        [
            processors.ByteLevel(trim_offsets=False),
            processors.TemplateProcessing(
                single="<s> $A </s>",
                pair="<s> $A </s> </s> $B </s>",
                special_tokens=[("<s>", bos_id), ("</s>", eos_id)],
            ),
        ]
    )
    return PreTrainedTokenizerFast(
        tokenizer_object=raw,
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
        pad_token="<pad>",
        mask_token="<mask>",
        model_max_length=ENCODER_CONTEXT_LENGTH,
        model_input_names=_NO_TOKEN_TYPES,
    )


def wordpiece_tokenizer(*, token_type_ids: bool = True) -> PreTrainedTokenizerFast:
    """BERT style WordPiece tokenizer; ``token_type_ids=False`` for DistilBERT."""
    input_names = ["input_ids", "token_type_ids", "attention_mask"]
    return PreTrainedTokenizerFast(
        tokenizer_object=_copy(_raw_wordpiece()),
        unk_token="[UNK]",
        pad_token="[PAD]",
        cls_token="[CLS]",
        sep_token="[SEP]",
        mask_token="[MASK]",
        model_max_length=ENCODER_CONTEXT_LENGTH,
        model_input_names=input_names if token_type_ids else _NO_TOKEN_TYPES,
    )


# --------------------------------------------------------------------------- models


def _seeded(model_class: type[PreTrainedModel], config: PretrainedConfig) -> PreTrainedModel:
    """Instantiate ``model_class(config)`` with ``SEED``, leaving the global RNG as it was."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(SEED)
        return model_class(config).eval()


def _save(model: PreTrainedModel, tokenizer: PreTrainedTokenizerFast, folder: Path) -> Path:
    """Save model (safetensors), generation config and tokenizer into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)
    return folder


def _set_generation_ids(model: PreTrainedModel, tokenizer: PreTrainedTokenizerFast) -> None:
    """Copy bos/eos/pad ids into the generation config (no pad token warning)."""
    generation = model.generation_config
    generation.bos_token_id = tokenizer.bos_token_id
    generation.eos_token_id = tokenizer.eos_token_id
    generation.pad_token_id = tokenizer.pad_token_id


def build_tiny_gpt2(folder: Path) -> Path:
    """A GPT-2 base causal LM (no chat template), 512 positions, saved into ``folder``."""
    tokenizer = gpt2_tokenizer()
    config = GPT2Config(
        vocab_size=len(tokenizer),
        n_positions=CAUSAL_CONTEXT_LENGTH,
        n_embd=HIDDEN_SIZE,
        n_layer=2,
        n_head=2,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
    )
    model = _seeded(GPT2LMHeadModel, config)
    _set_generation_ids(model, tokenizer)
    return _save(model, tokenizer, folder)


def build_tiny_llama_chat(folder: Path) -> Path:
    """A Llama causal LM with a ChatML template (eos ``<|im_end|>``), saved into ``folder``."""
    tokenizer = chatml_tokenizer()
    config = LlamaConfig(
        vocab_size=len(tokenizer),
        hidden_size=HIDDEN_SIZE,
        intermediate_size=2 * HIDDEN_SIZE,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=CAUSAL_CONTEXT_LENGTH,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        tie_word_embeddings=True,
    )
    model = _seeded(LlamaForCausalLM, config)
    _set_generation_ids(model, tokenizer)
    return _save(model, tokenizer, folder)


def build_tiny_bert(folder: Path) -> Path:
    """A BERT encoder (``AutoModel``) for sentence embeddings, saved into ``folder``."""
    tokenizer = wordpiece_tokenizer()
    config = BertConfig(
        vocab_size=len(tokenizer),
        hidden_size=HIDDEN_SIZE,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=2 * HIDDEN_SIZE,
        max_position_embeddings=ENCODER_CONTEXT_LENGTH,
        pad_token_id=tokenizer.pad_token_id,
    )
    model = _seeded(BertModel, config)
    return _save(model, tokenizer, folder)


def build_tiny_bart(folder: Path) -> Path:
    """A BART seq2seq model (``AutoModelForSeq2SeqLM``), saved into ``folder``."""
    tokenizer = bart_tokenizer()
    config = BartConfig(
        vocab_size=len(tokenizer),
        d_model=HIDDEN_SIZE,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=2 * HIDDEN_SIZE,
        decoder_ffn_dim=2 * HIDDEN_SIZE,
        max_position_embeddings=ENCODER_CONTEXT_LENGTH,
        bos_token_id=tokenizer.bos_token_id,
        eos_token_id=tokenizer.eos_token_id,
        pad_token_id=tokenizer.pad_token_id,
        decoder_start_token_id=tokenizer.eos_token_id,
        forced_eos_token_id=tokenizer.eos_token_id,
    )
    model = _seeded(BartForConditionalGeneration, config)
    _set_generation_ids(model, tokenizer)
    model.generation_config.decoder_start_token_id = tokenizer.eos_token_id
    return _save(model, tokenizer, folder)


def build_tiny_distilbert_qa(folder: Path) -> Path:
    """A DistilBERT extractive QA model (``AutoModelForQuestionAnswering``) in ``folder``."""
    tokenizer = wordpiece_tokenizer(token_type_ids=False)
    config = DistilBertConfig(
        vocab_size=len(tokenizer),
        dim=HIDDEN_SIZE,
        n_layers=2,
        n_heads=2,
        hidden_dim=2 * HIDDEN_SIZE,
        max_position_embeddings=ENCODER_CONTEXT_LENGTH,
        pad_token_id=tokenizer.pad_token_id,
    )
    model = _seeded(DistilBertForQuestionAnswering, config)
    return _save(model, tokenizer, folder)
