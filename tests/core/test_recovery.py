from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from writer_app.core.recovery import (
    RecoverySession,
    find_orphaned_sessions,
    forget_recovered,
    load_recovered_documents,
)

pytestmark = pytest.mark.core


def test_own_session_is_never_orphaned(tmp_path):
    session = RecoverySession(tmp_path)
    session.write("doc", "text", None)
    assert find_orphaned_sessions(tmp_path) == []
    session.close()
    assert list(tmp_path.iterdir()) == []


def test_dead_process_leaves_an_orphan_with_its_documents(tmp_path):
    script = textwrap.dedent(
        f"""
        import os, sys
        from pathlib import Path
        from writer_app.core.recovery import RecoverySession
        session = RecoverySession(Path({str(tmp_path)!r}))
        session.write("a", "First draft\\nline two", "/books/novel.md", "utf-8", "\\r\\n")
        session.write("b", "Untitled scribble", None)
        print("ready", flush=True)
        sys.stdin.readline()
        os._exit(1)  # dies without cleaning up, like a crash
        """
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready"
    assert find_orphaned_sessions(tmp_path) == [], "a live session is not offered"
    process.stdin.close()
    process.wait(timeout=10)

    documents = load_recovered_documents(tmp_path)
    assert {d.text for d in documents} == {"First draft\nline two", "Untitled scribble"}
    novel = next(d for d in documents if d.path)
    assert novel.title == "novel.md" and novel.newline == "\r\n"
    assert novel.preview() == "First draft\nline two"

    for document in documents:
        forget_recovered(document)
    assert list(tmp_path.iterdir()) == []


def test_unreadable_snapshot_is_skipped(tmp_path):
    folder = tmp_path / "session-dead"
    folder.mkdir()
    (folder / "x.json").write_text("{broken")
    (folder / "y.json").write_text('{"text": "ok", "saved_at": 1}')
    documents = load_recovered_documents(tmp_path)
    assert [d.text for d in documents] == ["ok"]
