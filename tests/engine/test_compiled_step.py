"""The compiled decoding step: its package key, a real background build and load, and failures that stay eager."""

from __future__ import annotations

import sys
import time

import pytest
import torch

from tests.engine.test_decode_step import decode_both, gemma, llama
from writer_app.engine import compiled_step
from writer_app.engine.compiled_step import StepCompiler, package_path
from writer_app.engine.decode_step import DecodeStep
from writer_app.engine.devices import MachineFacts, plan_device
from writer_app.engine.loader import load_model
from writer_app.engine.quantization import quantise_linears

pytestmark = pytest.mark.core

CPU = plan_device("cpu", MachineFacts(cpu_count=2))


def wait_for(compiler: StepCompiler, seconds: float = 900) -> None:
    deadline = time.monotonic() + seconds
    while compiler._jobs and time.monotonic() < deadline:
        time.sleep(0.5)
        compiler.poll()
    assert not compiler._jobs, "the background compile did not finish"


def test_the_package_key_follows_the_stack_and_torch(tmp_path, monkeypatch):
    plain = DecodeStep.for_model(llama()).stack
    assert package_path(tmp_path, plain) == package_path(tmp_path, DecodeStep.for_model(llama()).stack)
    int8 = llama()
    quantise_linears(int8, "int8")
    assert package_path(tmp_path, DecodeStep.for_model(int8).stack) != package_path(tmp_path, plain)
    # One compiled layer serves any number of layers; another architecture gets its own.
    assert package_path(tmp_path, DecodeStep.for_model(llama(layers=2)).stack) == package_path(tmp_path, plain)
    assert package_path(tmp_path, DecodeStep.for_model(gemma()).stack) != package_path(tmp_path, plain)
    before = package_path(tmp_path, plain)
    monkeypatch.setattr(torch, "__version__", "0.0.0")
    assert package_path(tmp_path, plain) != before


def test_a_failed_build_is_remembered_and_decoding_stays_eager(tmp_path, monkeypatch):
    step = DecodeStep.for_model(llama())
    failing = [sys.executable, "-c", "import sys; print('no compiler for this'); sys.exit(1)"]
    monkeypatch.setattr(compiled_step, "compile_command", lambda *_args: failing)
    monkeypatch.setattr(compiled_step, "compiler_available", lambda: True)
    compiler = StepCompiler(tmp_path, mode="on")
    compiler.attach(step, tmp_path, "tiny", "none")
    wait_for(compiler, 60)
    failure = package_path(tmp_path, step.stack).with_suffix(".failed.json")
    assert "no compiler for this" in failure.read_text()
    assert not step.compiled
    compiler.attach(step, tmp_path, "tiny", "none")  # not tried again for the same key
    assert compiler._jobs == {}


def test_load_only_and_off_never_start_a_build(tmp_path, monkeypatch):
    started = []
    monkeypatch.setattr(compiled_step.subprocess, "Popen", lambda *args, **kwargs: started.append(args))
    for mode in ("load", "off"):
        StepCompiler(tmp_path, mode=mode).attach(DecodeStep.for_model(llama()), tmp_path, "tiny", "none")
    assert started == []


def test_a_damaged_package_is_set_aside(tmp_path):
    step = DecodeStep.for_model(llama())
    path = package_path(tmp_path, step.stack)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a package")
    StepCompiler(tmp_path, mode="load").attach(step, tmp_path, "tiny", "none")
    assert not step.compiled
    assert not path.exists() and path.with_suffix(".failed.json").exists()


@pytest.mark.skipif(not compiled_step.compiler_available(), reason="AOTInductor needs a C++ compiler")
def test_a_real_build_in_the_background_then_serves_every_model_of_its_shape(tiny_llama_chat_dir, tmp_path):
    """Built by ``writer-app compile-step`` in a child process; the package holds code, not weights."""
    loaded = load_model("tiny-llama", tiny_llama_chat_dir, "causal", CPU, quantization="none")
    step = loaded.model.decode_step
    compiler = StepCompiler(tmp_path, mode="on")
    compiler.attach(step, tiny_llama_chat_dir, "tiny-llama", "none")
    assert compiler._jobs, "a build should have started"
    assert not step.compiled  # eager decoding serves meanwhile
    wait_for(compiler)
    assert step.compiled, package_path(tmp_path, step.stack).with_suffix(".log").read_text()[-2000:]
    assert 0 < step.compiled_load_s < 5
    step.runner, step.compiled = step.stack.layer, False
    eager = decode_both(loaded.model, step, prompt_tokens=20, steps=6)[1]
    compiler.attach(step, tiny_llama_chat_dir, "tiny-llama", "none")  # built: loaded at once
    assert step.compiled and compiler._jobs == {}
    compiled = decode_both(loaded.model, step, prompt_tokens=20, steps=6)[1]
    torch.testing.assert_close(compiled, eager, atol=1e-4, rtol=1e-4)
    # Another model of the same shape, other weights: the same package computes *its* logits.
    other = load_model("tiny-llama", tiny_llama_chat_dir, "causal", CPU, quantization="none").model
    with torch.no_grad():
        for parameter in other.parameters():
            parameter.mul_(1.5)
    other_step = DecodeStep.for_model(other)
    reference = decode_both(other, other_step, prompt_tokens=20, steps=6)[0]
    StepCompiler(tmp_path, mode="load").attach(other_step, tiny_llama_chat_dir, "tiny-llama", "none")
    assert other_step.compiled
    torch.testing.assert_close(
        decode_both(other, other_step, prompt_tokens=20, steps=6)[1], reference, atol=1e-4, rtol=1e-4
    )
    assert not (tmp_path / "compiled-steps" / (package_path(tmp_path, step.stack).stem + ".inductor")).exists()
