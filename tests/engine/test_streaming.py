"""The no-repeat-n-gram processor, kept up to date a token at a time, against transformers' own."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from transformers.generation.logits_process import NoRepeatNGramLogitsProcessor

from writer_app.engine.streaming import NoRepeatNGram

pytestmark = pytest.mark.core

VOCABULARY = 6  # few tokens, so that n-grams repeat


def banned_by(processor, input_ids: torch.Tensor) -> list[set[int]]:
    scores = processor(input_ids, torch.zeros(input_ids.shape[0], VOCABULARY))
    return [set(torch.isinf(row).nonzero().flatten().tolist()) for row in scores]


def banned_in_reply(ids: list[int], size: int, start: int) -> set[int]:
    """The tokens that would repeat an n-gram of ids[start:], by brute force."""
    reply = ids[start:]
    if len(reply) < size - 1:
        return set()
    last = reply[len(reply) - size + 1 :]
    return {reply[i + size - 1] for i in range(len(reply) - size + 1) if reply[i : i + size - 1] == last}


@settings(max_examples=80, deadline=None)
@given(
    rows=st.lists(st.lists(st.integers(0, VOCABULARY - 1), min_size=30, max_size=30), min_size=1, max_size=3),
    size=st.integers(1, 4),
    prompt=st.integers(1, 12),
)
def test_each_step_bans_what_transformers_bans(rows, size, prompt):
    sequences = torch.tensor(rows)
    ours, theirs = NoRepeatNGram(size), NoRepeatNGramLogitsProcessor(size)
    reply_only = NoRepeatNGram(size, start=prompt)
    for length in range(prompt, sequences.shape[1] + 1):  # the prompt, then one token more at each step
        step = sequences[:, :length]
        assert banned_by(ours, step) == banned_by(theirs, step)
        want = [banned_in_reply(row, size, prompt) for row in step.tolist()]
        assert banned_by(reply_only, step) == want


def test_a_sequence_that_changes_behind_it_is_indexed_again():
    processor = NoRepeatNGram(2)
    assert banned_by(processor, torch.tensor([[1, 2, 3, 1]])) == [{2}]
    # Drafts taken back and others accepted (assisted generation): same length, other tokens.
    assert banned_by(processor, torch.tensor([[1, 4, 3, 1]])) == [{4}]
    assert banned_by(processor, torch.tensor([[5, 1]])) == [set()]
