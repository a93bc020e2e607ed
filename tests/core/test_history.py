import pytest
from hypothesis import given
from hypothesis import strategies as st

from writer_app.core.history import (
    HistoryEntry,
    added,
    ai_report,
    entries_from_records,
    locate,
    marked_accepted,
    matching,
)

pytestmark = pytest.mark.core


def entry(text, kind="continue", created=0.0, at=None):
    return HistoryEntry(kind=kind, text=text, model_id="m", created=created, accepted_at=at)


@given(st.lists(st.booleans(), max_size=30), st.integers(min_value=1, max_value=20))
def test_pruning_keeps_the_limit_and_accepted_entries_longest(accepted_flags, limit):
    entries = [entry(f"t{i}", created=i, at=0 if flag else None) for i, flag in enumerate(accepted_flags)]
    kept = added([], entries, limit)
    assert len(kept) == min(limit, len(entries))
    assert [e.created for e in kept] == sorted(e.created for e in kept)  # order kept
    dropped = [e for e in entries if e not in kept]
    if any(e.accepted for e in dropped):
        assert all(e.accepted for e in kept)  # an accepted one goes only when no unaccepted one is left


def test_records_search_and_acceptance():
    first = entry("The rain fell on the roof.", created=1)
    second = marked_accepted(entry("A knock at the door.", kind="rewrite", created=2), 40)
    restored = entries_from_records([first.to_dict(), second.to_dict(), {"kind": "poem"}, "junk"])
    assert restored == [first, second] and restored[1].accepted and restored[1].accepted_time
    assert matching(restored, "KNOCK") == [second]
    assert matching(restored, "") == [second, first]  # newest first


def test_the_report_finds_accepted_passages_and_how_much_they_changed():
    model = "The candles burned low while the wind rattled every shutter of the old house."
    kept = "The rain fell. " * 5 + model + " Then she slept."
    edited = kept.replace("every shutter of the old house", "the shutters")
    entries = [
        marked_accepted(entry(model), 75),
        entry("never taken"),
        marked_accepted(entry("Gone entirely now."), 10),
    ]
    assert locate(kept, entries[0]).similarity == 1.0
    place = locate(edited, entries[0])
    assert place.start is not None and 0.3 < place.similarity < 1.0
    assert locate(edited, entries[2]).start is None
    report = ai_report(edited, entries, "Storm")
    assert report.startswith("# AI report: Storm")
    assert "3 suggestions in all; 2 were accepted" in report
    assert "changed" in report and "removed" in report and "never taken" not in report
