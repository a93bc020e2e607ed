from __future__ import annotations

import codecs

import pytest

from writer_app.core.textfile import (
    BinaryFileError,
    EncodingError,
    TextFileError,
    TextFormat,
    decode_text,
    describe_os_error,
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


# ---------------------------------------------------------------- byte-for-byte round trips

# (name, how a file in it starts, the codec for the rest, read with encoding=None)
ENCODINGS = [
    ("utf-8", b"", "utf-8", True),
    ("utf-8 BOM", codecs.BOM_UTF8, "utf-8", True),
    ("utf-16 LE BOM", codecs.BOM_UTF16_LE, "utf-16-le", True),
    ("utf-16 BE BOM", codecs.BOM_UTF16_BE, "utf-16-be", True),
    ("utf-32 LE BOM", codecs.BOM_UTF32_LE, "utf-32-le", True),
    ("utf-32 BE BOM", codecs.BOM_UTF32_BE, "utf-32-be", True),
    ("cp1252", b"", "cp1252", False),
    ("latin-1", b"", "latin-1", False),
]
TEXTS = {
    "trailing newline": "Chapter 1\n\nCafé au lait — “quoted”.\n",
    "no trailing newline": "First line\nlast line",
    "empty": "",
    "only a newline": "\n",
    "blank lines first": "\n\nAfter two blank lines\n",
    "line and paragraph separators": "one\u2028two\u2029three\n",
    "zero-width no-break space inside": "zero\ufeffwidth\n",
}


def _holds(codec, text):
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


# Every text in every encoding that can hold it: cp1252 and Latin-1 lack some of these characters.
ROUND_TRIPS = [
    pytest.param(bom, codec, detected, text, id=f"{name}-{text_name}")
    for name, bom, codec, detected in ENCODINGS
    for text_name, text in TEXTS.items()
    if _holds(codec, text)
]


@pytest.mark.reliability
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["LF", "CRLF", "CR"])
@pytest.mark.parametrize(("bom", "codec", "detected", "text"), ROUND_TRIPS)
def test_unedited_file_round_trips_byte_for_byte(tmp_path, bom, codec, detected, text, newline):
    original = bom + text.replace("\n", newline).encode(codec)
    path = tmp_path / "doc.txt"
    path.write_bytes(original)
    content = read_text_file(path, encoding=None if detected else codec)
    assert content.text == text
    if "\n" in text:
        assert content.format.newline == newline
    write_text_file(path, content.text, content.format)
    assert path.read_bytes() == original
    decoded = decode_text(original, None if detected else codec)
    assert encode_text(decoded.text, decoded.format) == original


@pytest.mark.reliability
@pytest.mark.parametrize(
    ("bom", "encoding", "label"),
    [
        (codecs.BOM_UTF16_LE, "utf-16-le-sig", "UTF-16 LE BOM"),
        (codecs.BOM_UTF16_BE, "utf-16-be-sig", "UTF-16 BE BOM"),
        (codecs.BOM_UTF32_LE, "utf-32-le-sig", "UTF-32 LE BOM"),
        (codecs.BOM_UTF32_BE, "utf-32-be-sig", "UTF-32 BE BOM"),
    ],
    ids=["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"],
)
def test_byte_order_is_part_of_the_format(bom, encoding, label):
    codec = encoding.removesuffix("-sig")
    fmt = decode_text(bom + "hi\r\n".encode(codec)).format
    assert fmt == TextFormat(encoding, "\r\n")
    assert fmt.label == f"{label} · CRLF"
    # A recovery copy stores only the encoding name and the newline: that is enough to write the same bytes.
    assert encode_text("hi\n", TextFormat(fmt.encoding, fmt.newline)) == bom + "hi\r\n".encode(codec)


@pytest.mark.reliability
def test_old_utf16_name_still_writes_a_little_endian_bom():
    # Recovery copies from before the byte order was kept say "utf-16"; write them the common way.
    assert encode_text("a", TextFormat("utf-16")) == codecs.BOM_UTF16_LE + b"a\x00"
    assert encode_text("a", TextFormat("utf-32")) == codecs.BOM_UTF32_LE + b"a\x00\x00\x00"


@pytest.mark.reliability
@pytest.mark.parametrize(
    ("encoding", "data", "expected"),
    [
        ("utf-16", codecs.BOM_UTF16_BE + "x".encode("utf-16-be"), "utf-16-be-sig"),
        ("UTF-16", codecs.BOM_UTF16_LE + "x".encode("utf-16-le"), "utf-16-le-sig"),
        ("utf-32", codecs.BOM_UTF32_BE + "x".encode("utf-32-be"), "utf-32-be-sig"),
        ("utf-16-be-sig", "x".encode("utf-16-be"), "utf-16-be"),  # chosen by the writer, but no BOM in the file
        ("utf-8-sig", b"x", "utf-8"),
        ("UTF16", codecs.BOM_UTF16_BE + "x".encode("utf-16-be"), "utf-16-be-sig"),  # an alias of utf-16
    ],
    ids=[
        "utf-16-big-endian",
        "UTF-16-little-endian",
        "utf-32-big-endian",
        "utf-16-be-sig-without-bom",
        "utf-8-sig-without-bom",
        "alias",
    ],
)
def test_explicit_encoding_is_named_as_the_file_is(encoding, data, expected):
    content = decode_text(data, encoding)
    assert content.text == "x"
    assert content.format.encoding == expected
    assert encode_text(content.text, content.format) == data


@pytest.mark.reliability
def test_explicit_utf16_is_not_mistaken_for_utf32():
    # UTF-32 LE's mark is UTF-16 LE's followed by U+0000.
    data = codecs.BOM_UTF16_LE + "\x00x".encode("utf-16-le")
    content = decode_text(data, "utf-16")
    assert (content.text, content.format.encoding) == ("\x00x", "utf-16-le-sig")
    assert encode_text(content.text, content.format) == data


@pytest.mark.reliability
def test_mixed_line_endings_become_the_dominant_one():
    # Documented: the editor holds "\n" only, so a file with mixed endings is written with its most common one.
    content = decode_text(b"a\r\nb\r\nc\nd\re\r\n")
    assert content.text == "a\nb\nc\nd\ne\n"
    assert encode_text(content.text, content.format) == b"a\r\nb\r\nc\r\nd\r\ne\r\n"


@pytest.mark.reliability
def test_lone_cr_at_the_end():
    cr_only = decode_text(b"one\rtwo\r")
    assert (cr_only.text, cr_only.format.newline) == ("one\ntwo\n", "\r")
    assert encode_text(cr_only.text, cr_only.format) == b"one\rtwo\r"
    mixed = decode_text(b"one\ntwo\nthree\r")
    assert mixed.text == "one\ntwo\nthree\n"
    assert encode_text(mixed.text, mixed.format) == b"one\ntwo\nthree\n"


@pytest.mark.reliability
def test_encoding_error_in_utf16_counts_lines_in_characters():
    data = codecs.BOM_UTF16_BE + "one\r\ntwo\r\nth".encode("utf-16-be") + b"\xdc\x00" + "ree".encode("utf-16-be")
    with pytest.raises(EncodingError) as info:
        decode_text(data)
    assert (info.value.line, info.value.column) == (3, 3)
    assert "UTF-16" in str(info.value)


@pytest.mark.reliability
def test_save_errors_are_sentences(tmp_path):
    import errno

    from writer_app.core.atomic import InPlaceSaveError

    assert describe_os_error(PermissionError(errno.EACCES, "The file is read-only", "x")) == "The file is read-only."
    assert describe_os_error(OSError(errno.ENOSPC, "No space left on device")) == "The disk is full."
    backup = tmp_path / ".novel.md.abc123.inkwell-backup"
    kept = describe_os_error(InPlaceSaveError(OSError(errno.ENOSPC, "full"), tmp_path / "novel.md", backup, False))
    assert kept.startswith("The disk is full.") and backup.name in kept and "incomplete" in kept
    restored = describe_os_error(InPlaceSaveError(OSError(errno.ENOSPC, "full"), tmp_path / "novel.md", backup, True))
    assert "still holds the previous version" in restored and backup.name in restored
