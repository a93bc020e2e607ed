"""Generation benchmark for one model, through ``writer-app run continue`` (the GUI's code path).

Prints one JSON object: cold load (first use: GGUF conversion included) and
warm load, time to first token at a ~1,000-token prompt, decode tokens/s
over 128 new tokens, and the peak RSS of the engine process; then, from
bench/inference.py's "auto" configuration (what the app uses): prefill
tokens/s at ~2,000 tokens, time to first token of a repeated Continue at the
end of a 20,000-word document, the quantisation scheme and its quality guard
(loglik_delta against fp32), and llama.cpp's decode speed on the same GGUF
with the ratio when llama-cpp-python is installed.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "data" / "pride_and_prejudice_ch1-3.md"


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="smollm2-135m-instruct")
    parser.add_argument("--new-tokens", type=int, default=128)
    parser.add_argument("--prompt-tokens", type=int, default=1000)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="inkwell-bench-") as home:
        env = dict(os.environ)
        for name in ("CONFIG", "DATA", "CACHE"):
            env[f"INKWELL_{name}_DIR"] = os.path.join(home, name.lower())
        model = ["--model", args.model, "--accept-terms"]
        cold = run(env, *model, "--text", "Hello", "--max-new-tokens", "1")
        warm = run(env, *model, "--text", "Hello", "--max-new-tokens", "1")
        long = run(
            env,
            *model,
            "--text",
            prompt_of_about(args.prompt_tokens),
            "--max-new-tokens",
            str(args.new_tokens),
            "--min-new-tokens",
            str(args.new_tokens),
            "--seed",
            "1",
        )
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        report = {
            "model": args.model,
            "device": long["device"],
            "load_cold_s": cold["load_s"],
            "load_warm_s": warm["load_s"],
            "prompt_tokens": long["prompt_tokens"],
            "ttft_s": long["ttft_s"],
            "new_tokens": long["new_tokens"],
            "decode_tok_s": long["tokens_per_s"],
            "peak_rss_mb": round(peak_kb / 1024, 1),
            "threads": os.cpu_count(),
            "quant": long.get("quant"),
        }
        from bench.inference import llamacpp_available, spawn

        cache = os.path.join(home, "cache", "models")  # the CLI runs above converted the model here
        fast = spawn(["--child", args.model, "auto", "--cache-dir", cache], env)
        for key in ("prefill_tok_s", "repeat_continue_ttft_s", "first_continue_ttft_s", "quant", "loglik_delta"):
            report[key] = fast.get(key)
        if llamacpp_available():
            llama = spawn(["--llamacpp-child", args.model, "--cache-dir", cache], env)
            if llama.get("llamacpp_decode_tok_s"):
                report["llamacpp_decode_tok_s"] = llama["llamacpp_decode_tok_s"]
                report["ratio_vs_llamacpp"] = round(report["decode_tok_s"] / llama["llamacpp_decode_tok_s"], 2)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
