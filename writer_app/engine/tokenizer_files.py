"""Reading what a tokenizer folder says without parsing all of ``tokenizer.json`` in Python.

When ``tokenizer_config.json`` does not list the added tokens (the folders
converted from GGUF files do not), transformers parses the whole
``tokenizer.json`` with Python's json module just to find them: one call that
holds the GIL while it runs, 70 ms for SmolLM2's 3.5 MB file and 1.3 s for
Gemma 3's 33 MB one. The window cannot repaint meanwhile. The added tokens
sit near the top of the file, so reading the top-level keys up to them is
enough, and they can be handed to ``from_pretrained`` directly.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from tokenizers import AddedToken

# The added tokens come before the normaliser, the pre-tokeniser and the
# vocabulary in every tokenizer.json the tokenizers library writes.
_HEAD_BYTES = 4 * 2**20
_SPACE = re.compile(r"\s*")


def added_tokens_decoder(tokenizer_json: Path, head_bytes: int = _HEAD_BYTES) -> dict[int, AddedToken] | None:
    """``{id: AddedToken}`` from *tokenizer_json*'s top-level "added_tokens"; None when not found early on."""
    try:
        with open(tokenizer_json, "rb") as file:
            text = file.read(head_bytes).decode("utf-8", errors="replace")
        decoder = json.JSONDecoder()
        position = _SPACE.match(text).end()
        if text[position] != "{":
            return None
        position += 1
        while True:
            position = _SPACE.match(text, position).end()
            if text[position] == "}":
                return None
            key, position = decoder.raw_decode(text, position)
            position = _SPACE.match(text, position).end()
            if text[position] != ":":
                return None
            position = _SPACE.match(text, position + 1).end()
            # Raises when the value runs past the head: then transformers reads the file itself.
            value, position = decoder.raw_decode(text, position)
            if key == "added_tokens":
                return {int(token.pop("id")): AddedToken(**token) for token in value}
            position = _SPACE.match(text, position).end()
            if text[position] == ",":
                position += 1
    except (OSError, ValueError, IndexError, TypeError, KeyError, AttributeError):
        return None
