"""What the installer bundle keeps and leaves out (packaging/bundle_contents.py), and model staging."""

from __future__ import annotations

import stat

import bundle_contents
import pytest

from writer_app.core.settings import DEFAULT_EMBED_MODEL
from writer_app.engine.catalog import ModelCatalog

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    "module",
    [
        "transformers.models.llama.modeling_llama",  # SmolLM2, Llama 3.2
        "transformers.models.bert.modeling_bert",  # MiniLM
        "transformers.models.gemma3.modeling_gemma3",  # the Gemma add-on
        "transformers.models.qwen2.modeling_qwen2",
        "transformers.models.auto.modeling_auto",
        "transformers.models.align.configuration_align",  # configs of every family stay for the Auto classes
        "transformers.modeling_gguf_pytorch_utils",  # converting add-on GGUF models
        "transformers.generation.utils",
        "torch.testing._internal.common_dtype",  # torch._refs imports it
        "torch.distributed.elastic.agent",  # transformers' model classes import it
    ],
)
def test_what_the_app_imports_stays(module):
    assert not bundle_contents.is_excluded_module(module)


@pytest.mark.parametrize(
    "module",
    [
        "transformers.pipelines",
        "transformers.pipelines.base",
        "transformers.trainer",
        "transformers.models.align.modeling_align",
        "transformers.models.mamba.modeling_mamba",
        "tkinter",
        "llama_cpp",
    ],
)
def test_what_the_app_never_imports_goes(module):
    assert bundle_contents.is_excluded_module(module)


def test_every_catalogue_family_keeps_its_model_code():
    # The families of the catalogue's models, by the transformers folder that holds them.
    needed = {"llama", "gemma3", "bert", "qwen2", "gpt2", "bart", "distilbert"}
    assert needed <= bundle_contents.KEPT_MODEL_FAMILIES
    excluded = set(bundle_contents.excluded_transformers_modules())
    assert not any(name.split(".")[2] in needed and ".modeling_" in name for name in excluded)
    assert len(excluded) > 500  # the other families' model code really is left out


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("torch/lib/libtorch_cpu.so", True),
        ("torch/lib/libtorchbind_test.so", False),
        ("torch/lib/libjitbackend_test.so", False),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/lib/libQt6Quick.so.6", False),
        ("libcudart.so", False),
    ],
)
def test_binaries(path, kept):
    assert bundle_contents.keep_binary(path) is kept


def test_gpu_builds_keep_cuda_runtimes_but_not_test_libraries():
    assert bundle_contents.keep_binary("libcudart.so", gpu_build=True)
    assert not bundle_contents.keep_binary("torch/lib/libtorchbind_test.so", gpu_build=True)


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("torch/include/ATen/ATen.h", False),
        ("torch/test/foo.py", False),
        ("writer_app/_data/resources/themes/dark.json", True),
        ("torch/_C/__init__.pyi", False),
    ],
)
def test_data(path, kept):
    assert bundle_contents.keep_data(path) is kept


def test_staged_embedding_model_loads_through_the_catalogue(tmp_path, monkeypatch):
    import shutil

    import stage_models

    from writer_app.engine import catalog as catalog_module
    from writer_app.engine.catalog import bundled_model_folder, locate_model_files
    from writer_app.resources import models_path

    staged = stage_models.stage(DEFAULT_EMBED_MODEL, tmp_path / "staged")
    names = sorted(p.name for p in staged.iterdir())
    assert "model.safetensors" in names and "config.json" in names and "tokenizer.json" in names
    assert "README.md" not in names and not any(n.endswith((".bin", ".pt")) for n in names)
    # Readable by every user once installed system-wide.
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o044 == 0o044 for p in staged.iterdir())

    # Laid out as in the bundle, the same catalogue code finds it.
    root = tmp_path / "models"
    shutil.copytree(tmp_path / "staged", root / "bundled")
    shutil.copy(models_path("catalog.toml"), root / "catalog.toml")
    monkeypatch.setattr(catalog_module, "models_path", root.joinpath)
    entry = ModelCatalog.load(builtin=root / "catalog.toml").get(DEFAULT_EMBED_MODEL)
    assert bundled_model_folder(entry) == root / "bundled" / entry.id
    assert locate_model_files(entry, tmp_path / "cache").folder == root / "bundled" / entry.id
