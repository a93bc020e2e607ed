"""Models ▸ Get Models…: download from a Hub on loopback with progress, pause and resume, cancel, remove."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import ModalAnswerer
from tests.hub_fake import COMMIT, FakeHub
from writer_app.engine.downloads import has_partial
from writer_app.gui.application import InkwellApplication
from writer_app.gui.models.get_models_dialog import COLUMNS, GetModelsDialog
from writer_app.paths import AppPaths

pytestmark = pytest.mark.gui

REPO = "inkwell-tests/tiny-writer"


@pytest.fixture
def hub(tiny_gpt2_dir, isolated_dirs, monkeypatch):
    import huggingface_hub.constants

    served = FakeHub.from_folder(REPO, tiny_gpt2_dir).start()
    monkeypatch.setenv("HF_ENDPOINT", served.endpoint)
    monkeypatch.setattr(huggingface_hub.constants, "DOWNLOAD_CHUNK_SIZE", 8192)
    (isolated_dirs["config"] / "models.toml").write_text(
        f'[[model]]\nid = "tiny-hub"\nname = "Tiny Hub Writer"\nroles = ["continue", "instruct"]\n'
        f'licence = "Apache-2.0"\nsize_mb = 1\nsource = "hf"\nrepo = "{REPO}"\nrevision = "{COMMIT}"\n',
        encoding="utf-8",
    )
    yield served
    served.close()


@pytest.fixture
def dialog(qapp, qtbot, hub):
    app = InkwellApplication(qapp, AppPaths.from_environment())
    answers = ModalAnswerer()
    shown = GetModelsDialog(app.models, app.settings)
    qtbot.addWidget(shown)
    row = next(i for i, entry in enumerate(shown.entries) if entry.id == "tiny-hub")
    shown.table.selectRow(row)
    shown.answers, shown.app, shown.row = answers, app, row
    yield shown
    answers.stop()
    shown.done(0)
    app.shutdown()
    app.setParent(None)
    QApplication.processEvents()


def state(dialog) -> str:
    return dialog.table.item(dialog.row, COLUMNS.index("state")).text()


def test_download_shows_the_licence_then_progress_and_the_model_is_ready(dialog, qtbot):
    assert state(dialog) == "Not downloaded" and dialog.download_button.isEnabled()
    assert "Apache-2.0" in dialog.table.item(dialog.row, COLUMNS.index("licence")).text()
    dialog.answers.queue("Download")
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None, timeout=30000)
    assert "is ready" in dialog.message.text(), dialog.message.text()
    assert "Apache-2.0" in dialog.answers.seen[0]
    assert state(dialog) == "Downloaded" and not dialog.download_button.isEnabled()
    assert dialog.app.models.availability(dialog.entries[dialog.row]) == "ready"


def test_pause_keeps_the_part_and_resume_finishes_it(dialog, qtbot, hub):
    hub.faults.chunk_size = 4096
    hub.faults.chunk_delay_s = 0.02
    dialog.answers.queue("Download")
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Downloading" in state(dialog) and "%" in state(dialog), timeout=30000)
    qtbot.mouseClick(dialog.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Paused" in dialog.message.text(), timeout=30000)
    entry = dialog.entries[dialog.row]
    assert state(dialog).startswith("Paused at") and has_partial(entry, dialog.app.models.config.hf_cache)
    assert dialog.download_button.text().replace("&", "") == "Resume"

    hub.faults.chunk_delay_s = 0.0
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)  # no licence question the second time
    qtbot.waitUntil(lambda: "is ready" in dialog.message.text(), timeout=30000)
    assert state(dialog) == "Downloaded" and len(dialog.answers.seen) == 1


def test_cancel_throws_the_part_away(dialog, qtbot, hub):
    hub.faults.chunk_size = 4096
    hub.faults.chunk_delay_s = 0.02
    dialog.answers.queue("Download")
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "%" in state(dialog), timeout=30000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cancelled" in dialog.message.text(), timeout=30000)
    assert state(dialog) == "Not downloaded"
    assert not has_partial(dialog.entries[dialog.row], dialog.app.models.config.hf_cache)


def test_a_model_in_use_is_not_removed_and_another_is(dialog, qtbot):
    dialog.answers.queue("Download")
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "is ready" in dialog.message.text(), timeout=30000)
    dialog.app.settings.set(ask_model="tiny-hub")
    dialog.answers.queue("OK")
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert "choose another first" in dialog.answers.seen[-1] and state(dialog) == "Downloaded"

    dialog.app.settings.set(ask_model="smollm2-135m-instruct")
    dialog.answers.queue("Remove")
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert state(dialog) == "Not downloaded"


def test_a_failed_download_says_why_and_nothing_is_offered(dialog, qtbot, hub):
    hub.faults.corrupt = next(name for name in hub.files if name.endswith(".safetensors"))
    dialog.answers.queue("Download")
    qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.download_button.isEnabled(), timeout=30000)
    assert "damaged" in dialog.message.text() and state(dialog) != "Downloaded"


def test_choosing_a_model_not_downloaded_points_to_get_models(dialog):
    dialog.answers.queue("OK")
    assert not dialog.app.models.choose_model("tiny-hub", None)
    assert "Get Models" in dialog.answers.seen[-1] and dialog.app.settings.continue_model != "tiny-hub"
