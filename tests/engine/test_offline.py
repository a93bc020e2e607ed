"""A normal session never opens a network connection."""

from __future__ import annotations

import socket

import pytest

from writer_app.engine.catalog import ModelCatalog, ModelEntry, ModelUnavailable, locate_model_files
from writer_app.engine.config import EngineConfig
from writer_app.engine.requests import ContinueRequest, EmbedRequest, GenerationSettings
from writer_app.engine.service import InferenceEngine
from writer_app.paths import AppPaths

pytestmark = pytest.mark.core


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(name):
        def blocked(*args, **kwargs):
            attempts.append((name, args[:2]))
            raise OSError(f"network access attempted: {name}")

        return blocked

    monkeypatch.setattr(socket.socket, "connect", refuse("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", refuse("connect_ex"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    return attempts


def test_a_writing_session_opens_no_socket(no_network, qapp, qtbot, tiny_gpt2_dir, tiny_bert_dir):
    from writer_app.gui.application import InkwellApplication

    controller = InkwellApplication(qapp, AppPaths.from_environment())
    window = controller.new_window_shown()
    qtbot.keyClicks(window.editor, "A quiet evening.")
    catalog = ModelCatalog(
        [
            ModelEntry(id="base", name="Base", roles=("continue",), source="path", path=str(tiny_gpt2_dir)),
            ModelEntry(id="embed", name="Embed", roles=("embed",), source="path", path=str(tiny_bert_dir)),
        ]
    )
    engine = InferenceEngine(EngineConfig(paths=AppPaths.from_environment(), catalog=catalog, device="cpu"))
    done = []
    engine.sig_finished.connect(lambda rid, result: done.append(rid))
    engine.sig_failed.connect(lambda rid, message, details: done.append(message))
    engine.submit(ContinueRequest(model_id="base", text=window.editor.text(), settings=GenerationSettings(max_new_tokens=5)))
    engine.submit(EmbedRequest(model_id="embed", texts=("A quiet evening.",)))
    qtbot.waitUntil(lambda: len(done) == 2, timeout=60000)
    assert all(isinstance(item, int) for item in done), done
    with pytest.raises(ModelUnavailable):  # checking for a downloadable model stays local
        locate_model_files(ModelCatalog.load().get("distilgpt2"), None, hf_cache=AppPaths.from_environment().models_dir)
    assert engine.shutdown()
    controller.shutdown()
    assert no_network == []
