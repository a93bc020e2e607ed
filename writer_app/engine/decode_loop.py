"""A token-by-token loop for the common reply: one sequence, chosen token by token, streamed.

``generate`` spent ~0.6 ms a token of SmolLM2 and 0.7–0.9 ms of Gemma 3 (5–7 %
of a token once the decoding step is compiled) on bookkeeping this case does
not need: preparing inputs and keyword arguments, attention masks grown a
column at a time, logits copied, its processors' signatures inspected at
every step. ``decode`` does what ``generate`` does for one sequence whose
token is the best one after the logits processors (greedy, or the one
``TopCandidatesSampler`` drew): the same processors in the same order, the
same stopping rules, the same streamer calls, so the same tokens.

``serves`` says when that holds; everything else (assisted generation,
several sequences, scores kept, a model whose generation config asks for
processors of its own) goes through ``generate``.
"""

from __future__ import annotations

import torch
from transformers import GenerationConfig, LogitsProcessorList, RepetitionPenaltyLogitsProcessor, StoppingCriteriaList

from writer_app.engine.kv_cache import GrowingCache

# The model's own generation config may hold these and nothing else: anything more
# (suppressed tokens, forced ends, bad words…) would make ``generate`` add processors.
_PLAIN_MODEL_KEYS = {
    "bos_token_id",
    "eos_token_id",
    "pad_token_id",
    "decoder_start_token_id",
    "use_cache",
    "output_attentions",
    "output_hidden_states",
    "transformers_version",
    "_from_model_config",
}
# Settings of the reply's own config this loop reproduces (with their defaults, everything else).
_HANDLED = {"max_new_tokens", "repetition_penalty", "do_sample", "eos_token_id", "pad_token_id"}


def serves(model, input_ids: torch.Tensor, config: GenerationConfig, options: dict) -> bool:
    """Whether ``decode`` gives what ``model.generate`` would for these arguments."""
    if getattr(model, "decode_step", None) is None or input_ids.shape[0] != 1 or config.do_sample:
        return False
    if set(options) - {"cache", "streamer", "logits_processor"} or not isinstance(options.get("cache"), GrowingCache):
        return False
    if not 0 <= options["cache"].get_seq_length() < input_ids.shape[1]:
        return False
    if set(config.to_diff_dict()) - _HANDLED - {"transformers_version"}:
        return False
    model_config = getattr(model, "generation_config", None)
    return model_config is None or not set(model_config.to_diff_dict()) - _PLAIN_MODEL_KEYS


@torch.inference_mode()
def decode(
    model,
    input_ids: torch.Tensor,
    config: GenerationConfig,
    stopping: StoppingCriteriaList,
    cache: GrowingCache,
    streamer=None,
    logits_processor: LogitsProcessorList | None = None,
) -> torch.Tensor:
    """The prompt *input_ids* (1, n) followed by the reply's tokens, as ``model.generate`` returns them.

    *cache* holds the prompt's keys and values up to any point short of its
    end; the rest is read first.
    """
    processors = list(logits_processor or [])
    if config.repetition_penalty is not None and config.repetition_penalty != 1.0:
        processors.insert(0, RepetitionPenaltyLogitsProcessor(config.repetition_penalty))  # generate's order
    ends = config.eos_token_id
    ends = set() if ends is None else {ends} if isinstance(ends, int) else set(ends)
    if streamer is not None:
        streamer.put(input_ids.cpu())
    tokens = input_ids
    unread = input_ids[:, cache.get_seq_length() :]
    for _ in range(config.max_new_tokens):
        logits = model(input_ids=unread, cache=cache, use_cache=True, logits_to_keep=1).logits
        scores = logits[:, -1].float()
        for processor in processors:
            scores = processor(tokens, scores)
        chosen = scores.argmax(-1)
        tokens = torch.cat([tokens, chosen[:, None]], dim=-1)
        stop = bool(stopping(tokens, scores).any())
        if streamer is not None:
            streamer.put(chosen.cpu())
        if stop or int(chosen) in ends:
            break
        unread = chosen[:, None]
    if streamer is not None:
        streamer.end()
    return tokens
