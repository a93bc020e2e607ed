"""packaging/linux/install-desktop-entry.sh, run from an unpacked folder whose name has every awkward character.

Runs in the normal suite (no built bundle needed): a stand-in bundle with the
script, the .desktop template and the icon is made in tmp_path, and HOME and
XDG_DATA_HOME point into tmp_path, so nothing outside it changes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import ROOT

pytestmark = [
    pytest.mark.core,
    pytest.mark.reliability,
    pytest.mark.skipif(shutil.which("sh") is None or shutil.which("sed") is None, reason="needs a POSIX shell"),
]

LINUX = ROOT / "packaging" / "linux"
AWKWARD = "Ink & well | a\\b $HOME `id` \"quoted\" 100% 'single'"


def make_bundle(parent: Path, name: str) -> Path:
    bundle = parent / name
    icons = bundle / "_internal" / "writer_app" / "_data" / "resources" / "icons"
    icons.mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "inkwell.svg", icons / "inkwell.svg")
    shutil.copy(LINUX / "inkwell.desktop", bundle / "inkwell.desktop")
    shutil.copy(LINUX / "install-desktop-entry.sh", bundle / "install-desktop-entry.sh")
    executable = bundle / "inkwell"
    executable.write_text("#!/bin/sh\nexit 0\n")
    executable.chmod(0o755)
    return bundle


def run_script(bundle: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "XDG_DATA_HOME": str(home / "data")}
    return subprocess.run(
        ["sh", str(bundle / "install-desktop-entry.sh"), *args],
        cwd=home,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def unescape_string(value: str) -> str:
    """The Desktop Entry spec's escapes for string values: \\s \\n \\t \\r \\\\."""
    out, chars = [], iter(value)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            out.append({"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}.get(following, "\\" + following))
        else:
            out.append(char)
    return "".join(out)


def exec_arguments(value: str) -> list[str]:
    """Split an Exec value as the spec says: string escapes first, then double-quote rules; %% is a literal %."""
    text, args, current, quoted, i = unescape_string(value), [], None, False, 0
    while i < len(text):
        char = text[i]
        if quoted:
            if char == "\\":
                assert text[i + 1] in '"`$\\', f"an invalid escape in a quoted argument: {text[i : i + 2]!r}"
                current += text[i + 1]
                i += 1
            elif char == '"':
                quoted = False
            else:
                assert char not in "`$", f"{char!r} must be escaped inside quotes"
                current += char
        elif char == '"':
            current, quoted = current or "", True
        elif char == " ":
            if current is not None:
                args.append(current)
            current = None
        else:
            assert char not in "\\\"`$'><~|&;*?#()", f"a reserved character {char!r} outside quotes"
            current = (current or "") + char
        i += 1
    assert not quoted, "an unterminated quote"
    if current is not None:
        args.append(current)
    return args


def field_codes(args: list[str]) -> list[str]:
    """Arguments with the spec's %% turned into %; a lone % must start a field code such as %F."""
    resolved = []
    for arg in args:
        if arg in ("%F", "%f", "%U", "%u"):
            resolved.append(arg)
            continue
        assert "%" not in arg.replace("%%", ""), f"an unescaped % in {arg!r}"
        resolved.append(arg.replace("%%", "%"))
    return resolved


def test_the_menu_entry_runs_the_binary_from_an_awkward_folder(tmp_path):
    bundle = make_bundle(tmp_path, AWKWARD)
    home = tmp_path / "home"
    home.mkdir()
    result = run_script(bundle, home)
    assert result.returncode == 0, result.stderr
    entry = home / "data" / "applications" / "inkwell.desktop"
    assert (home / "data" / "icons" / "hicolor" / "scalable" / "apps" / "inkwell.svg").is_file()
    lines = entry.read_text(encoding="utf-8").splitlines()
    template = (LINUX / "inkwell.desktop").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(template)  # only Exec changed
    assert [line for line in lines if not line.startswith("Exec=")] == [
        line for line in template if not line.startswith("Exec=")
    ]
    [exec_line] = [line for line in lines if line.startswith("Exec=")]
    assert field_codes(exec_arguments(exec_line.removeprefix("Exec="))) == [str(bundle / "inkwell"), "%F"]
    validator = shutil.which("desktop-file-validate")
    if validator:
        checked = subprocess.run([validator, str(entry)], capture_output=True, text=True)
        assert checked.returncode == 0 and "error" not in checked.stdout.lower(), checked.stdout + checked.stderr

    removed = run_script(bundle, home, "--remove")
    assert removed.returncode == 0, removed.stderr
    assert not entry.exists()


def test_a_plain_folder_gives_a_plain_exec_line(tmp_path):
    bundle = make_bundle(tmp_path, "inkwell-1.0")
    home = tmp_path / "home"
    home.mkdir()
    assert run_script(bundle, home).returncode == 0
    text = (home / "data" / "applications" / "inkwell.desktop").read_text(encoding="utf-8")
    assert f'Exec="{bundle}/inkwell" %F' in text.splitlines()


def test_a_folder_name_with_a_line_break_is_refused_without_writing_anything(tmp_path):
    bundle = make_bundle(tmp_path, "two\nlines")
    home = tmp_path / "home"
    home.mkdir()
    result = run_script(bundle, home)
    assert result.returncode != 0 and "line break" in result.stderr
    assert not (home / "data" / "applications" / "inkwell.desktop").exists()
