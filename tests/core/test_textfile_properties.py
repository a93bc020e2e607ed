"""Property tests: an unedited manuscript is saved back byte for byte, whatever its text, encoding and line ending."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from writer_app.core.textfile import decode_text, encode_text, read_text_file, write_text_file

pytestmark = [pytest.mark.core, pytest.mark.reliability]

# name: (what the file starts with, codec of the rest, the encoding the writer picked or None for detection)
ENCODINGS = {
    "UTF-8": (b"", "utf-8", None),
    "UTF-8 BOM": (codecs.BOM_UTF8, "utf-8", None),
    "UTF-16 LE BOM": (codecs.BOM_UTF16_LE, "utf-16-le", None),
    "UTF-16 BE BOM": (codecs.BOM_UTF16_BE, "utf-16-be", None),
    "UTF-32 LE BOM": (codecs.BOM_UTF32_LE, "utf-32-le", None),
    "UTF-32 BE BOM": (codecs.BOM_UTF32_BE, "utf-32-be", None),
    # Legacy files are opened with the encoding the writer chose (UTF-8 is tried first).
    "CP1252": (b"", "cp1252", "cp1252"),
    "Latin-1": (b"", "latin-1", "latin-1"),
}
NEWLINES = ["\n", "\r\n", "\r"]

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _line_text(codec):
    # Any character the encoding holds, except line breaks (they join the lines) and lone surrogates;
    # U+0000 only where the file is not sniffed (a NUL makes a UTF-8 file look binary, and U+0000 after
    # a UTF-16 LE mark reads as UTF-32 LE's mark).
    if codec.startswith("utf"):
        alphabet = st.characters(codec="utf-8", exclude_characters="\r\n\x00")
    else:
        # The few characters of a one-byte encoding (cp1252 leaves five bytes undefined).
        held = set(bytes(range(256)).decode(codec, errors="ignore")) - set("\r\n")
        alphabet = st.sampled_from(sorted(held))
    return st.text(alphabet, max_size=40)


@st.composite
def manuscripts(draw):
    """(encoding name, file bytes, the editor's text, the newline) of a file with one kind of line ending."""
    name = draw(st.sampled_from(sorted(ENCODINGS)))
    bom, codec, _open_with = ENCODINGS[name]
    newline = draw(st.sampled_from(NEWLINES))
    lines = draw(st.lists(_line_text(codec), max_size=8))
    text = "\n".join(lines)
    return name, bom + text.replace("\n", newline).encode(codec), text, newline


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return tmp_path_factory.mktemp("round-trip")


@SETTINGS
@given(manuscripts())
def test_unedited_file_is_saved_byte_for_byte(folder, manuscript):
    name, original, text, newline = manuscript
    path = folder / "manuscript.txt"
    path.write_bytes(original)
    content = read_text_file(path, encoding=ENCODINGS[name][2])
    assert content.text == text
    if "\n" in text:
        assert content.format.newline == newline
    write_text_file(path, content.text, content.format)
    assert path.read_bytes() == original


@SETTINGS
@given(manuscripts(), st.lists(st.sampled_from(NEWLINES), min_size=1))
def test_mixed_line_endings_settle_after_one_save(manuscript, endings):
    # Mixed endings become the dominant one on the first save; from then on the file round-trips exactly.
    name, _original, text, _newline = manuscript
    bom, codec, open_with = ENCODINGS[name]
    lines = text.split("\n")
    mixed = "".join(line + endings[index % len(endings)] for index, line in enumerate(lines))
    first = decode_text(bom + mixed.encode(codec), open_with)
    assert "\r" not in first.text
    assert first.text.replace("\n", "") == "".join(lines)
    saved = encode_text(first.text, first.format)
    again = decode_text(saved, open_with)
    assert (again.text, again.format) == (first.text, first.format)
    assert encode_text(again.text, again.format) == saved
