"""Notices when another program changes or deletes the open manuscript.

Editors, sync clients (Dropbox, Syncthing, git) and a second Inkwell can all
write the file while it is open. The window remembers the fingerprint of the
file as it last read or wrote it; any difference in content is reported, and
a save checks again (with a full hash) so a newer version is never
overwritten silently.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from writer_app.core.disk_state import DiskChange, FileFingerprint

# Editors and sync clients often write a file in several steps; wait until they are done.
SETTLE_MS = 300


class DiskWatcher(QObject):
    """Watches one file; ``base`` is its fingerprint as the window last read or wrote it (None: no file)."""

    sig_changed = Signal()  # the file now holds other content than ``base``
    sig_deleted = Signal()  # the file is gone (deleted, moved or renamed)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.path: Path | None = None
        self.base: FileFingerprint | None = None
        self._reported: FileFingerprint | None | str = "nothing"
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._schedule)
        self._watcher.directoryChanged.connect(self._schedule)
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self.check)

    def watch(self, path: Path | None, base: FileFingerprint | None) -> None:
        """Follow *path* from now on, as last seen with fingerprint *base*."""
        self._timer.stop()
        watched = self._watcher.files() + self._watcher.directories()
        if watched:
            self._watcher.removePaths(watched)
        self.path = path
        self.remember(base)
        if path is not None:
            # The folder too: a file replaced by rename (as most programs save) drops out of the watch list.
            for item in (path, path.parent):
                if _exists(item):
                    self._watcher.addPath(str(item))

    def remember(self, base: FileFingerprint | None) -> None:
        """The window's text and the file agree again (saved, reloaded, or the writer keeps theirs)."""
        self.base = base
        self._reported = "nothing"

    def differs(self) -> bool:
        """True when the file on disk no longer holds what the window last read or wrote (always hashes)."""
        if self.path is None:
            return False
        if self.base is None:
            return _exists(self.path)
        return self.base.differs(self.path, verify=True)

    def check(self) -> None:
        """Report a change once; a change already reported is not reported again."""
        if self.path is None:
            return
        if _exists(self.path) and str(self.path) not in self._watcher.files():
            self._watcher.addPath(str(self.path))
        try:
            if self.base is None:
                if not _exists(self.path):
                    return
            elif self.base.compare(self.path) is DiskChange.UNCHANGED:
                return
            current = FileFingerprint.of(self.path)
        except OSError:
            return  # unreadable for now (being written, permissions): the save checks again
        if current == self._reported:
            return
        self._reported = current
        (self.sig_deleted if current is None else self.sig_changed).emit()

    def stop(self) -> None:
        self.watch(None, None)

    def _schedule(self, _path: str) -> None:
        self._timer.start()


def _exists(path: Path) -> bool:
    # Path.exists raises for a folder it may not search or a drive that went away (EIO).
    try:
        return path.exists()
    except OSError:
        return False
