"""Sentence embeddings on the CPU: bf16 where this machine's bf16 matmuls are faster, pooled in float32."""

from __future__ import annotations

from pathlib import Path

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from writer_app.engine import quantization
from writer_app.engine.devices import MachineFacts, plan_device
from writer_app.engine.embedding import embed_texts, token_batches
from writer_app.engine.loader import load_model

CPU = plan_device("cpu", MachineFacts(cpu_count=2))
TEXTS = ["Rain fell softly on the garden.", "It is a truth universally acknowledged. " * 20, "Yes."]


def _load(folder: Path, monkeypatch, faster: bool):
    monkeypatch.setattr(quantization, "bf16_matmul_is_faster", lambda *args: faster)
    return load_model("tiny-bert", folder, "encoder", CPU)


@pytest.mark.parametrize("faster", [True, False])
def test_an_encoder_takes_bf16_only_where_it_is_faster(tiny_bert_dir: Path, monkeypatch, faster):
    loaded = _load(tiny_bert_dir, monkeypatch, faster)
    assert loaded.model.dtype == (torch.bfloat16 if faster else torch.float32)
    vectors = embed_texts(loaded, TEXTS, batch_size=2)
    assert vectors.dtype == torch.float32 and vectors.shape[0] == len(TEXTS)
    assert torch.allclose(vectors.norm(dim=1), torch.ones(len(TEXTS)), atol=1e-5)


def test_bf16_vectors_point_where_float32_vectors_do(tiny_bert_dir: Path, monkeypatch):
    full = embed_texts(_load(tiny_bert_dir, monkeypatch, False), TEXTS)
    half = embed_texts(_load(tiny_bert_dir, monkeypatch, True), TEXTS)
    assert (full * half).sum(dim=1).min() > 0.99


def test_the_speed_probe_answers_and_is_remembered():
    first = quantization.bf16_matmul_is_faster(64, 128, 256)
    assert isinstance(first, bool) and quantization.bf16_matmul_is_faster(64, 128, 256) is first


@given(st.lists(st.integers(1, 600), max_size=60), st.integers(1, 40), st.integers(1, 5000))
def test_token_batches_cover_the_texts_in_order_within_their_limits(lengths, batch_size, budget):
    batches = token_batches(lengths, batch_size, budget)
    assert [i for start, end in batches for i in range(start, end)] == list(range(len(lengths)))
    for start, end in batches:
        assert end - start <= batch_size
        # Over the budget only when a single text is longer than it on its own.
        assert (end - start) * max(lengths[start:end]) <= budget or end - start == 1


def test_long_passages_go_fewer_at_a_time(tiny_bert_dir: Path, monkeypatch):
    loaded = _load(tiny_bert_dir, monkeypatch, False)
    texts = ["word " * 600] * 6  # each cut at the model's limit
    limit = min(loaded.context_length, 512)
    progress = []
    vectors = embed_texts(loaded, texts, batch_size=32, token_budget=limit + 1, on_progress=progress.append)
    assert vectors.shape[0] == 6 and len(progress) == 6  # one text per batch: two would take 2 × limit tokens
    assert progress[-1] == 1.0
