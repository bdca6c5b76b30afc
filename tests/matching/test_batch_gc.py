"""top_k_all and top_k_jsonl leave the garbage collector as they found it (enabled, nothing left frozen)."""

from __future__ import annotations

import gc

import pytest

from matchmaker.matching import Ranker
from matchmaker.matching.batch import top_k_jsonl

from .test_batch_persistence import TODAY, _docs


@pytest.mark.parametrize("jsonl", [False, True])
@pytest.mark.parametrize("n_jobs", [1, 2])
def test_collector_state_is_restored(n_jobs: int, jsonl: bool) -> None:
    offers, students = _docs(40, 30)
    r = Ranker().fit(offers)

    def run():  # noqa: ANN202
        if jsonl:
            return top_k_jsonl(r, students, k=3, n_jobs=n_jobs, today=TODAY, chunk_size=8)
        return r.top_k_all(students, k=3, n_jobs=n_jobs, today=TODAY, chunk_size=8)

    assert gc.get_freeze_count() == 0
    out = list(run())
    assert len(out) == (4 if jsonl else 30) and gc.isenabled() and gc.get_freeze_count() == 0
    # Abandoned half way: closing the generator unfreezes too.
    it = run()
    next(it)
    it.close()
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_an_existing_freeze_is_left_alone() -> None:
    offers, students = _docs(40, 10)
    r = Ranker().fit(offers)
    sentinel = [object()]  # a tracked object of the caller's freeze
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        list(r.top_k_all(students, k=3, n_jobs=1, today=TODAY))
        # Not unfrozen, nothing added to it (frozen objects the batch drops, such as the fit's entry arrays
        # fastvec.warm uses once, may leave it).
        assert 0 < gc.get_freeze_count() <= before
        assert not any(o is sentinel for o in gc.get_objects())  # still in the permanent generation
    finally:
        gc.unfreeze()
    assert any(o is sentinel for o in gc.get_objects())  # the check above can fail
