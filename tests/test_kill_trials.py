"""A real Inkwell killed with SIGKILL mid-typing gives its work back at the next start (bench/kill_trials.py)."""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

pytestmark = pytest.mark.reliability

BENCH = Path(__file__).resolve().parent.parent / "bench" / "kill_trials.py"


def load_bench():
    spec = importlib.util.spec_from_file_location("kill_trials", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_killed_typing_comes_back_within_two_seconds():
    bench = load_bench()
    rng = random.Random(7)
    results = []
    for with_file in (False, True, False):
        # At least 3 s of typing, so an autosave (at most 1.5 s after the first change) must have happened.
        result = bench.run_trial(rng.uniform(3.0, 4.5), rate=8.0, with_file=with_file)
        results.append(result | {"with_file": with_file})
    for result in results:
        assert result["failure"] is None, result
        assert result["offered"] == 1, result
        assert result["restored_chars"] > 0, result
        assert result["lost_s"] <= 2.0, result
