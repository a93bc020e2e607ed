"""``writer-app --self-test``: does this installation work, start to finish?

Starts the real window offscreen, then, through the same engine as the app,
loads the default model, continues a sentence and embeds a passage. Prints one
JSON line (``"ok": true|false``, timings, and a ``reason`` when something
failed) and returns the exit code: 0 when every step passed, 1 otherwise.
The packaged app, its installers' checks and CI all run it.

The writer's settings and recovery folders are not touched (a temporary
config/data folder is used, with a copy of the writer's own model list); the
cache is the real one, so a converted model is reused by the app afterwards. Any attempt to open a network connection is
recorded, and fails the test: a fresh install must work offline.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

PROMPT = "The rain had not stopped for three days, and Martha stood at the window,"
PASSAGE = (
    "It is a truth universally acknowledged, that a single man in possession of a good fortune, "
    "must be in want of a wife."
)
MAX_NEW_TOKENS = 24


@dataclass
class SelfTestReport:
    ok: bool = False
    reason: str = ""
    steps: dict = field(default_factory=dict)

    def fail(self, reason: str) -> None:
        if not self.reason:  # the first failure is the one worth reading
            self.reason = reason
        self.ok = False

    def to_json(self) -> str:
        payload = {"ok": self.ok, **self.steps}
        if self.reason:
            payload["reason"] = self.reason
        return json.dumps(payload)  # ASCII: safe on any console encoding


class _ConnectionWatch:
    """Counts network connections through an audit hook (which cannot be removed: one per process)."""

    addresses: list[str] = []
    _installed = False

    @classmethod
    def install(cls) -> None:
        if cls._installed:
            return
        cls._installed = True

        def hook(event: str, args: tuple) -> None:
            if event in ("socket.connect", "socket.sendto") and len(args) > 1:
                address = args[1]
                # Local sockets (the X server, D-Bus) are not the network.
                if isinstance(address, tuple):
                    cls.addresses.append(str(address[0]))

        sys.addaudithook(hook)


def run_self_test(
    model_id: str | None = None,
    embed_model_id: str | None = None,
    device: str | None = None,
    quantization: str | None = None,
    timeout_s: float = 900.0,
) -> SelfTestReport:
    """Run every step; never raises (a failure is reported)."""
    from writer_app.process_clock import process_age_s

    report = SelfTestReport()
    report.steps["frozen"] = bool(getattr(sys, "frozen", False))
    _ConnectionWatch.install()
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    with tempfile.TemporaryDirectory(prefix="inkwell-self-test-") as home:
        _use_scratch_settings(Path(home))
        try:
            _run_steps(report, model_id, embed_model_id, device, quantization, timeout_s, process_age_s)
        except Exception as exc:  # a broken installation: say what broke
            report.fail(f"{type(exc).__name__}: {exc}")
    if _ConnectionWatch.addresses:
        report.fail(f"tried to reach the network: {', '.join(sorted(set(_ConnectionWatch.addresses)))}")
    report.steps["network_connections"] = len(_ConnectionWatch.addresses)
    return report


def _use_scratch_settings(home: Path) -> None:
    """Settings and recovery files go to *home*: copies, so the writer's own models and accepted terms still count."""
    from writer_app.paths import AppPaths

    real = AppPaths.from_environment()
    os.environ["INKWELL_CONFIG_DIR"] = str(home / "config")
    os.environ["INKWELL_DATA_DIR"] = str(home / "data")
    (home / "config").mkdir()
    for name in ("models.toml", "settings.json"):
        if (real.config_dir / name).is_file():
            shutil.copyfile(real.config_dir / name, home / "config" / name)


def _run_steps(report, model_id, embed_model_id, device, quantization, timeout_s, process_age_s) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from writer_app import __version__
    from writer_app.core.requests import ContinueRequest, EmbedRequest, GenerationSettings
    from writer_app.core.settings import DEFAULT_EMBED_MODEL, DEFAULT_WRITING_MODEL
    from writer_app.engine.config import EngineConfig
    from writer_app.gui.application import InkwellApplication
    from writer_app.gui.paint_probe import on_first_paint
    from writer_app.paths import AppPaths
    from writer_app.service.service import InferenceService

    steps = report.steps
    steps["version"] = __version__
    model_id = model_id or DEFAULT_WRITING_MODEL
    embed_model_id = embed_model_id or DEFAULT_EMBED_MODEL
    steps["model"], steps["embed_model"] = model_id, embed_model_id

    qapp = QApplication.instance() or QApplication([sys.argv[0]])
    paths = AppPaths.from_environment()
    controller = InkwellApplication(qapp, paths)
    painted = QEventLoop()
    window = controller.start([], offer_recovery=False, start_engine=False)
    on_first_paint(window.editor.viewport(), painted.quit)
    QTimer.singleShot(int(timeout_s * 1000), painted.quit)
    painted.exec()
    steps["first_paint_s"] = round(process_age_s(), 3)
    steps["torch_imported_before_paint"] = "torch" in sys.modules

    config = EngineConfig.from_paths(
        paths,
        device=device or "auto",
        quantization=quantization or "auto",
        accepted_terms=frozenset(controller.settings.accepted_terms),
    )
    service = InferenceService(config)
    try:
        started = time.perf_counter()
        first_token: list[float] = []
        pieces: list[str] = []
        settings = replace(GenerationSettings(), max_new_tokens=MAX_NEW_TOKENS, min_new_tokens=4, seed=7)

        def on_token(piece: str) -> None:
            if not first_token:
                first_token.append(time.perf_counter() - started)
                steps["first_token_since_start_s"] = round(process_age_s(), 3)
            pieces.append(piece)

        handle = service.submit(ContinueRequest(model_id=model_id, text=PROMPT, settings=settings))
        handle.sig_token.connect(on_token)
        result = _wait_for(handle, timeout_s, "continue")
        steps["model_load_s"] = result.load_s
        steps["first_token_s"] = round(first_token[0], 3) if first_token else None
        steps["continue_s"] = round(time.perf_counter() - started, 3)
        steps["new_tokens"] = result.new_tokens
        steps["tokens_per_s"] = result.tokens_per_s
        steps["device"], steps["quant"] = result.device, result.quant
        text = "".join(pieces).strip()
        steps["continuation"] = text[:120]
        if not text or not result.new_tokens:
            raise _StepFailed(f"{model_id} wrote nothing")

        started = time.perf_counter()
        result = _wait_for(service.submit(EmbedRequest(model_id=embed_model_id, texts=(PASSAGE,))), timeout_s, "embed")
        steps["embed_s"] = round(time.perf_counter() - started, 3)
        vectors = result.vectors
        norm = math.sqrt(float((vectors[0] ** 2).sum()))
        steps["embedding_dim"] = int(vectors.shape[1])
        if vectors.shape[0] != 1 or not math.isclose(norm, 1.0, rel_tol=1e-3):
            raise _StepFailed(
                f"{embed_model_id} gave a broken embedding (shape {tuple(vectors.shape)}, norm {norm:.3f})"
            )
        report.ok = True
    except _StepFailed as failure:
        report.fail(str(failure))
    finally:
        service.shutdown()
        controller.shutdown()
        steps["total_s"] = round(process_age_s(), 3)


class _StepFailed(Exception):
    pass


def _wait_for(handle, timeout_s: float, step: str):
    """The request's result once it finished; _StepFailed says why it did not."""
    if not handle.wait(timeout_s):
        handle.stop()
        raise _StepFailed(f"{step}: no answer within {timeout_s:.0f} s")
    if handle.state == "failed":
        raise _StepFailed(f"{step}: {handle.result.message}")
    if handle.state == "stopped":
        raise _StepFailed(f"{step}: stopped")
    return handle.result


def main(args) -> int:
    report = run_self_test(args.model, args.embed_model, args.device, args.quant, args.timeout)
    if sys.stdout is not None:
        print(report.to_json(), flush=True)
    else:  # a windowed Windows build started without redirected output: keep the report
        from writer_app.paths import AppPaths

        log_dir = AppPaths.from_environment().log_dir
        log_dir.mkdir(parents=True, exist_ok=True)
        (log_dir / "self-test.json").write_text(report.to_json() + "\n", encoding="utf-8")
    return 0 if report.ok else 1
