"""One typed settings object, stored as JSON under the platformdirs config folder."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from writer_app.core.atomic import atomic_write_bytes, ensure_private_dir
from writer_app.core.servers import server_to_dict, servers_from_dicts

log = logging.getLogger(__name__)

THEMES = ("system", "light", "dark")
DEVICES = ("auto", "cpu", "cuda", "mps")
# Weight precision on the CPU: "auto" measures this computer once per model.
QUANTIZATIONS = ("auto", "int4", "int8", "fp16", "none")
MAX_RECENT_FILES = 10
MIN_FONT_SIZE, MAX_FONT_SIZE = 6, 72
# The models that come with Inkwell (catalogue ids). The writing model is also
# the smallest: the one offered when a bigger model does not fit in memory.
DEFAULT_WRITING_MODEL = "smollm2-135m-instruct"
DEFAULT_EMBED_MODEL = "minilm-l6-v2"


@dataclass
class Settings:
    theme: str = "system"
    font_family: str = ""  # empty: the platform's default fixed-width-free serif choice
    font_size: int = 13
    word_wrap: bool = True
    session_goal: int = 0  # words a writing session, 0 for none (core.goals)
    recent_files: list[str] = field(default_factory=list)
    window_geometry: str = ""  # base64 of QMainWindow.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    device: str = "auto"  # "auto", "cpu", "cuda" or "mps"
    quantization: str = "auto"  # one of QUANTIZATIONS
    continue_model: str = DEFAULT_WRITING_MODEL
    accepted_terms: list[str] = field(default_factory=list)  # model ids whose terms the writer accepted
    summarise_model: str = DEFAULT_WRITING_MODEL  # an instruct model or a seq2seq summariser
    ask_model: str = DEFAULT_WRITING_MODEL  # an instruct model or an extractive QA model
    embed_model: str = DEFAULT_EMBED_MODEL
    continue_preset: str = "balanced"
    # OpenAI-compatible servers (core/servers.py's server_to_dict: no API keys, which live in the keyring),
    # and the names of those the writer allowed to receive the manuscript.
    servers: list[dict] = field(default_factory=list)
    servers_allowed: list[str] = field(default_factory=list)
    continue_settings: dict = field(default_factory=dict)  # GenerationSettings as a dict

    def add_recent_file(self, path: str) -> None:
        self.recent_files = [path] + [p for p in self.recent_files if p != path]
        del self.recent_files[MAX_RECENT_FILES:]

    def remove_recent_file(self, path: str) -> None:
        self.recent_files = [p for p in self.recent_files if p != path]

    def validated(self) -> "Settings":
        """Clamp values a hand-edited or older settings file may have wrong."""
        if self.theme not in THEMES:
            self.theme = "system"
        if self.device not in DEVICES:
            self.device = "auto"
        if self.quantization not in QUANTIZATIONS:
            self.quantization = "auto"
        if not isinstance(self.font_size, int):
            self.font_size = Settings.font_size
        self.font_size = max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, self.font_size))
        if not isinstance(self.session_goal, int) or isinstance(self.session_goal, bool) or self.session_goal < 0:
            self.session_goal = 0
        self.recent_files = [p for p in self.recent_files if isinstance(p, str)][:MAX_RECENT_FILES]
        self.servers = [server_to_dict(server) for server in servers_from_dicts(self.servers)]
        self.servers_allowed = [name for name in self.servers_allowed if isinstance(name, str)]
        return self


class SettingsStore:
    """Loads and saves :class:`Settings`; a broken file is set aside, never fatal."""

    def __init__(self, path: Path):
        self.path = path

    def load(self) -> Settings:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return Settings()
        except (OSError, ValueError) as exc:
            log.warning("Settings file %s is unreadable (%s); using defaults", self.path, exc)
            self._set_aside()
            return Settings()
        if not isinstance(raw, dict):
            self._set_aside()
            return Settings()
        known = {f.name: f for f in fields(Settings)}
        defaults = Settings()
        values = {}
        for name, value in raw.items():
            if name in known and isinstance(value, type(getattr(defaults, name))):
                values[name] = value
        return Settings(**values).validated()

    def save(self, settings: Settings) -> None:
        """Raises OSError; the file (recent files, window state) and its folder are private."""
        ensure_private_dir(self.path.parent)
        data = json.dumps(asdict(settings), indent=2, ensure_ascii=False).encode("utf-8")
        atomic_write_bytes(self.path, data, private=True)

    def _set_aside(self) -> None:
        try:
            self.path.replace(self.path.with_suffix(".broken.json"))
        except OSError:
            pass
