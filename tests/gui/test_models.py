"""The models inside the app: warm-up status, missing models, terms, the Models menu, device and memory choices."""

from __future__ import annotations

import json
import shutil

import pytest
from PySide6.QtWidgets import QApplication

from tests.gui.conftest import ModalAnswerer
from writer_app.gui.application import InkwellApplication
from writer_app.paths import AppPaths

pytestmark = pytest.mark.gui


@pytest.fixture
def models_setup(isolated_dirs, tiny_gpt2_dir, tmp_path):
    with_terms = tmp_path / "tiny-with-terms"
    shutil.copytree(tiny_gpt2_dir, with_terms)
    (with_terms / "TERMS.html").write_text("<h1>Tiny Terms</h1><p>Be kind.</p>", encoding="utf-8")
    (isolated_dirs["config"] / "models.toml").write_text(
        f"""
[[model]]
id = "tiny"
name = "Tiny Writer"
roles = ["continue"]
source = "path"
path = "{tiny_gpt2_dir}"

[[model]]
id = "tiny-terms"
name = "Tiny Licensed"
roles = ["continue"]
source = "path"
path = "{with_terms}"
licence = "Tiny Terms"
terms = "TERMS.html"

[[model]]
id = "absent"
name = "Absent Model"
roles = ["continue"]
source = "package"
package = "inkwell_absent_pkg"
locate = "file"
gguf_file = "a.gguf"
install = "pip install inkwell-absent"
""",
        encoding="utf-8",
    )

    def write_settings(**values):
        (isolated_dirs["config"] / "settings.json").write_text(json.dumps(values), encoding="utf-8")

    return write_settings


@pytest.fixture
def started_app(qapp, qtbot):
    apps = []

    def start(**kwargs):
        app = InkwellApplication(qapp, AppPaths.from_environment())
        apps.append(app)
        window = app.start(offer_recovery=False, **kwargs)
        qtbot.waitExposed(window)
        return app, window

    yield start
    for app in apps:
        app.shutdown()
        app.setParent(None)
    QApplication.processEvents()


def test_default_model_warms_up_after_start_and_says_ready(models_setup, started_app, qtbot):
    models_setup(continue_model="tiny", device="cpu")
    app, window = started_app()
    assert app.models.service is None or app.models.status[0] in ("starting", "busy")
    qtbot.waitUntil(lambda: app.models.status[0] == "ready", timeout=60000)
    assert "Tiny Writer · CPU" in window.models_label.text()
    assert app.models.service.thread.isRunning()


def test_missing_model_is_named_with_how_to_get_it(models_setup, started_app, qtbot):
    models_setup(continue_model="absent")
    answerer = ModalAnswerer()
    try:
        app, window = started_app()
        qtbot.waitUntil(lambda: app.models.status[0] == "problem", timeout=60000)
        assert "Absent Model is missing" in window.models_label.text()
        answerer.queue("OK")
        window.models_label.linkActivated.emit("#details")
        assert "pip install inkwell-absent" in answerer.seen[0]
    finally:
        answerer.stop()


def test_terms_must_be_accepted_before_a_model_is_used(models_setup, started_app, qtbot, isolated_dirs):
    models_setup(continue_model="tiny")
    answerer = ModalAnswerer()
    try:
        app, window = started_app()
        qtbot.waitUntil(lambda: app.models.status[0] == "ready", timeout=60000)
        window.models_menu.fill()
        licensed = next(a for a in window.models_menu.actions() if a.data() == "tiny-terms")

        answerer.queue("Decline")
        licensed.trigger()
        assert app.settings.continue_model == "tiny"

        answerer.queue("I Accept")
        licensed.trigger()
        assert answerer.seen[-1].startswith("Terms of use: Tiny Licensed")
        assert app.settings.continue_model == "tiny-terms"
        qtbot.waitUntil(lambda: app.models.status[1].startswith("Tiny Licensed"), timeout=60000)
        saved = json.loads((isolated_dirs["config"] / "settings.json").read_text())
        assert saved["accepted_terms"] == ["tiny-terms"] and saved["continue_model"] == "tiny-terms"
    finally:
        answerer.stop()


def test_unavailable_model_in_menu_explains_instead_of_switching(models_setup, started_app, qtbot):
    models_setup(continue_model="tiny")
    answerer = ModalAnswerer()
    try:
        app, window = started_app(start_engine=False)
        window.models_menu.fill()
        absent = next(a for a in window.models_menu.actions() if a.data() == "absent")
        assert "(not installed)" in absent.text()
        answerer.queue("OK")
        absent.trigger()
        assert "pip install inkwell-absent" in answerer.seen[0]
        assert app.settings.continue_model == "tiny"
    finally:
        answerer.stop()


def test_out_of_memory_offers_the_cpu_and_recovers(models_setup, started_app, qtbot, monkeypatch):
    import writer_app.engine.loader as loader

    real = loader.load_model

    def no_memory(*args, **kwargs):
        monkeypatch.setattr(loader, "load_model", real)
        raise loader.OutOfMemory("There is not enough memory on the GPU (CUDA) for this model.")

    monkeypatch.setattr(loader, "load_model", no_memory)
    models_setup(continue_model="tiny", device="auto")
    answerer = ModalAnswerer()
    try:
        answerer.queue("Use the CPU")
        app, window = started_app()
        qtbot.waitUntil(lambda: app.settings.device == "cpu", timeout=60000)
        assert "not enough memory" in answerer.seen[0]
        qtbot.waitUntil(lambda: app.models.status[0] == "ready", timeout=60000)
    finally:
        answerer.stop()


def test_add_model_folder_from_the_menu(
    models_setup, started_app, qtbot, monkeypatch, tiny_llama_chat_dir, isolated_dirs, tmp_path
):
    models_setup(continue_model="tiny")
    app, window = started_app()
    monkeypatch.setattr(
        "writer_app.gui.models.menu.QFileDialog.getExistingDirectory", lambda *a, **k: str(tiny_llama_chat_dir)
    )
    window.models_menu.fill()
    next(a for a in window.models_menu.actions() if a.text().startswith("Add a Model")).trigger()
    model_id = f"local:{tiny_llama_chat_dir.name}"
    assert app.settings.continue_model == model_id
    qtbot.waitUntil(
        lambda: app.models.status[0] == "ready" and app.models.status[1].startswith(tiny_llama_chat_dir.name),
        timeout=60000,
    )
    # Remembered for the next start, next to the writer's other models.
    from writer_app.engine.catalog import ModelCatalog

    catalog = ModelCatalog.load(isolated_dirs["config"] / "models.toml")
    assert catalog.get(model_id).path == str(tiny_llama_chat_dir)
    assert "tiny-terms" in catalog

    answerer = ModalAnswerer()
    try:
        bad = tmp_path / "empty-folder"
        bad.mkdir()
        monkeypatch.setattr("writer_app.gui.models.menu.QFileDialog.getExistingDirectory", lambda *a, **k: str(bad))
        answerer.queue("OK")
        window.models_menu.add_model_folder_dialog()
        assert "no config.json" in answerer.seen[0]
    finally:
        answerer.stop()


def test_precision_submenu_reloads_the_model_and_remembers_the_choice(models_setup, started_app, qtbot, isolated_dirs):
    models_setup(continue_model="tiny")
    app, window = started_app()
    qtbot.waitUntil(lambda: app.models.status[0] == "ready", timeout=60000)
    window.models_menu.fill()
    precision = next(a.menu() for a in window.models_menu.actions() if a.menu() and "Precision" in a.text())
    choices = {a.data(): a for a in precision.actions()}
    assert set(choices) == {"auto", "int4", "int8", "fp16", "none"} and choices["auto"].isChecked()
    choices["int8"].trigger()
    assert app.settings.quantization == "int8"
    assert json.loads((isolated_dirs["config"] / "settings.json").read_text())["quantization"] == "int8"
    # The model is loaded again in 8 bits, and the status bar says so.
    qtbot.waitUntil(lambda: app.models.status[0] == "ready" and app.models.status[1].endswith("· 8-bit"), timeout=60000)
    window.models_menu.fill()
    precision = next(a.menu() for a in window.models_menu.actions() if a.menu() and "Precision" in a.text())
    assert next(a for a in precision.actions() if a.data() == "int8").isChecked()


# --- Reliability: a broken models.toml, folders without tokenizers, names with markup, terms links ---


BROKEN_MODELS_TOML = """\
[[model]]
id = "good-one"
name = "Good One"
roles = ["continue"]
source = "path"
path = "{folder}"

[[model]]
id = "half-written"
name = "Half written
roles = ["continue"]
"""


@pytest.fixture
def broken_models_toml(isolated_dirs, tiny_gpt2_dir):
    path = isolated_dirs["config"] / "models.toml"
    path.write_text(BROKEN_MODELS_TOML.format(folder=tiny_gpt2_dir), encoding="utf-8")
    return path


@pytest.mark.reliability
def test_a_broken_models_toml_opens_the_window_and_says_what_was_ignored(broken_models_toml, window, qtbot):
    from tests.gui.conftest import type_text

    type_text(qtbot, window, "Still writing.")
    assert window.editor.text() == "Still writing."
    # The status bar, where the writer looks for the models, says so; its link gives the details.
    assert "models.toml" in window.models_label.text()
    answerer = ModalAnswerer()
    try:
        answerer.queue("OK")
        window.models_label.linkActivated.emit("#details")
        assert "models.toml line 10" in answerer.seen[0] and "this entry was ignored" in answerer.seen[0]
        assert str(broken_models_toml) in answerer.seen[0]
    finally:
        answerer.stop()
    # The Models menu says it too, and keeps the entries that could be read and the built-in ones.
    window.models_menu.fill()
    texts = [action.text() for action in window.models_menu.actions()]
    assert any("models.toml" in text for text in texts), texts
    models = {action.data() for action in window.models_menu.actions()}
    assert {"good-one", "smollm2-135m-instruct"} <= models and "half-written" not in models


@pytest.mark.reliability
def test_adding_a_folder_to_a_broken_models_toml_leaves_the_file_alone(
    broken_models_toml, window, monkeypatch, tiny_llama_chat_dir
):
    before = broken_models_toml.read_bytes()
    monkeypatch.setattr(
        "writer_app.gui.models.menu.QFileDialog.getExistingDirectory", lambda *a, **k: str(tiny_llama_chat_dir)
    )
    answerer = ModalAnswerer()
    try:
        answerer.queue("OK")
        window.models_menu.add_model_folder_dialog()
        assert "did not change" in answerer.seen[0] and "line 10" in answerer.seen[0]
    finally:
        answerer.stop()
    assert broken_models_toml.read_bytes() == before


@pytest.mark.reliability
def test_a_folder_without_tokenizer_files_is_refused_with_the_reason(
    models_setup, started_app, monkeypatch, tiny_gpt2_dir, tmp_path, isolated_dirs
):
    models_setup(continue_model="tiny")
    app, window = started_app(start_engine=False)
    folder = tmp_path / "weights-only"
    folder.mkdir()
    for name in ("config.json", "model.safetensors", "generation_config.json"):
        shutil.copy(tiny_gpt2_dir / name, folder)
    saved = (isolated_dirs["config"] / "models.toml").read_bytes()
    monkeypatch.setattr("writer_app.gui.models.menu.QFileDialog.getExistingDirectory", lambda *a, **k: str(folder))
    answerer = ModalAnswerer()
    try:
        answerer.queue("OK")
        window.models_menu.add_model_folder_dialog()
        assert "no tokenizer files" in answerer.seen[0]
    finally:
        answerer.stop()
    assert app.settings.continue_model == "tiny"
    assert (isolated_dirs["config"] / "models.toml").read_bytes() == saved
    assert f"local:{folder.name}" not in app.models.catalog


MARKUP_NAME = '<b>x</b><img src="file:///etc/hosts">'


@pytest.mark.reliability
def test_model_names_with_markup_are_shown_as_text_in_the_status_bar(isolated_dirs, started_app, qtbot, tiny_gpt2_dir):
    (isolated_dirs["config"] / "models.toml").write_text(
        f"""
[[model]]
id = "marked"
name = '{MARKUP_NAME}'
roles = ["continue"]
source = "path"
path = "{tiny_gpt2_dir}"

[[model]]
id = "marked-missing"
name = '{MARKUP_NAME} gone'
roles = ["continue"]
source = "path"
path = "/no/such/folder"
""",
        encoding="utf-8",
    )
    (isolated_dirs["config"] / "settings.json").write_text(json.dumps({"continue_model": "marked", "device": "cpu"}))
    app, window = started_app()
    qtbot.waitUntil(lambda: app.models.status[0] == "ready", timeout=60000)
    assert app.models.status[1].startswith(MARKUP_NAME)
    for shown in (app.models.status_html(), window.models_label.text()):
        assert "<img" not in shown and "<b>" not in shown, shown
        assert "&lt;b&gt;x&lt;/b&gt;&lt;img" in shown
    app.settings.set(continue_model="marked-missing")
    qtbot.waitUntil(lambda: app.models.status[0] == "problem", timeout=60000)
    for shown in (app.models.status_html(), window.models_label.text(), app.models.status_tooltip()):
        assert "<img" not in shown and "<b>" not in shown, shown
        assert "&lt;b&gt;x&lt;/b&gt;&lt;img" in shown


TERMS_HTML = """<h1>Terms</h1>
<p><a href="file:///etc/hostname">a local file</a></p>
<p><a href="notes.html">a relative page</a></p>
<p><a href="https://example.org/terms">the web page</a></p>
<p><img src="file://{image}"></p>
<p>{filler}</p>
<h2 id="end"><a name="end">The end</a></h2>
"""


def _click_text(qtbot, browser, text: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor

    cursor = browser.document().find(text)
    assert not cursor.isNull(), text
    cursor.setPosition(cursor.selectionStart() + 2, QTextCursor.MoveMode.MoveAnchor)
    browser.setTextCursor(cursor)
    browser.ensureCursorVisible()
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=browser.cursorRect(cursor).center())


@pytest.mark.reliability
def test_the_terms_dialog_follows_no_link_inside_the_app(qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt, QUrl
    from PySide6.QtGui import QDesktopServices, QImage, QTextDocument
    from PySide6.QtWidgets import QLabel

    from writer_app.gui.models.terms_dialog import TermsDialog

    image = tmp_path / "private.png"
    picture = QImage(4, 4, QImage.Format.Format_RGB32)
    picture.fill(0xFF0000)
    assert picture.save(str(image))
    terms = tmp_path / "TERMS.html"
    terms.write_text(TERMS_HTML.format(image=image, filler="Be kind. " * 40), encoding="utf-8")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True)
    dialog = TermsDialog(MARKUP_NAME, terms, "<i>licence</i>")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    browser = dialog.browser
    shown = browser.toPlainText()
    assert "a local file" in shown

    for text in ("a local file", "a relative page"):
        _click_text(qtbot, browser, text)
        assert browser.toPlainText() == shown and browser.source().isEmpty(), text
    assert opened == []
    _click_text(qtbot, browser, "the web page")
    assert opened == ["https://example.org/terms"]  # in the system browser, only when clicked
    assert browser.toPlainText() == shown
    # No file is read to show the terms, images included.
    loaded = browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(f"file://{image}"))
    assert loaded is None or loaded.size() != picture.size(), loaded
    # The name and licence come from the writer's models.toml: shown as text, never as markup.
    intro = next(label for label in dialog.findChildren(QLabel) if "distributed under" in label.text())
    assert intro.textFormat() == Qt.TextFormat.PlainText and MARKUP_NAME in intro.text()
