"""Models ▸ Servers…: adding a server, testing it, its key in the keyring, asking before text leaves."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import ModalAnswerer
from tests.server_fake import FakeOpenAIServer
from writer_app.core.servers import server_model_id
from writer_app.gui.application import InkwellApplication
from writer_app.gui.models.servers_dialog import ServersDialog
from writer_app.paths import AppPaths

pytestmark = pytest.mark.gui


class MemoryKeyring(KeyringBackend):
    priority = 1

    def __init__(self):
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        if self.store.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture
def fake():
    server = FakeOpenAIServer().start()
    server.behaviour.models = ("story-model", "embedder")
    yield server
    server.close()


@pytest.fixture
def app(controller):
    return controller


@pytest.fixture
def answerer(qapp):
    answers = ModalAnswerer()
    yield answers
    answers.stop()
    assert not answers.pending


def fill_server(dialog: ServersDialog, qtbot, name: str, url: str, key: str = "") -> None:
    qtbot.mouseClick(dialog.add_button, qtbot_button())
    dialog.name_edit.setText(name)
    dialog.url_edit.setText(url)
    dialog.key_edit.setText(key)


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_add_test_and_choose_a_server_model(app, qtbot, fake, memory_keyring, isolated_dirs):
    fake.behaviour.api_key = "sesame"
    dialog = ServersDialog(app.models, app.settings)
    qtbot.addWidget(dialog)
    fill_server(dialog, qtbot, "studio", fake.base_url, "sesame")

    qtbot.mouseClick(dialog.test_button, qtbot_button())
    qtbot.waitUntil(lambda: "Connected" in dialog.test_result.text(), timeout=10000)
    assert "story-model" in dialog.test_result.text() and "embedder" in dialog.test_result.text()
    writing = dialog.role_boxes["continue_model"]
    writing.setCurrentIndex(writing.findData("story-model"))
    dialog.role_boxes["embed_model"].setCurrentIndex(dialog.role_boxes["embed_model"].findData("embedder"))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    # A server on this computer: no question, the text stays here.
    assert app.settings.continue_model == server_model_id("studio", "story-model")
    assert app.settings.embed_model == server_model_id("studio", "embedder")
    assert app.settings.ask_model == "smollm2-135m-instruct"
    assert memory_keyring.store[("Inkwell", "studio")] == "sesame"
    saved = (isolated_dirs["config"] / "settings.json").read_text(encoding="utf-8")
    assert "sesame" not in saved and json.loads(saved)["servers"][0]["base_url"] == fake.base_url
    # The engine got the key with the server.
    assert [(s.name, s.api_key) for s in app.models.config.servers] == [("studio", "sesame")]


def test_a_wrong_key_is_reported_in_the_dialog(app, qtbot, fake, memory_keyring):
    fake.behaviour.api_key = "sesame"
    dialog = ServersDialog(app.models, app.settings)
    qtbot.addWidget(dialog)
    fill_server(dialog, qtbot, "studio", fake.base_url, "wrong")
    qtbot.mouseClick(dialog.test_button, qtbot_button())
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled() and "Asking" not in dialog.test_result.text(), timeout=10000)
    assert "refused the API key" in dialog.test_result.text()


def test_a_dead_server_is_reported_without_freezing(app, qtbot, memory_keyring):
    dialog = ServersDialog(app.models, app.settings)
    qtbot.addWidget(dialog)
    fill_server(dialog, qtbot, "gone", "http://127.0.0.1:9/v1")
    qtbot.mouseClick(dialog.test_button, qtbot_button())
    assert not dialog.test_button.isEnabled()  # the answer comes later, from another thread
    qtbot.waitUntil(lambda: dialog.test_button.isEnabled(), timeout=15000)
    assert "cannot be reached" in dialog.test_result.text()


def test_a_bad_address_is_explained_before_anything_is_saved(app, qtbot, memory_keyring):
    dialog = ServersDialog(app.models, app.settings)
    qtbot.addWidget(dialog)
    fill_server(dialog, qtbot, "studio", "ftp://example.org")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "not a server address" in dialog.test_result.text()
    assert app.settings.servers == [] and dialog.result() == 0  # not accepted: the writer can correct it


def test_text_goes_to_a_remote_server_only_after_the_writer_says_so(app, qtbot, memory_keyring, answerer):
    app.settings.set(servers=[{"name": "gpu-box", "base_url": "https://gpu.example.org/v1"}])
    model_id = server_model_id("gpu-box", "qwen2.5-14b")

    answerer.queue("Cancel")
    assert not app.models.choose_task_model("ask", model_id, None)
    assert app.settings.ask_model == "smollm2-135m-instruct" and app.settings.servers_allowed == []
    assert "gpu-box" in answerer.seen[-1] and "leave this computer" in answerer.seen[-1]

    answerer.queue("Send to gpu-box")
    assert app.models.choose_task_model("ask", model_id, None)
    assert app.settings.ask_model == model_id and app.settings.servers_allowed == ["gpu-box"]
    asked = len(answerer.seen)
    assert app.models.choose_task_model("summarise", server_model_id("gpu-box", "other"), None)
    assert len(answerer.seen) == asked  # asked once per server


def test_a_server_choice_never_allowed_goes_back_to_inkwells_model(qapp, isolated_dirs, memory_keyring):
    servers = [{"name": "gpu-box", "base_url": "https://gpu.example.org/v1"}]
    settings = {"servers": servers, "ask_model": server_model_id("gpu-box", "m"), "continue_model": "server:gone/m"}
    (isolated_dirs["config"] / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    controller = InkwellApplication(qapp, AppPaths.from_environment())
    try:
        assert controller.settings.ask_model == "smollm2-135m-instruct"
        assert controller.settings.continue_model == "smollm2-135m-instruct"
        (server,) = controller.settings.servers
        assert (server["name"], server["base_url"]) == ("gpu-box", "https://gpu.example.org/v1")
    finally:
        controller.shutdown()


def test_the_status_bar_says_where_text_goes(qapp, qtbot, fake, memory_keyring, isolated_dirs):
    settings = {
        "servers": [{"name": "studio", "base_url": fake.base_url}],
        "continue_model": server_model_id("studio", "story-model"),
    }
    (isolated_dirs["config"] / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    controller = InkwellApplication(qapp, AppPaths.from_environment())
    try:
        window = controller.start(offer_recovery=False)
        qtbot.waitUntil(lambda: controller.models.status[0] == "ready", timeout=30000)
        assert controller.models.status[1] == "→ studio · story-model"
        assert "→ studio · story-model" in window.models_label.text()
        window.models_menu.fill()
        chosen = [a for a in window.models_menu.actions() if a.isChecked() and a.data()]
        assert chosen[0].data() == server_model_id("studio", "story-model")
    finally:
        controller.shutdown()
        controller.setParent(None)
        QApplication.processEvents()


def test_a_changed_key_reaches_the_engine_and_removing_a_server_forgets_it(app, qtbot, memory_keyring):
    app.settings.set(servers=[{"name": "studio", "base_url": "http://127.0.0.1:9/v1"}])
    memory_keyring.store[("Inkwell", "studio")] = "old"
    dialog = ServersDialog(app.models, app.settings)
    qtbot.addWidget(dialog)
    assert dialog.key_edit.text() == "old"  # read back from the keyring
    dialog.key_edit.setText("new")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert [(s.name, s.api_key) for s in app.models.config.servers] == [("studio", "new")]

    dialog = ServersDialog(app.models, app.settings)
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.remove_button, qtbot_button())
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert app.settings.servers == [] and app.models.config.servers == ()
    assert ("Inkwell", "studio") not in memory_keyring.store


def test_without_a_keyring_the_key_lasts_the_session_and_the_writer_is_told(app, qtbot):
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        warning = app.models.keys.set("studio", "sesame")
        assert "only until" in warning and app.models.keys.get("studio") == "sesame"
    finally:
        keyring.set_keyring(previous)
