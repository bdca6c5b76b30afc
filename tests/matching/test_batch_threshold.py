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
