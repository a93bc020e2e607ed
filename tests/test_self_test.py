"""``writer-app --self-test``: one JSON line, exit 0 only when every step worked."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.tiny_models import HIDDEN_SIZE


def self_test(*args: str, env: dict | None = None) -> tuple[int, dict, str]:
    result = subprocess.run(
        [sys.executable, "-m", "writer_app", "--self-test", "--timeout", "240", *args],
        capture_output=True,
        text=True,
        timeout=600,
        env=env or dict(os.environ),
    )
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, result.stdout + result.stderr  # exactly one line: other tools parse it
    return result.returncode, json.loads(lines[0]), result.stderr


@pytest.fixture
def tiny_catalogue(isolated_dirs, tiny_llama_chat_dir, tiny_bert_dir):
    (isolated_dirs["config"] / "models.toml").write_text(
        f'[[model]]\nid = "tiny-writer"\nname = "Tiny writer"\nroles = ["continue", "instruct"]\n'
        f'source = "path"\npath = "{tiny_llama_chat_dir}"\n\n'
        f'[[model]]\nid = "tiny-embed"\nname = "Tiny embed"\nroles = ["embed"]\n'
        f'source = "path"\npath = "{tiny_bert_dir}"\n',
        encoding="utf-8",
    )
    return isolated_dirs


def test_self_test_runs_every_step_and_leaves_the_writers_settings_alone(tiny_catalogue):
    code, report, stderr = self_test("--model", "tiny-writer", "--embed-model", "tiny-embed", "--quant", "none")
    assert code == 0 and report["ok"] is True, (report, stderr)
    assert report["new_tokens"] > 0 and report["continuation"]
    assert report["embedding_dim"] == HIDDEN_SIZE
    assert report["torch_imported_before_paint"] is False
    assert report["network_connections"] == 0
    for key in ("first_paint_s", "model_load_s", "first_token_s", "continue_s", "embed_s", "total_s"):
        assert report[key] >= 0
    # Nothing written to the real folders: no settings, no recovery files.
    assert [p.name for p in tiny_catalogue["config"].iterdir()] == ["models.toml"]
    assert not any(tiny_catalogue["data"].rglob("*"))


def test_self_test_honours_accepted_terms(tiny_catalogue):
    import tomllib

    config = tiny_catalogue["config"]
    with open(config / "models.toml", "a", encoding="utf-8") as handle:
        handle.write(
            '\n[[model]]\nid = "tiny-terms"\nname = "Tiny with terms"\nroles = ["continue"]\nsource = "path"\n'
            f'path = "{tomllib.loads((config / "models.toml").read_text())["model"][0]["path"]}"\nterms = "TERMS.txt"\n'
        )
    code, report, _stderr = self_test("--model", "tiny-terms", "--embed-model", "tiny-embed", "--quant", "none")
    assert code == 1 and "terms" in report["reason"]
    (config / "settings.json").write_text(json.dumps({"accepted_terms": ["tiny-terms"]}), encoding="utf-8")
    code, report, _stderr = self_test("--model", "tiny-terms", "--embed-model", "tiny-embed", "--quant", "none")
    assert code == 0 and report["ok"] is True, report
    assert json.loads((config / "settings.json").read_text()) == {"accepted_terms": ["tiny-terms"]}  # left as it was


def test_self_test_fails_with_a_reason_when_the_model_is_missing(isolated_dirs):
    code, report, _stderr = self_test("--model", "no-such-model")
    assert code == 1 and report["ok"] is False
    assert "no-such-model" in report["reason"]
    assert report["first_paint_s"] > 0  # the window itself still started


def test_self_test_fails_when_the_embedding_model_cannot_embed(tiny_catalogue):
    code, report, _stderr = self_test("--model", "tiny-writer", "--embed-model", "tiny-writer", "--quant", "none")
    assert code == 1 and report["ok"] is False
    assert report["reason"].startswith("embed:")
    assert report["new_tokens"] > 0  # the continuation before it passed


def test_network_connections_are_recorded():
    script = (
        "import socket\n"
        "from writer_app.self_test import _ConnectionWatch\n"
        "_ConnectionWatch.install()\n"
        "server = socket.create_server(('127.0.0.1', 0))\n"
        "socket.create_connection(server.getsockname()).close()\n"
        "print(_ConnectionWatch.addresses)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['127.0.0.1']"


@pytest.mark.model
def test_self_test_passes_with_the_packaged_models(isolated_dirs, model_cache):
    env = dict(os.environ, INKWELL_CACHE_DIR=str(model_cache))
    code, report, stderr = self_test(env=env)
    assert code == 0 and report["ok"] is True, (report, stderr)
    assert report["model"] == "smollm2-135m-instruct" and report["embed_model"] == "minilm-l6-v2"
    assert report["embedding_dim"] == 384
    assert report["frozen"] is False and report["network_connections"] == 0
