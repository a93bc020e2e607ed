"""Fast-inference benchmark: every engine configuration side by side, and llama.cpp when it is installed.

For each model (default: SmolLM2-135M and Gemma-3-270M) and configuration,
in a fresh process each (so peak RSS is the configuration's own):

- decode_tok_s: greedy decoding speed over 128 new tokens after a short prompt
  (median of three)
- prefill_tok_s: prompt tokens read per second at a ~2,000-token prompt
- repeat_continue_ttft_s: time to first token of the second of two Continue
  requests at the end of a 20,000-word document (Pride and Prejudice)
- peak_rss_mb (the first load of "auto" probes every scheme, its peak),
  rss_after_load_mb, load_s, quant (the scheme in use) and loglik_delta
  (quality guard: mean log-likelihood per token of a fixed passage minus fp32's)

Configurations: "fp32" (plain, no prefix reuse: the engine before issue 5),
"int8", "fp16", "int4" (forced), "auto" (what Inkwell uses: probed scheme,
prefix reuse, prefill/decode threads) and "auto-no-reuse". If llama-cpp-python
is importable, the same GGUF file is measured with llama.cpp (2 threads).

Prints one JSON object. Usage: python bench/inference.py [--models ID ...] [--configs NAME ...]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
NOVEL = ROOT / "tests" / "data" / "pride_and_prejudice.txt"

CONFIGS = {
    "fp32": {"quantization": "none", "prompt_reuse": False},
    "int8": {"quantization": "int8", "prompt_reuse": True},
    "fp16": {"quantization": "fp16", "prompt_reuse": True},
    "int4": {"quantization": "int4", "prompt_reuse": True},
    "auto": {"quantization": "auto", "prompt_reuse": True},
    "auto-no-reuse": {"quantization": "auto", "prompt_reuse": False},
}
NEW_TOKENS = 128
PREFILL_TOKENS = 2000
DOC_WORDS = 20000


def words(count: int, skip: int = 0) -> str:
    return " ".join(NOVEL.read_text(encoding="utf-8").split()[skip : skip + count])


def child(model_id: str, config_name: str, cache_dir: str) -> dict:
    """One configuration, measured in this process through the engine's own loading and Continue code."""
    import threading

    from writer_app.core.requests import GenerationSettings
    from writer_app.engine.catalog import ModelCatalog, locate_model_files
    from writer_app.engine.devices import detect_device
    from writer_app.engine.gguf_conversion import ensure_converted
    from writer_app.engine.loader import load_model
    from writer_app.engine.local_backend import LocalBackend
    from writer_app.engine.quantization import QuantChoiceStore
    from writer_app.tasks.continuation import continue_text

    config = CONFIGS[config_name]
    entry = ModelCatalog.load().get(model_id)
    cache = Path(cache_dir)
    files = locate_model_files(entry, cache)
    folder = ensure_converted(files.gguf_path, cache) if files.gguf_path else files.folder
    plan, _note = detect_device("cpu")
    started = time.perf_counter()
    loaded = load_model(
        model_id,
        folder,
        "causal",
        plan,
        fallback_context=entry.context_length,
        quantization=config["quantization"],
        quant_store=QuantChoiceStore(cache / "quantization.json"),
    )
    load_s = time.perf_counter() - started
    rss_after_load_mb = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    loaded.reuse_prompts = config["prompt_reuse"]
    # The app's backend (chat prompts for an instruct model), and one that sends the raw text.
    app_backend = LocalBackend(entry.name, loaded, instruct=entry.has_role("instruct"))
    raw_backend = LocalBackend(entry.name, loaded, instruct=False)
    stop = threading.Event()

    def run(text: str, new_tokens: int, chat: bool = True) -> dict:
        settings = GenerationSettings(max_new_tokens=new_tokens, min_new_tokens=new_tokens, temperature=0)
        return continue_text(
            app_backend if chat else raw_backend, text, "", settings, stop, lambda _piece: None
        ).to_dict()

    run("It was a dark and stormy night", 8)  # warm-up: first calls allocate and pack
    # The median of three: this shared VM's speed wanders by a fifth from run to run.
    decode = sorted(
        (run(words(40, skip=5000 + 100 * i), NEW_TOKENS) for i in range(3)), key=lambda r: r["tokens_per_s"]
    )[1]
    # Raw text (no chat template) so the prompt is the document alone.
    prefill = run(words(int(PREFILL_TOKENS * 0.72), skip=20000), 1, chat=False)
    document = words(DOC_WORDS)
    first = run(document, 16)
    repeat = run(document, 16)
    quant = loaded.quant
    return {
        "model": model_id,
        "config": config_name,
        "quant": quant.scheme if quant else "none",
        "loglik_delta": quant.loglik_delta if quant else 0.0,
        "prompt_reuse": config["prompt_reuse"],
        "threads": plan.threads,
        "decode_threads": plan.decode_threads,
        "load_s": round(load_s, 2),
        "decode_tok_s": decode["tokens_per_s"],
        "prefill_tokens": prefill["prompt_tokens"],
        "prefill_tok_s": round(prefill["prompt_tokens"] / prefill["ttft_s"], 1),
        "first_continue_ttft_s": first["ttft_s"],
        "repeat_continue_ttft_s": repeat["ttft_s"],
        "repeat_reused_tokens": repeat["reused_tokens"],
        "doc_prompt_tokens": repeat["prompt_tokens"],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "rss_after_load_mb": round(rss_after_load_mb, 1),
    }


def llamacpp_child(model_id: str, cache_dir: str, threads: int, prompt_words: int = 40) -> dict:
    """llama.cpp on the same GGUF file: greedy decode of 128 tokens and a ~2,000-token prefill.

    Decoding follows a prompt of *prompt_words* words (bench/generate.py: ~1,000 tokens, as its Continue).
    """
    import llama_cpp
    import numpy as np
    from llama_cpp import Llama

    from writer_app.engine.catalog import ModelCatalog, locate_model_files

    files = locate_model_files(ModelCatalog.load().get(model_id), Path(cache_dir))
    llm = Llama(model_path=str(files.gguf_path), n_ctx=4096, n_threads=threads, n_threads_batch=threads, verbose=False)

    def prefill(text: str) -> tuple[int, float]:
        tokens = llm.tokenize(text.encode("utf-8"))
        llm.reset()
        started = time.perf_counter()
        llm.eval(tokens)
        return len(tokens), time.perf_counter() - started

    prefill(words(30))  # warm-up
    speeds = []
    for i in range(3):  # the median of three, as for the engine
        prefill(words(prompt_words, skip=5000 + 100 * i))
        started = time.perf_counter()
        for _ in range(NEW_TOKENS):
            # The last position's logits straight from llama.cpp (``llm.scores`` holds them only with logits_all).
            logits = np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llm._ctx.ctx, -1), shape=(llm.n_vocab(),))
            token = int(np.argmax(logits))
            llm.eval([token])
        speeds.append(NEW_TOKENS / (time.perf_counter() - started))
    decode_tok_s = sorted(speeds)[1]
    count, seconds = prefill(words(int(PREFILL_TOKENS * 0.72), skip=20000))
    return {
        "llamacpp_decode_tok_s": round(decode_tok_s, 2),
        "llamacpp_prompt_tokens": len(llm.tokenize(words(prompt_words, skip=5000).encode("utf-8"))),
        "llamacpp_prefill_tok_s": round(count / seconds, 1),
        "llamacpp_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def spawn(args: list[str], env: dict) -> dict:
    result = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, env=env, timeout=3600)
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        return {"error": (result.stderr or result.stdout)[-1500:]}
    return json.loads(lines[-1])


def llamacpp_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("llama_cpp") is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", default=["smollm2-135m-instruct", "gemma3-270m"])
    parser.add_argument("--configs", nargs="+", default=list(CONFIGS), choices=list(CONFIGS))
    parser.add_argument("--cache-dir", help="where converted models are kept (default: a temporary folder)")
    parser.add_argument("--child", nargs=2, metavar=("MODEL", "CONFIG"), help=argparse.SUPPRESS)
    parser.add_argument("--llamacpp-child", metavar="MODEL", help=argparse.SUPPRESS)
    parser.add_argument("--prompt-words", type=int, default=40, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child, args.cache_dir)))
        return
    if args.llamacpp_child:
        print(json.dumps(llamacpp_child(args.llamacpp_child, args.cache_dir, os.cpu_count() or 1, args.prompt_words)))
        return

    with tempfile.TemporaryDirectory(prefix="inkwell-bench-") as home:
        cache_dir = args.cache_dir or os.path.join(home, "cache")
        env = dict(os.environ, HF_HUB_OFFLINE="1")
        for name in ("CONFIG", "DATA", "CACHE"):
            env[f"INKWELL_{name}_DIR"] = os.path.join(home, name.lower())
        report = {"machine": {"cpus": os.cpu_count()}, "models": {}}
        for model_id in args.models:
            rows = [spawn(["--child", model_id, name, "--cache-dir", cache_dir], env) for name in args.configs]
            entry = {"configs": rows}
            if llamacpp_available():
                entry.update(spawn(["--llamacpp-child", model_id, "--cache-dir", cache_dir], env))
            baseline = next((r for r in rows if r.get("config") == "fp32" and "decode_tok_s" in r), None)
            for row in rows:
                if "decode_tok_s" not in row:
                    continue
                if baseline:
                    row["decode_vs_fp32"] = round(row["decode_tok_s"] / baseline["decode_tok_s"], 2)
                if entry.get("llamacpp_decode_tok_s"):
                    row["ratio_vs_llamacpp"] = round(row["decode_tok_s"] / entry["llamacpp_decode_tok_s"], 2)
            report["models"][model_id] = entry
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
