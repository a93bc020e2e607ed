"""The recovery store under random sequences of edits, snapshots, failed writes, crashes, new sessions,
restores, discards and scans: the newest snapshot of every document that still needs one is never lost."""

from __future__ import annotations

import errno
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from writer_app.core import atomic, recovery
from writer_app.core.recovery import (
    RecoverySession,
    forget_recovered,
    load_recovered_documents,
    remove_empty_orphans,
)

pytestmark = [pytest.mark.core, pytest.mark.reliability]

texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@dataclass
class Document:
    """One document the writer cares about, as the model knows it."""

    name: str
    session: RecoverySession  # the session holding its newest snapshot (or that would)
    document_id: str
    text: str  # what is in the editor now
    on_disk: str | None = None  # the newest snapshot written; None before the first


class RecoveryStore(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="inkwell-recovery-property-"))
        self.live: list[RecoverySession] = []
        self.crashed: list[RecoverySession] = []
        self.documents: list[Document] = []
        self.fail_writes = False
        self.counter = 0
        self._real_write = recovery.atomic_write_bytes
        self._real_fsync = atomic.os.fsync
        recovery.atomic_write_bytes = self._write
        # Durability is not what this checks; without fsync thousands of steps take seconds.
        atomic.os.fsync = lambda fd: None

    def _write(self, *args, **kwargs):
        if self.fail_writes:
            raise OSError(errno.ENOSPC, "No space left on device")
        return self._real_write(*args, **kwargs)

    def teardown(self):
        recovery.atomic_write_bytes = self._real_write
        atomic.os.fsync = self._real_fsync
        for session in self.live:
            session._lock.release()
        shutil.rmtree(self.root, ignore_errors=True)

    def _new_id(self) -> str:
        self.counter += 1
        return f"doc{self.counter}"

    def _orphaned(self) -> list[Document]:
        return [document for document in self.documents if document.session in self.crashed and document.on_disk]

    # ------------------------------------------------------------------ sessions
    @initialize(first=st.lists(texts, min_size=1, max_size=3))
    def running_with_snapshots(self, first):
        session = RecoverySession(self.root)
        self.live.append(session)
        for text in first:
            document = Document(f"L0.{len(self.documents)}", session, self._new_id(), text)
            session.write(document.document_id, text, None)
            document.on_disk = text
            self.documents.append(document)

    @rule(fails=st.booleans())
    def start_session(self, fails):
        self.fail_writes = fails
        try:
            session = RecoverySession(self.root)
        except OSError:
            assert fails
            return
        finally:
            self.fail_writes = False
        self.live.append(session)
        remove_empty_orphans(self.root)  # what a start does when nothing is offered

    @precondition(lambda self: self.live)
    @rule(data=st.data())
    def crash(self, data):
        """The process dies: the OS releases its lock; its folder and snapshots stay."""
        session = data.draw(st.sampled_from(self.live))
        session._lock.release()
        self.live.remove(session)
        self.crashed.append(session)

    @precondition(lambda self: self.live)
    @rule(data=st.data())
    def clean_exit(self, data):
        """Quitting: a session without unsaved documents removes its folder; otherwise it is kept like a crash."""
        session = data.draw(st.sampled_from(self.live))
        self.live.remove(session)
        if session.has_snapshots():
            session._lock.release()
            self.crashed.append(session)
        else:
            session.close()
            self.documents = [d for d in self.documents if d.session is not session]

    @rule()
    def scan(self):
        remove_empty_orphans(self.root)

    # ------------------------------------------------------------------ documents
    @precondition(lambda self: self.live)
    @rule(data=st.data(), text=texts)
    def new_document(self, data, text):
        session = data.draw(st.sampled_from(self.live))
        self.counter += 1
        self.documents.append(Document(f"L{self.counter}", session, self._new_id(), text))

    def _live_documents(self) -> list[Document]:
        return [document for document in self.documents if document.session in self.live]

    @precondition(lambda self: any(d.session in self.live for d in self.documents))
    @rule(data=st.data(), text=texts)
    def edit(self, data, text):
        document = data.draw(st.sampled_from(self._live_documents()))
        document.text = text

    @precondition(lambda self: any(d.session in self.live for d in self.documents))
    @rule(data=st.data(), fails=st.booleans())
    def snapshot(self, data, fails):
        document = data.draw(st.sampled_from(self._live_documents()))
        self.fail_writes = fails
        try:
            document.session.write(document.document_id, document.text, None)
        except OSError:
            assert fails
        else:
            assert not fails
            document.on_disk = document.text
        finally:
            self.fail_writes = False

    @precondition(lambda self: any(d.session in self.live for d in self.documents))
    @rule(data=st.data())
    def save(self, data):
        """Saved to its file: the snapshot is no longer needed."""
        document = data.draw(st.sampled_from(self._live_documents()))
        document.session.discard(document.document_id)
        self.documents.remove(document)

    # ------------------------------------------------------------------ after a crash
    def _offered(self, document: Document):
        path = document.session.snapshot_path(document.document_id)
        offered = [r for r in load_recovered_documents(self.root) if r.snapshot_file == path]
        assert len(offered) == 1, f"{document.name}'s snapshot is offered once"
        return offered[0]

    @precondition(lambda self: self.live and self._orphaned())
    @rule(data=st.data(), fails=st.booleans())
    def restore(self, data, fails):
        """Restore into a running session: the crashed copy goes only once the new one is written."""
        document = data.draw(st.sampled_from(self._orphaned()))
        offered = self._offered(document)
        target = data.draw(st.sampled_from(self.live))
        new_id = self._new_id()
        self.fail_writes = fails
        try:
            target.write(new_id, offered.text, None)
        except OSError:
            assert fails
            return
        finally:
            self.fail_writes = False
        forget_recovered(offered)
        document.session, document.document_id, document.text = target, new_id, offered.text

    @precondition(lambda self: self._orphaned())
    @rule(data=st.data())
    def discard(self, data):
        """The writer chose to throw it away."""
        document = data.draw(st.sampled_from(self._orphaned()))
        forget_recovered(self._offered(document))
        self.documents.remove(document)

    # ------------------------------------------------------------------ what must always hold
    @invariant()
    def newest_snapshots_are_kept(self):
        offered = {r.snapshot_file: r.text for r in load_recovered_documents(self.root)}
        for document in self.documents:
            if document.on_disk is None:
                continue
            path = document.session.snapshot_path(document.document_id)
            if document.session in self.live:
                assert path not in offered, "a running session's documents are never offered"
                assert path.read_text(encoding="utf-8")  # still there
                assert recovery._read_snapshot(path).text == document.on_disk
            else:
                assert offered.get(path) == document.on_disk, f"{document.name}'s newest snapshot is offered"

    @invariant()
    def running_sessions_keep_their_folders(self):
        for session in self.live:
            assert session.folder.is_dir()
            assert (session.folder / "session.lock").exists()


RecoveryStore.TestCase.settings = settings(
    max_examples=40, stateful_step_count=25, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
test_recovery_store = RecoveryStore.TestCase
