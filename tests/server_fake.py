"""A small OpenAI-compatible HTTP server on loopback whose faults tests choose.

It speaks the real wire format (JSON, server-sent events) so the ``openai``
client and Inkwell's server backend run unchanged against it. A test sets
``behaviour`` fields to make it slow, silent, rude or broken, and reads
``requests`` to see what Inkwell sent. The real-server tests (llama.cpp)
cover what a model does; this one covers what a network does.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
from dataclasses import dataclass, field

from tests.loopback import JsonHandler, LoopbackServer


@dataclass
class Behaviour:
    words: list[str] = field(
        default_factory=lambda: ["The", " rain", " kept", " falling", " on", " the", " roofs", "."]
    )
    delay_s: float = 0.0  # before each streamed piece
    stall_s: float = 0.0  # silence after the headers, before the first piece
    cut_after: int | None = None  # close the connection after this many pieces
    status: int = 0  # answer every POST with this HTTP status (0: normal)
    status_times: int = 1_000_000  # ... only this many times, then normally
    error_message: str = "something failed"
    retry_after: str = ""
    no_completions: bool = False  # 404 on /v1/completions (a chat-only server)
    reject_extras: bool = False  # 400 when a non-standard sampling field is sent
    api_key: str = ""  # when set, other keys get 401
    context_length: int = 0  # reported in /v1/models
    models: tuple[str, ...] = ("story-model",)
    single_choice: bool = False  # ignore n (as llama.cpp does)
    no_echo: bool = False  # ignore echo (as llama.cpp's server does): no prompt log-probabilities


class FakeOpenAIServer(LoopbackServer):
    def __init__(self):
        self.behaviour = Behaviour()
        self.requests: list[tuple[str, dict]] = []
        self.pieces_sent = 0
        self.closed_early = threading.Event()  # the client hung up while we streamed
        server = self

        class Handler(JsonHandler):
            def do_GET(self):
                if not self._authorised():
                    return
                if self.path.rstrip("/") == "/v1/models":
                    data = []
                    for name in server.behaviour.models:
                        item = {"id": name, "object": "model", "owned_by": "tests"}
                        if server.behaviour.context_length:
                            item["max_model_len"] = server.behaviour.context_length
                        data.append(item)
                    self.send_json(200, {"object": "list", "data": data})
                else:
                    self.send_json(404, {"error": {"message": f"no route {self.path}"}})

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append((self.path, body))
                b = server.behaviour
                if not self._authorised():
                    return
                if b.status and b.status_times > 0:
                    b.status_times -= 1
                    headers = {"Retry-After": b.retry_after} if b.retry_after else {}
                    self.send_json(b.status, {"error": {"message": b.error_message}}, headers)
                    return
                if b.reject_extras and any(key in body for key in ("top_k", "min_p", "repetition_penalty")):
                    self.send_json(400, {"error": {"message": "Unrecognized request argument supplied: top_k"}})
                    return
                if self.path == "/v1/embeddings":
                    inputs = body["input"] if isinstance(body["input"], list) else [body["input"]]
                    data = [{"object": "embedding", "index": i, "embedding": _vector(t)} for i, t in enumerate(inputs)]
                    self.send_json(200, {"object": "list", "data": data, "model": body.get("model")})
                    return
                if self.path == "/v1/completions" and b.no_completions:
                    self.send_json(404, {"error": {"message": "Not Found"}})
                    return
                if self.path not in ("/v1/completions", "/v1/chat/completions"):
                    self.send_json(404, {"error": {"message": "Not Found"}})
                    return
                if body.get("model") not in b.models:
                    self.send_json(404, {"error": {"message": f"The model `{body.get('model')}` does not exist."}})
                    return
                chat = self.path.endswith("chat/completions")
                if body.get("stream"):
                    self._stream(chat, body)
                else:
                    self._whole(chat, body)

            def _authorised(self) -> bool:
                key = server.behaviour.api_key
                if key and self.headers.get("Authorization") != f"Bearer {key}":
                    self.send_json(401, {"error": {"message": "Invalid API key"}})
                    return False
                return True

            def _words(self, body: dict) -> list[str]:
                return server.behaviour.words[: int(body.get("max_tokens") or 16)]

            def _read(self, body: dict, words: list[str]) -> dict:
                """Log-probabilities as vLLM gives them: echoed prompt words (-len nats each), then the reply."""
                tokens = re.findall(r"\s*\S+", body["prompt"]) + words
                offsets, at = [], 0
                for token in tokens:
                    offsets.append(at)
                    at += len(token)
                echo = body.get("echo") and not server.behaviour.no_echo
                if not echo:
                    tokens, offsets = words, offsets[len(tokens) - len(words) :]
                values = [None if echo and i == 0 else -float(len(t.strip())) for i, t in enumerate(tokens)]
                tops = [{" the": -0.7, " a": -1.2, t: v or 0.0} for t, v in zip(tokens, values)]
                return {"tokens": tokens, "token_logprobs": values, "top_logprobs": tops, "text_offset": offsets}

            def _whole(self, chat: bool, body: dict) -> None:
                count = 1 if server.behaviour.single_choice else int(body.get("n") or 1)
                words = self._words(body)
                choices = []
                for index in range(count):
                    text = "".join(words) + (f" ({index})" if index else "")
                    logprobs = [-0.5 - index] * len(words)
                    if chat:
                        content = [{"token": w, "logprob": lp, "top_logprobs": []} for w, lp in zip(words, logprobs)]
                        choices.append(
                            {
                                "index": index,
                                "message": {"role": "assistant", "content": text},
                                "logprobs": {"content": content} if body.get("logprobs") else None,
                                "finish_reason": "length",
                            }
                        )
                    else:
                        if body.get("echo") and not server.behaviour.no_echo or body.get("logprobs", 0) > 1:
                            lp = self._read(body, words)
                            text = (body["prompt"] if body.get("echo") else "") + "".join(words)
                        else:
                            lp = {"tokens": words, "token_logprobs": logprobs, "top_logprobs": None, "text_offset": []}
                        choices.append(
                            {
                                "index": index,
                                "text": text,
                                "logprobs": lp if body.get("logprobs") else None,
                                "finish_reason": "length",
                            }
                        )
                kind = "chat.completion" if chat else "text_completion"
                self.send_json(
                    200, {"id": "x", "object": kind, "created": 0, "model": body["model"], "choices": choices}
                )

            def _stream(self, chat: bool, body: dict) -> None:
                b = server.behaviour
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.flush()
                time.sleep(b.stall_s)
                try:
                    for number, word in enumerate(self._words(body)):
                        if b.cut_after is not None and number >= b.cut_after:
                            self.wfile.flush()
                            self.connection.shutdown(2)  # the server dies mid-reply
                            return
                        time.sleep(b.delay_s)
                        if chat:
                            choice = {"index": 0, "delta": {"content": word}, "finish_reason": None}
                            if body.get("logprobs"):
                                choice["logprobs"] = {"content": [{"token": word, "logprob": -1.0, "top_logprobs": []}]}
                            chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": body["model"]}
                        else:
                            choice = {"index": 0, "text": word, "finish_reason": None}
                            if body.get("logprobs"):
                                choice["logprobs"] = {
                                    "tokens": [word],
                                    "token_logprobs": [-1.0],
                                    "top_logprobs": None,
                                    "text_offset": [],
                                }
                            chunk = {"id": "x", "object": "text_completion", "created": 0, "model": body["model"]}
                        chunk["choices"] = [choice]
                        self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                        self.wfile.flush()
                        server.pieces_sent += 1
                    if chat:
                        last = {"object": "chat.completion.chunk", "choices": [{"index": 0, "delta": {}}]}
                    else:
                        last = {"object": "text_completion", "choices": [{"index": 0, "text": ""}]}
                    last.update(id="x", created=0, model=body["model"])
                    last["choices"][0]["finish_reason"] = "length"
                    self.wfile.write(f"data: {json.dumps(last)}\n\n".encode())
                    self.wfile.write(b"data: [DONE]\n\n")
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    server.closed_early.set()

        super().__init__(Handler, "fake-openai")

    @property
    def base_url(self) -> str:
        return self.root_url + "/v1"


def _vector(text: str, dim: int = 8) -> list[float]:
    digest = hashlib.sha256(text.encode()).digest()
    return [byte / 255 - 0.5 for byte in digest[:dim]]
