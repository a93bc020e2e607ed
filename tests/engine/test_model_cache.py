import pytest

from writer_app.engine.model_cache import ModelCache

pytestmark = pytest.mark.core


def test_least_recently_used_model_is_unloaded_first():
    freed = []
    cache = ModelCache(budget_bytes=100, on_evict=freed.append)
    cache.put("a", "A", 40)
    cache.put("b", "B", 40)
    assert cache.get("a") == "A"  # a is now the most recent
    evicted = cache.put("c", "C", 40)
    assert evicted == ["b"] and freed == ["B"]
    assert cache.keys() == ["a", "c"]
    assert cache.used_bytes == 80


def test_a_model_bigger_than_the_budget_is_kept_alone():
    freed = []
    cache = ModelCache(budget_bytes=100, on_evict=freed.append)
    cache.put("small", "S", 10)
    cache.put("huge", "H", 500)
    assert cache.keys() == ["huge"] and freed == ["S"]


def test_clear_frees_everything():
    freed = []
    cache = ModelCache(budget_bytes=100, on_evict=freed.append)
    cache.put("a", "A", 1)
    cache.put("b", "B", 1)
    cache.clear()
    assert cache.keys() == [] and sorted(freed) == ["A", "B"]
    assert cache.get("a") is None
