"""Downloading a catalogue model from the Hugging Face Hub: planned, resumable, checked, and only when asked.

``plan_download`` asks the Hub what the pinned commit holds (names, sizes,
hashes); ``fetch`` downloads file by file, reports bytes, and stops at the
next chunk when asked. huggingface_hub throws away an unfinished file, so
Inkwell transfers each file itself (huggingface_hub's ``http_get``, which
resumes from a byte offset) into ``blobs/<etag>.part`` in the Hub's cache
layout, moves it to ``blobs/<etag>`` when whole, and lets ``hf_hub_download``
link it into the snapshot. A paused download (Pause, or quitting) resumes
from its ``.part`` file, also after a restart; Cancel removes it
(``discard_partial``). Only after every file matches its listed size and hash
is the model recorded as downloaded; until then it is never offered or loaded.

``HF_ENDPOINT`` points downloads at another Hub (a mirror, or a test's server
on loopback); ``HF_HUB_OFFLINE`` set by the writer before Inkwell started
refuses every download.
"""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from writer_app.core.errors import Stopped
from writer_app.engine.catalog import (
    ModelEntry,
    ModelUnavailable,
    check_model_folder,
    check_weights,
    download_command,
    record_download,
    revision_to_download,
    verify_download,
    wanted_file,
)
from writer_app.engine.hub_access import online, writer_wants_offline

SPACE_MARGIN_BYTES = 200 * 2**20  # left free on the disk after a download
PART_SUFFIX = ".part"  # an unfinished file, kept for the next try
_UNREACHABLE_HINTS = ("name or service not known", "name resolution", "connection refused", "timed out", "connect")

ProgressFn = Callable[[int, int], None]  # bytes done, bytes in all


@dataclass(frozen=True)
class DownloadPlan:
    entry: ModelEntry
    revision: str
    files: tuple  # the Hub's file records (rfilename, size, lfs, blob_id) that Inkwell downloads

    @property
    def total_bytes(self) -> int:
        return sum(sibling.size or 0 for sibling in self.files)


def hub_endpoint() -> str | None:
    return os.environ.get("HF_ENDPOINT") or None


def plan_download(entry: ModelEntry, revision: str | None = None) -> DownloadPlan:
    """What downloading *entry* at its pinned commit (or *revision*) involves; raises ModelUnavailable."""
    revision = revision_to_download(entry, revision)
    _refuse_if_offline(entry)
    from huggingface_hub import HfApi

    try:
        with online():
            info = HfApi(endpoint=hub_endpoint()).model_info(entry.repo, revision=revision, files_metadata=True)
    except Exception as exc:  # the Hub's many HTTP and network errors
        raise ModelUnavailable(_network_message(entry, exc)) from exc
    files = tuple(sibling for sibling in info.siblings or () if wanted_file(sibling.rfilename))
    if not files:
        raise ModelUnavailable(f"The Hub lists no model files for {entry.name} at that commit.")
    return DownloadPlan(entry, revision, files)


def check_space(plan: DownloadPlan, hf_cache: Path) -> None:
    """Raise ModelUnavailable when the disk cannot take what is left to download."""
    needed = max(0, plan.total_bytes - partial_bytes(plan.entry, hf_cache)) + SPACE_MARGIN_BYTES
    folder = Path(hf_cache)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise ModelUnavailable(
            f"{plan.entry.name} needs {_size(needed)} of free space in {hf_cache}, and there is {_size(free)}. "
            "Free some space and try again."
        )


def fetch(
    plan: DownloadPlan,
    hf_cache: Path,
    on_progress: ProgressFn | None = None,
    stop: threading.Event | None = None,
) -> Path:
    """Download and check *plan*'s files; returns the folder. Raises Stopped (partial kept) or ModelUnavailable."""
    from huggingface_hub import hf_hub_download

    _refuse_if_offline(plan.entry)
    stop = stop or threading.Event()
    check_space(plan, hf_cache)
    total = plan.total_bytes
    done_before = 0
    folder = None
    try:
        with online():
            for sibling in plan.files:
                if stop.is_set():
                    raise Stopped()
                progress = _progress_class(lambda n, base=done_before: _report(on_progress, base + n, total), stop)
                _transfer(plan, sibling.rfilename, hf_cache, progress)
                path = hf_hub_download(  # the blob is there: this only links it into the snapshot
                    plan.entry.repo,
                    sibling.rfilename,
                    revision=plan.revision,
                    cache_dir=hf_cache,
                    endpoint=hub_endpoint(),
                )
                folder = Path(path).parent
                done_before += sibling.size or 0
                _report(on_progress, done_before, total)
    except _Interrupted:
        raise Stopped() from None
    except Stopped:
        raise
    except OSError as exc:
        if exc.errno == 28:  # ENOSPC
            raise ModelUnavailable(
                f"The disk filled up while downloading {plan.entry.name}; the part already downloaded is kept. "
                "Free some space and press Download to go on."
            ) from exc
        raise ModelUnavailable(_network_message(plan.entry, exc)) from exc
    except Exception as exc:
        raise ModelUnavailable(_network_message(plan.entry, exc)) from exc
    verify_download(plan.entry, folder, list(plan.files), plan.revision)
    check_model_folder(folder)
    check_weights(folder)
    record_download(plan.entry, hf_cache, plan.revision, folder, plan.files)
    return folder


def download_model(
    entry: ModelEntry,
    hf_cache: Path,
    revision: str | None = None,
    on_progress: ProgressFn | None = None,
    stop: threading.Event | None = None,
) -> Path:
    """Plan and fetch *entry* (the command line's ``writer-app models download``)."""
    return fetch(plan_download(entry, revision), hf_cache, on_progress, stop)


def repo_folder(entry: ModelEntry, hf_cache: Path) -> Path:
    return Path(hf_cache) / f"models--{entry.repo.replace('/', '--')}"


def partial_bytes(entry: ModelEntry, hf_cache: Path) -> int:
    """Bytes of *entry* already on disk (whole files and the parts of unfinished ones)."""
    blobs = repo_folder(entry, hf_cache) / "blobs"
    try:
        return sum(path.stat().st_size for path in blobs.iterdir() if path.is_file())
    except OSError:
        return 0


def has_partial(entry: ModelEntry, hf_cache: Path) -> bool:
    blobs = repo_folder(entry, hf_cache) / "blobs"
    return blobs.is_dir() and any(blobs.glob(f"*{PART_SUFFIX}"))


def discard_partial(entry: ModelEntry, hf_cache: Path) -> None:
    """Cancel: remove the unfinished files of *entry* (finished ones stay, for a later download)."""
    for path in (repo_folder(entry, hf_cache) / "blobs").glob(f"*{PART_SUFFIX}"):
        path.unlink(missing_ok=True)


def _transfer(plan: DownloadPlan, filename: str, hf_cache: Path, progress) -> None:
    """Bring *filename* into ``blobs/<etag>``, resuming its ``.part`` file if an earlier try left one."""
    from huggingface_hub.file_download import get_hf_file_metadata, hf_hub_url, http_get
    from huggingface_hub.utils import build_hf_headers

    url = hf_hub_url(plan.entry.repo, filename, revision=plan.revision, endpoint=hub_endpoint())
    headers = build_hf_headers()
    meta = get_hf_file_metadata(url, headers=headers, endpoint=hub_endpoint(), retry_on_errors=True)
    if not meta.etag or "/" in meta.etag or meta.commit_hash not in (None, plan.revision):
        raise ModelUnavailable(f"The Hub answered for {filename} with another version than the one pinned.")
    blob = repo_folder(plan.entry, hf_cache) / "blobs" / meta.etag
    if blob.is_file():
        return
    blob.parent.mkdir(parents=True, exist_ok=True)
    part = blob.with_name(blob.name + PART_SUFFIX)
    resume = part.stat().st_size if part.is_file() else 0
    if meta.size is not None and resume > meta.size:  # not a part of this file: start again
        part.unlink()
        resume = 0
    with part.open("ab") as handle:
        http_get(
            meta.location, handle, resume_size=resume, headers=headers, expected_size=meta.size, tqdm_class=progress
        )
    os.replace(part, blob)


def remove_download(entry: ModelEntry, hf_cache: Path) -> None:
    """Delete *entry*'s downloaded files and its record."""
    from writer_app.engine.catalog import forget_download

    forget_download(entry, hf_cache)
    shutil.rmtree(repo_folder(entry, hf_cache), ignore_errors=True)


class _Interrupted(Exception):
    """Raised inside huggingface_hub's chunk loop when the writer paused or cancelled."""


def _progress_class(on_bytes: Callable[[int], None], stop: threading.Event):
    """A tqdm class for huggingface_hub: reports this file's bytes and interrupts between chunks when *stop* is set."""
    from huggingface_hub.utils import tqdm as hub_tqdm

    class Progress(hub_tqdm):
        def __init__(self, *args, **kwargs):
            kwargs["disable"] = True  # no bars on a terminal nobody watches
            super().__init__(*args, **kwargs)
            self.done = kwargs.get("initial", 0) or 0
            on_bytes(self.done)

        def update(self, n=1):
            if stop.is_set():
                raise _Interrupted()
            self.done += n or 0
            on_bytes(self.done)

    return Progress


def _report(on_progress: ProgressFn | None, done: int, total: int) -> None:
    if on_progress is not None:
        on_progress(min(done, total), total)


def _refuse_if_offline(entry: ModelEntry) -> None:
    if writer_wants_offline():
        raise ModelUnavailable(
            f"{entry.name} was not downloaded: HF_HUB_OFFLINE is set, which asks that nothing be downloaded. "
            "Start Inkwell without it to download models."
        )


def _network_message(entry: ModelEntry, exc: BaseException) -> str:
    text = str(exc)
    if "401" in text or "403" in text or "gated" in text.lower() or "restricted" in text.lower():
        return (
            f"{entry.name} is a gated model: its publisher wants you to accept its licence on huggingface.co "
            "first. Accept it there while logged in, create a read token (Settings ▸ Access Tokens), run "
            "`hf auth login` with it, and download again."
        )
    lowered = text.lower()
    if any(hint in lowered for hint in _UNREACHABLE_HINTS):
        return (
            f"{entry.name} could not be downloaded: the Hugging Face Hub cannot be reached from this computer "
            f"({text}). Check the internet connection and try again; what was already downloaded is kept."
        )
    return f"{entry.name} could not be downloaded: {text}\nTry again later: {download_command(entry)}"


def _size(count: int) -> str:
    return f"{count / 2**30:.1f} GB" if count >= 2**30 else f"{count / 2**20:.0f} MB"
