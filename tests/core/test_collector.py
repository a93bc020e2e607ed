"""Loading with the cyclic garbage collector paused, and what was made set aside afterwards."""

from __future__ import annotations

import gc

import pytest

from writer_app.core.collector import collector_paused

pytestmark = pytest.mark.core


class Node:
    def __init__(self):
        self.me = self  # a cycle: only the collector frees it


def test_no_collection_runs_within_and_what_was_made_is_frozen():
    gc.collect()
    frozen = gc.get_freeze_count()
    passes = []
    gc.callbacks.append(lambda phase, info: passes.append(info["generation"]) if phase == "start" else None)
    try:
        with collector_paused():
            assert not gc.isenabled()
            kept = [Node() for _ in range(50_000)]  # far past generation 0's threshold
            assert passes == []
        assert gc.isenabled()
        assert gc.get_freeze_count() >= frozen + len(kept)  # set aside from every later pass
    finally:
        gc.callbacks.pop()
        gc.unfreeze()


def test_an_error_within_still_restores_the_collector_and_nesting_keeps_it_off():
    try:
        with pytest.raises(RuntimeError), collector_paused():
            with collector_paused():
                pass
            assert not gc.isenabled()  # the inner pause does not switch it back on
            raise RuntimeError("a failed load")
        assert gc.isenabled()
        gc.disable()
        with collector_paused():
            pass
        assert not gc.isenabled()  # left as it was found
    finally:
        gc.enable()
        gc.unfreeze()


def test_as_a_decorator():
    @collector_paused()
    def load():
        return gc.isenabled()

    try:
        assert load() is False and load() is False  # each call pauses anew
        assert gc.isenabled()
    finally:
        gc.unfreeze()
