"""Streaming generation over a loaded causal LM, and fitting prompts into its window."""

from __future__ import annotations

import contextlib
import threading
import time
from typing import Callable

import torch
from transformers import GenerationConfig, LogitsProcessorList, StoppingCriteriaList

from writer_app.core.prompts import prompt_start
from writer_app.core.requests import GenerationSettings
from writer_app.core.textfile import normalise_newlines
from writer_app.engine import decode_loop
from writer_app.engine.backend import Completion, FittedText, TokenLogprob
from writer_app.engine.decode_step import SHORTLIST, shortlisted
from writer_app.engine.kv_cache import make_kv_cache
from writer_app.engine.loader import LoadedModel, OutOfMemory, is_out_of_memory
from writer_app.engine.prompt_cache import PromptCache
from writer_app.engine.sampling import MinNewTokens, TopCandidatesSampler
from writer_app.engine.streaming import CallbackStreamer, NoRepeatNGram, StopOnEvent

# Prose averages about four characters a token; eight leaves a wide margin
# when cutting a long document down before tokenising it.
_MAX_CHARS_PER_TOKEN = 8
# Prompts are read this many tokens at a time (Stop is checked in between).
PREFILL_CHUNK_TOKENS = 512


def generate_kwargs(settings: GenerationSettings) -> dict:
    """Keyword arguments for ``GenerationConfig`` (temperature 0 means greedy)."""
    kwargs = {
        "max_new_tokens": settings.max_new_tokens,
        "repetition_penalty": settings.repetition_penalty,
        "no_repeat_ngram_size": settings.no_repeat_ngram_size,
    }
    if settings.min_new_tokens:
        kwargs["min_new_tokens"] = settings.min_new_tokens
    if settings.temperature > 0:
        kwargs.update(
            do_sample=True,
            temperature=settings.temperature,
            top_k=settings.top_k,
            top_p=settings.top_p,
            min_p=settings.min_p or None,
        )
    else:
        kwargs["do_sample"] = False
    return kwargs


def fit_text_left(tokenizer, text: str, max_tokens: int, align_chars: int = 0) -> FittedText:
    """Keep the end of *text* within *max_tokens*, starting at a sentence boundary.

    *align_chars*: see ``core.prompts.prompt_start`` (keeps the KV cache reusable).
    """
    if max_tokens <= 0:
        return FittedText("", len(text))
    offset = max(0, len(text) - max_tokens * _MAX_CHARS_PER_TOKEN)
    window = text[offset:]
    encoding = tokenizer(window, add_special_tokens=False, return_offsets_mapping=True)
    ids = encoding["input_ids"]
    if len(ids) <= max_tokens and offset == 0:
        return FittedText(text, 0)
    first_kept = max(0, len(ids) - max_tokens)
    cut = offset + encoding["offset_mapping"][first_kept][0] if ids else offset
    start = prompt_start(text, cut, align_chars)
    return FittedText(text[start:], start)


def count_tokens(tokenizer, text: str) -> int:
    return len(tokenizer(text, add_special_tokens=False)["input_ids"])


def generate_stream(
    loaded: LoadedModel,
    input_ids: torch.Tensor,
    settings: GenerationSettings,
    stop_event: threading.Event,
    on_text: Callable[[str], None],
    assistant: LoadedModel | None = None,
    logprobs: bool = False,
) -> Completion:
    """Generate one reply, streaming its text; the prompt's common prefix with the last one is not read again.

    With an *assistant* (a small model of the same tokenizer), it drafts a few
    tokens at a time and the model checks them in one pass (assisted
    generation); the text is what the model would write alone (up to
    floating-point near-ties), only faster when many drafts are accepted.
    With *logprobs*, the reply's tokens come back with their log-probabilities
    (no assistant then: its rejected drafts leave no scores).
    """
    if logprobs:
        assistant = None
    streamer = CallbackStreamer(loaded.tokenizer, on_text)
    passes = _ForwardPassCounter(loaded.model)
    started = time.perf_counter()
    prompt_cache = _prompt_cache(loaded)
    if not loaded.reuse_prompts or assistant is not None:
        # Assisted generation leaves drafted-then-rejected entries in the
        # model's cache, so it starts from a fresh cache and keeps none.
        prompt_cache.clear()
    cache, reused = prompt_cache.take(input_ids, room=settings.max_new_tokens)
    options = {"streamer": streamer, "cache": cache}
    if assistant is not None:
        options["assistant_model"] = assistant.model
    kwargs = generate_kwargs(settings)
    if logprobs:
        kwargs.update(return_dict_in_generate=True, output_logits=True)
    scored = ()
    try:
        read = _prefill(loaded, input_ids, cache, reused, stop_event)
        if stop_event.is_set():
            # Stopped while reading: what was read is kept for next time.
            prompt_cache.keep(cache, input_ids[0, :read])
            output = input_ids
        else:
            with threads(loaded.plan.decode_threads), passes:
                output = _generate(loaded, input_ids, settings, kwargs, stop_event, "writing", **options)
            if logprobs:
                scored = _token_logprobs(loaded, output)[0][1]
                output = output.sequences
            if assistant is None:
                prompt_cache.keep(cache, output[0])
    except BaseException:
        prompt_cache.clear()
        raise
    finished = time.perf_counter()
    new_tokens = int(output.shape[1] - input_ids.shape[1])
    first = streamer.first_token_at or finished
    decode_s = finished - first
    return Completion(
        text=streamer.text,
        new_tokens=new_tokens,
        prompt_tokens=int(input_ids.shape[1]),
        reused_tokens=reused,
        ttft_s=first - started,
        # Decode speed over the tokens after the first (the first includes reading the prompt).
        tokens_per_s=(new_tokens - 1) / decode_s if new_tokens > 1 and decode_s > 0 else 0.0,
        total_s=finished - started,
        stopped=stop_event.is_set(),
        # Tokens per forward pass of the model: 1 without an assistant, more when its drafts are accepted.
        tokens_per_pass=round(new_tokens / passes.count, 2) if passes.count else 0.0,
        speculative=assistant is not None,
        logprobs=scored,
    )


class _ForwardPassCounter:
    """Counts the model's forward passes inside a ``with`` block (a hook, no per-token Python beyond it)."""

    def __init__(self, model):
        self._model = model
        self.count = 0

    def _hook(self, *_args) -> None:
        self.count += 1

    def __enter__(self):
        self._handle = self._model.register_forward_pre_hook(self._hook)
        return self

    def __exit__(self, *_exc) -> None:
        self._handle.remove()


def _prompt_cache(loaded: LoadedModel) -> PromptCache:
    if loaded.prompt_cache is None:
        # A static cache is sized for the request, in steps of 1,024 tokens so that it can be reused.
        # Where a decoding step serves the model, the cache keeps keys and values in the dtype it reads fastest.
        step = getattr(loaded.model, "decode_step", None)
        storage = step.stack.kv_dtype if step is not None else None
        loaded.prompt_cache = PromptCache(
            lambda tokens: make_kv_cache(
                loaded.plan.kv_cache,
                loaded.model.config,
                min(loaded.context_length, -(-tokens // 1024) * 1024),
                storage,
            )
        )
    return loaded.prompt_cache


@contextlib.contextmanager
def threads(count: int | None):
    """Run the block with *count* intra-op threads (None: leave as is)."""
    previous = torch.get_num_threads()
    if count and count != previous:
        torch.set_num_threads(count)
    try:
        yield
    finally:
        if count and count != previous:
            torch.set_num_threads(previous)


def _prefill(loaded: LoadedModel, input_ids: torch.Tensor, cache, reused: int, stop_event: threading.Event) -> int:
    """Read the prompt's new tokens (all but the last, which ``generate`` reads) into *cache*; how many it holds.

    Done here rather than inside ``generate`` so that reading, which is
    compute-bound, gets the plan's prefill threads and decoding its own; and
    in chunks, so that Stop takes effect within a chunk (about a second on a
    laptop CPU) instead of after the whole prompt.
    """
    end = input_ids.shape[1] - 1
    position = reused
    with threads(loaded.plan.threads), torch.inference_mode(), memory_errors(loaded, "reading the text"):
        while position < end and not stop_event.is_set():
            chunk_end = min(end, position + PREFILL_CHUNK_TOKENS)
            ids = input_ids[:, position:chunk_end].to(loaded.input_device)
            loaded.model(
                input_ids=ids,
                cache=cache,
                use_cache=True,
                cache_position=torch.arange(position, chunk_end, device=ids.device),
                logits_to_keep=1,  # only the last position's logits; the vocabulary is large
            )
            position = chunk_end
    return position


@contextlib.contextmanager
def memory_errors(loaded: LoadedModel, what: str):
    """Turn out-of-memory into a clear error the writer can act on."""
    try:
        yield
    except Exception as exc:
        if is_out_of_memory(exc):
            raise OutOfMemory(
                f"The {loaded.plan.label} ran out of memory while {what}. Try a shorter passage, "
                "the CPU, or a smaller model."
            ) from exc
        raise


def _generate(
    loaded: LoadedModel,
    input_ids: torch.Tensor,
    settings: GenerationSettings,
    config_kwargs: dict,
    stop_event,
    what: str,
    **options,
):
    """``model.generate`` with the Stop flag, the seed, and out-of-memory turned into a clear error."""
    tokenizer = loaded.tokenizer
    processors = LogitsProcessorList()
    if config_kwargs.get("no_repeat_ngram_size"):
        processors.append(NoRepeatNGram(config_kwargs["no_repeat_ngram_size"]))  # transformers' own, kept up to date
    config_kwargs = {key: value for key, value in config_kwargs.items() if key != "no_repeat_ngram_size"}
    if settings.reply_no_repeat_ngram_size:
        processors.append(NoRepeatNGram(settings.reply_no_repeat_ngram_size, start=input_ids.shape[1]))
    if config_kwargs.get("min_new_tokens"):
        end = tokenizer.eos_token_id
        processors.append(
            MinNewTokens(input_ids.shape[1], config_kwargs["min_new_tokens"], [] if end is None else [end])
        )
        config_kwargs = {key: value for key, value in config_kwargs.items() if key != "min_new_tokens"}
    sampler = _top_candidates_sampler(config_kwargs) if "assistant_model" not in options else None
    if sampler is not None:
        # Drawn among the top-k by the last processor; generate then just takes that token.
        config_kwargs = {key: value for key, value in config_kwargs.items() if key not in _SAMPLING_KEYS}
        config_kwargs["do_sample"] = False
        processors.append(sampler)
    if processors:
        options["logits_processor"] = processors
    config = GenerationConfig(**config_kwargs, pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id)
    input_ids = input_ids.to(loaded.input_device)
    if settings.seed is not None:
        torch.manual_seed(settings.seed)
    # Choosing the best token, or drawing among the top k, needs exact logits for the best few only.
    logits_kept = config_kwargs.get("output_logits") or config_kwargs.get("output_scores")
    choosing = sampler.top_k <= SHORTLIST if sampler is not None else not config_kwargs.get("do_sample")
    choosing = choosing and not logits_kept and "assistant_model" not in options
    stopping = StoppingCriteriaList([StopOnEvent(stop_event)])
    with (
        torch.inference_mode(),
        memory_errors(loaded, what),
        shortlisted(loaded.model) if choosing else contextlib.nullcontext(),
    ):
        if decode_loop.serves(loaded.model, input_ids, config, options):
            return decode_loop.decode(loaded.model, input_ids, config, stopping, **options)
        return loaded.model.generate(
            input_ids=input_ids,
            attention_mask=torch.ones_like(input_ids),
            generation_config=config,
            stopping_criteria=stopping,
            **options,
        )


_SAMPLING_KEYS = ("temperature", "top_k", "top_p", "min_p")


def _top_candidates_sampler(config_kwargs: dict) -> TopCandidatesSampler | None:
    """The sampler for *config_kwargs* when they sample among the top k (else transformers' own warpers)."""
    if not config_kwargs.get("do_sample") or not config_kwargs.get("top_k") or config_kwargs["temperature"] <= 0:
        return None
    return TopCandidatesSampler(
        config_kwargs["temperature"],
        config_kwargs["top_k"],
        config_kwargs.get("top_p") or 1.0,
        config_kwargs.get("min_p") or 0.0,
    )


def generate_alternatives(
    loaded: LoadedModel,
    input_ids: torch.Tensor,
    settings: GenerationSettings,
    count: int,
    stop_event: threading.Event,
) -> list[Completion]:
    """*count* sampled continuations, best first, each with its tokens' log-probabilities.

    The score is the model's own log-probability of each chosen token (from the
    raw logits, before temperature): a mean near 0 is predictable, lower is
    more surprising. The prompt is read once (or not at all, when the last
    request shared it), then its cache is copied for each alternative.
    """
    kwargs = generate_kwargs(settings)
    if not kwargs.get("do_sample"):
        kwargs.update(do_sample=True, temperature=0.8, top_p=0.95)  # identical greedy copies would be useless
    kwargs.update(return_dict_in_generate=True, output_logits=True)
    prompt_cache = _prompt_cache(loaded)
    if not loaded.reuse_prompts or loaded.plan.kv_cache != "dynamic":
        prompt_cache.clear()
    cache, reused = prompt_cache.take(input_ids, room=settings.max_new_tokens)
    started = time.perf_counter()
    try:
        read = _prefill(loaded, input_ids, cache, reused, stop_event)
        if stop_event.is_set():
            prompt_cache.keep(cache, input_ids[0, :read])
            return []
        # Every row's first token follows the shared prompt's reading at once.
        prompt_read_s = time.perf_counter() - started
        cache.batch_repeat_interleave(count)
        with threads(loaded.plan.decode_threads):
            output = _generate(
                loaded, input_ids.repeat(count, 1), settings, kwargs, stop_event, "writing alternatives", cache=cache
            )
    except BaseException:
        prompt_cache.clear()
        raise
    # The prompt, shared by every row, stays cached for the next request.
    cache.batch_select_indices(torch.tensor([0]))
    cache.crop(input_ids.shape[1] - int(cache.get_seq_length()))
    prompt_cache.keep(cache, input_ids[0])
    rows = _token_logprobs(loaded, output)
    total_s = time.perf_counter() - started
    results = [
        Completion(
            text=normalise_newlines(text),
            new_tokens=len(tokens),
            prompt_tokens=int(input_ids.shape[1]),
            reused_tokens=reused,
            ttft_s=prompt_read_s,
            total_s=total_s,
            stopped=stop_event.is_set(),
            logprobs=tokens,
        )
        for text, tokens in rows
    ]
    results.sort(key=lambda completion: completion.mean_logprob, reverse=True)
    return results


def _token_logprobs(loaded: LoadedModel, output) -> list[tuple[str, tuple[TokenLogprob, ...]]]:
    """Each generated row's text and tokens (up to padding or the end of text) with their log-probabilities."""
    tokenizer = loaded.tokenizer
    with torch.inference_mode():
        scores = loaded.model.compute_transition_scores(output.sequences, output.logits, normalize_logits=True)
    new = output.sequences[:, output.sequences.shape[1] - scores.shape[1] :]
    rows = []
    for row in range(new.shape[0]):
        tokens = new[row]
        keep = (
            tokens != tokenizer.pad_token_id
            if tokenizer.pad_token_id is not None
            else torch.ones_like(tokens, dtype=torch.bool)
        )
        if tokenizer.eos_token_id is not None and tokenizer.pad_token_id == tokenizer.eos_token_id:
            # Padding after an early end looks like EOS: count tokens up to the first one.
            eos = (tokens == tokenizer.eos_token_id).nonzero()
            keep = torch.arange(len(tokens)) < (int(eos[0]) if len(eos) else len(tokens))
        ids = tokens[keep].tolist()
        values = scores[row][keep].tolist()
        # Each token's text is what it adds to the decoded reply (multi-byte characters span tokens).
        texts, decoded = [], ""
        for end in range(1, len(ids) + 1):
            text = tokenizer.decode(ids[:end], skip_special_tokens=True)
            if text.endswith("\ufffd") and end < len(ids):
                texts.append("")  # half a character: its text comes with the token that completes it
                continue
            texts.append(text[len(decoded) :] if text.startswith(decoded) else text)
            decoded = text
        rows.append((decoded, tuple(TokenLogprob(text, value) for text, value in zip(texts, values))))
    return rows
