"""``writer-app run`` streams JSON lines through the same engine the GUI uses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_cli(*args: str, env: dict | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "writer_app", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env or dict(os.environ),
    )


def json_lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


@pytest.fixture
def user_catalogue(isolated_dirs, tiny_gpt2_dir, tiny_llama_chat_dir, tiny_bert_dir):
    models = [
        ("tiny-base", '"continue"', tiny_gpt2_dir),
        ("tiny-chat", '"continue", "instruct"', tiny_llama_chat_dir),
        ("tiny-embed", '"embed"', tiny_bert_dir),
    ]
    (isolated_dirs["config"] / "models.toml").write_text(
        "".join(
            f'[[model]]\nid = "{i}"\nname = "{i}"\nroles = [{r}]\nsource = "path"\npath = "{d}"\n\n'
            for i, r, d in models
        ),
        encoding="utf-8",
    )


def test_run_continue_json(user_catalogue, tmp_path):
    manuscript = tmp_path / "story.md"
    manuscript.write_text("The rain had not stopped for three days, and", encoding="utf-8")
    result = run_cli(
        "run",
        "continue",
        "--model",
        "tiny-base",
        "--file",
        str(manuscript),
        "--json",
        "--max-new-tokens",
        "12",
        "--seed",
        "4",
    )
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
        json_lines(
            run_cli(
                "run",
                "continue",
                "--model",
                "tiny-base",
                "--text",
                "Once",
                "--json",
                "--max-new-tokens",
                "8",
                "--seed",
                "9",
            ).stdout
        )[-1]["text"]
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


def test_run_ask_and_summarise_json_keys(user_catalogue, tmp_path):
    from tests.conftest import DATA_DIR

    manuscript = DATA_DIR / "pride_and_prejudice_ch1-3.md"
    common = (
        "--model",
        "tiny-chat",
        "--embed-model",
        "tiny-embed",
        "--file",
        str(manuscript),
        "--json",
        "--max-new-tokens",
        "8",
    )
    ask = run_cli("run", "ask", *common, "--question", "Who has taken Netherfield Park?")
    assert ask.returncode == 0, ask.stderr
    answer = json_lines(ask.stdout)[-1]
    assert answer["event"] == "finished" and answer["question"] == "Who has taken Netherfield Park?"
    for key in ("answer", "found", "citations", "closest", "evidence", "model_id", "passages", "wall_s"):
        assert key in answer
    for citation in answer["closest"]:
        assert {"start", "end", "score", "text", "number"} <= set(citation)

    summary = run_cli("run", "summarise", *common, "--scope", "chapter:2", "--length", "short")
    assert summary.returncode == 0, summary.stderr
    events = json_lines(summary.stdout)
    assert any(e["event"] == "progress" and e["stage"] == "summarising" for e in events)
    last = events[-1]
    assert last["event"] == "finished" and last["mode"] == "abstractive" and last["model_id"] == "tiny-chat"
    text = manuscript.read_text(encoding="utf-8")
    for key in last["key_sentences"]:
        assert text[key["start"] : key["end"]] == key["text"]


def test_summarise_gives_key_sentences_by_default_for_a_model_that_rewrites_loosely(user_catalogue):
    from tests.conftest import DATA_DIR

    manuscript = DATA_DIR / "pride_and_prejudice_ch1-3.md"
    common = ("--file", str(manuscript), "--embed-model", "tiny-embed", "--scope", "chapter:2", "--json")
    # The packaged default rewrites loosely (as in the Summarise panel): no writing model is even loaded.
    result = run_cli("run", "summarise", "--model", "smollm2-135m-instruct", *common)
    assert result.returncode == 0, result.stderr
    last = json_lines(result.stdout)[-1]
    assert last["event"] == "finished" and last["mode"] == "extractive" and last["key_sentences"]
    both = run_cli("run", "summarise", *common, "--extractive", "--abstractive")
    assert both.returncode == 2 and "not allowed with" in both.stderr


def test_a_bad_scope_is_refused_with_exit_code_2(user_catalogue):
    result = run_cli("run", "summarise", "--text", "# Chapter 1\n\nOne.", "--scope", "chapter:9", "--json")
    assert result.returncode == 2 and "chapter:N" in json_lines(result.stdout)[-1]["message"]


@pytest.mark.reliability
def test_models_download_pinned_from_a_hub_and_never_unpinned(isolated_dirs, tiny_gpt2_dir):
    from tests.hub_fake import COMMIT, FakeHub

    hub = FakeHub.from_folder("inkwell-tests/tiny", tiny_gpt2_dir).start()
    entries = [("tiny-pinned", f'revision = "{COMMIT}"\n'), ("tiny-unpinned", "")]
    (isolated_dirs["config"] / "models.toml").write_text(
        "".join(
            f'[[model]]\nid = "{i}"\nname = "{i}"\nroles = ["continue"]\nsource = "hf"\n'
            f'repo = "inkwell-tests/tiny"\n{pin}\n'
            for i, pin in entries
        ),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "HF_HUB_OFFLINE"} | {"HF_ENDPOINT": hub.endpoint}
    try:
        unpinned = run_cli("models", "download", "tiny-unpinned", env=env)
        assert unpinned.returncode == 1 and "--revision" in unpinned.stderr
        branch = run_cli("models", "download", "tiny-unpinned", "--revision", "main", env=env)
        assert branch.returncode == 1 and "full commit hash" in branch.stderr, "a branch name is not a pinned commit"
        assert not [r for r in hub.requests if "/resolve/" in r[1]]  # nothing was fetched for either

        pinned = run_cli("models", "download", "tiny-pinned", env=env)
        assert pinned.returncode == 0, pinned.stderr
        assert "100%" in pinned.stderr and (Path(pinned.stdout.strip()) / "config.json").is_file()
        listed = run_cli("models", "list", env=env).stdout
        assert any(line.startswith("tiny-pinned") and "ready" in line for line in listed.splitlines())
    finally:
        hub.close()


def test_run_continue_on_a_server(tmp_path):
    from tests.server_fake import FakeOpenAIServer

    fake = FakeOpenAIServer().start()
    fake.behaviour.api_key = "sesame"
    try:
        env = dict(os.environ, STUDIO_KEY="sesame")
        args = ["run", "continue", "--text", "It was late.", "--server", fake.base_url, "--server-model", "story-model"]
        result = run_cli(*args, "--api-key-env", "STUDIO_KEY", "--json", env=env)
        assert result.returncode == 0, result.stderr
        events = json_lines(result.stdout)
        tokens = [e["text"] for e in events if e["event"] == "token"]
        last = events[-1]
        assert last["event"] == "finished" and "".join(tokens).strip() == last["text"].strip()
        assert last["device"] == fake.base_url.split("/")[2] and fake.requests[0][1]["prompt"] == "It was late."

        wrong = run_cli(*args, "--json", env=dict(os.environ))  # no key
        failed = json_lines(wrong.stdout)[-1]
        assert wrong.returncode == 1 and failed["event"] == "failed" and failed["kind"] == "server-auth"
    finally:
        fake.close()


def test_run_with_a_server_needs_its_model():
    result = run_cli("run", "continue", "--text", "x", "--server", "localhost:9", "--json")
    assert result.returncode == 2 and "--server-model" in json_lines(result.stdout)[-1]["message"]


def test_run_codex_lists_entries_with_offsets_into_the_file():
    from tests.conftest import DATA_DIR

    manuscript = DATA_DIR / "pride_and_prejudice_ch1-3.md"
    result = run_cli("run", "codex", "--file", str(manuscript), "--json")
    assert result.returncode == 0, result.stderr
    last = json_lines(result.stdout)[-1]
    assert last["event"] == "finished" and last["entries"]
    text = manuscript.read_text(encoding="utf-8")
    for entry in last["entries"]:
        assert {"name", "kind", "aliases", "mentions", "first", "chapters", "description"} <= set(entry)
        written = " ".join(text[entry["first"]["start"] : entry["first"]["end"]].split())
        assert written in [entry["name"], *entry["aliases"]]
    mentions = [entry["mentions"] for entry in last["entries"]]
    assert mentions == sorted(mentions, reverse=True)
    assert any(entry["name"] == "Mr. Bingley" or "Bingley" in entry["aliases"] for entry in last["entries"])


def test_run_rewrite_returns_checked_alternatives(user_catalogue, tmp_path):
    manuscript = tmp_path / "story.md"
    text = "It was late. The rain had not stopped for three days, and the river was rising. Nobody slept."
    manuscript.write_text(text, encoding="utf-8")
    start, end = text.index("The rain"), text.index(" Nobody")
    args = ["run", "rewrite", "--file", str(manuscript), "--start", str(start), "--end", str(end)]
    result = run_cli(
        *args,
        "--mode",
        "shorten",
        "--n",
        "2",
        "--model",
        "tiny-chat",
        "--embed-model",
        "tiny-embed",
        "--max-new-tokens",
        "12",
        "--seed",
        "1",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    last = json_lines(result.stdout)[-1]
    assert last["event"] == "finished" and last["mode"] == "shorten" and (last["start"], last["end"]) == (start, end)
    assert len(last["alternatives"]) == 2
    for alternative in last["alternatives"]:
        assert set(alternative) == {"text", "passed", "reasons", "similarity"}
        assert alternative["passed"] == (not alternative["reasons"])  # a tiny random model's text fails with reasons
    bad = run_cli(*args[:4], "--start", "5", "--end", "5", "--json")
    assert bad.returncode == 2 and "--start" in json_lines(bad.stdout)[-1]["message"]


def test_run_surprise_and_next_word_keep_their_keys(user_catalogue, tmp_path):
    manuscript = tmp_path / "story.md"
    text = "It was late. The rain had not stopped for three days, and the river was rising. Nobody slept."
    manuscript.write_text(text, encoding="utf-8")
    start = text.index("The rain")
    result = run_cli(
        "run", "surprise", "--model", "tiny-base", "--file", str(manuscript), "--start", str(start), "--json"
    )
    assert result.returncode == 0, result.stderr
    last = json_lines(result.stdout)[-1]
    assert last["event"] == "finished" and last["perplexity"] > 1
    assert [text[w["start"] : w["end"]] for w in last["words"]][:3] == ["The", "rain", "had"]
    assert all(w["bits"] >= 0 for w in last["words"])
    for key in ("predictable_runs", "surprising"):
        assert isinstance(last[key], list)
    for word in last["surprising"]:
        assert set(word) == {"start", "end", "bits", "alternatives"}
    result = run_cli(
        "run", "next-word", "--model", "tiny-base", "--file", str(manuscript), "--at", "7", "--k", "5", "--json"
    )
    assert result.returncode == 0, result.stderr
    choices = json_lines(result.stdout)[-1]["choices"]
    assert 0 < len(choices) <= 5 and all(set(c) == {"text", "p"} and 0 < c["p"] <= 1 for c in choices)
    assert [c["p"] for c in choices] == sorted((c["p"] for c in choices), reverse=True)
    bad = run_cli("run", "next-word", "--file", str(manuscript), "--at", "9999", "--json")
    assert bad.returncode == 2


@pytest.mark.parametrize("fmt", ["docx", "odt", "epub", "pdf"])
def test_export_writes_the_file_or_says_why_in_one_line_and_writes_nothing(tmp_path, fmt):
    source = tmp_path / "the_long_walk.md"
    source.write_text("# Chapter 1\n\nShe *walked*.\n\n***\n\nOn.\n\n# Chapter 2\n\nHome.\n", encoding="utf-8")
    out = tmp_path / f"book.{fmt}"
    done = run_cli("export", "--file", str(source), "--to", fmt, "--out", str(out), "--author", "Ann Author")
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data[:4] in (b"PK\x03\x04", b"%PDF")
    if fmt == "docx":
        import docx

        document = docx.Document(str(out))
        assert any(p.text == "THE LONG WALK" for p in document.paragraphs)  # the title from the file's name
    failed = run_cli("export", "--file", str(tmp_path / "missing.md"), "--to", fmt, "--out", str(tmp_path / "x"))
    assert failed.returncode == 1 and failed.stderr.count("\n") == 1 and not (tmp_path / "x").exists()
    empty = tmp_path / "empty.md"
    empty.write_text("\n\n", encoding="utf-8")
    failed = run_cli("export", "--file", str(empty), "--to", fmt, "--out", str(tmp_path / "y"))
    assert failed.returncode == 1 and "nothing to export" in failed.stderr and not (tmp_path / "y").exists()
