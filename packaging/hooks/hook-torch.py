"""Inkwell's hook for torch (replaces pyinstaller-hooks-contrib's, which takes everything).

Collects torch's Python modules except tests and tools, its shared libraries
(bundle_contents.keep_binary drops the test ones later), and no headers.
"""

import sys
from pathlib import Path

from PyInstaller.utils.hooks import (
    PY_DYLIB_PATTERNS,
    collect_data_files,
    collect_dynamic_libs,
    collect_submodules,
    get_package_paths,
)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bundle_contents import is_excluded_module  # noqa: E402

hiddenimports = collect_submodules("torch", filter=lambda name: not is_excluded_module(name))
datas = collect_data_files(
    "torch",
    excludes=[
        "**/*.h",
        "**/*.hpp",
        "**/*.cuh",
        "**/*.lib",
        "**/*.cpp",
        "**/*.pyi",
        "**/*.cmake",
        "include/**",
        "test/**",
        "bin/**",
        "share/**",
    ],
)
binaries = collect_dynamic_libs("torch", search_patterns=PY_DYLIB_PATTERNS + ["*.so.*"])
# torch looks for its shared-memory helper at import (the rest of torch/bin is tests and protoc).
_shm_manager = (
    Path(get_package_paths("torch")[1])
    / "bin"
    / ("torch_shm_manager.exe" if sys.platform == "win32" else "torch_shm_manager")
)
if _shm_manager.is_file():
    binaries.append((str(_shm_manager), "torch/bin"))
warn_on_missing_hiddenimports = False
# torch finds libraries relative to torch/lib: no symlinks to the top folder (see the contrib hook).
bindepend_symlink_suppression = ["**/torch/lib/*.so*"]
# torch reads the source of its config modules at import (torch.utils._config_module).
module_collection_mode = "pyz+py"


def _cuda_packages() -> list[str]:
    """A CUDA torch from PyPI loads its CUDA libraries from nvidia-* packages (the contrib hooks collect those)."""
    from importlib.metadata import distribution

    from _pyinstaller_hooks_contrib.utils.nvidia_cuda import infer_hiddenimports_from_requirements
    from packaging.requirements import Requirement

    requirements = [Requirement(text) for text in distribution("torch").requires or []]
    names = [req.name for req in requirements if req.marker is None or req.marker.evaluate()]
    return infer_hiddenimports_from_requirements(names)


if sys.platform.startswith("linux"):
    hiddenimports += _cuda_packages()
