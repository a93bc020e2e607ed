from __future__ import annotations

import pytest

from writer_app.engine.catalog import (
    DEFAULT_MODELS,
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
    assert {"qwen2.5-0.5b-instruct", "llama-3.2-1b-instruct", "distilgpt2", "distilbart-cnn-12-6", "distilbert-base-cased-distilled-squad"} <= downloads
    for role, model_id in DEFAULT_MODELS.items():
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
    entry = ModelEntry(id="x", name="X model", roles=("continue",), source="package", package="no_such_inkwell_pkg", locate="file", gguf_file="x.gguf", install="pip install x-model")
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
    user.write_text(f'[[model]]\nid = "mine"\nname = "My model"\nroles = ["continue"]\nsource = "path"\npath = "{tiny_gpt2_dir}"\n')
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
