"""Server addresses as a writer types them, and the model ids that name a server's models."""

from __future__ import annotations

import pytest

from writer_app.core.servers import (
    ServerConfig,
    is_server_model,
    normalise_base_url,
    parse_server_model_id,
    server_model_id,
)

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("typed", "url"),
    [
        ("localhost:8080", "http://localhost:8080/v1"),
        ("http://gpu-box:8000/", "http://gpu-box:8000/v1"),
        ("https://api.example.org/v1", "https://api.example.org/v1"),
        ("https://example.org/proxy/openai/v1/", "https://example.org/proxy/openai/v1"),
        (" http://127.0.0.1:11434 ", "http://127.0.0.1:11434/v1"),
    ],
)
def test_addresses_are_normalised(typed, url):
    assert normalise_base_url(typed) == url


@pytest.mark.parametrize("typed", ["", "ftp://host/v1", "http://", "http://host:port/v1"])
def test_bad_addresses_are_refused_with_a_reason(typed):
    with pytest.raises(ValueError, match="address|port"):
        normalise_base_url(typed)


def test_model_ids_round_trip_even_when_model_names_hold_slashes():
    model_id = server_model_id("studio-gpu", "Qwen/Qwen2.5-14B-Instruct")
    assert is_server_model(model_id) and not is_server_model("smollm2-135m-instruct")
    assert parse_server_model_id(model_id) == ("studio-gpu", "Qwen/Qwen2.5-14B-Instruct")
    for bad in ("server:studio", "server:/m", "smollm2"):
        with pytest.raises(ValueError):
            parse_server_model_id(bad)


def test_a_config_knows_whether_text_leaves_the_computer():
    assert ServerConfig(name="here", base_url="localhost:8080").is_loopback
    assert ServerConfig(name="here", base_url="http://127.0.0.1:1234").is_loopback
    assert not ServerConfig(name="there", base_url="https://gpu.example.org").is_loopback
    with pytest.raises(ValueError):
        ServerConfig(name="a/b", base_url="localhost:1")
