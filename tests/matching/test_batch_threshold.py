"""A candidate threshold (learnt from the previous chunk) spares work but never changes the results."""

from __future__ import annotations

import pytest

from matchmaker.matching import Ranker
from matchmaker.matching.batch import rank_chunk
from matchmaker.matching.selection import materialize

from .test_batch_persistence import TODAY, _docs, _key


@pytest.mark.parametrize("threshold", [0.0, 0.05, 0.2, 0.5, 2.0])
def test_threshold_keeps_batch_equal_to_single_ranking(threshold: float) -> None:
    offers, students = _docs(150, 120)
    r = Ranker(overfetch=2).fit(offers, students)
    tune = {"threshold": threshold}
    ex = rank_chunk(r, students, 5, 20, True, TODAY, True, tune)
    got = materialize(r, [s.id for s in students], ex, True)
    for s, ms in zip(students, got, strict=True):
        assert _key(ms) == _key(r.rank_offers(s, k=5, today=TODAY)), s.id
    assert "threshold" in tune  # re-learnt from this chunk (120 rows)


def test_threshold_is_kept_when_few_rows_are_cut_short_and_dropped_when_many_are() -> None:
    offers, students = _docs(150, 120)
    r = Ranker(overfetch=2).fit(offers, students)
    tune: dict = {}
    rank_chunk(r, students, 5, 20, True, TODAY, True, tune)
    learnt = tune["threshold"]
    assert learnt > 0
    # At the 1 % quantile of the m-th scores about 1 % of the rows are cut short: they count at the
    # threshold, so the next chunk still has one (counted at 0 they pulled it down to nothing).
    tune = {"threshold": learnt / 0.98}
    rank_chunk(r, students, 5, 20, True, TODAY, True, tune)
    assert tune["threshold"] > 0.9 * learnt
    tune = {"threshold": 2.0}  # above every score: every row is cut short
    rank_chunk(r, students, 5, 20, True, TODAY, True, tune)
    assert tune["threshold"] == 0.0
