"""The package's layers point one way (docs/ARCHITECTURE.md), read from the source's own imports.

core ← engine ← tasks ← service ← gui: each layer imports only the ones
before it, and only the engine imports torch. Imports under ``if
TYPE_CHECKING:`` are left out (they never run); imports inside functions
count, lazy or not.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.core

PACKAGE = Path(__file__).resolve().parent.parent / "writer_app"
LAYERS = ("core", "documents", "engine", "tasks", "service", "gui")
TORCH = ("torch", "transformers", "accelerate", "tokenizers", "safetensors", "gguf")
# What each layer must not import (besides the layers above it).
FORBIDDEN = {
    "core": ("PySide6", *TORCH),
    "documents": TORCH,  # export and import: core and the document libraries (Qt's own for PDF)
    "engine": ("PySide6",),
    "tasks": ("PySide6", *TORCH),
    "service": TORCH,
    "gui": TORCH,
}
# Tasks are written against the backend protocol: of the engine, they see only that.
TASKS_MAY_IMPORT_FROM_ENGINE = ("writer_app.engine.backend",)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) for every import that can run (the package uses absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(child) for statement in node.body for child in ast.walk(statement)}
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path}:{node.lineno}: relative import"
            found.append((node.lineno, node.module))
            # "from writer_app.x import y" may import the module y.
            found += [
                (node.lineno, f"{node.module}.{alias.name}")
                for alias in node.names
                if (PACKAGE.parent / f"{node.module}.{alias.name}".replace(".", "/")).with_suffix(".py").exists()
            ]
    return found


def python_files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py"))


def starts_with(name: str, prefixes) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def test_layers_import_only_the_layers_below_them():
    wrong = []
    for position, layer in enumerate(LAYERS):
        above = tuple(f"writer_app.{other}" for other in LAYERS[position + 1 :])
        for path in python_files(PACKAGE / layer):
            for line, name in imports_of(path):
                if starts_with(name, above) or starts_with(name, FORBIDDEN[layer]):
                    wrong.append(f"{path.relative_to(PACKAGE.parent)}:{line} imports {name}")
                if (
                    layer == "tasks"
                    and starts_with(name, ("writer_app.engine",))
                    and name not in TASKS_MAY_IMPORT_FROM_ENGINE
                ):
                    wrong.append(
                        f"{path.relative_to(PACKAGE.parent)}:{line} imports {name} "
                        "(tasks see the engine only through its backend protocol)"
                    )
    assert wrong == []


def test_the_helpers_at_the_top_import_no_layer():
    for name in ("paths.py", "resources.py", "process_clock.py"):
        imported = [module for _line, module in imports_of(PACKAGE / name) if module.startswith("writer_app")]
        assert imported in ([], ["writer_app"]), (name, imported)


def test_no_two_modules_import_each_other():
    graph: dict[str, set[str]] = {}
    for path in python_files(PACKAGE):
        graph[module_name(path)] = {name for _line, name in imports_of(path) if name.startswith("writer_app")}
    modules = set(graph)
    cycles = []
    # A cycle is two modules each reachable from the other (a package and its own __init__ aside).
    reach: dict[str, set[str]] = {}
    for start in modules:
        seen, stack = set(), [start]
        while stack:
            for name in graph.get(stack.pop(), ()):
                if name in modules and name not in seen:
                    seen.add(name)
                    stack.append(name)
        reach[start] = seen
    for a in sorted(modules):
        for b in sorted(reach[a]):
            if a < b and a in reach[b] and not (b.startswith(a + ".") or a.startswith(b + ".")):
                cycles.append((a, b))
    assert cycles == []


def test_the_gui_and_the_service_never_load_torch():
    """Importing every GUI and service module (and building the service) leaves torch unloaded."""
    code = """
import importlib, pkgutil, sys
import writer_app.gui, writer_app.service, writer_app.tasks
for package in (writer_app.gui, writer_app.service, writer_app.tasks):
    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
from PySide6.QtCore import QCoreApplication
from writer_app.engine.config import EngineConfig
from writer_app.paths import AppPaths
from writer_app.service.service import InferenceService
app = QCoreApplication([])
service = InferenceService(EngineConfig.from_paths(AppPaths.from_environment()))
assert service.shutdown()
print(sorted(name for name in sys.modules if name.split(".")[0] in ("torch", "transformers")))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
