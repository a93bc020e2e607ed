from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import threading

import pytest

from writer_app.core import recovery
from writer_app.core.recovery import (
    RecoveredDocument,
    RecoverySession,
    find_orphaned_sessions,
    forget_recovered,
    load_recovered_documents,
    remove_empty_orphans,
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


# ---------------------------------------------------------------- never lose text, part 2


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _crash(session: RecoverySession) -> None:
    """What a crash leaves: the folder and its snapshots, with the lock released by the OS."""
    session._lock.release()


@pytest.mark.reliability
def test_snapshot_keeps_the_fingerprint_of_the_file_it_was_edited_from(tmp_path):
    session = RecoverySession(tmp_path)
    base = {"size": 1234, "mtime_ns": 1_700_000_000_000_000_000, "sha256": "ab" * 32}
    session.write("edited", "changed text", "/books/novel.md", "utf-8", "\n", base=base)
    session.write("fresh", "new text", None)
    _crash(session)
    old_folder = tmp_path / "session-old"
    old_folder.mkdir()
    (old_folder / "old.json").write_text(json.dumps({"version": 1, "path": "/a.md", "saved_at": 1, "text": "old"}))

    documents = {d.text: d for d in load_recovered_documents(tmp_path)}
    assert documents["changed text"].base == base
    assert documents["new text"].base is None
    assert documents["old"].base is None, "records from before the fingerprint was kept still load"


@pytest.mark.reliability
def test_text_in_pieces_is_stored_as_one_text(tmp_path):
    session = RecoverySession(tmp_path)
    pieces = ['He said "no"\\', "\n\tthen ", "left — ", "", "😀 and \udc80 a lone half"]
    session.write("doc", pieces, None)
    _crash(session)
    [document] = load_recovered_documents(tmp_path)
    assert document.text == "".join(pieces)


@pytest.mark.reliability
def test_recovery_files_are_readable_by_this_user_only(tmp_path):
    root = tmp_path / "recovery"
    session = RecoverySession(root)
    snapshot = session.write("doc", "a private diary", None)
    assert _mode(root) == 0o700
    assert _mode(session.folder) == 0o700
    assert _mode(snapshot) == 0o600
    assert all(_mode(path) & 0o077 == 0 for path in session.folder.iterdir())
    session.close()


@pytest.mark.reliability
def test_a_loose_recovery_folder_is_tightened(tmp_path):
    root = tmp_path / "recovery"
    root.mkdir(mode=0o755)
    os.chmod(root, 0o755)
    RecoverySession(root).close()
    assert _mode(root) == 0o700


@pytest.mark.reliability
def test_a_starting_session_is_never_taken_for_an_orphan(tmp_path, monkeypatch):
    """Another Inkwell scanning while this one starts must leave the new session folder alone.

    The worst order: this session creates its folder; the other instance
    finds it and probes its lock (free: not taken yet); this session takes its
    lock; the other instance, sure it found an orphan, removes it.
    """
    owner_locking, owner_go = threading.Event(), threading.Event()
    scanner_removing, scanner_go = threading.Event(), threading.Event()
    owner_thread = []

    class PausedLock(recovery.FileLock):
        def acquire(self, *args, **kwargs):
            if threading.current_thread() in owner_thread:
                owner_locking.set()
                owner_go.wait(10)
            return super().acquire(*args, **kwargs)

    real_rmtree = shutil.rmtree

    def paused_rmtree(path, *args, **kwargs):
        if threading.current_thread() not in owner_thread:
            scanner_removing.set()
            scanner_go.wait(10)
        return real_rmtree(path, *args, **kwargs)

    monkeypatch.setattr(recovery, "FileLock", PausedLock)
    monkeypatch.setattr(recovery.shutil, "rmtree", paused_rmtree)
    sessions = []
    owner = threading.Thread(target=lambda: sessions.append(RecoverySession(tmp_path)))
    owner_thread.append(owner)
    owner.start()
    assert owner_locking.wait(10)
    scanner = threading.Thread(target=remove_empty_orphans, args=(tmp_path,))
    scanner.start()
    while scanner.is_alive() and not scanner_removing.is_set():
        scanner.join(0.01)
    owner_go.set()
    owner.join(10)
    scanner_go.set()
    scanner.join(10)
    monkeypatch.undo()

    [session] = sessions
    assert session.folder.is_dir()
    session.write("doc", "typed just after starting", None)
    assert session.snapshot_path("doc").exists()
    assert find_orphaned_sessions(tmp_path) == []
    session.close()


@pytest.mark.reliability
def test_forget_never_removes_a_folder_whose_lock_is_held(tmp_path):
    live = RecoverySession(tmp_path)
    snapshot = live.write("only", "text of a running window", None)
    record = json.loads(snapshot.read_text(encoding="utf-8"))
    document = RecoveredDocument(snapshot, record["text"], None, record["saved_at"], "utf-8", "\n")
    forget_recovered(document)
    remove_empty_orphans(tmp_path)
    assert live.folder.is_dir()
    live.write("next", "still protected", None)
    assert live.snapshot_path("next").exists()
    live.close()


@pytest.mark.reliability
def test_orphans_are_cleaned_once_handled(tmp_path):
    first = RecoverySession(tmp_path)
    first.write("doc", "keep me", None)
    _crash(first)
    empty = RecoverySession(tmp_path)
    _crash(empty)
    remove_empty_orphans(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == [first.folder.name], "an empty orphan is removed, not a full one"
    [document] = load_recovered_documents(tmp_path)
    forget_recovered(document)
    assert list(tmp_path.iterdir()) == []
