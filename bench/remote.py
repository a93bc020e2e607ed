"""Inkwell through an OpenAI-compatible server against llama-cpp-python called directly, same GGUF, same run.

Needs ``pip install 'llama-cpp-python[server]'``. Greedy decoding of 128 new
tokens after a ~1,000-token prompt, three ways, one after another on the
same cores (never at once):

- ``direct``: ``llama_cpp.Llama`` in this process, streaming;
- ``client``: ``python -m llama_cpp.server`` on loopback, streamed with the bare ``openai`` client;
- ``inkwell``: the same server through Inkwell's server backend (what Continue uses).

Every run gets a prompt of its own (the server would otherwise reuse the
last prompt's cache and skip the prefill). Prints one JSON object:
first-token seconds and decode tokens/s of each (the best of the runs), and
``overhead_per_token`` = 1 − inkwell decode rate / direct decode rate (goal
≤ 0.05), with ``inkwell_vs_client`` isolating Inkwell's own share.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CORPUS = ROOT / "tests" / "data" / "pride_and_prejudice_ch1-3.md"


def prompt_of_about(tokens: int, skip: int = 0) -> str:
    """About *tokens* of prose, from word *skip* on: each run gets its own prompt, so no server reuses a cache."""
    words = CORPUS.read_text(encoding="utf-8").split()
    return " ".join(words[skip : skip + int(tokens * 0.75)])


def timed_stream(pieces) -> dict:
    """First-token time and decode rate of an iterator of text pieces (one per token)."""
    started = time.perf_counter()
    first = None
    count = 0
    for piece in pieces:
        if not piece:
            continue
        count += 1
        if first is None:
            first = time.perf_counter()
    end = time.perf_counter()
    decode_s = end - (first or end)
    return {
        "first_token_s": round((first or end) - started, 4),
        "new_tokens": count,
        "decode_tok_s": round((count - 1) / decode_s, 2) if count > 1 and decode_s > 0 else 0.0,
    }


def direct(gguf: Path, prompt: str, new_tokens: int, threads: int) -> dict:
    from llama_cpp import Llama

    llm = Llama(model_path=str(gguf), n_ctx=2048, n_threads=threads, verbose=False)
    stream = llm.create_completion(prompt, max_tokens=new_tokens, temperature=0.0, stream=True)
    result = timed_stream(chunk["choices"][0]["text"] for chunk in stream)
    result["prompt_tokens"] = len(llm.tokenize(prompt.encode("utf-8")))
    del llm
    gc.collect()
    return result


def bare_client(base_url: str, prompt: str, new_tokens: int) -> dict:
    import openai

    client = openai.OpenAI(base_url=base_url, api_key="no-key", max_retries=0)
    stream = client.completions.create(
        model="smollm2", prompt=prompt, max_tokens=new_tokens, temperature=0.0, stream=True
    )
    return timed_stream(chunk.choices[0].text if chunk.choices else "" for chunk in stream)


def through_inkwell(base_url: str, prompt: str, new_tokens: int) -> dict:
    from writer_app.core.requests import GenerationSettings
    from writer_app.core.servers import ServerConfig, server_model_id
    from writer_app.engine.backend import Prompt
    from writer_app.engine.server_models import ServerModels

    config = ServerConfig(name="bench", base_url=base_url, context_tokens=2048)
    backend, _ = ServerModels([config]).backend(
        server_model_id("bench", "smollm2"), stop=threading.Event(), on_progress=lambda *_: None
    )
    # Greedy, and no sampling extras, like the two other runs.
    settings = GenerationSettings(
        max_new_tokens=new_tokens, temperature=0.0, top_k=0, min_p=0.0, repetition_penalty=1.0
    )
    completion = backend.complete(Prompt.raw(prompt), settings, threading.Event())
    return {
        "first_token_s": round(completion.ttft_s, 4),
        "new_tokens": completion.new_tokens,
        "decode_tok_s": round(completion.tokens_per_s, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--new-tokens", type=int, default=128)
    parser.add_argument("--prompt-tokens", type=int, default=1000)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each way; the best is reported")
    parser.add_argument("--out", type=Path, help="also write the JSON here")
    args = parser.parse_args()
    try:
        import llama_cpp.server  # noqa: F401
    except ImportError:
        raise SystemExit("bench/remote.py needs: pip install 'llama-cpp-python[server]'")
    from tests.llama_server import LlamaServer, packaged_gguf_path

    gguf = packaged_gguf_path()
    prompts = [prompt_of_about(args.prompt_tokens, skip=40 * run) for run in range(3 * args.repeats + 1)]

    def best(runs: list[dict]) -> dict:
        return max(runs, key=lambda run: run["decode_tok_s"])

    report = {"model": gguf.name, "threads": args.threads, "new_tokens": args.new_tokens}
    runs = iter(prompts)
    report["direct"] = best([direct(gguf, next(runs), args.new_tokens, args.threads) for _ in range(args.repeats)])
    with LlamaServer(threads=args.threads) as server:
        base_url = server.base_url
        bare_client(base_url, next(runs), 8)  # the server's first request pays for its warm-up
        report["client"] = best([bare_client(base_url, next(runs), args.new_tokens) for _ in range(args.repeats)])
        report["inkwell"] = best([through_inkwell(base_url, next(runs), args.new_tokens) for _ in range(args.repeats)])
    direct_rate, client_rate = report["direct"]["decode_tok_s"], report["client"]["decode_tok_s"]
    inkwell_rate = report["inkwell"]["decode_tok_s"]
    report["overhead_per_token"] = round(1 - inkwell_rate / direct_rate, 4) if direct_rate else None
    report["inkwell_vs_client"] = round(1 - inkwell_rate / client_rate, 4) if client_rate else None
    report["first_token_extra_s"] = round(report["inkwell"]["first_token_s"] - report["direct"]["first_token_s"], 4)
    text = json.dumps(report, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
