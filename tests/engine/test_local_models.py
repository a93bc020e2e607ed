"""LocalModels: the garbage collector paused and its objects frozen once, at the first load."""

from __future__ import annotations

import gc
import threading

import pytest

pytestmark = pytest.mark.core


def test_only_loading_freezes_what_exists_later_requests_leave_the_collector_alone(tiny_llama_chat_dir, monkeypatch):
    from writer_app.engine import local_models
    from writer_app.engine.catalog import ModelCatalog, ModelEntry
    from writer_app.engine.config import EngineConfig
    from writer_app.paths import AppPaths

    entry = ModelEntry("tiny", "Tiny", ("continue",), "path", path=str(tiny_llama_chat_dir))
    config = EngineConfig(paths=AppPaths.from_environment(), catalog=ModelCatalog([entry]), device="cpu")
    models = local_models.LocalModels(config)
    pauses = []
    paused = local_models.collector_paused
    monkeypatch.setattr(local_models, "collector_paused", lambda: pauses.append(1) or paused())
    try:
        models.backend("tiny", stop=threading.Event(), on_progress=lambda *_: None)
        assert pauses == [1]  # the runtime's imports (the load itself pauses inside load_model)
        frozen = gc.get_freeze_count()
        for _ in range(3):  # the model is loaded: nothing is frozen again, and cycles stay collectable
            models.backend("tiny", stop=threading.Event(), on_progress=lambda *_: None)
        assert pauses == [1] and gc.get_freeze_count() == frozen and gc.isenabled()
    finally:
        models.release()
        gc.unfreeze()
