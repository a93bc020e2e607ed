"""llama-cpp-python's OpenAI-compatible server on a free loopback port, serving the packaged SmolLM2 GGUF.

Used by the real-server tests and ``bench/remote.py``; needs ``llama-cpp-python[server]``.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MODEL = "smollm2"  # the name the server answers to


def packaged_gguf_path() -> Path:
    """The GGUF file inside the default model's PyPI package (found through importlib)."""
    from writer_app.core.settings import DEFAULT_WRITING_MODEL
    from writer_app.engine.catalog import ModelCatalog, locate_model_files

    files = locate_model_files(ModelCatalog.load().get(DEFAULT_WRITING_MODEL), Path())
    if files.gguf_path is None:
        raise RuntimeError("the default model ships no GGUF file")
    return files.gguf_path


class LlamaServer:
    """Started on construction; ``stop()`` kills it (a stopped, SIGSTOPped one included)."""

    def __init__(self, api_key: str = "", threads: int = 0, start_timeout_s: float = 120):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        command = [sys.executable, "-m", "llama_cpp.server", "--model", str(packaged_gguf_path())]
        command += ["--model_alias", MODEL, "--host", "127.0.0.1", "--port", str(self.port), "--n_ctx", "2048"]
        if threads:
            command += ["--n_threads", str(threads)]
        if api_key:
            command += ["--api_key", api_key]
        # llama.cpp logs a lot: into a file, since a full pipe would stop the server before it listens.
        self.log = tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace")
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + start_timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"llama_cpp.server exited: {self.log.read()[-2000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"llama_cpp.server did not start within {start_timeout_s:.0f} s")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.kill()
        self.process.wait(timeout=30)
        self.log.close()

    def __enter__(self) -> "LlamaServer":
        return self

    def __exit__(self, *_exc) -> None:
        self.stop()
