"""The one owner of the writer's settings: reads as attributes, changes through ``set``, announces each change.

Defaults and validation live in ``core/settings.py``; this object saves the
file after every change and emits ``sig_changed(key, value)`` for each key
whose value changed, so windows, panels and the models follow without being
told by whoever changed it.
"""

from __future__ import annotations

import logging
from dataclasses import fields, replace

from PySide6.QtCore import QObject, Signal

from writer_app.core.settings import Settings, SettingsStore

log = logging.getLogger(__name__)

_KEYS = frozenset(f.name for f in fields(Settings))


class AppSettings(QObject):
    sig_changed = Signal(str, object)  # key, new value

    def __init__(self, store: SettingsStore, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._values = store.load()

    def __getattr__(self, name: str):
        # Only called for names QObject does not have: the settings' keys.
        if name in _KEYS:
            return getattr(self._values, name)
        raise AttributeError(name)

    def __setattr__(self, name: str, value) -> None:
        if name in _KEYS:
            raise AttributeError(f"settings change through set({name}=…), which saves and announces it")
        super().__setattr__(name, value)

    @property
    def values(self) -> Settings:
        """A copy of every setting."""
        return replace(self._values)

    def set(self, **changes) -> None:
        """Change settings (clamped to what is valid), save them, then announce each one that changed."""
        unknown = set(changes) - _KEYS
        if unknown:
            raise KeyError(f"unknown settings: {sorted(unknown)}")
        before = replace(self._values)
        updated = replace(self._values, **changes).validated()
        changed = [key for key in changes if getattr(updated, key) != getattr(before, key)]
        if not changed:
            return
        self._values = updated
        self.save()
        for key in changed:
            self.sig_changed.emit(key, getattr(updated, key))

    def add_recent_file(self, path: str) -> None:
        values = replace(self._values, recent_files=list(self._values.recent_files))
        values.add_recent_file(path)
        self.set(recent_files=values.recent_files)

    def remove_recent_file(self, path: str) -> None:
        self.set(recent_files=[p for p in self._values.recent_files if p != path])

    def save(self) -> None:
        try:
            self._store.save(self._values)
        except OSError as exc:
            log.warning("Could not save settings: %s", exc)
