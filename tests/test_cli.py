"""``writer-app run`` streams JSON lines through the same engine the GUI uses."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def run_cli(*args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "writer_app", *args], capture_output=True, text=True, timeout=timeout, env=env or dict(os.environ)
    )


def json_lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def user_catalogue(isolated_dirs, tiny_gpt2_dir):
    (isolated_dirs["config"] / "models.toml").write_text(
        f'[[model]]\nid = "tiny-base"\nname = "Tiny base"\nroles = ["continue"]\nsource = "path"\npath = "{tiny_gpt2_dir}"\n',
        encoding="utf-8",
    )


def test_run_continue_json(user_catalogue, tmp_path):
    manuscript = tmp_path / "story.md"
    manuscript.write_text("The rain had not stopped for three days, and", encoding="utf-8")
    result = run_cli("run", "continue", "--model", "tiny-base", "--file", str(manuscript), "--json", "--max-new-tokens", "12", "--seed", "4")
    assert result.returncode == 0, result.stderr
    events = json_lines(result.stdout)
    last = events[-1]
    assert last["event"] == "finished"
    for key in ("text", "new_tokens", "ttft_s", "tokens_per_s", "load_s"):
        assert key in last
    assert 0 < last["new_tokens"] <= 12
    assert "".join(e["text"] for e in events if e["event"] == "token") == last["text"]


def test_run_continue_same_seed_same_text(user_catalogue):
    outputs = [
        json_lines(run_cli("run", "continue", "--model", "tiny-base", "--text", "Once", "--json", "--max-new-tokens", "8", "--seed", "9").stdout)[-1]["text"]
        for _ in range(2)
    ]
    assert outputs[0] == outputs[1]


def test_unknown_model_fails_with_exit_code(user_catalogue):
    result = run_cli("run", "continue", "--model", "no-such-model", "--text", "x", "--json")
    assert result.returncode == 1
    last = json_lines(result.stdout)[-1]
    assert last["event"] == "failed" and "no-such-model" in last["message"]


def test_missing_file_fails_cleanly(tmp_path):
    result = run_cli("run", "continue", "--file", str(tmp_path / "none.md"), "--json")
    assert result.returncode == 1
    assert json_lines(result.stdout)[-1]["event"] == "failed"


def test_models_list_shows_packaged_models_ready():
    result = run_cli("models", "list")
    assert result.returncode == 0
    lines = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "ready" in lines["smollm2-135m-instruct"]
    assert "not downloaded" in lines["qwen2.5-0.5b-instruct"]
