import pytest

from writer_app.engine.requests import ContinueRequest, GenerationSettings

pytestmark = pytest.mark.core


def test_sampling_settings_map_to_generation_config():
    from transformers import GenerationConfig

    settings = GenerationSettings(max_new_tokens=50, temperature=0.7, top_k=30, top_p=0.9, min_p=0.1, repetition_penalty=1.2, no_repeat_ngram_size=3)
    config = GenerationConfig(**settings.to_generate_kwargs())
    assert (config.do_sample, config.temperature, config.top_k, config.top_p, config.min_p) == (True, 0.7, 30, 0.9, 0.1)
    assert (config.repetition_penalty, config.no_repeat_ngram_size, config.max_new_tokens) == (1.2, 3, 50)


def test_temperature_zero_is_greedy():
    kwargs = GenerationSettings(temperature=0).to_generate_kwargs()
    assert kwargs["do_sample"] is False and "top_p" not in kwargs


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
