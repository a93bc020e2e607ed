"""Every folder Inkwell writes to, resolved once through platformdirs.

Each folder can be overridden by an environment variable, so tests and
portable installs never touch the real home folder:
``INKWELL_CONFIG_DIR``, ``INKWELL_DATA_DIR``, ``INKWELL_CACHE_DIR``.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from writer_app import APP_ID


@dataclass(frozen=True)
class AppPaths:
    config_dir: Path
    data_dir: Path
    cache_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def recovery_dir(self) -> Path:
        return self.data_dir / "recovery"

    @property
    def recovery_fallback_dir(self) -> Path:
        """Where recovery copies go when :attr:`recovery_dir` is not writable: in the temp folder,
        one per user and per data folder (so a portable copy or a test never meets another's)."""
        digest = hashlib.sha1(str(self.recovery_dir).encode("utf-8", "surrogatepass")).hexdigest()[:10]
        return Path(tempfile.gettempdir()) / f"inkwell-recovery-{_user_tag()}-{digest}"

    @property
    def models_dir(self) -> Path:
        return self.data_dir / "models"

    @property
    def addon_packages_dir(self) -> Path:
        """Model packages added to an installer build (which has no pip of its own): pip install --target here."""
        return self.data_dir / "packages"

    @property
    def log_dir(self) -> Path:
        return self.cache_dir / "logs"

    @classmethod
    def from_environment(cls) -> "AppPaths":
        def pick(var: str, default: str) -> Path:
            value = os.environ.get(var)
            return Path(value) if value else Path(default)

        return cls(
            config_dir=pick("INKWELL_CONFIG_DIR", platformdirs.user_config_dir(APP_ID, appauthor=False)),
            data_dir=pick("INKWELL_DATA_DIR", platformdirs.user_data_dir(APP_ID, appauthor=False)),
            cache_dir=pick("INKWELL_CACHE_DIR", platformdirs.user_cache_dir(APP_ID, appauthor=False)),
        )


def _user_tag() -> str:
    """The user id on POSIX, else the user name made safe for a file name."""
    if hasattr(os, "getuid"):
        return str(os.getuid())
    name = os.environ.get("USERNAME") or os.environ.get("USER") or "user"
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:40] or "user"


def enable_addon_packages(paths: AppPaths) -> None:
    """Let importlib find model packages installed into *paths*' add-on folder (after everything else)."""
    folder = str(paths.addon_packages_dir)
    if paths.addon_packages_dir.is_dir() and folder not in sys.path:
        sys.path.append(folder)
