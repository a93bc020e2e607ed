"""Models ▸ Servers…: add OpenAI-compatible servers, test them, and choose which of their models does what.

Keys go to the system keyring (``ServerKeys``), the rest to the settings.
"Test connection" asks the server for its models on a background thread, so
a slow or dead server never freezes the window. Choosing a server's model
for a role asks, once per server, whether the manuscript may go there.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from writer_app.core.errors import TaskFailed
from writer_app.core.servers import (
    ServerConfig,
    is_server_model,
    parse_server_model_id,
    server_model_id,
    server_to_dict,
)
from writer_app.gui.app_settings import AppSettings
from writer_app.gui.dialogs import show_error
from writer_app.gui.models.hub import ModelHub

# The roles a server's model can take: the setting that names the model, and the hub's task.
ROLES = (
    ("continue_model", "continue"),
    ("ask_model", "ask"),
    ("summarise_model", "summarise"),
    ("embed_model", "embed"),
)


@dataclass
class _Draft:
    """A server as edited in the dialog (its key included), before Save."""

    config: ServerConfig
    key: str
    models: list[str]  # the server's models, as far as known
    role_choices: dict[str, str] = field(default_factory=dict)  # setting → model name ("" : not this server)


class _Tester(QObject):
    """Lists a server's models on a Python thread; the answer arrives on the GUI thread as a signal."""

    sig_done = Signal(str, object)  # server name, list of model names or a TaskFailed

    def test(self, server: ServerConfig) -> None:
        def work() -> None:
            from writer_app.engine.server_models import ServerModels

            try:
                result: object = [model.name for model in ServerModels().list_models(server)]
            except TaskFailed as exc:
                result = exc
            except Exception as exc:  # anything else still gets an answer on screen
                result = TaskFailed(str(exc))
            self.sig_done.emit(server.name, result)

        threading.Thread(target=work, name="server-test", daemon=True).start()


class ServersDialog(QDialog):
    def __init__(self, hub: ModelHub, settings: AppSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Servers"))
        self.resize(720, 520)
        self._hub = hub
        self._settings = settings
        self._drafts: list[_Draft] = []
        for server in hub.servers():
            chosen = self._chosen_models(server.name)
            self._drafts.append(_Draft(server, hub.keys.get(server.name), sorted(set(chosen.values())), chosen))
        self._current = -1
        self._tester = _Tester(self)
        self._tester.sig_done.connect(self._on_tested)

        intro = QLabel(
            self.tr(
                "A server runs bigger models than this computer can: vLLM, llama.cpp, Ollama, LM Studio, or a "
                "hosted service that speaks the OpenAI API. Text sent to a server leaves this computer unless "
                "the server runs here."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.server_list = QListWidget(self)
        self.add_button = QPushButton(self.tr("&Add"), self)
        self.remove_button = QPushButton(self.tr("&Remove"), self)
        left = QVBoxLayout()
        left.addWidget(self.server_list, 1)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        left.addLayout(row)

        self.name_edit = QLineEdit(self)
        self.url_edit = QLineEdit(self)
        self.url_edit.setPlaceholderText("http://localhost:8080/v1")
        self.key_edit = QLineEdit(self)
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("none (kept in the system keyring)"))
        self.context_spin = QSpinBox(self)
        self.context_spin.setRange(0, 1_048_576)
        self.context_spin.setSingleStep(1024)
        self.context_spin.setSpecialValueText(self.tr("Ask the server"))
        self.timeout_spin = QSpinBox(self)
        self.timeout_spin.setRange(5, 3600)
        self.timeout_spin.setSuffix(self.tr(" s"))
        self.ca_edit = QLineEdit(self)
        self.ca_edit.setPlaceholderText(self.tr("the system's certificates"))
        ca_button = QPushButton(self.tr("Browse…"), self)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_edit, 1)
        ca_row.addWidget(ca_button)
        self.test_button = QPushButton(self.tr("&Test Connection"), self)
        self.test_result = QLabel(self)
        self.test_result.setWordWrap(True)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)  # server messages may hold "<"
        self.test_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("A&ddress:"), self.url_edit)
        form.addRow(self.tr("API &key:"), self.key_edit)
        form.addRow(self.tr("&Context length:"), self.context_spin)
        form.addRow(self.tr("&Time limit:"), self.timeout_spin)
        ca_label = QLabel(self.tr("Certificate &file:"), self)
        ca_label.setBuddy(self.ca_edit)
        form.addRow(ca_label, ca_row)
        form.addRow(self.test_button, self.test_result)
        self.role_boxes: dict[str, QComboBox] = {}
        roles = QGroupBox(self.tr("Use this server's models for"), self)
        role_form = QFormLayout(roles)
        labels = {
            "continue_model": self.tr("&Writing (Continue):"),
            "ask_model": self.tr("&Answers (Ask):"),
            "summarise_model": self.tr("&Summaries:"),
            "embed_model": self.tr("&Embeddings (Ask's index):"),
        }
        for key, _task in ROLES:
            box = QComboBox(self)
            self.role_boxes[key] = box
            role_form.addRow(labels[key], box)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(roles)
        right.addStretch(1)
        self.editor = QWidget(self)
        self.editor.setLayout(right)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.editor, 2)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)

        self.server_list.currentRowChanged.connect(self._show)
        self.add_button.clicked.connect(self.add_server)
        self.remove_button.clicked.connect(self.remove_server)
        self.test_button.clicked.connect(self.test_connection)
        ca_button.clicked.connect(self._choose_ca_file)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for draft in self._drafts:
            self.server_list.addItem(draft.config.name)
        if self._drafts:
            self.server_list.setCurrentRow(0)
        else:
            self._show(-1)

    # ------------------------------------------------------------------ editing
    def add_server(self) -> None:
        self._keep_edits()
        names = {draft.config.name for draft in self._drafts}
        name = next(n for n in (f"server-{i}" if i else "server" for i in range(1000)) if n not in names)
        self._drafts.append(_Draft(ServerConfig(name=name, base_url="http://localhost:8080/v1"), "", []))
        self.server_list.addItem(name)
        self._current = -1  # nothing to keep from the row being left
        self.server_list.setCurrentRow(len(self._drafts) - 1)
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def remove_server(self) -> None:
        row = self.server_list.currentRow()
        if row < 0:
            return
        self._current = -1
        del self._drafts[row]
        self.server_list.takeItem(row)
        self._show(self.server_list.currentRow())

    def _show(self, row: int) -> None:
        self._keep_edits()
        self._current = row
        self.editor.setEnabled(row >= 0)
        self.remove_button.setEnabled(row >= 0)
        draft = self._drafts[row] if row >= 0 else _Draft(ServerConfig(name="-", base_url="localhost"), "", [])
        config = draft.config
        self.name_edit.setText(config.name if row >= 0 else "")
        self.url_edit.setText(config.base_url if row >= 0 else "")
        self.key_edit.setText(draft.key)
        self.context_spin.setValue(config.context_tokens)
        self.timeout_spin.setValue(int(config.timeout_s))
        self.ca_edit.setText(config.ca_bundle)
        self.test_result.clear()
        self._fill_roles(draft)

    def _fill_roles(self, draft: _Draft) -> None:
        for key, _task in ROLES:
            box = self.role_boxes[key]
            box.clear()
            box.addItem(self.tr("Not this server"), "")
            for model in dict.fromkeys([*draft.models, *draft.role_choices.values()]):
                if model:
                    box.addItem(model, model)
            box.setCurrentIndex(max(0, box.findData(draft.role_choices.get(key, ""))))

    def _keep_edits(self) -> bool:
        """Copy the form into the current draft; False (after saying why) when it does not make a server."""
        row = self._current
        if not 0 <= row < len(self._drafts):
            return True
        draft = self._drafts[row]
        try:
            config = ServerConfig(
                name=self.name_edit.text().strip(),
                base_url=self.url_edit.text(),
                context_tokens=self.context_spin.value(),
                timeout_s=float(self.timeout_spin.value()),
                ca_bundle=self.ca_edit.text().strip(),
            )
        except ValueError as exc:
            self.test_result.setText(str(exc))
            return False
        draft.config, draft.key = config, self.key_edit.text().strip()
        draft.role_choices = {key: box.currentData() or "" for key, box in self.role_boxes.items()}
        self.server_list.item(row).setText(config.name)
        return True

    def _choose_ca_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Certificate of the server's authority"), "", self.tr("Certificates (*.pem *.crt)")
        )
        if path:
            self.ca_edit.setText(path)

    # ------------------------------------------------------------------ testing
    def test_connection(self) -> None:
        if not self._keep_edits():
            return
        draft = self._drafts[self._current]
        self.test_button.setEnabled(False)
        self.test_result.setText(self.tr("Asking {server} for its models…").format(server=draft.config.name))
        self._tester.test(replace(draft.config, api_key=draft.key))

    def _on_tested(self, server_name: str, result: object) -> None:
        self.test_button.setEnabled(True)
        draft = next((d for d in self._drafts if d.config.name == server_name), None)
        if draft is None:
            return
        if isinstance(result, TaskFailed):
            text = str(result)
        else:
            draft.models = list(result)
            text = self.tr("Connected. %n model(s): ", "", len(result)) + ", ".join(result)
            if not result:
                text = self.tr("Connected, but the server lists no models.")
        if self._drafts.index(draft) == self._current:
            self.test_result.setText(text)
            self._fill_roles(draft)

    # ------------------------------------------------------------------ saving
    def save(self) -> None:
        if not self._keep_edits():
            return
        names = [draft.config.name for draft in self._drafts]
        if len(set(names)) != len(names):
            show_error(self, self.tr("Two servers with one name"), self.tr("Give each server its own name."))
            return
        hub, settings = self._hub, self._settings
        warnings = [hub.keys.set(draft.config.name, draft.key) for draft in self._drafts]
        for server in hub.servers():
            if server.name not in names:
                hub.keys.delete(server.name)
        servers = [server_to_dict(draft.config) for draft in self._drafts]
        if servers == settings.servers:
            hub.apply_servers()  # the keys may have changed even when the list did not
        else:
            settings.set(servers=servers)  # the hub follows
        for draft in self._drafts:
            for key, task in ROLES:
                self._apply_role(draft.config.name, key, task, draft.role_choices.get(key, ""))
        for warning in filter(None, warnings):
            show_error(self, self.tr("API key kept for this session only"), warning)
        self.accept()

    def _apply_role(self, server_name: str, key: str, task: str, model: str) -> None:
        """Make *model* of *server_name* the one for setting *key*, or undo an earlier choice of that server."""
        current = getattr(self._settings, key)
        if model:
            model_id = server_model_id(server_name, model)
            if current == model_id:
                return
            if task == "continue":
                self._hub.choose_model(model_id, self)
            else:
                self._hub.choose_task_model(task, model_id, self)
        elif is_server_model(current) and parse_server_model_id(current)[0] == server_name:
            self._hub.reset_model_choice(key)

    def _chosen_models(self, server_name: str) -> dict[str, str]:
        """Setting → model name, for the settings that already use a model of *server_name*."""
        chosen = {}
        for key, _task in ROLES:
            model_id = getattr(self._settings, key)
            if is_server_model(model_id):
                server, model = parse_server_model_id(model_id)
                if server == server_name:
                    chosen[key] = model
        return chosen
