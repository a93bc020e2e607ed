import pytest

from writer_app.core.requests import ContinueRequest, GenerationSettings, IndexRequest

pytestmark = pytest.mark.core


def test_defaults_avoid_greedy_loops():
    settings = GenerationSettings()
    assert settings.temperature > 0 and settings.repetition_penalty > 1 and settings.no_repeat_ngram_size > 0


@pytest.mark.parametrize("bad", [{"max_new_tokens": 0}, {"temperature": -1}, {"top_p": 0}, {"min_p": 1}])
def test_invalid_settings_are_refused(bad):
    with pytest.raises(ValueError):
        GenerationSettings(**bad)


def test_from_dict_ignores_unknown_keys_and_round_trips():
    settings = GenerationSettings.from_dict({"temperature": 1.1, "seed": 7, "unknown": True})
    assert settings.temperature == 1.1 and settings.seed == 7
    assert GenerationSettings.from_dict(settings.to_dict()) == settings


def test_request_ids_are_unique():
    assert ContinueRequest(model_id="m", text="a").request_id != ContinueRequest(model_id="m", text="a").request_id


def test_only_an_index_runs_in_the_background_by_default():
    assert not ContinueRequest(model_id="m", text="a").background
    assert IndexRequest(embed_model_id="e", text="a", background=True).background
