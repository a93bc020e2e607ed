"""Locate the top-level ``resources/`` and ``models/`` folders.

In a wheel they live in ``writer_app/_data``; in a source checkout (or an
editable install) they sit next to the package.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _data_root(name: str) -> Path:
    for candidate in (_PACKAGE_DIR / "_data" / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Inkwell's {name}/ folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    return _data_root("resources").joinpath(*parts)


def models_path(*parts: str) -> Path:
    return _data_root("models").joinpath(*parts)
