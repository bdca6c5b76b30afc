"""The garbage collector pause around reading and fitting: off inside, as it was after, even on errors."""

from __future__ import annotations

import gc
import json

import pytest

from matchmaker.matching.documents import OfferDoc
from matchmaker.matching.gcpause import paused_gc
from matchmaker.matching.jsonio import InputError, read_offers
from matchmaker.matching.ranker import Ranker


@pytest.fixture
def gc_enabled():
    was = gc.isenabled()
    gc.enable()
    yield
    (gc.enable if was else gc.disable)()  # as before the test, whatever the test did


def test_the_pause_disables_and_restores_the_collector(gc_enabled) -> None:
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: the inner block must not re-enable it early
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled(gc_enabled) -> None:
    gc.disable()
    with paused_gc():
        pass
    assert not gc.isenabled()


def test_reading_and_fitting_leave_the_collector_on_even_when_the_input_is_bad(gc_enabled, tmp_path) -> None:
    good = tmp_path / "offers.jsonl"
    good.write_text(json.dumps({"id": "o1", "title": "Python"}) + "\n", encoding="utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "o1", "title": "Python"}\n{not json\n', encoding="utf-8")
    offers = read_offers(good)
    assert gc.isenabled()
    with pytest.raises(InputError, match="line 2"):
        read_offers(bad)
    assert gc.isenabled()
    Ranker().fit(offers)
    assert gc.isenabled()
    with pytest.raises(ValueError, match="unique"):
        Ranker().fit([OfferDoc("o1"), OfferDoc("o1")])
    assert gc.isenabled()
