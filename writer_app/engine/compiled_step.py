"""The decoding step compiled for this machine: built once in the background, loaded at later starts.

Eagerly, ``DecoderLayer`` still runs ~20 ATen ops a layer from Python.
Exported with ``torch.export`` and compiled by AOTInductor, a layer becomes
one C++ call that fuses norms, casts and the rotary matmul around torch's
int4/int8 and attention kernels (SmolLM2-135M, 30 layers at 1,000 tokens of
context: 33 → 18 ms a token). Each layer is its own call: a compiled call
holds the GIL until it returns, and between layers the window gets its turn.

Compiling takes 20–30 s and is mostly Python, which would freeze the window if
it shared a process (the GIL) with it, so it runs in a child process
(``writer-app compile-step``) at low priority while eager decoding serves. The
layer takes its weights as arguments, so the package holds code only (3–4 MB)
and serves every layer, and every model, of the same shape and scheme. Its
name is a hash of those, torch's version, this CPU and the source of both
modules; anything else gets its own package. Loading one takes milliseconds. A
failed compile is logged, remembered beside the package (not retried for the
same key) and decoding stays eager.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from dataclasses import asdict
from pathlib import Path

import torch

from writer_app.engine import decode_step
from writer_app.engine.decode_step import DecoderStack, DecodeStep

log = logging.getLogger(__name__)

# "on" (default): load a built step, else build it in the background; "load": only load one
# already built (the command line, whose runs are too short to build one); "off": always eager.
ENV_SWITCH = "INKWELL_COMPILED_STEP"
_FOLDER = "compiled-steps"


def _describe(stack: DecoderStack) -> dict:
    """What the compiled layer depends on: the layer's shape and its tensors' dtypes and sizes."""
    return {
        "shape": asdict(stack.shape),
        "weights": [f"{tensor.dtype}:{tuple(tensor.shape)}" for tensor in stack.layer_weights[0]],
        "group_size": int(stack.group_size),
        "kv_dtype": str(stack.kv_dtype),
    }


def package_path(cache_dir: Path, stack: DecoderStack) -> Path:
    """Where the compiled form of *stack*'s layers lives for this machine, torch and source."""
    from writer_app.engine.quantization import machine_key

    source = inspect.getsource(decode_step).encode() + inspect.getsource(sys.modules[__name__]).encode()
    material = json.dumps([_describe(stack), torch.__version__, machine_key(), hashlib.sha256(source).hexdigest()])
    key = hashlib.sha256(material.encode()).hexdigest()[:20]
    return Path(cache_dir) / _FOLDER / f"{stack.family}-{key}.pt2"


def _example_inputs(stack: DecoderStack, length: int = 16, capacity: int = 64) -> tuple:
    buffer = (1, stack.kv_heads, capacity, stack.head_dim)
    hidden = stack.final_norm.shape[0]
    span = torch.empty(length, 0)
    rotation = torch.stack([torch.ones(stack.head_dim), torch.zeros(stack.head_dim)])  # cos, sin
    return (
        torch.zeros(1, hidden),
        rotation,
        span,
        torch.empty(length // 2, 0),
        torch.zeros(buffer, dtype=stack.kv_dtype),
        torch.zeros(buffer, dtype=stack.kv_dtype),
        stack.group_size,
        *stack.layer_weights[0],
    )


def compile_package(stack: DecoderStack, path: Path) -> float:
    """Export and compile *stack*'s DecoderLayer into *path*; returns the seconds it took."""
    from torch.export import Dim, export

    started = time.perf_counter()
    example = _example_inputs(stack)
    sizes = [None, None, {0: Dim.DYNAMIC}, {0: Dim.DYNAMIC}, {2: Dim.DYNAMIC}, {2: Dim.DYNAMIC}, None]
    dynamic = [*sizes, (None,) * (len(example) - len(sizes))]  # the last: the weights (*weights)
    with torch.inference_mode():
        program = export(stack.layer.eval(), example, dynamic_shapes=tuple(dynamic))
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.pt2")
    torch._inductor.aoti_compile_and_package(program, package_path=str(partial))
    os.replace(partial, path)
    return time.perf_counter() - started


class CompiledLayer:
    """The compiled DecoderLayer, called like its forward.

    Straight on torch's C++ package loader: ``torch._inductor``'s Python
    wrapper would first import inductor (~2 s holding the GIL, so the window
    would freeze) and flatten the arguments with pytree at every call.
    """

    def __init__(self, path: Path):
        self._loader = torch._C._aoti.AOTIModelPackageLoader(str(path), "model", False, 1, -1)
        if self._loader.get_constant_fqns():
            raise ValueError("the compiled layer holds weights of its own: built for another version")

    def __call__(self, *arguments) -> torch.Tensor:
        return self._loader.run(list(arguments))[0]


def _failure_file(path: Path) -> Path:
    return path.with_suffix(".failed.json")


def compiler_available() -> bool:
    """Whether AOTInductor has a C++ compiler to call."""
    return any(shutil.which(name) for name in ("g++", "c++", "clang++", "cl"))


class StepCompiler:
    """Gives each loaded model's decoding step its compiled form: loaded if built, else built in the background.

    ``attach`` after a model is loaded; ``poll`` before each request picks up a
    compile that has finished (loading takes milliseconds, between requests). A
    build still running when the app closes finishes on its own, and the next
    start loads it.
    """

    def __init__(self, cache_dir: Path, mode: str | None = None):
        self.cache_dir = Path(cache_dir)
        self.mode = mode or os.environ.get(ENV_SWITCH, "on")
        self._jobs: dict[Path, tuple[subprocess.Popen, list]] = {}

    def attach(self, step: DecodeStep | None, folder: Path, model_id: str, quantization: str) -> None:
        if step is None or self.mode == "off" or step.compiled:
            return
        path = package_path(self.cache_dir, step.stack)
        if path.exists():
            self._load(path, step)
            return
        if path in self._jobs:
            self._jobs[path][1].append(step)
            return
        failed = _failure_file(path)
        if failed.exists():
            log.info("Decoding eagerly: compiling the step failed before (%s)", failed)
            return
        if self.mode != "on":
            log.info("Decoding eagerly: no compiled step at %s", path)
            return
        if not compiler_available():
            log.info("Decoding eagerly: no C++ compiler to compile the decoding step with")
            return
        self._start(path, step, folder, model_id, quantization)

    def _start(self, path: Path, step: DecodeStep, folder: Path, model_id: str, quantization: str) -> None:
        command = compile_command(folder, path, self.cache_dir, model_id, quantization)
        env = dict(os.environ, TORCHINDUCTOR_CACHE_DIR=str(path.with_suffix(".inductor")))
        env["TORCHINDUCTOR_COMPILE_THREADS"] = "1"
        path.parent.mkdir(parents=True, exist_ok=True)
        log_file = path.with_suffix(".log")
        try:
            with open(log_file, "wb") as output:
                process = subprocess.Popen(
                    command, stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
                )
        except OSError as exc:
            log.warning("Decoding eagerly: could not start compiling the decoding step: %s", exc)
            return
        log.info("Compiling the decoding step in the background (pid %s) into %s", process.pid, path)
        self._jobs[path] = (process, [step])

    def poll(self) -> None:
        """Load every package whose compile has finished into the steps waiting for it."""
        for path, (process, steps) in list(self._jobs.items()):
            code = process.poll()
            if code is None:
                continue
            del self._jobs[path]
            if code == 0 and path.exists():
                for step in steps:
                    self._load(path, step)
            else:
                tail = _tail(path.with_suffix(".log"))
                _record_failure(path, f"exit code {code}: {tail}")

    def _load(self, path: Path, step: DecodeStep) -> None:
        started = time.perf_counter()
        try:
            runner = CompiledLayer(path)
        except Exception as exc:  # a damaged or mismatched package: eager decoding still serves
            _record_failure(path, f"loading failed: {exc}")
            return
        step.use_compiled(runner, load_s=time.perf_counter() - started)
        log.info("Decoding through the compiled step %s (loaded in %.2f s)", path.name, step.compiled_load_s)


def compile_command(folder: Path, path: Path, cache_dir: Path, model_id: str, quantization: str) -> list[str]:
    """The command that builds *path* for the model in *folder* (the frozen app runs itself)."""
    command = [sys.executable] if getattr(sys, "frozen", False) else [sys.executable, "-m", "writer_app"]
    return command + [
        "compile-step",
        str(folder),
        "--out",
        str(path),
        "--cache-dir",
        str(cache_dir),
        "--model-id",
        model_id,
        "--quantization",
        quantization,
    ]


def _tail(log_file: Path, limit: int = 600) -> str:
    try:
        return log_file.read_text(encoding="utf-8", errors="replace")[-limit:].strip()
    except OSError:
        return ""


def _record_failure(path: Path, reason: str) -> None:
    log.warning("Decoding eagerly: the compiled decoding step is not available (%s)", reason)
    try:
        path.unlink(missing_ok=True)
        _failure_file(path).write_text(json.dumps({"reason": reason, "torch": torch.__version__}), encoding="utf-8")
    except OSError:
        pass


def main(argv: list[str] | None = None) -> int:
    """``writer-app compile-step FOLDER --cache-dir DIR --model-id ID``: build the model's compiled step.

    Loads the model as the engine does; prints ``{"compile_s": …, "package": …}``.
    """
    parser = argparse.ArgumentParser(prog="writer-app compile-step")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--out", type=Path, help="the package path the app expects (default: worked out here)")
    parser.add_argument("--cache-dir", type=Path, required=True)
    parser.add_argument("--model-id", required=True, help="the catalogue id (keys the remembered quantisation)")
    parser.add_argument("--quantization", default="auto")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if hasattr(os, "nice"):
        os.nice(10)  # the writer's app comes first
    from writer_app.engine.devices import detect_device
    from writer_app.engine.loader import load_model
    from writer_app.engine.quantization import QuantChoiceStore

    plan, _note = detect_device("cpu")
    loaded = load_model(
        args.model_id,
        args.folder,
        "causal",
        plan,
        fallback_context=2048,
        quantization=args.quantization,
        quant_store=QuantChoiceStore(args.cache_dir / "quantization.json"),
    )
    step = getattr(loaded.model, "decode_step", None)
    if step is None:
        print("this model has no decoding step to compile", file=sys.stderr)
        return 2
    out = package_path(args.cache_dir, step.stack)
    if args.out is not None and out != args.out:
        print("the model loaded here differs from the app's (another scheme?): nothing compiled", file=sys.stderr)
        return 3
    seconds = compile_package(step.stack, out)
    scratch = os.environ.get("TORCHINDUCTOR_CACHE_DIR")
    if scratch and Path(scratch).parent == out.parent:
        shutil.rmtree(scratch, ignore_errors=True)  # intermediate files, hundreds of MB
    print(json.dumps({"compile_s": round(seconds, 1), "package": str(out)}))
    return 0
