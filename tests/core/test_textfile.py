from __future__ import annotations

import codecs

import pytest

from writer_app.core.textfile import (
    BinaryFileError,
    EncodingError,
    TextFileError,
    TextFormat,
    decode_text,
    detect_newline,
    encode_text,
    read_text_file,
    write_text_file,
)

pytestmark = pytest.mark.core


@pytest.mark.parametrize(
    ("text", "newline"),
    [("a\nb\n", "\n"), ("a\r\nb\r\n", "\r\n"), ("a\rb\r", "\r"), ("one line", "\n"), ("a\r\nb\r\nc\n", "\r\n")],
)
def test_detect_newline(text, newline):
    assert detect_newline(text) == newline


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_round_trip_keeps_encoding_and_line_endings(tmp_path, newline, encoding):
    original = newline.join(["Chapter 1", "", "Café au lait — “quoted”.", ""]).encode(encoding)
    path = tmp_path / "doc.txt"
    path.write_bytes(original)
    content = read_text_file(path, encoding=None if encoding != "cp1252" else "cp1252")
    assert content.text == "Chapter 1\n\nCafé au lait — “quoted”.\n"
    assert content.format.newline == newline
    write_text_file(path, content.text, content.format)
    assert path.read_bytes() == original


def test_bom_is_detected():
    assert decode_text(codecs.BOM_UTF8 + b"hi").format.encoding == "utf-8-sig"
    assert decode_text("hi".encode("utf-16")).text == "hi"


def test_binary_data_is_refused():
    with pytest.raises(BinaryFileError):
        decode_text(b"\x7fELF\x02\x01\x01\x00\x00\x00")


def test_invalid_utf8_reports_line_and_column():
    with pytest.raises(EncodingError) as info:
        decode_text(b"fine\nalso fine\nbad \xe9 here")
    assert (info.value.line, info.value.column) == (3, 5)
    assert "line 3" in str(info.value)


def test_replacement_is_explicit():
    content = decode_text(b"caf\xe9", "utf-8", errors="replace")
    assert content.text == "caf\ufffd"
    assert content.format.errors == "replace"


def test_encode_refuses_characters_the_encoding_lacks():
    with pytest.raises(UnicodeEncodeError):
        encode_text("snow ☃", TextFormat("cp1252"))


def test_label():
    assert TextFormat("utf-8-sig", "\r\n").label == "UTF-8 BOM · CRLF"


def test_read_errors_are_sentences(tmp_path):
    with pytest.raises(TextFileError, match="does not exist"):
        read_text_file(tmp_path / "missing.md")
    with pytest.raises(TextFileError, match="folder"):
        read_text_file(tmp_path)


def test_empty_file_is_fine(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    content = read_text_file(path)
    assert content.text == "" and content.format == TextFormat()
