"""Speculative decoding on the models at hand: one model writes, a faster one drafts.

Offline, the only same-tokenizer pair is SmolLM2-135M with itself, so by
default the fp32 model (the engine before issue 5) writes and the quantised
one ("auto") drafts; with a downloaded SmolLM2-360M/1.7B pass --target.
Prints JSON: greedy decode tok/s with and without the draft, tokens accepted
per pass of the writing model, and the speed-up.

Usage: python bench/speculative.py [--target ID] [--target-quant none] [--draft ID] [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.inference import words  # noqa: E402


def load(model_id: str, quantization: str, cache: Path):
    from writer_app.engine.catalog import ModelCatalog, locate_model_files
    from writer_app.engine.devices import detect_device
    from writer_app.engine.gguf_conversion import ensure_converted
    from writer_app.engine.loader import load_model
    from writer_app.engine.quantization import QuantChoiceStore

    entry = ModelCatalog.load().get(model_id)
    files = locate_model_files(entry, cache)
    folder = ensure_converted(files.gguf_path, cache) if files.gguf_path else files.folder
    plan, _note = detect_device("cpu")
    return load_model(
        model_id,
        folder,
        "causal",
        plan,
        quantization=quantization,
        quant_store=QuantChoiceStore(cache / "quantization.json"),
    )


def main() -> None:
    from writer_app.core.requests import GenerationSettings
    from writer_app.engine.local_backend import LocalBackend
    from writer_app.tasks.continuation import continue_text

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target", default="smollm2-135m-instruct")
    parser.add_argument("--target-quant", default="none")
    parser.add_argument("--draft", default="smollm2-135m-instruct")
    parser.add_argument("--draft-quant", default="auto")
    parser.add_argument("--cache-dir")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="inkwell-bench-") as home:
        cache = Path(args.cache_dir or home)
        target = load(args.target, args.target_quant, cache)
        draft = load(args.draft, args.draft_quant, cache)
        settings = GenerationSettings(max_new_tokens=128, min_new_tokens=128, temperature=0)
        rows = {}
        for name, assistant in (("alone", None), ("assisted", draft), ("alone-again", None), ("assisted-again", draft)):
            target.reuse_prompts = False  # both runs read the whole prompt
            backend = LocalBackend(args.target, target, instruct=True, assistant=assistant)
            result = continue_text(backend, words(200, skip=5000), "", settings, threading.Event(), lambda _p: None)
            rows[name] = {
                "decode_tok_s": result.tokens_per_s,
                "tokens_per_pass": result.tokens_per_pass,
                "text": result.text[:80],
            }
    alone = max(rows["alone"]["decode_tok_s"], rows["alone-again"]["decode_tok_s"])
    assisted = max(rows["assisted"]["decode_tok_s"], rows["assisted-again"]["decode_tok_s"])
    print(
        json.dumps(
            {
                "target": f"{args.target} ({target.quant.scheme if target.quant else 'none'})",
                "draft": f"{args.draft} ({draft.quant.scheme if draft.quant else 'none'})",
                "alone_tok_s": alone,
                "assisted_tok_s": assisted,
                "tokens_per_target_pass": rows["assisted"]["tokens_per_pass"],
                "speedup": round(assisted / alone, 2),
                "same_text": rows["alone"]["text"] == rows["assisted"]["text"],
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
