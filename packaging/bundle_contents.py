"""What goes into the installer bundle and what is left out (read by inkwell.spec).

Kept separate from the spec so the rules are plain Python a test can check.
"""

from __future__ import annotations

import fnmatch
import importlib.util
from functools import cache
from pathlib import Path, PurePath

# Model families the bundle can load: the catalogue's (llama for SmolLM2 and
# Llama 3.2, gemma3, bert for MiniLM, qwen2, gpt2, bart, distilbert) and the
# common ones a writer may point Inkwell at as a local folder. The other
# families keep their configuration and tokenizer modules (transformers' Auto
# classes read those) but not their model code.
KEPT_MODEL_FAMILIES = frozenset(
    {
        "auto",
        "encoder_decoder",
        "llama",
        "gemma",
        "gemma2",
        "gemma3",
        "bert",
        "qwen2",
        "qwen3",
        "gpt2",
        "bart",
        "distilbert",
        "mistral",
        "phi",
        "phi3",
        "gpt_neox",
        "opt",
        "t5",
        "roberta",
        "mpnet",
        "xlm_roberta",
        "stablelm",
        "olmo",
        "olmo2",
        "granite",
        "smollm3",
        "falcon",
        "gptj",
        "pegasus",
        "mbart",
    }
)
# Module prefixes within a model family that are always kept.
_FAMILY_MODULES_KEPT = ("__init__", "configuration_", "tokenization_")

# Never imported by Inkwell (nor by what it imports, at run time).
EXCLUDED_MODULES = [
    # transformers: training, pipelines, command line, test helpers
    "transformers.trainer",
    "transformers.trainer_callback",
    "transformers.trainer_jit_checkpoint",
    "transformers.trainer_optimizer",
    "transformers.trainer_pt_utils",
    "transformers.trainer_seq2seq",
    "transformers.trainer_utils",
    "transformers.training_args",
    "transformers.training_args_seq2seq",
    "transformers.pipelines",
    "transformers.cli",
    "transformers.commands",
    "transformers.testing_utils",
    "transformers.hyperparameter_search",
    "transformers.data",
    "transformers.optimization",
    "transformers.exporters",
    "transformers.modelcard",
    # torch: TensorBoard export. (Its tests and distributed code stay: torch's
    # own modules import them, down to transformers' model classes.)
    "torch.utils.tensorboard",
    # never used, but found by the import analysis through optional imports
    "tkinter",
    "IPython",
    "matplotlib",
    "scipy",
    "pandas",
    "sklearn",
    "tensorboard",
    "onnx",
    "onnxruntime",
    "onnxscript",
    "llama_cpp",
    "pytest",
    "pytestqt",
    "_pytest",
    "hypothesis",
    "sentencepiece",
    "torchvision",
    "torchaudio",
    "av",
    "cv2",
    "PIL",
    "datasets",
    "evaluate",
    "PySide6.QtNetwork",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtOpenGL",
    "PySide6.QtPdf",
    "PySide6.QtMultimedia",
    "PySide6.QtWebEngineCore",
    "PySide6.QtSql",
    "PySide6.QtDesigner",
]

# Shared libraries and data never needed: torch's test libraries, static
# libraries and tools; Qt's QML, Quick, PDF and network/TLS parts.
_EXCLUDED_BINARIES = [
    "*libjitbackend_test*",
    "*libtorchbind_test*",
    "*libbackend_with_compiler*",
    "*libaoti_custom_ops*",
    "*.a",
    "*libQt6Qml*",
    "*libQt6Quick*",
    "*libQt6Pdf*",
    "*libQt6Network*",
    "*libQt6VirtualKeyboard*",
    "*libQt6Multimedia*",
    "*libQt6Sql*",
    "*Qt6Qml*.dll",
    "*Qt6Quick*.dll",
    "*Qt6Pdf*.dll",
    "*/plugins/tls/*",
    "*/plugins/networkinformation/*",
    "*/plugins/qmltooling/*",
    "*/plugins/sqldrivers/*",
    "*/plugins/multimedia/*",
    "*/plugins/imageformats/*pdf*",
    "*/plugins/virtualkeyboard/*",
    # GTK's theme plugin would load the system's GTK against the bundle's older GLib.
    "*/plugins/platformthemes/*gtk3*",
]
# Kept only in GPU builds: the compiler stack, and CUDA runtimes found on the
# build machine through ctypes (a CPU torch never loads them).
_GPU_ONLY_BINARIES = ["*triton*", "*libcudart*", "*cudart64*", "*libamdhip*", "*libhiprtc*"]
_EXCLUDED_DATA = [
    "torch/include/*",
    "torch/test/*",
    "torch/share/*",
    "torch/bin/*",
    "*.pyi",
    "*.h",
    "*.hpp",
    "*.cuh",
    "*.cpp",
    "*.cmake",
    "PySide6/Qt/translations/qtwebengine*",
    "PySide6/Qt/qml/*",
    "PySide6/*.pyi",
]


def _matches(path: str, patterns: list[str]) -> bool:
    posix = PurePath(path).as_posix()
    return any(fnmatch.fnmatch(posix, pattern) or fnmatch.fnmatch(posix, f"*/{pattern}") for pattern in patterns)


def keep_binary(dest: str, gpu_build: bool = False) -> bool:
    """Whether a shared library (by its path inside the bundle) goes into the bundle."""
    if _matches(dest, _EXCLUDED_BINARIES):
        return False
    return gpu_build or not _matches(dest, _GPU_ONLY_BINARIES)


def keep_data(dest: str) -> bool:
    return not _matches(dest, _EXCLUDED_DATA)


def excluded_modules() -> list[str]:
    """Every module (or package) the analysis must leave out."""
    return EXCLUDED_MODULES + excluded_transformers_modules()


def is_excluded_module(name: str) -> bool:
    """Whether the module *name* is left out of the bundle (for collect_submodules filters)."""
    return any(name == prefix or name.startswith(prefix + ".") for prefix in _excluded_set())


@cache
def _excluded_set() -> frozenset[str]:
    return frozenset(excluded_modules())


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def excluded_transformers_modules() -> list[str]:
    """The model-code modules of the transformers families the bundle leaves out."""
    models = _package_dir("transformers") / "models"
    excluded = []
    for family in sorted(path for path in models.iterdir() if (path / "__init__.py").is_file()):
        for module in sorted(family.glob("*.py")):
            if family.name in KEPT_MODEL_FAMILIES:
                continue
            if module.stem.startswith(_FAMILY_MODULES_KEPT):
                continue
            excluded.append(f"transformers.models.{family.name}.{module.stem}")
    return excluded
