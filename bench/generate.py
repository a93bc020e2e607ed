"""Generation benchmark, through ``writer-app run continue`` (the GUI's code path), for each model.

Prints one JSON object, ``{"machine": ..., "models": {model id: report}}``. A report holds:

- cold load (first use: GGUF conversion included) and warm load,
- time to first token at a ~1,000-token prompt, then decode tokens/s over 128
  new tokens, greedy (``decode_tok_s``) and with the app's default sampling
  (``decode_sampling_tok_s``, ``sampling_cost``: the share of speed sampling costs);
  each the median of three runs, interleaved with llama.cpp's,
- the peak RSS of the engine processes and the resident memory after loading,
- from bench/inference.py's "auto" configuration (what the app uses): prefill
  tokens/s at ~2,000 tokens, time to first token of a repeated Continue at the
  end of a 20,000-word document, the quantisation scheme and its quality guard
  (``loglik_delta`` against fp32),
- the compiled decoding step (``decode_step``: "compiled" or "eager"): it is built
  once as the app builds it in the background (``compile_s``), then every run
  loads it (``compiled_load_s``); ``--eager`` measures decoding without it,
- when llama-cpp-python is installed, llama.cpp's greedy decode speed on the same
  GGUF after a prompt of the same length, and ``ratio_vs_llamacpp`` (greedy
  against greedy) and ``ratio_vs_llamacpp_sampling`` (the app's sampling against
  llama.cpp's greedy loop).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "data" / "pride_and_prejudice_ch1-3.md"
# Decoding is measured this many times, interleaved with llama.cpp, and the medians compared.
ROUNDS = 3


def run(env: dict, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-m", "writer_app", "run", "continue", "--json", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=1800,
    )
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    if not lines or lines[-1].get("event") != "finished":
        raise SystemExit(f"benchmark run failed: {lines[-1] if lines else result.stderr[-2000:]}")
    return lines[-1]


def prompt_of_about(tokens: int) -> str:
    # Roughly 0.75 words a token for English prose; the result reports the exact count.
    words = CORPUS.read_text(encoding="utf-8").split()
    return " ".join(words[: int(tokens * 0.75)])


def compile_step(model: str, env: dict, cache: str) -> dict:
    """Build the compiled decoding step as the app does in the background; its JSON (compile_s), or an error."""
    from writer_app.engine.catalog import ModelCatalog, locate_model_files
    from writer_app.engine.gguf_conversion import ensure_converted

    files = locate_model_files(ModelCatalog.load().get(model), Path(cache))
    folder = ensure_converted(files.gguf_path, Path(cache)) if files.gguf_path else files.folder
    command = [sys.executable, "-m", "writer_app", "compile-step", str(folder), "--cache-dir", cache]
    result = subprocess.run(command + ["--model-id", model], capture_output=True, text=True, env=env, timeout=3600)
    if result.returncode != 0:
        return {"compile_error": result.stderr[-500:]}
    return json.loads(result.stdout.splitlines()[-1])


def measure(model: str, home: str, new_tokens: int, prompt_tokens: int, eager: bool = False) -> dict:
    env = dict(os.environ)
    for name in ("CONFIG", "DATA", "CACHE"):
        env[f"INKWELL_{name}_DIR"] = os.path.join(home, name.lower())
    chosen = ["--model", model, "--accept-terms"]
    cold = run(env, *chosen, "--text", "Hello", "--max-new-tokens", "1")
    compiled = {} if eager else compile_step(model, env, os.path.join(home, "cache", "models"))
    env["INKWELL_COMPILED_STEP"] = "off" if eager else "load"
    warm = run(env, *chosen, "--text", "Hello", "--max-new-tokens", "1")
    prompt = prompt_of_about(prompt_tokens)
    length = ["--max-new-tokens", str(new_tokens), "--min-new-tokens", str(new_tokens)]
    from bench.inference import llamacpp_available, spawn

    cache = os.path.join(home, "cache", "models")  # the CLI runs above converted the model here
    # The same number of words as the Continue prompt, so both decode after ~the same context.
    llama_args = ["--llamacpp-child", model, "--cache-dir", cache, "--prompt-words", str(len(prompt.split()))]
    greedy_runs, sampled_runs, llama_runs = [], [], []
    greedy_args = [*chosen, "--text", prompt, *length, "--temperature", "0"]
    sampled_args = [*chosen, "--text", prompt, *length, "--seed", "1"]  # the app's default sampling
    for round_ in range(ROUNDS):  # interleaved, so that a slow minute of this shared VM hits both sides
        # Greedy and sampled take turns going first, so that neither always follows llama.cpp's run.
        turns = [(greedy_args, greedy_runs), (sampled_args, sampled_runs)]
        for arguments, runs in turns[::-1] if round_ % 2 else turns:
            runs.append(run(env, *arguments))
        if llamacpp_available():
            llama_runs.append(spawn(llama_args, env))
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    greedy = greedy_runs[0]
    greedy_tok_s = median(run["tokens_per_s"] for run in greedy_runs)
    sampled_tok_s = median(run["tokens_per_s"] for run in sampled_runs)
    report = {
        "device": greedy["device"],
        "load_cold_s": cold["load_s"],
        "load_warm_s": warm["load_s"],
        "prompt_tokens": greedy["prompt_tokens"],
        "ttft_s": greedy["ttft_s"],
        "new_tokens": greedy["new_tokens"],
        "decode_tok_s": greedy_tok_s,
        "decode_tok_s_runs": [run["tokens_per_s"] for run in greedy_runs],
        "decode_sampling_tok_s": sampled_tok_s,
        "sampling_cost": round(1 - sampled_tok_s / greedy_tok_s, 3),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "threads": os.cpu_count(),
        "quant": greedy.get("quant"),
        "decode_step": greedy.get("decode_step"),
        "compile_s": compiled.get("compile_s"),
        "compiled_load_s": greedy.get("compiled_load_s"),
    }
    if "compile_error" in compiled:
        report["compile_error"] = compiled["compile_error"]
    fast = spawn(["--child", model, "auto", "--cache-dir", cache], env)
    for key in ("prefill_tok_s", "repeat_continue_ttft_s", "first_continue_ttft_s", "quant", "loglik_delta"):
        report[key] = fast.get(key)
    report["rss_after_load_mb"] = fast.get("rss_after_load_mb")
    done = [llama for llama in llama_runs if llama.get("llamacpp_decode_tok_s")]
    if done:
        llama_tok_s = median(llama["llamacpp_decode_tok_s"] for llama in done)
        report["llamacpp_decode_tok_s"] = llama_tok_s
        report["llamacpp_decode_tok_s_runs"] = [llama["llamacpp_decode_tok_s"] for llama in done]
        report["llamacpp_prompt_tokens"] = done[0]["llamacpp_prompt_tokens"]
        report["llamacpp_peak_rss_mb"] = max(llama["llamacpp_peak_rss_mb"] for llama in done)
        report["ratio_vs_llamacpp"] = round(greedy_tok_s / llama_tok_s, 2)
        report["ratio_vs_llamacpp_sampling"] = round(sampled_tok_s / llama_tok_s, 2)
    elif llama_runs:
        report["llamacpp_error"] = llama_runs[-1].get("error", "no result")[-300:]
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", nargs="+", default=["smollm2-135m-instruct", "gemma3-270m"])
    parser.add_argument("--new-tokens", type=int, default=128)
    parser.add_argument("--prompt-tokens", type=int, default=1000)
    parser.add_argument("--eager", action="store_true", help="decode without the compiled step (and build none)")
    args = parser.parse_args()
    report = {"machine": {"cpus": os.cpu_count()}, "models": {}}
    if len(args.models) == 1:
        # A fresh home: the cold load is a first use.
        with tempfile.TemporaryDirectory(prefix="inkwell-bench-") as home:
            report["models"][args.models[0]] = measure(
                args.models[0], home, args.new_tokens, args.prompt_tokens, args.eager
            )
    else:
        for model in args.models:  # a process each, so that each peak RSS is the model's own
            lengths = ["--new-tokens", str(args.new_tokens), "--prompt-tokens", str(args.prompt_tokens)]
            lengths += ["--eager"] if args.eager else []
            result = subprocess.run(
                [sys.executable, __file__, "--models", model, *lengths], capture_output=True, text=True, timeout=7200
            )
            if result.returncode != 0:
                report["models"][model] = {"error": result.stderr[-1500:]}
            else:
                report["models"].update(json.loads(result.stdout)["models"])
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
