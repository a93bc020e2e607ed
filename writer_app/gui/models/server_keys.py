"""API keys of the writer's servers, in the system keyring (never in settings.json).

Where the system has no keyring (a bare Linux desktop without a secret
service), a key is kept for this session only and the writer is told so.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)

SERVICE = "Inkwell"


class ServerKeys:
    def __init__(self):
        self._session: dict[str, str] = {}  # keys the keyring could not take

    def get(self, server: str) -> str:
        if server in self._session:
            return self._session[server]
        try:
            import keyring

            return keyring.get_password(SERVICE, server) or ""
        except Exception as exc:  # no keyring, a locked one, a broken backend: the key is just not there
            log.info("No key for %s from the keyring: %s", server, exc)
            return ""

    def set(self, server: str, key: str) -> str:
        """Keep *key* for *server* (empty: forget it); returns a warning for the writer, or ""."""
        if not key:
            self.delete(server)
            return ""
        try:
            import keyring

            keyring.set_password(SERVICE, server, key)
            self._session.pop(server, None)
            return ""
        except Exception as exc:
            log.warning("The keyring did not take the key for %s: %s", server, exc)
            self._session[server] = key
            return QCoreApplication.translate(
                "ServerKeys",
                "This computer has no keyring Inkwell can use, so the key for {server} is kept only until "
                "Inkwell closes; you will be asked for it again next time.",
            ).format(server=server)

    def delete(self, server: str) -> None:
        self._session.pop(server, None)
        try:
            import keyring

            keyring.delete_password(SERVICE, server)
        except Exception:  # not there, or no keyring: nothing to forget
            pass
