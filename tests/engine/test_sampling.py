"""Sampling among the top candidates against transformers' warpers over the whole vocabulary."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from transformers import LogitsProcessorList
from transformers.generation.logits_process import (
    MinNewTokensLengthLogitsProcessor,
    MinPLogitsWarper,
    TemperatureLogitsWarper,
    TopKLogitsWarper,
    TopPLogitsWarper,
)

from writer_app.engine.sampling import MinNewTokens, TopCandidatesSampler, top_k

pytestmark = pytest.mark.core


def transformers_probs(scores, temperature, top_k, top_p, min_p):
    """The distribution ``generate(do_sample=True)`` draws from, in transformers' own order of warpers."""
    warpers = LogitsProcessorList([TemperatureLogitsWarper(temperature), TopKLogitsWarper(top_k)])
    if top_p < 1:
        warpers.append(TopPLogitsWarper(top_p))
    if min_p > 0:
        warpers.append(MinPLogitsWarper(min_p))
    return warpers(None, scores.clone()).softmax(-1)


def our_probs(scores, sampler):
    values, indices = sampler.candidates(scores)
    return torch.zeros_like(scores).scatter_(-1, indices, values.softmax(-1))


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**16),
    temperature=st.sampled_from([0.3, 0.8, 1.0, 1.7]),
    top_k=st.integers(1, 80),
    top_p=st.sampled_from([0.5, 0.9, 0.95, 1.0]),
    min_p=st.sampled_from([0.0, 0.05, 0.3]),
    spread=st.sampled_from([0.5, 3.0, 8.0]),
)
def test_the_candidates_carry_the_distribution_transformers_samples_from(
    seed, temperature, top_k, top_p, min_p, spread
):
    generator = torch.Generator().manual_seed(seed)
    scores = torch.randn(2, 500, generator=generator) * spread
    sampler = TopCandidatesSampler(temperature, top_k, top_p, min_p)
    want = transformers_probs(scores, temperature, top_k, top_p, min_p)
    torch.testing.assert_close(our_probs(scores, sampler), want, atol=1e-5, rtol=1e-4)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**16),
    k=st.sampled_from([1, 7, 50, 256]),
    width=st.sampled_from([4096, 128 * 1031, 262_144]),
    masked=st.sampled_from([0.0, 0.5, 0.999]),
)
def test_top_k_finds_what_torch_topk_finds(seed, k, width, masked):
    generator = torch.Generator().manual_seed(seed)
    scores = torch.randn(2, width, generator=generator)
    # Banned tokens (-inf) as n-gram bans and the sampler leave them, some rows nearly all banned.
    scores[torch.rand(2, width, generator=generator) < masked] = float("-inf")
    values, indices = top_k(scores, k)
    want_values, want_indices = scores.topk(k, -1)
    assert torch.equal(values, want_values)
    finite = torch.isfinite(want_values)  # among -inf ties, any index will do
    assert torch.equal(indices[finite], want_indices[finite])


def test_drawn_tokens_follow_the_distribution_and_only_the_drawn_one_stands():
    torch.manual_seed(0)
    scores = torch.tensor([[2.0, 1.0, 0.5, -1.0, -3.0, 1.5]])
    sampler = TopCandidatesSampler(temperature=1.0, top_k=4, top_p=1.0, min_p=0.0)
    want = transformers_probs(scores, 1.0, 4, 1.0, 0.0)[0]
    counts = torch.zeros(6)
    for _ in range(4000):
        out = sampler(None, scores.clone())
        assert int((out == 0).sum()) == 1 and int(torch.isinf(out).sum()) == 5
        counts[int(out.argmax())] += 1
    assert counts[3:5].sum() == 0  # outside the top 4: never drawn
    torch.testing.assert_close(counts / counts.sum(), want, atol=0.03, rtol=0)


def test_greedy_settings_are_refused():
    with pytest.raises(ValueError):
        TopCandidatesSampler(temperature=0, top_k=50)
    with pytest.raises(ValueError):
        TopCandidatesSampler(temperature=0.8, top_k=0)


@pytest.mark.parametrize("generated", [0, 2, 3, 5])
def test_the_minimum_length_bans_the_end_exactly_as_transformers_does(generated):
    prompt, count, end = 4, 3, [7, 2]
    input_ids = torch.arange(prompt + generated).unsqueeze(0)
    scores = torch.randn(1, 12)
    theirs = MinNewTokensLengthLogitsProcessor(prompt, count, torch.tensor(end))(input_ids, scores.clone())
    ours = MinNewTokens(prompt, count, end)(input_ids, scores.clone())
    assert torch.equal(ours, theirs)
    assert torch.isinf(ours[0, end]).all() == (generated < count)
