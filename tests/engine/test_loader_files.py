"""What loading reads before transformers does: added tokens from the head of tokenizer.json, and the weights
brought into the file cache."""

from __future__ import annotations

import json
import os
import shutil
import threading

import pytest
from transformers import AutoTokenizer

from writer_app.core.errors import Stopped
from writer_app.engine.loader import _read_ahead, _tokenizer_class, _tokenizer_hints
from writer_app.engine.tokenizer_files import added_tokens_decoder

pytestmark = pytest.mark.core


def token_fields(decoder):
    return {i: (t.content, t.special, t.normalized, t.lstrip, t.rstrip, t.single_word) for i, t in decoder.items()}


def test_added_tokens_are_what_the_file_lists(tiny_llama_chat_dir):
    path = tiny_llama_chat_dir / "tokenizer.json"
    listed = json.loads(path.read_text(encoding="utf-8"))["added_tokens"]
    found = added_tokens_decoder(path)
    assert found is not None and len(found) == len(listed) > 0
    want = {
        t["id"]: (t["content"], t["special"], t["normalized"], t["lstrip"], t["rstrip"], t["single_word"])
        for t in listed
    }
    assert token_fields(found) == want


def test_only_the_head_of_the_file_is_read(tmp_path):
    # Keys before "added_tokens" are skipped whole; a value running past the head gives up.
    tokens = [
        {
            "id": 7,
            "content": "<x>",
            "single_word": False,
            "lstrip": False,
            "rstrip": False,
            "normalized": False,
            "special": True,
        }
    ]
    path = tmp_path / "tokenizer.json"
    path.write_text(json.dumps({"version": "1.0", "padding": {"a": [1, "}"]}, "added_tokens": tokens, "model": {}}))
    assert token_fields(added_tokens_decoder(path)) == {7: ("<x>", True, False, False, False, False)}
    path.write_text(json.dumps({"model": {"vocab": "x" * 5000}, "added_tokens": tokens}))
    assert added_tokens_decoder(path, head_bytes=1000) is None
    assert added_tokens_decoder(path) is not None


@pytest.mark.parametrize("content", ["", "not json", "[1, 2]", '{"version": "1.0"}', '{"added_tokens": 3}'])
def test_odd_files_give_nothing(tmp_path, content):
    path = tmp_path / "tokenizer.json"
    path.write_text(content)
    assert added_tokens_decoder(path) is None
    assert added_tokens_decoder(tmp_path / "missing.json") is None


def test_a_tokenizer_loaded_with_the_hints_is_the_same(tiny_llama_chat_dir, tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(tiny_llama_chat_dir, folder)
    config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    config.pop("added_tokens_decoder", None)  # as in folders converted from GGUF files
    (folder / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
    hints = _tokenizer_hints(folder)
    assert set(hints) == {"added_tokens_decoder"}
    plain = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    hinted = AutoTokenizer.from_pretrained(folder, local_files_only=True, **hints)
    text = "Hello <|im_start|>there<|im_end|> émigré"
    assert hinted(text)["input_ids"] == plain(text)["input_ids"]
    assert token_fields(hinted.added_tokens_decoder) == token_fields(plain.added_tokens_decoder)
    assert hinted.all_special_ids == plain.all_special_ids
    # A config that lists them already needs no hint.
    config["added_tokens_decoder"] = {}
    (folder / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
    assert _tokenizer_hints(folder) == {}


def test_a_converted_folders_tokenizer_is_its_tokenizer_json_whatever_class_it_names(tiny_llama_chat_dir, tmp_path):
    from tokenizers import Tokenizer
    from transformers import TokenizersBackend

    from writer_app.engine.gguf_conversion import MARKER_NAME

    folder = tmp_path / "model"
    shutil.copytree(tiny_llama_chat_dir, folder)
    config = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    config["tokenizer_class"] = "LlamaTokenizer"  # a class that rebuilds the tokenizer its own way
    (folder / "tokenizer_config.json").write_text(json.dumps(config), encoding="utf-8")
    assert _tokenizer_class(folder) is AutoTokenizer  # a folder from elsewhere: its config decides
    (folder / MARKER_NAME).write_text("{}", encoding="utf-8")
    assert _tokenizer_class(folder) is TokenizersBackend
    loaded = _tokenizer_class(folder).from_pretrained(folder, local_files_only=True, **_tokenizer_hints(folder))
    assert type(loaded) is TokenizersBackend
    text = "Hello <|im_start|>there<|im_end|>  émigré\n\nthe end"
    assert loaded(text)["input_ids"] == Tokenizer.from_file(str(folder / "tokenizer.json")).encode(text).ids
    assert loaded.chat_template == AutoTokenizer.from_pretrained(tiny_llama_chat_dir).chat_template


def test_reading_ahead_reads_every_weight_file_and_stops_when_asked(tmp_path):
    (tmp_path / "model.safetensors").write_bytes(b"x" * 5000)
    (tmp_path / "tokenizer.json").write_text("{}")
    _read_ahead(tmp_path, chunk_bytes=1024)  # nothing to return; it must not fail
    stop = threading.Event()
    stop.set()
    with pytest.raises(Stopped):
        _read_ahead(tmp_path, stop, chunk_bytes=1024)
    (tmp_path / "model.safetensors").unlink()
    (tmp_path / "model.safetensors").mkdir()  # unreadable: loading itself will say what is wrong
    _read_ahead(tmp_path, stop)


def test_weights_too_large_to_stay_cached_are_not_read_ahead(tmp_path, monkeypatch):
    (tmp_path / "model.safetensors").write_bytes(b"x" * 5000)
    stop = threading.Event()
    stop.set()  # reading would raise Stopped at the first chunk
    page = os.sysconf("SC_PAGE_SIZE")
    monkeypatch.setattr(os, "sysconf", lambda name: 1 if name == "SC_AVPHYS_PAGES" else page)
    _read_ahead(tmp_path, stop, chunk_bytes=1024)  # half a page free: nothing read
