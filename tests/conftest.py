"""Shared fixtures: isolated folders, the application controller, windows, modal answers."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA_DIR = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    """Config, data and cache live in a fresh temp folder: no test touches a real home folder."""
    root = tmp_path_factory.mktemp("inkwell-home")
    dirs = {}
    for name in ("config", "data", "cache"):
        folder = root / name
        folder.mkdir()
        monkeypatch.setenv(f"INKWELL_{name.upper()}_DIR", str(folder))
        dirs[name] = folder
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    # No background builds of the compiled decoding step (minutes of CPU each); its own tests ask for them.
    monkeypatch.setenv("INKWELL_COMPILED_STEP", "off")
    return dirs


@pytest.fixture(autouse=True)
def delete_closed_widgets():
    """After each test, delete the windows it closed.

    Closed windows are deleted with deleteLater, which needs the event loop;
    between tests there is none, so without this every window a test made
    stayed alive (with its menus and docks) and each new one was slower to
    style than the last.
    """
    yield
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QEvent

        if QCoreApplication.instance() is not None:
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory) -> Path:
    """Where the real packaged models are converted: shared across runs with INKWELL_TEST_MODEL_CACHE."""
    shared = os.environ.get("INKWELL_TEST_MODEL_CACHE")
    return Path(shared) if shared else tmp_path_factory.mktemp("model-cache")


@pytest.fixture
def data_file(tmp_path):
    """Copy a file from tests/data into tmp_path (tests may modify it)."""

    def copy(name: str) -> Path:
        target = tmp_path / "docs" / name
        target.parent.mkdir(exist_ok=True)
        shutil.copy(DATA_DIR / name, target)
        return target

    return copy


# --- tiny random models (tests/tiny_models.py), built once per test session ---


@pytest.fixture(scope="session")
def tiny_gpt2_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """GPT-2 base causal LM folder (no chat template, 512 positions)."""
    from tests import tiny_models

    return tiny_models.build_tiny_gpt2(tmp_path_factory.mktemp("tiny-gpt2"))


@pytest.fixture(scope="session")
def tiny_llama_chat_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Llama causal LM folder with a ChatML chat template (512 positions)."""
    from tests import tiny_models

    return tiny_models.build_tiny_llama_chat(tmp_path_factory.mktemp("tiny-llama-chat"))


@pytest.fixture(scope="session")
def tiny_bert_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """BERT encoder folder for sentence embeddings."""
    from tests import tiny_models

    return tiny_models.build_tiny_bert(tmp_path_factory.mktemp("tiny-bert"))


@pytest.fixture(scope="session")
def tiny_bart_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """BART seq2seq folder."""
    from tests import tiny_models

    return tiny_models.build_tiny_bart(tmp_path_factory.mktemp("tiny-bart"))


@pytest.fixture(scope="session")
def tiny_distilbert_qa_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """DistilBERT extractive question answering folder."""
    from tests import tiny_models

    return tiny_models.build_tiny_distilbert_qa(tmp_path_factory.mktemp("tiny-distilbert-qa"))


@pytest.fixture
def tiny_filesystem():
    """A 64 KiB tmpfs mounted for the test (a really full disk); skipped where mounting is not permitted."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a filesystem needs root on Linux")
    folder = Path(tempfile.mkdtemp(prefix="inkwell-tinyfs-"))
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", str(folder)], capture_output=True, timeout=30
    )
    if result.returncode != 0:
        folder.rmdir()
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True, timeout=30)
        folder.rmdir()
