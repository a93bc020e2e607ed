"""Entry point: ``writer-app`` and ``python -m writer_app``.

Kept light on purpose: the window is painted before anything imports torch
or transformers.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys

from writer_app.process_clock import process_age_s


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="writer-app", description="Inkwell, an offline AI writing assistant.")
    parser.add_argument("files", nargs="*", help="manuscripts (.txt, .md) to open")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--no-recovery", action="store_true", help="do not offer to restore unsaved work at start")
    parser.add_argument("--no-engine", action="store_true", help="do not start the models (editor only)")
    parser.add_argument(
        "--exit-after-paint", action="store_true", help="print start-up timings as JSON after the first paint and exit"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation offscreen (load the default model, continue a sentence, "
        "embed a passage), print a JSON report and exit",
    )
    parser.add_argument("--model", help="with --self-test: the catalogue id of the model to check")
    parser.add_argument("--embed-model", help="with --self-test: the embedding model to check")
    parser.add_argument(
        "--device", choices=["auto", "cpu", "cuda", "mps"], help="with --self-test: where to run the models"
    )
    parser.add_argument(
        "--quant",
        choices=["auto", "int4", "int8", "fp16", "none"],
        help="with --self-test: weight precision on the CPU",
    )
    parser.add_argument("--timeout", type=float, default=900.0, help="with --self-test: seconds allowed for each step")
    # Test hook: types the text into the editor with real key events after start-up.
    parser.add_argument("--test-type", metavar="TEXT", help=argparse.SUPPRESS)
    # Test hooks for bench/kill_trials.py (gui/trial_hooks.py): type --test-type's TEXT one key at a
    # time at this pace, logging each key to a file that survives SIGKILL; or answer the recovery
    # dialog with "Restore selected" and write the restored texts as JSON.
    parser.add_argument("--test-type-rate", type=float, metavar="CHARS_PER_S", help=argparse.SUPPRESS)
    parser.add_argument("--test-type-log", metavar="PATH", help=argparse.SUPPRESS)
    parser.add_argument("--test-restore", metavar="PATH", help=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from writer_app.paths import AppPaths, enable_addon_packages

    enable_addon_packages(AppPaths.from_environment())  # model packages added to an installer build
    if argv and argv[0] == "compile-step":  # the engine's background build of the decoding step
        from writer_app.engine.compiled_step import main as compile_main

        return compile_main(argv[1:])
    if argv and argv[0] in ("run", "models", "export"):
        from writer_app.cli import main as cli_main

        logging.basicConfig(
            level=os.environ.get("INKWELL_LOG", "WARNING"), format="%(levelname)s %(name)s: %(message)s"
        )
        return cli_main(argv)
    args = build_parser().parse_args(argv)
    if args.version:
        from writer_app import __version__

        print(__version__)
        return 0
    logging.basicConfig(level=os.environ.get("INKWELL_LOG", "WARNING"), format="%(levelname)s %(name)s: %(message)s")
    if args.self_test:
        from writer_app.self_test import main as self_test_main

        return self_test_main(args)
    return run_gui(args)


def run_gui(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QLocale, QTimer, QTranslator
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from writer_app import APP_ID, APP_NAME
    from writer_app.gui.application import InkwellApplication
    from writer_app.paths import AppPaths
    from writer_app.resources import resource_path

    qapp = QApplication.instance() or QApplication([sys.argv[0]])
    qapp.setApplicationName(APP_NAME)
    qapp.setOrganizationName(APP_NAME)
    qapp.setDesktopFileName(APP_ID)
    qapp.setWindowIcon(QIcon(str(resource_path("icons", "inkwell.svg"))))
    # Compiled translations (inkwell_<lang>.qm, built from the .ts sources) when present.
    translator = QTranslator(qapp)
    if translator.load(QLocale(), "inkwell", "_", str(resource_path("translations"))):
        qapp.installTranslator(translator)

    controller = InkwellApplication(qapp, AppPaths.from_environment())
    window = controller.start(
        args.files,
        offer_recovery=not args.no_recovery and not args.exit_after_paint,
        start_engine=not args.exit_after_paint and not args.no_engine,
    )

    if args.exit_after_paint:
        from writer_app.gui.paint_probe import on_first_paint

        def report() -> None:
            print(
                json.dumps({"first_paint_s": round(process_age_s(), 4), "torch_imported": "torch" in sys.modules}),
                flush=True,
            )
            controller.shutdown()
            qapp.quit()

        on_first_paint(window.editor.viewport(), lambda: QTimer.singleShot(0, report))
    if args.test_type and not args.test_type_rate:
        from PySide6.QtTest import QTest

        QTimer.singleShot(200, lambda: QTest.keyClicks(window.editor, args.test_type))
    if args.test_type_rate or args.test_restore:
        from writer_app.gui.trial_hooks import install_trial_hooks

        install_trial_hooks(controller, args)
    controller.models_shutdown_ms = 1000  # quit within 2 s (windows, settings and exit take the rest), even mid-load
    code = qapp.exec()
    if controller.models_left_running or "torch" in sys.modules:
        # Settings, notes and recovery copies are on disk by now. Ending here spares the writer
        # Qt's abort for a worker still inside one model call, and a second of tearing torch down.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
