"""Stage the default offline models, ready to load, for an installer bundle.

Writes ``<out>/<model id>/`` for each model the installers carry: GGUF models
are converted to safetensors once (through the same conversion code the app
uses at first run, cached under the platformdirs cache), folders are copied
with just the files the app loads. The bundle ships them as
``writer_app/_data/models/bundled/<id>``, where
``writer_app.engine.catalog.bundled_model_folder`` finds them.

    python packaging/stage_models.py build/packaging/models
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

from writer_app.core.settings import DEFAULT_EMBED_MODEL, DEFAULT_WRITING_MODEL

# The installers carry the models a writer needs offline on day one; Gemma's
# terms ask for acceptance, so it stays an add-on.
BUNDLED_MODELS = (DEFAULT_WRITING_MODEL, DEFAULT_EMBED_MODEL)
# What the app reads from a model folder (no READMEs, no pickles, no training configs).
KEEP = (
    "config.json",
    "generation_config.json",
    "*.safetensors",
    "tokenizer*",
    "special_tokens_map.json",
    "vocab.txt",
    "vocab.json",
    "merges.txt",
    "chat_template.jinja",
    "*.model",
)


def stage(model_id: str, out: Path) -> Path:
    from writer_app.engine.catalog import check_model_folder, locate_model_files
    from writer_app.engine.config import EngineConfig
    from writer_app.engine.gguf_conversion import ensure_converted
    from writer_app.paths import AppPaths

    config = EngineConfig.from_paths(AppPaths.from_environment())
    entry = config.catalog.get(model_id)
    files = locate_model_files(entry, config.cache_dir, config.hf_cache)
    source = files.folder
    if files.gguf_path is not None:
        print(f"Converting {files.gguf_path.name} (once; cached in {config.cache_dir})…", file=sys.stderr)
        source = ensure_converted(files.gguf_path, config.cache_dir)
    target = out / model_id
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for pattern in KEEP:
        for path in source.glob(pattern):
            if path.is_file():
                shutil.copyfile(path, target / path.name)
                (target / path.name).chmod(0o644)  # the cache's files can be private to the builder
    check_model_folder(target)
    (target / "inkwell-bundled.json").write_text(
        json.dumps(
            {"id": model_id, "name": entry.name, "licence": entry.licence, "from": str(files.gguf_path or source)},
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder to write the staged models into")
    parser.add_argument("--models", nargs="*", default=list(BUNDLED_MODELS))
    args = parser.parse_args()
    for model_id in args.models:
        target = stage(model_id, args.out)
        size = sum(p.stat().st_size for p in target.iterdir())
        print(f"{model_id}: {size / 2**20:.0f} MB in {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
