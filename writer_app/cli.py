"""``writer-app run …`` and ``writer-app models …``: the models without a window.

``run`` drives the very same InferenceService (worker thread, request
handle, stop flags) as the GUI, inside a QCoreApplication event loop, so
scripts, the benchmarks and the tests exercise the GUI's code paths.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from dataclasses import replace
from pathlib import Path

from writer_app.core.requests import (
    ASK_SETTINGS,
    REWRITE_SETTINGS,
    SUMMARY_SETTINGS,
    AskRequest,
    CodexRequest,
    ContinueRequest,
    GenerationSettings,
    NextWordRequest,
    RewriteRequest,
    SummariseRequest,
    SurpriseRequest,
)
from writer_app.core.settings import Settings, SettingsStore
from writer_app.core.textfile import TextFileError, read_text_file
from writer_app.documents.options import FORMATS, LAYOUTS, ExportOptions


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="writer-app", description="Inkwell's engine on the command line.")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="run a writing task and stream the result")
    run.add_argument(
        "task", choices=["continue", "summarise", "ask", "codex", "rewrite", "surprise", "next-word"], help="what to do"
    )
    run.add_argument("--model", default=None, help="catalogue id (default: the task's default model)")
    run.add_argument("--file", help="the manuscript (its whole text is the context); '-' reads standard input")
    run.add_argument("--text", help="the text to work on, instead of --file")
    run.add_argument("--notes", default="", help="story notes to prepend (continue)")
    run.add_argument("--question", help="the question (ask)")
    run.add_argument("--scope", default="all", help="summarise: all, or chapter:N (1-based)")
    run.add_argument("--length", choices=["short", "medium", "long"], default="medium", help="summary length")
    summary_mode = run.add_mutually_exclusive_group()
    summary_mode.add_argument(
        "--extractive",
        action="store_true",
        help="summarise: key sentences only (the default for models that rewrite loosely, as in the window)",
    )
    summary_mode.add_argument("--abstractive", action="store_true", help="summarise: rewrite the key sentences")
    run.add_argument("--embed-model", default=None, help="embedding model for summarise/ask/rewrite")
    run.add_argument("--start", type=int, help="rewrite: where the passage starts (a character offset)")
    run.add_argument("--end", type=int, help="rewrite: where the passage ends")
    run.add_argument(
        "--mode",
        choices=["rephrase", "shorten", "expand", "describe", "tone", "grammar", "custom"],
        default="rephrase",
        help="rewrite: how",
    )
    run.add_argument("--instruction", default="", help="rewrite: the sense, the tone, or a custom instruction")
    run.add_argument("--n", type=int, default=3, help="rewrite: how many alternatives")
    run.add_argument("--at", type=int, help="next-word: the cursor (a character offset)")
    run.add_argument("--k", type=int, default=20, help="next-word: how many choices (1-20)")
    run.add_argument("--json", action="store_true", help="print JSON lines (progress, tokens, the result)")
    run.add_argument("--max-new-tokens", type=int)
    run.add_argument("--min-new-tokens", type=int)
    run.add_argument("--temperature", type=float)
    run.add_argument("--seed", type=int)
    run.add_argument("--device", choices=["auto", "cpu", "cuda", "mps"], default=None)
    run.add_argument(
        "--quant", choices=["auto", "int4", "int8", "fp16", "none"], default=None, help="weight precision on the CPU"
    )
    run.add_argument("--accept-terms", action="store_true", help="accept the model's terms of use (e.g. Gemma)")
    server = run.add_argument_group("a model on an OpenAI-compatible server (vLLM, llama.cpp, Ollama, LM Studio…)")
    server.add_argument("--server", metavar="URL", help="the server's address, e.g. http://localhost:8080/v1")
    server.add_argument("--server-model", metavar="NAME", help="the server's model that does the task")
    server.add_argument("--api-key-env", metavar="VAR", help="the environment variable holding the server's API key")
    server.add_argument(
        "--server-embed-model", metavar="NAME", help="summarise/ask: the server's embedding model (default: local)"
    )
    server.add_argument("--server-context", type=int, default=0, metavar="TOKENS", help="the model's context length")

    export = commands.add_parser("export", help="write a manuscript as DOCX, ODT, EPUB or PDF")
    export.add_argument("--file", required=True, help="the manuscript (.txt or .md)")
    export.add_argument("--to", required=True, choices=FORMATS, help="the format")
    export.add_argument("--out", required=True, help="the file to write (replaced whole, or left untouched)")
    export.add_argument("--title", default="", help="the title (default: the file's name)")
    export.add_argument("--author", default="", help="the author's name, for the title page and header")
    export.add_argument("--contact", action="append", default=[], metavar="LINE", help="a contact line (repeatable)")
    export.add_argument("--layout", choices=LAYOUTS, default="manuscript", help="standard manuscript format, or plain")

    models = commands.add_parser("models", help="list or download models")
    models.add_argument("action", choices=["list", "download"])
    models.add_argument(
        "--revision", metavar="COMMIT", help="with download: the full commit hash to fetch when the catalogue pins none"
    )
    models.add_argument("model_id", nargs="?")
    return parser


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "models":
        return _models(args)
    if args.command == "export":
        return _export(args)
    # A run is too short to build the compiled decoding step in the background: use one if built.
    os.environ.setdefault("INKWELL_COMPILED_STEP", "load")
    return _run(args)


def _export(args) -> int:
    """Exit 0 with the file written, or 1 with a one-line reason on stderr and nothing at --out."""
    from writer_app.documents.export import ExportFailed, export_file

    try:
        source = Path(args.file)
        text = read_text_file(source).text
        title = args.title or source.stem.replace("_", " ").replace("-", " ").title()
        options = ExportOptions(title=title, author=args.author, contact=tuple(args.contact), layout=args.layout)
        if args.to == "pdf":
            _gui_for_fonts()
        export_file(text, args.to, args.out, options)
    except (TextFileError, ExportFailed) as exc:
        print(" ".join(str(exc).split()), file=sys.stderr)
        return 1
    return 0


def _gui_for_fonts() -> None:
    """PDF layout needs Qt's fonts: a QGuiApplication, on the offscreen platform when there is no display."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        QGuiApplication(["writer-app"])


def _emit(args, event: dict, text_out: str | None = None, to_stderr: bool = False) -> None:
    if args.json:
        print(json.dumps(event, ensure_ascii=False), flush=True)
    elif text_out is not None:
        stream = sys.stderr if to_stderr else sys.stdout
        print(text_out, end="", file=stream, flush=True)


def _read_input(args) -> str:
    if args.text is not None:
        return args.text
    if args.file in (None, "-"):
        return sys.stdin.read()
    return read_text_file(Path(args.file)).text


def _run(args) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer

    from writer_app.engine.config import EngineConfig
    from writer_app.paths import AppPaths
    from writer_app.service.service import InferenceService

    try:
        text = _read_input(args)
    except TextFileError as exc:
        _emit(args, {"event": "failed", "message": str(exc)}, f"{exc}\n", to_stderr=True)
        return 1
    paths = AppPaths.from_environment()
    settings = SettingsStore(paths.settings_file).load()
    defaults = Settings()
    # The lenses measure with the writing model; the other tasks answer with the ask/summary model.
    writing = args.task in ("continue", "surprise", "next-word")
    model_id = args.model or (defaults.continue_model if writing else defaults.ask_model)
    try:
        servers, model_id, embed_id = _server_choice(args, model_id)
    except ValueError as exc:
        _emit(args, {"event": "failed", "message": str(exc)}, f"{exc}\n", to_stderr=True)
        return 2
    accepted = set(settings.accepted_terms) | ({model_id} if args.accept_terms else set())
    config = EngineConfig.from_paths(
        paths,
        device=args.device or settings.device,
        quantization=args.quant or settings.quantization,
        accepted_terms=frozenset(accepted),
        servers=servers,
    )
    overrides = {
        k: v
        for k, v in (
            ("max_new_tokens", args.max_new_tokens),
            ("min_new_tokens", args.min_new_tokens),
            ("temperature", args.temperature),
            ("seed", args.seed),
        )
        if v is not None
    }
    if args.task == "summarise" and not args.abstractive:
        # As the Summarise panel: a model that rewrites loosely gives key sentences unless asked otherwise.
        args.extractive = args.extractive or _rewrites_loosely(config, model_id)
    try:
        request = _build_request(args, text, model_id, embed_id, overrides)
    except ValueError as exc:
        _emit(args, {"event": "failed", "message": str(exc)}, f"{exc}\n", to_stderr=True)
        return 2

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    service = InferenceService(config)
    started = time.perf_counter()
    handle = service.submit(request)

    def on_progress(progress) -> None:
        fraction = progress.fraction
        event = {
            "event": "progress",
            "stage": progress.stage,
            "fraction": None if fraction is None else round(fraction, 3),
            "message": progress.message,
        }
        _emit(args, event, f"[{progress.message}{'' if fraction is None else f' {fraction:.0%}'}]\n", to_stderr=True)

    handle.sig_token.connect(lambda piece: _emit(args, {"event": "token", "text": piece}, piece))
    handle.sig_progress.connect(on_progress)
    # Ctrl+C stops generation cleanly (the event loop needs a tick to see Python signals).
    signal.signal(signal.SIGINT, lambda *_: handle.stop())
    ticker = QTimer(interval=200)
    ticker.timeout.connect(lambda: None)
    ticker.start()
    handle.wait()
    wall_s = round(time.perf_counter() - started, 3)
    try:
        if handle.state == "finished":
            _emit(
                args,
                {"event": "finished", **handle.result.to_dict(), "wall_s": wall_s},
                _closing_text(args.task, handle.result),
            )
            return 0
        if handle.state == "stopped":
            _emit(args, {"event": "stopped", **handle.result.to_dict()}, "\n[stopped]\n", to_stderr=True)
            return 130
        failure = handle.result
        event = {"event": "failed", "message": failure.message, "kind": failure.kind, "details": failure.details}
        _emit(args, event, f"{failure.message}\n", to_stderr=True)
        return 1
    finally:
        service.shutdown()
        app.processEvents()


def _server_choice(args, model_id: str):
    """``(servers, model id, embedding model id)``: with ``--server``, the server's models; raises ValueError."""
    import os

    from writer_app.core.servers import ServerConfig, server_model_id

    embed_id = args.embed_model or Settings().embed_model
    if not args.server:
        if args.server_model or args.server_embed_model:
            raise ValueError("--server-model needs --server URL")
        return (), model_id, embed_id
    if not args.server_model:
        raise ValueError("--server needs --server-model NAME (the model that does the task)")
    api_key = ""
    if args.api_key_env:
        api_key = os.environ.get(args.api_key_env, "")
        if not api_key:
            raise ValueError(f"The environment variable {args.api_key_env} is not set.")
    config = ServerConfig(name="server", base_url=args.server, api_key=api_key, context_tokens=args.server_context)
    config = replace(config, name=config.host)  # name it as the writer sees it: host:port
    if args.server_embed_model:
        embed_id = server_model_id(config.name, args.server_embed_model)
    return (config,), server_model_id(config.name, args.server_model), embed_id


def _rewrites_loosely(config, model_id: str) -> bool:
    from writer_app.engine.catalog import ModelUnavailable

    try:
        return config.catalog.get(model_id).loose_rewrites
    except ModelUnavailable:  # a server's model, or one the catalogue does not know: it rewrites
        return False


def _build_request(args, text: str, model_id: str, embed_model: str, overrides: dict):
    """The request for *args.task*; raises ValueError with a message for the user."""
    from writer_app.core.chapters import find_chapters

    if args.task == "continue":
        return ContinueRequest(
            model_id=model_id, text=text, notes=args.notes, settings=replace(GenerationSettings(), **overrides)
        )
    if args.task == "codex":
        return CodexRequest(text=text)
    if args.task == "surprise":
        start, end = args.start or 0, len(text) if args.end is None else args.end
        if not 0 <= start < end <= len(text):
            raise ValueError(f"surprise needs 0 <= --start < --end <= {len(text)}")
        return SurpriseRequest(model_id=model_id, text=text, start=start, end=end)
    if args.task == "next-word":
        at = len(text) if args.at is None else args.at
        if not 0 <= at <= len(text) or not 1 <= args.k <= 20:
            raise ValueError(f"next-word needs 0 <= --at <= {len(text)} and 1 <= --k <= 20")
        return NextWordRequest(model_id=model_id, text=text, at=at, k=args.k)
    if args.task == "rewrite":
        if args.start is None or args.end is None or not 0 <= args.start < args.end <= len(text):
            raise ValueError(f"rewrite needs --start and --end with 0 <= start < end <= {len(text)}")
        if args.mode == "custom" and not args.instruction.strip():
            raise ValueError("--mode custom needs --instruction")
        if not 1 <= args.n <= 8:
            raise ValueError("--n must be 1 to 8")
        return RewriteRequest(
            model_id=model_id,
            embed_model_id=embed_model,
            text=text,
            start=args.start,
            end=args.end,
            mode=args.mode,
            detail=args.instruction,
            notes=args.notes,
            count=args.n,
            settings=replace(REWRITE_SETTINGS, **overrides),
        )
    if args.task == "ask":
        if not args.question:
            raise ValueError("ask needs --question")
        return AskRequest(
            model_id=model_id,
            embed_model_id=embed_model,
            text=text,
            question=args.question,
            settings=replace(ASK_SETTINGS, **overrides),
        )
    start, end = 0, len(text)
    if args.scope != "all":
        kind, _, number = args.scope.partition(":")
        chapters = find_chapters(text)
        if kind != "chapter" or not number.isdigit() or not 1 <= int(number) <= len(chapters):
            raise ValueError(f"--scope must be all or chapter:N with N from 1 to {len(chapters)}")
        chapter = chapters[int(number) - 1]
        start, end = chapter.start, chapter.end
    return SummariseRequest(
        model_id=model_id,
        embed_model_id=embed_model,
        text=text,
        start=start,
        end=end,
        length=args.length,
        mode="extractive" if args.extractive else "abstractive",
        settings=replace(SUMMARY_SETTINGS, **overrides),
    )


def _closing_text(task: str, result) -> str:
    if task == "continue":
        return "\n"
    if task == "rewrite":
        return "".join(
            f"\n[{n}] {'ok' if a.passed else 'rejected: ' + '; '.join(a.reasons)} (similarity {a.similarity:.2f})\n"
            f"{a.text}\n"
            for n, a in enumerate(result.alternatives, start=1)
        )
    if task == "surprise":
        return f"perplexity {result.perplexity}; {len(result.predictable_runs)} predictable runs; " + (
            ", ".join(f"{w.start}–{w.end} ({w.bits:.1f} bits)" for w in result.surprising) + "\n"
        )
    if task == "next-word":
        return "".join(f"{text}\t{p:.3f}\n" for text, p in result.choices)
    if task == "codex":
        lines = []
        for entry in result.entries:
            also = f": also {', '.join(entry['aliases'])}" if entry["aliases"] else ""
            lines.append(f"{entry['name']} ({entry['kind']}, {entry['mentions']} mentions){also}\n")
        return "".join(lines)
    if task == "ask":
        sources = ", ".join(f"[{c.number}] chars {c.start}–{c.end}" for c in result.citations)
        missing = ", ".join(result.unmentioned)
        return (
            f"\n\n{result.answer}\n"
            + (f"The text never mentions: {missing}\n" if missing else "")
            + (f"Sources: {sources}\n" if sources else "")
        )
    return f"\n\n{result.summary}\n"


def _models(args) -> int:
    from writer_app.engine.catalog import ModelUnavailable, install_command, locate_model_files
    from writer_app.engine.config import EngineConfig
    from writer_app.engine.downloads import download_model
    from writer_app.paths import AppPaths

    config = EngineConfig.from_paths(AppPaths.from_environment())
    if args.action == "list":
        for entry in config.catalog:
            try:
                locate_model_files(entry, config.cache_dir, config.hf_cache)
                state = "ready"
            except ModelUnavailable:
                state = "not installed" if entry.source == "package" else "not downloaded"
            print(f"{entry.id:40} {state:15} {', '.join(entry.roles):22} {entry.name}")
        return 0
    if not args.model_id:
        print("writer-app models download MODEL_ID", file=sys.stderr)
        return 2
    try:
        entry = config.catalog.get(args.model_id)
        if entry.source != "hf":
            print(
                f"{entry.name} ships as a Python package; install it with:\n    {install_command(entry)}",
                file=sys.stderr,
            )
            return 2
        print(f"Downloading {entry.name} (about {entry.size_mb:,} MB; Ctrl+C pauses)…", file=sys.stderr)
        shown = [-1]

        def progress(done: int, total: int) -> None:
            percent = int(100 * done / total) if total else 0
            if percent != shown[0]:
                shown[0] = percent
                print(f"\r{percent:3d}%  {done / 2**20:,.0f} of {total / 2**20:,.0f} MB", end="", file=sys.stderr)

        folder = download_model(entry, config.hf_cache, revision=args.revision, on_progress=progress)
        print(file=sys.stderr)
    except KeyboardInterrupt:
        print("\nPaused. The same command resumes where it stopped.", file=sys.stderr)
        return 130
    except (ModelUnavailable, OSError) as exc:
        print(f"\nDownload failed: {exc}", file=sys.stderr)
        return 1
    print(folder)
    return 0
