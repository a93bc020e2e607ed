"""The Hugging Face Hub stays shut: locating and loading models never go online, and no model runs remote code.

The sockets are blocked here. Downloads themselves (pinned, resumed, checked)
are tested against a Hub on loopback in test_model_downloads.py.
"""

from __future__ import annotations

import ast
import socket
from pathlib import Path

import huggingface_hub
import pytest
from huggingface_hub import constants
from huggingface_hub.errors import OfflineModeIsEnabled

from writer_app.engine.catalog import (
    ModelEntry,
    ModelUnavailable,
    locate_model_files,
)

pytestmark = [pytest.mark.core, pytest.mark.reliability]

COMMIT = "0123456789abcdef0123456789abcdef01234567"
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


def hf_entry(**overrides) -> ModelEntry:
    values = dict(id="tiny-hf", name="Tiny HF", roles=("continue",), source="hf", repo="someone/tiny", size_mb=1)
    values.update(overrides)
    return ModelEntry(**values)


def test_locating_a_model_keeps_the_hub_offline_even_if_it_was_imported_online(monkeypatch, tmp_path):
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


def test_locating_a_model_while_a_download_runs_does_not_cut_the_download_off():
    from writer_app.engine.hub_access import online, stay_offline

    with online():
        stay_offline()  # e.g. the Models menu checks what is installed, on the GUI thread
        assert not constants.is_offline_mode()
    assert constants.is_offline_mode()
