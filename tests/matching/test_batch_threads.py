"""The batch never forks worker processes from a process that runs other threads (fork would deadlock)."""

from __future__ import annotations

import threading
from datetime import date

import pytest

from matchmaker.matching import OfferDoc, Ranker, StudentDoc
from matchmaker.matching import batch as batch_module

TODAY = date(2026, 11, 23)


def test_no_fork_while_other_threads_run(monkeypatch: pytest.MonkeyPatch) -> None:
    offers = [OfferDoc(id=f"o{i}", title=f"Utvecklare {i}", description="Python och system " * (i % 3 + 1))
              for i in range(30)]
    students = [StudentDoc(id=f"s{i}", about=f"Jag kan Python och system {i}") for i in range(40)]
    ranker = Ranker().fit(offers)
    expected = list(ranker.top_k_all(students, k=3, n_jobs=1, today=TODAY, chunk_size=8))

    def no_fork(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("forked worker processes while another thread was running")

    monkeypatch.setattr(batch_module.mp, "get_context", no_fork)
    stop = threading.Event()
    other = threading.Thread(target=stop.wait, daemon=True)
    other.start()
    try:
        got = list(ranker.top_k_all(students, k=3, n_jobs=2, today=TODAY, chunk_size=8))
    finally:
        stop.set()
        other.join()
    assert [(sid, [m.offer_id for m in ms]) for sid, ms in got] == [
        (sid, [m.offer_id for m in ms]) for sid, ms in expected
    ]
