"""Downloads from the Hugging Face Hub: pinned to a commit, checked after download, online only while asked.

No test here reaches the Hub: ``FakeHub`` stands in for ``snapshot_download``
and ``HfApi.model_info``, laying files out as the Hub's cache does, and the
sockets are blocked.
"""

from __future__ import annotations

import ast
import hashlib
import socket
from pathlib import Path
from types import SimpleNamespace

import huggingface_hub
import pytest
from huggingface_hub import constants
from huggingface_hub.errors import LocalEntryNotFoundError, OfflineModeIsEnabled
from huggingface_hub.hf_api import BlobLfsInfo, RepoSibling

from writer_app.engine.catalog import (
    ModelEntry,
    ModelUnavailable,
    availability,
    download_model,
    locate_model_files,
)

pytestmark = [pytest.mark.core, pytest.mark.reliability]

COMMIT = "0123456789abcdef0123456789abcdef01234567"
OTHER_COMMIT = "fedcba9876543210fedcba9876543210fedcba98"
ENGINE = Path(__file__).resolve().parents[2] / "writer_app" / "engine"


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    attempts = []

    def blocked(*args, **kwargs):
        attempts.append(args[:2])
        raise OSError("network access attempted")

    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, blocked)
    monkeypatch.setattr(socket, "create_connection", blocked)
    monkeypatch.setattr(socket, "getaddrinfo", blocked)
    yield attempts
    assert attempts == []


@pytest.fixture(autouse=True)
def hub_offline_constant(monkeypatch):
    """huggingface_hub read HF_HUB_OFFLINE=1 (tests/conftest.py) when it was imported; restored afterwards."""
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", True)


def _git_blob_sha1(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class FakeHub:
    """Serves one repository from a local folder, laid out in the cache as huggingface_hub does."""

    def __init__(self, monkeypatch, source: Path):
        self.source = source
        self.calls: list[dict] = []
        self.damage: dict[str, bytes] = {}  # file name -> bytes written instead of the real ones
        self.withhold: set[str] = set()  # files the "download" leaves out
        monkeypatch.setattr(huggingface_hub, "snapshot_download", self.snapshot_download)
        monkeypatch.setattr(huggingface_hub.HfApi, "model_info", self.model_info)

    def snapshot_download(self, repo_id, *, revision=None, cache_dir=None, local_files_only=False, **kwargs):
        repo_dir = Path(cache_dir) / f"models--{repo_id.replace('/', '--')}"
        self.calls.append(
            {
                "revision": revision,
                "local_files_only": local_files_only,
                "offline": constants.is_offline_mode(),
                "allow_patterns": kwargs.get("allow_patterns"),
            }
        )
        if revision is None:
            ref = repo_dir / "refs" / "main"
            if not ref.is_file():
                raise LocalEntryNotFoundError("nothing cached")
            revision = ref.read_text()
        snapshot = repo_dir / "snapshots" / revision
        if local_files_only:
            if not snapshot.is_dir():
                raise LocalEntryNotFoundError("nothing cached")
            return str(snapshot)
        if constants.is_offline_mode():
            raise OfflineModeIsEnabled("offline")
        (repo_dir / "blobs").mkdir(parents=True, exist_ok=True)
        snapshot.mkdir(parents=True, exist_ok=True)
        for path in sorted(self.source.iterdir()):
            if path.name in self.withhold or (snapshot / path.name).exists():
                continue
            data = self.damage.get(path.name, path.read_bytes())
            blob = repo_dir / "blobs" / hashlib.sha256(data).hexdigest()
            blob.write_bytes(data)
            (snapshot / path.name).symlink_to(Path("..", "..", "blobs", blob.name))
        return str(snapshot)

    def model_info(self, repo_id, *, revision=None, files_metadata=False, **kwargs):
        if constants.is_offline_mode():
            raise OfflineModeIsEnabled("offline")
        assert files_metadata
        siblings = []
        for path in sorted(self.source.iterdir()):
            data = path.read_bytes()
            lfs = None
            if path.suffix == ".safetensors":
                lfs = BlobLfsInfo(size=len(data), sha256=hashlib.sha256(data).hexdigest(), pointer_size=134)
            siblings.append(RepoSibling(rfilename=path.name, size=len(data), blob_id=_git_blob_sha1(data), lfs=lfs))
        siblings.append(RepoSibling(rfilename="README.md", size=10, blob_id="0" * 40))  # not downloaded
        return SimpleNamespace(id=repo_id, sha=revision, siblings=siblings)


def hf_entry(**overrides) -> ModelEntry:
    values = dict(id="tiny-hf", name="Tiny HF", roles=("continue",), source="hf", repo="someone/tiny", size_mb=1)
    values.update(overrides)
    return ModelEntry(**values)


@pytest.fixture
def hub(monkeypatch, tiny_gpt2_dir) -> FakeHub:
    return FakeHub(monkeypatch, tiny_gpt2_dir)


def test_an_entry_without_a_pinned_revision_is_not_downloaded(hub, tmp_path):
    with pytest.raises(ModelUnavailable, match="--revision") as info:
        download_model(hf_entry(), tmp_path / "hf")
    assert "pinned" in str(info.value)
    assert hub.calls == []


def test_a_revision_that_is_not_a_commit_hash_is_refused(hub, tmp_path):
    with pytest.raises(ModelUnavailable, match="commit"):
        download_model(hf_entry(), tmp_path / "hf", revision="main")
    with pytest.raises(ModelUnavailable, match="commit"):
        download_model(hf_entry(revision="v1.0"), tmp_path / "hf")
    assert hub.calls == []


def test_the_catalogue_revision_is_downloaded_online_then_the_hub_is_offline_again(hub, tmp_path):
    entry = hf_entry(revision=COMMIT)
    folder = download_model(entry, tmp_path / "hf")
    [call] = hub.calls
    assert call["revision"] == COMMIT and not call["local_files_only"]
    assert call["offline"] is False  # the download itself could go online
    assert constants.is_offline_mode()  # and nothing after it can
    assert folder.name == COMMIT and (folder / "model.safetensors").is_file()
    # Found again later without going online, at the same commit.
    assert locate_model_files(entry, tmp_path, hf_cache=tmp_path / "hf").folder == folder
    assert hub.calls[-1]["local_files_only"] and hub.calls[-1]["revision"] == COMMIT
    assert availability(entry, tmp_path / "hf") == "ready"


def test_an_explicit_revision_downloads_an_unpinned_entry_and_is_remembered(hub, tmp_path):
    entry = hf_entry()
    folder = download_model(entry, tmp_path / "hf", revision=COMMIT)
    assert hub.calls[0]["revision"] == COMMIT
    assert locate_model_files(entry, tmp_path, hf_cache=tmp_path / "hf").folder == folder
    # A pinned catalogue revision that differs is not satisfied by that download.
    with pytest.raises(ModelUnavailable, match="not downloaded"):
        locate_model_files(hf_entry(revision=OTHER_COMMIT), tmp_path, hf_cache=tmp_path / "hf")


def test_a_file_that_does_not_match_its_checksum_is_refused_and_removed(hub, tmp_path, tiny_gpt2_dir):
    original = (tiny_gpt2_dir / "model.safetensors").read_bytes()
    hub.damage["model.safetensors"] = original[:-8] + b"\xff" * 8  # same size, other bytes
    entry = hf_entry(revision=COMMIT)
    with pytest.raises(ModelUnavailable, match="model.safetensors") as info:
        download_model(entry, tmp_path / "hf")
    assert "damaged" in str(info.value)
    assert constants.is_offline_mode()
    with pytest.raises(ModelUnavailable, match="not downloaded"):
        locate_model_files(entry, tmp_path, hf_cache=tmp_path / "hf")
    # The damaged copy is gone from the cache, so trying again fetches it afresh.
    del hub.damage["model.safetensors"]
    folder = download_model(entry, tmp_path / "hf")
    assert (folder / "model.safetensors").read_bytes() == original


def test_a_small_file_is_checked_against_its_git_id(hub, tmp_path, tiny_gpt2_dir):
    config = (tiny_gpt2_dir / "config.json").read_bytes()
    hub.damage["config.json"] = config.replace(b"{", b" ", 1)
    with pytest.raises(ModelUnavailable, match="config.json"):
        download_model(hf_entry(revision=COMMIT), tmp_path / "hf")


def test_a_download_that_left_a_file_out_is_refused(hub, tmp_path):
    hub.withhold.add("tokenizer.json")
    with pytest.raises(ModelUnavailable, match="tokenizer.json"):
        download_model(hf_entry(revision=COMMIT), tmp_path / "hf")


def test_locating_a_model_keeps_the_hub_offline_even_if_it_was_imported_online(hub, monkeypatch, tmp_path):
    # huggingface_hub reads HF_HUB_OFFLINE once, when imported: removing or setting the
    # variable later changes nothing. Pretend it was imported without it.
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    with pytest.raises(ModelUnavailable, match="not downloaded"):
        locate_model_files(hf_entry(revision=COMMIT), tmp_path, hf_cache=tmp_path / "hf")
    assert constants.is_offline_mode()
    with pytest.raises(OfflineModeIsEnabled):
        huggingface_hub.HfApi().whoami(token="hf_not_a_token")


def test_loading_models_keeps_the_hub_offline(monkeypatch, tiny_gpt2_dir):
    import threading

    from writer_app.engine.catalog import ModelCatalog
    from writer_app.engine.config import EngineConfig
    from writer_app.engine.local_models import LocalModels
    from writer_app.paths import AppPaths

    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    entry = ModelEntry(id="tiny", name="Tiny", roles=("continue",), source="path", path=str(tiny_gpt2_dir))
    config = EngineConfig(paths=AppPaths.from_environment(), catalog=ModelCatalog([entry]), device="cpu")
    models = LocalModels(config)
    models.backend("tiny", stop=threading.Event(), on_progress=lambda *a: None)
    models.release()
    assert constants.is_offline_mode()


# --- Remote code ---------------------------------------------------------------------


def _from_pretrained_calls(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "from_pretrained":
            yield node


def test_every_from_pretrained_in_the_engine_refuses_remote_code():
    calls, lacking = 0, []
    for path in sorted(ENGINE.glob("*.py")):
        for call in _from_pretrained_calls(path):
            calls += 1
            explicit = [k for k in call.keywords if k.arg == "trust_remote_code"]
            if not (explicit and isinstance(explicit[0].value, ast.Constant) and explicit[0].value.value is False):
                lacking.append(f"{path.name}:{call.lineno}")
    assert calls >= 5  # the scan does see the engine's loading code
    assert lacking == [], f"from_pretrained without trust_remote_code=False: {lacking}"


def test_loading_a_model_asks_transformers_for_local_files_and_no_remote_code(monkeypatch, tiny_gpt2_dir):
    import transformers

    from writer_app.engine.devices import detect_device
    from writer_app.engine.loader import load_model

    seen = []
    for cls in (transformers.AutoTokenizer, transformers.AutoConfig, transformers.AutoModelForCausalLM):
        original = cls.from_pretrained

        def spy(*args, _original=original, _name=cls.__name__, **kwargs):
            seen.append((_name, kwargs.get("trust_remote_code"), kwargs.get("local_files_only")))
            return _original(*args, **kwargs)

        monkeypatch.setattr(cls, "from_pretrained", spy)
    plan, _note = detect_device("cpu")
    load_model("tiny", tiny_gpt2_dir, "causal", plan, quantization="none")
    assert {name for name, _trust, _local in seen} == {"AutoConfig", "AutoModelForCausalLM", "AutoTokenizer"}
    assert all(trust is False and local is True for _name, trust, local in seen), seen
