"""A Hugging Face Hub on loopback: one model repository at one commit, served the way the Hub serves it.

``huggingface_hub`` downloads from it unchanged (``endpoint=`` or
``HF_ENDPOINT``): the model-info API with file hashes, ``HEAD`` with the
Hub's ``X-Repo-Commit`` / ``X-Linked-Etag`` / ``X-Linked-Size`` headers, and
``GET`` with byte ranges so downloads resume. Tests choose faults: a
connection dropped mid-file, a file whose bytes do not match its hash, slow
chunks.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from tests.loopback import JsonHandler, LoopbackServer

COMMIT = "1234567890abcdef1234567890abcdef12345678"
LFS_SUFFIXES = (".safetensors", ".bin", ".gguf")


def git_blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


@dataclass
class HubFaults:
    drop_after: int = 0  # close the connection after this many bytes of an LFS file (once per file)
    corrupt: str = ""  # serve this file with one byte changed (its listed hash stays the true one)
    chunk_delay_s: float = 0.0  # between 64 KiB chunks
    chunk_size: int = 65536
    missing: str = ""  # listed by the model-info API, but not served


class FakeHub(LoopbackServer):
    def __init__(self, repo: str, files: dict[str, bytes]):
        self.repo = repo
        self.files = files
        self.faults = HubFaults()
        self.requests: list[tuple[str, str, str]] = []  # method, path, Range header
        self._dropped: set[str] = set()
        hub = self

        class Handler(JsonHandler):
            def do_HEAD(self):
                self._serve(body=False)

            def do_GET(self):
                self._serve(body=True)

            def _serve(self, body: bool) -> None:
                path = unquote(urlsplit(self.path).path)
                hub.requests.append((self.command, path, self.headers.get("Range", "")))
                info_prefix = f"/api/models/{hub.repo}"
                if path in (info_prefix, f"{info_prefix}/revision/{COMMIT}"):
                    return self.send_json(200, hub.model_info())
                prefix = f"/{hub.repo}/resolve/{COMMIT}/"
                name = path[len(prefix) :]
                if not path.startswith(prefix) or name not in hub.files or name == hub.faults.missing:
                    return self.send_json(404, {"error": "Entry not found"}, {"X-Error-Code": "EntryNotFound"})
                self._file(path[len(prefix) :], body)

            def _file(self, name: str, body: bool) -> None:
                data = hub.files[name]
                served = bytearray(data)
                if hub.faults.corrupt == name:
                    served[len(served) // 2] ^= 0xFF
                start = 0
                ranged = self.headers.get("Range", "")
                if ranged.startswith("bytes="):
                    start = int(ranged[6:].split("-")[0] or 0)
                self.send_response(206 if start else 200)
                self.send_header("X-Repo-Commit", COMMIT)
                etag = hashlib.sha256(data).hexdigest() if name.endswith(LFS_SUFFIXES) else git_blob_id(data)
                self.send_header("ETag", f'"{etag}"')
                if name.endswith(LFS_SUFFIXES):
                    self.send_header("X-Linked-Etag", f'"{etag}"')
                    self.send_header("X-Linked-Size", str(len(data)))
                self.send_header("Accept-Ranges", "bytes")
                self.send_header("Content-Length", str(len(data) - start))
                if start:
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                self.end_headers()
                if not body:
                    return
                faults = hub.faults
                drop = faults.drop_after if name.endswith(LFS_SUFFIXES) and name not in hub._dropped else 0
                position = start
                while position < len(served):
                    end = min(len(served), position + faults.chunk_size)
                    if drop and end > drop:
                        hub._dropped.add(name)
                        self.wfile.write(bytes(served[position:drop]))
                        self.wfile.flush()
                        self.close_connection = True
                        self.connection.shutdown(2)  # the network drops mid-file
                        return
                    try:
                        self.wfile.write(bytes(served[position:end]))
                        self.wfile.flush()
                    except (BrokenPipeError, ConnectionResetError):
                        return
                    position = end
                    time.sleep(faults.chunk_delay_s)

        super().__init__(Handler, "fake-hub")

    @classmethod
    def from_folder(cls, repo: str, folder: Path) -> "FakeHub":
        return cls(repo, {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()})

    def model_info(self) -> dict:
        siblings = []
        for name, data in self.files.items():
            sibling = {"rfilename": name, "size": len(data), "blobId": git_blob_id(data)}
            if name.endswith(LFS_SUFFIXES):
                sibling["lfs"] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data), "pointerSize": 134}
            siblings.append(sibling)
        return {"id": self.repo, "modelId": self.repo, "sha": COMMIT, "private": False, "siblings": siblings}

    @property
    def endpoint(self) -> str:
        return self.root_url
