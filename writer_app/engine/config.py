"""What the engine needs to know about this installation. No torch, no Qt."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from writer_app.core.servers import ServerConfig
from writer_app.engine.catalog import ModelCatalog
from writer_app.paths import AppPaths


@dataclass
class EngineConfig:
    paths: AppPaths
    catalog: ModelCatalog
    device: str = "auto"
    quantization: str = "auto"  # CPU weight precision: auto, int4, int8, fp16 or none
    prompt_reuse: bool = True  # keep each model's last KV cache for the next prompt's common prefix
    speculative: bool = True  # let a catalogue model's assistant draft tokens when it is installed
    memory_budget_mb: int = 0  # 0: half the machine's RAM
    accepted_terms: frozenset[str] = frozenset()
    servers: tuple[ServerConfig, ...] = ()  # OpenAI-compatible servers the writer added

    @property
    def cache_dir(self) -> Path:
        return self.paths.cache_dir / "models"

    @property
    def quant_choices_file(self) -> Path:
        return self.cache_dir / "quantization.json"

    @property
    def hf_cache(self) -> Path:
        return self.paths.models_dir / "huggingface"

    @classmethod
    def from_paths(cls, paths: AppPaths, **options) -> "EngineConfig":
        return cls(paths=paths, catalog=ModelCatalog.load(paths.config_dir / "models.toml"), **options)
