"""Opening torch's libraries before ``import torch``, with the GIL released."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from writer_app.engine.preload import native_libraries

pytestmark = pytest.mark.core


def test_finds_torch_and_tokenizers_libraries_without_importing_them():
    names = [path.name for path in native_libraries()]
    assert any(name.startswith("libtorch_cpu") for name in names)
    assert any(name.startswith("_C.") for name in names)
    assert any(name.startswith("tokenizers") for name in names)
    # Dependencies come before the extension module that needs them.
    assert names.index(next(n for n in names if n.startswith("libtorch_cpu"))) < names.index(
        next(n for n in names if n.startswith("_C."))
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/maps")
def test_preloaded_libraries_are_mapped_before_the_import_and_torch_still_works():
    script = textwrap.dedent(
        """
        import sys
        from writer_app.engine.preload import preload_native_libraries
        opened = preload_native_libraries()
        assert "torch" not in sys.modules
        maps = open("/proc/self/maps").read()
        assert "libtorch_cpu" in maps and "tokenizers" in maps, "not mapped"
        import torch
        assert float((torch.ones(3) * 2).sum()) == 6.0
        print(opened)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=dict(os.environ)
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert int(result.stdout.split()[-1]) >= 3
    # How long the GUI thread stalls meanwhile is measured by bench/panels.py (warm-up).
