"""Downloads against a Hugging Face Hub on loopback (tests/hub_fake.py): resume, hashes, full disks, cancel, use."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.hub_fake import COMMIT, FakeHub
from writer_app.core.errors import Stopped
from writer_app.engine import downloads, hub_access
from writer_app.engine.catalog import ModelEntry, ModelUnavailable, availability, locate_model_files
from writer_app.engine.downloads import (
    discard_partial,
    download_model,
    fetch,
    has_partial,
    partial_bytes,
    plan_download,
    remove_download,
)

pytestmark = [pytest.mark.core, pytest.mark.reliability]

REPO = "inkwell-tests/tiny-writer"


@pytest.fixture
def hub(tiny_gpt2_dir, monkeypatch):
    import huggingface_hub.constants

    served = FakeHub.from_folder(REPO, tiny_gpt2_dir).start()
    monkeypatch.setenv("HF_ENDPOINT", served.endpoint)
    # The tiny model's weights are 0.2 MB; chunks of 16 KiB make them behave like a big file's 10 MB chunks.
    monkeypatch.setattr(huggingface_hub.constants, "DOWNLOAD_CHUNK_SIZE", 16384)
    yield served
    served.close()


def entry(**overrides) -> ModelEntry:
    values = dict(id="tiny-hub", name="Tiny Hub Writer", roles=("continue",), source="hf", repo=REPO, revision=COMMIT)
    values.update(overrides)
    return ModelEntry(**values)


def weights_name(hub: FakeHub) -> str:
    return next(name for name in hub.files if name.endswith(".safetensors"))


def test_a_pinned_model_downloads_with_progress_and_is_then_found_offline(hub, tmp_path):
    cache = tmp_path / "hf"
    seen = []
    folder = download_model(entry(), cache, on_progress=lambda done, total: seen.append((done, total)))

    total = sum(len(data) for data in hub.files.values())
    assert seen[-1] == (total, total) and all(done <= total for done, _ in seen)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)  # never goes backwards
    for name, data in hub.files.items():
        assert (folder / name).read_bytes() == data
    assert availability(entry(), cache) == "ready"
    assert locate_model_files(entry(), Path(), cache).folder == folder
    # Files are asked for at the pinned commit only.
    assert all(COMMIT in path for _method, path, _range in hub.requests if "/resolve/" in path)


def test_the_tiny_downloaded_model_continues_text_through_the_engine(hub, tmp_path, qapp):
    from writer_app.core.requests import ContinueRequest, GenerationSettings
    from writer_app.engine.catalog import ModelCatalog
    from writer_app.engine.config import EngineConfig
    from writer_app.paths import AppPaths
    from writer_app.service.service import InferenceService

    cache = tmp_path / "hf"
    download_model(entry(), cache)
    config = EngineConfig(paths=AppPaths.from_environment(), catalog=ModelCatalog([entry()]), device="cpu")
    config.paths.models_dir.mkdir(parents=True, exist_ok=True)
    (config.hf_cache.parent).mkdir(parents=True, exist_ok=True)
    config.hf_cache.symlink_to(cache, target_is_directory=True)
    service = InferenceService(config)
    try:
        handle = service.submit(
            ContinueRequest(model_id="tiny-hub", text="The rain", settings=GenerationSettings(max_new_tokens=5, seed=1))
        )
        assert handle.wait(120) and handle.state == "finished", handle.result
        assert handle.result.new_tokens > 0
    finally:
        service.shutdown()


def test_a_connection_dropped_mid_file_resumes_where_it_stopped(hub, tmp_path):
    weights = weights_name(hub)
    hub.faults.drop_after = len(hub.files[weights]) // 2
    folder = download_model(entry(), tmp_path / "hf")

    assert (folder / weights).read_bytes() == hub.files[weights]
    ranges = [rng for method, path, rng in hub.requests if method == "GET" and path.endswith(weights)]
    assert ranges[0] == "" and ranges[-1].startswith("bytes=")  # the second GET resumed
    assert 0 < int(ranges[-1][6:-1]) <= hub.faults.drop_after


def test_pause_keeps_the_part_and_a_later_download_resumes_it(hub, tmp_path):
    cache = tmp_path / "hf"
    weights = weights_name(hub)
    hub.faults.chunk_size = 4096
    hub.faults.chunk_delay_s = 0.01
    stop = threading.Event()
    size = len(hub.files[weights])

    def pause_midway(done: int, total: int) -> None:
        if done > total - size // 2:
            stop.set()

    plan = plan_download(entry())
    with pytest.raises(Stopped):
        fetch(plan, cache, pause_midway, stop)
    assert has_partial(entry(), cache) and availability(entry(), cache) != "ready"
    kept = partial_bytes(entry(), cache)
    assert 0 < kept < plan.total_bytes

    hub.faults.chunk_delay_s = 0.0
    folder = fetch(plan, cache)  # e.g. after a restart
    assert (folder / weights).read_bytes() == hub.files[weights]
    resumed = [rng for method, path, rng in hub.requests if method == "GET" and path.endswith(weights)][-1]
    assert resumed.startswith("bytes=") and int(resumed[6:-1]) > 0


def test_cancel_removes_the_unfinished_part(hub, tmp_path):
    cache = tmp_path / "hf"
    hub.faults.chunk_size = 4096
    stop = threading.Event()
    with pytest.raises(Stopped):
        fetch(plan_download(entry()), cache, lambda done, total: stop.set() if done > 8192 else None, stop)
    assert has_partial(entry(), cache)
    discard_partial(entry(), cache)
    assert not has_partial(entry(), cache) and availability(entry(), cache) != "ready"


def test_a_file_that_does_not_match_its_hash_is_refused_and_nothing_is_installed(hub, tmp_path):
    cache = tmp_path / "hf"
    weights = weights_name(hub)
    hub.faults.corrupt = weights
    with pytest.raises(ModelUnavailable, match="damaged"):
        download_model(entry(), cache)
    assert availability(entry(), cache) != "ready"
    with pytest.raises(ModelUnavailable):
        locate_model_files(entry(), Path(), cache)
    assert not list(cache.rglob(weights))  # the damaged file is gone, not half-installed

    hub.faults.corrupt = ""
    assert download_model(entry(), cache).is_dir()  # a second try from a healthy Hub works


def test_a_small_file_is_checked_against_its_git_id(hub, tmp_path):
    hub.faults.corrupt = "config.json"
    with pytest.raises(ModelUnavailable, match="config.json"):
        download_model(entry(), tmp_path / "hf")


def test_a_listed_file_the_hub_does_not_serve_fails_the_download(hub, tmp_path):
    hub.faults.missing = "tokenizer.json" if "tokenizer.json" in hub.files else next(iter(hub.files))
    with pytest.raises(ModelUnavailable, match="could not be downloaded"):
        download_model(entry(), tmp_path / "hf")
    assert availability(entry(), tmp_path / "hf") != "ready"


def test_an_explicit_revision_downloads_an_unpinned_entry_and_is_remembered(hub, tmp_path):
    cache = tmp_path / "hf"
    unpinned = entry(revision="")
    folder = download_model(unpinned, cache, revision=COMMIT)
    assert locate_model_files(unpinned, Path(), cache).folder == folder  # offline, at the commit downloaded


def test_a_full_disk_is_named_before_starting(hub, tmp_path, monkeypatch):
    monkeypatch.setattr(downloads.shutil, "disk_usage", lambda _path: type("U", (), {"free": 1024})())
    with pytest.raises(ModelUnavailable, match="free space"):
        download_model(entry(), tmp_path / "hf")
    assert not any(r[0] == "GET" and "/resolve/" in r[1] for r in hub.requests)  # nothing was fetched


def test_a_disk_that_fills_up_during_the_download_is_named(hub, tiny_filesystem, monkeypatch):
    # The space was there when the download began; another program took it meanwhile.
    monkeypatch.setattr(downloads, "check_space", lambda plan, cache: None)
    cache = tiny_filesystem / "hf"
    with pytest.raises(ModelUnavailable, match="disk filled up"):
        download_model(entry(), cache)
    assert availability(entry(), cache) != "ready"


def test_remove_deletes_the_files_and_the_record(hub, tmp_path):
    cache = tmp_path / "hf"
    download_model(entry(), cache)
    remove_download(entry(), cache)
    assert availability(entry(), cache) != "ready" and partial_bytes(entry(), cache) == 0


def test_an_unpinned_entry_is_not_downloaded_and_nothing_is_asked_of_the_hub(hub, tmp_path):
    with pytest.raises(ModelUnavailable, match="no pinned version"):
        download_model(entry(revision=""), tmp_path / "hf")
    assert not [r for r in hub.requests if REPO in r[1]]


def test_hf_hub_offline_set_by_the_writer_refuses_downloads(hub, tmp_path, monkeypatch):
    monkeypatch.setattr(hub_access, "_WRITER_OFFLINE", True)
    with pytest.raises(ModelUnavailable, match="HF_HUB_OFFLINE"):
        download_model(entry(), tmp_path / "hf")
    assert not [r for r in hub.requests if REPO in r[1]]


def test_a_gated_repository_explains_the_token_step(hub, tmp_path):
    with pytest.raises(ModelUnavailable) as caught:
        download_model(entry(repo="someone/gated-model"), tmp_path / "hf")
    assert "could not be downloaded" in str(caught.value) or "gated" in str(caught.value)
