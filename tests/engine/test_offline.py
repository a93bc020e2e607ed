"""A normal session never opens a network connection."""

from __future__ import annotations

import socket

import pytest

from writer_app.core.requests import ContinueRequest, EmbedRequest, GenerationSettings
from writer_app.engine.catalog import ModelCatalog, ModelEntry, ModelUnavailable, locate_model_files
from writer_app.engine.config import EngineConfig
from writer_app.paths import AppPaths
from writer_app.service.service import InferenceService

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
    service = InferenceService(EngineConfig(paths=AppPaths.from_environment(), catalog=catalog, device="cpu"))
    handles = [
        service.submit(
            ContinueRequest(model_id="base", text=window.editor.text(), settings=GenerationSettings(max_new_tokens=5))
        ),
        service.submit(EmbedRequest(model_id="embed", texts=("A quiet evening.",))),
    ]
    assert handles[1].wait(60)
    assert [handle.state for handle in handles] == ["finished", "finished"], [handle.result for handle in handles]
    with pytest.raises(ModelUnavailable):  # checking for a downloadable model stays local
        locate_model_files(ModelCatalog.load().get("distilgpt2"), None, hf_cache=AppPaths.from_environment().models_dir)
    assert service.shutdown()
    controller.shutdown()
    assert no_network == []
