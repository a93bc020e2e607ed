"""Loading a model folder onto the planned device: safetensors only, no remote code."""

from __future__ import annotations

import ctypes
import gc
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import torch
from transformers import (
    AutoConfig,
    AutoModel,
    AutoModelForCausalLM,
    AutoModelForQuestionAnswering,
    AutoModelForSeq2SeqLM,
    AutoTokenizer,
    TokenizersBackend,
)

from writer_app.core.collector import collector_paused
from writer_app.core.errors import Stopped, raise_if_stopped
from writer_app.engine.devices import DevicePlan

AUTO_CLASSES = {
    "causal": AutoModelForCausalLM,
    "encoder": AutoModel,
    "seq2seq": AutoModelForSeq2SeqLM,
    "qa": AutoModelForQuestionAnswering,
}


class ModelLoadError(Exception):
    """Loading failed; the message is for the writer."""


class OutOfMemory(ModelLoadError):
    pass


@dataclass
class LoadedModel:
    model_id: str
    model: object
    tokenizer: object
    kind: str  # a key of AUTO_CLASSES
    plan: DevicePlan
    context_length: int
    load_s: float = 0.0
    bytes: int = 0
    has_chat_template: bool = False
    quant: object = None  # quantization.QuantChoice on the CPU, else None
    # The KV cache of the last prompt, reused for the next one's common prefix.
    prompt_cache: object = None
    # The KV caches of the text last scored and of the text last asked for next words (engine.scoring).
    reading_caches: dict = field(default_factory=dict)
    reuse_prompts: bool = True

    @property
    def input_device(self) -> torch.device:
        return next(self.model.parameters()).device


def _model_bytes(model) -> int:
    """Bytes of the model's parameters and buffers, tied tensors counted once."""
    tensors = {t.data_ptr(): t for t in [*model.parameters(), *model.buffers()]}
    return sum(t.numel() * t.element_size() for t in tensors.values())


def _context_length(config, fallback: int) -> int:
    for name in ("max_position_embeddings", "n_positions", "max_seq_len"):
        value = getattr(config, name, None)
        if isinstance(value, int) and value > 0:
            return value
    return fallback


def is_out_of_memory(exc: BaseException) -> bool:
    return isinstance(exc, (MemoryError, torch.OutOfMemoryError)) or "out of memory" in str(exc).lower()


@collector_paused()  # its passes over what loading makes froze the window (core/collector.py)
def load_model(
    model_id: str,
    folder: Path,
    kind: str,
    plan: DevicePlan,
    fallback_context: int = 2048,
    quantization: str = "none",
    quant_store=None,
    on_probe=None,
    stop=None,
) -> LoadedModel:
    """Load a model of *kind* (causal, encoder, seq2seq, qa) from a safetensors folder onto *plan*'s device.

    On the CPU a causal LM's linear layers are quantised per *quantization*
    ("auto" probes this machine once per model and remembers it in *quant_store*).
    Setting *stop* (a threading.Event) raises Stopped at the next step.
    """
    import time

    started = time.perf_counter()
    if plan.threads:
        torch.set_num_threads(plan.threads)
    options = {"dtype": getattr(torch, plan.dtype), "use_safetensors": True}
    if plan.attn_implementation:
        options["attn_implementation"] = plan.attn_implementation
    if plan.device_map:
        options.update(device_map=plan.device_map, max_memory=plan.max_memory)
    try:
        _read_ahead(Path(folder), stop)
        # A local folder only: no Hub look-ups, and never the folder's own Python code.
        tokenizer = _tokenizer_class(Path(folder)).from_pretrained(
            folder, local_files_only=True, trust_remote_code=False, **_tokenizer_hints(Path(folder))
        )
        raise_if_stopped(stop)
        config = AutoConfig.from_pretrained(folder, local_files_only=True, trust_remote_code=False)
        raise_if_stopped(stop)
        model = AUTO_CLASSES[kind].from_pretrained(folder, local_files_only=True, trust_remote_code=False, **options)
        raise_if_stopped(stop)
        if not plan.device_map and plan.device != "cpu":
            model = model.to(plan.device)
        elif kind == "encoder" and plan.device == "cpu" and model.dtype == torch.float32 and _bf16_is_faster():
            # About twice as fast with bf16 matrix units; vectors stay within 1e-4 of float32's (cosine).
            model = model.to(torch.bfloat16)
        model.eval()
    except Stopped:
        raise
    except Exception as exc:
        gc.collect()
        if torch.cuda.is_available():
            torch.cuda.empty_cache()
        if is_out_of_memory(exc):
            raise OutOfMemory(
                f"There is not enough memory on the {plan.label} for this model. "
                "Close other programs, switch to the CPU, or pick a smaller model."
            ) from exc
        raise ModelLoadError(f"The model could not be loaded: {exc}") from exc
    if tokenizer.pad_token_id is None and tokenizer.eos_token_id is not None:
        tokenizer.pad_token = tokenizer.eos_token
    quant = None
    if kind == "causal" and plan.device == "cpu" and quantization != "none":
        from writer_app.engine.quantization import choose_and_quantise, guard_ids, machine_key

        key = f"{machine_key()}:{model_id}:{Path(folder).name}"
        quant = choose_and_quantise(model, quantization, guard_ids(tokenizer), quant_store, key, on_probe, stop)
        if quant.scheme != "none":
            raise_if_stopped(stop)
            _settle_memory(model)
    if kind == "causal" and plan.device == "cpu":
        from writer_app.engine.decode_step import install

        install(model)  # single-token steps through DecoderStack (Llama and Gemma 3 families)
        _return_freed_memory()  # what quantising and building the step read through
    return LoadedModel(
        model_id=model_id,
        model=model,
        tokenizer=tokenizer,
        kind=kind,
        plan=plan,
        context_length=_context_length(config, fallback_context),
        load_s=time.perf_counter() - started,
        bytes=_model_bytes(model),
        has_chat_template=bool(getattr(tokenizer, "chat_template", None)),
        quant=quant,
    )


def _read_ahead(folder: Path, stop=None, chunk_bytes: int = 16 * 2**20) -> None:
    """Bring the folder's weights into the operating system's file cache, a chunk at a time.

    Opening a safetensors file that is not cached yet reads all of it while
    holding the GIL: 1.7 s for SmolLM2's converted 538 MB, with the window
    frozen for 0.4 s of it. Plain reads release the GIL, so reading the file
    first keeps the window painting, and the open that follows takes 1 ms.
    """
    paths = sorted(folder.glob("*.safetensors"))
    try:
        room = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        if sum(path.stat().st_size for path in paths) > room // 2:
            return  # weights that would not stay cached would only be read twice
    except (AttributeError, ValueError, OSError):
        return  # no way to tell how much memory is free (not Linux): leave it to the loader
    buffer = bytearray(chunk_bytes)
    for path in paths:
        try:
            with open(path, "rb", buffering=0) as file:
                while file.readinto(buffer):
                    raise_if_stopped(stop)
        except OSError:
            return  # loading reports what is wrong with the file


def _tokenizer_class(folder: Path):
    """The class to load *folder*'s tokenizer with: tokenizers' own, for the folders converted from GGUF files.

    Their tokenizer.json was written from the very tokenizer the conversion
    built, so it is the whole definition. A model's own class (GemmaTokenizer)
    parses it in Python and rebuilds it from a vocabulary and merges it then
    keeps: for Gemma 3 that took twice as long (2.9 against 1.5 s) and kept
    155 MB more (262,144 tokens and 514,906 merges as Python objects), for
    the same ids.
    """
    from writer_app.engine.gguf_conversion import MARKER_NAME

    converted = (folder / MARKER_NAME).is_file() and (folder / "tokenizer.json").is_file()
    return TokenizersBackend if converted else AutoTokenizer


def _tokenizer_hints(folder: Path) -> dict:
    """What spares transformers from parsing the whole tokenizer.json in Python (see ``tokenizer_files``)."""
    from writer_app.engine.tokenizer_files import added_tokens_decoder

    config = folder / "tokenizer_config.json"
    try:
        listed = "added_tokens_decoder" in json.loads(config.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        listed = True  # nothing to add to: transformers reports the problem
    found = None if listed else added_tokens_decoder(folder / "tokenizer.json")
    return {"added_tokens_decoder": found} if found is not None else {}


def _bf16_is_faster() -> bool:
    from writer_app.engine.quantization import bf16_matmul_is_faster

    return bf16_matmul_is_faster()


def _settle_memory(model) -> None:
    """Let go of the fp32 file that quantising read.

    safetensors maps the fp32 file into memory, and quantising read all of it:
    while any tensor still points into that mapping (embeddings, norms), the
    whole file stays resident. Copying those tensors out lets it go, and
    ``_return_freed_memory`` then returns the freed heap pages (SmolLM2 int4:
    1,012 → 607 MB).
    """
    with torch.no_grad():
        for tensor in [*model.parameters(), *model.buffers()]:
            tensor.data = tensor.data.clone()
    # No gc.collect() here: the replaced layers are freed as their last reference goes, and a
    # full collection over torch's and transformers' objects holds the GIL for 250–380 ms.


def _return_freed_memory() -> None:
    """Hand the heap's free pages back to the system (``malloc_trim``): glibc keeps them otherwise.

    Loading leaves hundreds of MB freed but held: Gemma 3 after building its
    decoding step 951 MB resident, 802 MB after this.
    """
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: the allocator keeps its pages
        pass


def free_model(loaded: LoadedModel) -> None:
    loaded.model = None
    loaded.prompt_cache = None
    loaded.reading_caches.clear()
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
