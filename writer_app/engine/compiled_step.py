"""The decoding step compiled for this machine: built once in the background, loaded at later starts.

``DecoderStack`` eagerly still runs ~20 ATen ops a layer from Python. Exported
with ``torch.export`` and compiled by AOTInductor, the whole stack becomes one
C++ call that fuses norms, casts and the rotary matmul around torch's int4/int8
and attention kernels (SmolLM2-135M, 2 cores: 24 → 50 tokens/s).

Compiling takes a minute or two and is mostly Python, which would freeze the
window if it shared a process (the GIL) with it, so it runs in a child process
(``writer-app compile-step``) at low priority while eager decoding serves. The
package holds code, not weights: the weights are handed over at load as
user-managed constants (no second copy), so one package serves every model of
the same architecture, sizes and scheme. Its name is a hash of those, torch's
version, this CPU and the source of the stack; anything else gets its own
package. Loading one takes ~0.2 s. A failed compile is logged, remembered
beside the package (not retried for the same key) and decoding stays eager.
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
    """What the compiled code depends on: the stack's sizes, layer kinds and weight layouts."""
    layouts = sorted(
        {
            f"{name.split('.', 2)[-1] if name.startswith('layers.') else name}:{tensor.dtype}:{tuple(tensor.shape)}"
            for name, tensor in _constants(stack).items()
        }
    )
    return {
        "family": stack.family,
        "heads": stack.heads,
        "kv_heads": stack.kv_heads,
        "head_dim": stack.head_dim,
        "layers": len(stack.layers),
        "windows": stack.windows,
        "kinds": stack.kinds,
        "modules": sorted({type(module).__name__ for module in stack.modules()}),
        "layouts": layouts,
    }


def package_path(cache_dir: Path, stack: DecoderStack) -> Path:
    """Where the compiled form of *stack* lives for this machine, torch and source."""
    from writer_app.engine.quantization import machine_key

    source = inspect.getsource(decode_step).encode() + inspect.getsource(sys.modules[__name__]).encode()
    material = json.dumps([_describe(stack), torch.__version__, machine_key(), hashlib.sha256(source).hexdigest()])
    key = hashlib.sha256(material.encode()).hexdigest()[:20]
    return Path(cache_dir) / _FOLDER / f"{stack.family}-{key}.pt2"


def _constants(stack: DecoderStack) -> dict[str, torch.Tensor]:
    tensors = dict(stack.named_parameters(remove_duplicate=False))
    tensors.update(stack.named_buffers(remove_duplicate=False))
    return tensors


def _example_inputs(step: DecodeStep, length: int = 16, capacity: int = 64) -> tuple:
    stack = step.stack
    shape = (1, stack.kv_heads, capacity, stack.head_dim)
    keys = [torch.zeros(shape) for _ in stack.layers]
    values = [torch.zeros(shape) for _ in stack.layers]
    hidden = stack.layers[0].input_norm.shape[0]
    rotations = torch.stack([step._rotation(kind, length - 1) for kind in stack.kinds])
    return torch.zeros(1, hidden), rotations, torch.empty(length, 0), keys, values, torch.tensor(stack.group_size)


def compile_package(step: DecodeStep, path: Path) -> float:
    """Export and compile *step*'s stack into *path* (weights left out); returns the seconds it took."""
    from torch.export import Dim, export

    started = time.perf_counter()
    stack = step.stack.eval()
    example = _example_inputs(step)
    layers = len(stack.layers)
    dynamic = {
        "x": None,
        "rotations": None,
        "span": {0: Dim.DYNAMIC},
        "keys": [{2: Dim.DYNAMIC}] * layers,
        "values": [{2: Dim.DYNAMIC}] * layers,
        "group_size": None,
    }
    with torch.inference_mode():
        program = export(stack, example, dynamic_shapes=dynamic)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial.pt2")
    torch._inductor.aoti_compile_and_package(
        program,
        package_path=str(partial),
        inductor_configs={"aot_inductor.package_constants_in_so": False},
    )
    os.replace(partial, path)
    return time.perf_counter() - started


class CompiledStack:
    """The compiled stack, called like ``DecoderStack.forward``.

    Straight on torch's C++ package loader: ``torch._inductor``'s Python
    wrapper would first import inductor (~2 s holding the GIL, so the window
    would freeze) and flatten the arguments with pytree at every token.
    """

    def __init__(self, path: Path, stack: DecoderStack):
        self._loader = torch._C._aoti.AOTIModelPackageLoader(str(path), "model", False, 1, -1)
        constants = _constants(stack)
        wanted = self._loader.get_constant_fqns()
        missing = [name for name in wanted if name not in constants]
        if missing:
            raise ValueError(f"the compiled step expects weights this model lacks: {missing[:3]}")
        # User-managed: the package reads the model's own tensors, no copy (they outlive the loader).
        self._loader.load_constants({name: constants[name] for name in wanted}, False, True, True, False)

    def __call__(self, x, rotations, span, keys, values, group_size) -> torch.Tensor:
        return self._loader.boxed_run([x, rotations, span, *keys, *values, group_size])[0]


def load_package(path: Path, stack: DecoderStack) -> CompiledStack:
    """The compiled stack at *path*, reading *stack*'s own weights; raises if it does not fit them."""
    return CompiledStack(path, stack)


def _failure_file(path: Path) -> Path:
    return path.with_suffix(".failed.json")


def compiler_available() -> bool:
    """Whether AOTInductor has a C++ compiler to call."""
    return any(shutil.which(name) for name in ("g++", "c++", "clang++", "cl"))


class StepCompiler:
    """Gives each loaded model's decoding step its compiled form: loaded if built, else built in the background.

    ``attach`` after a model is loaded; ``poll`` before each request picks up a
    compile that has finished (loading takes ~0.2 s, between requests).
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
            runner = load_package(path, step.stack)
        except Exception as exc:  # a damaged or mismatched package: eager decoding still serves
            _record_failure(path, f"loading failed: {exc}")
            return
        step.use_compiled(runner, load_s=time.perf_counter() - started)
        log.info("Decoding through the compiled step %s (loaded in %.2f s)", path.name, step.compiled_load_s)

    def close(self) -> None:
        """Stop compiles still running (the app is closing)."""
        for process, _steps in self._jobs.values():
            if process.poll() is None:
                process.terminate()
        self._jobs.clear()


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
    seconds = compile_package(step, out)
    scratch = os.environ.get("TORCHINDUCTOR_CACHE_DIR")
    if scratch and Path(scratch).parent == out.parent:
        shutil.rmtree(scratch, ignore_errors=True)  # intermediate files, hundreds of MB
    print(json.dumps({"compile_s": round(seconds, 1), "package": str(out)}))
    return 0
