"""Ranking metrics against hand-computed values."""

from __future__ import annotations

import math

import pytest

from matchmaker.matching.evaluate import metrics


def test_metrics_by_hand() -> None:
    qrels = {"s1": {"a": 2, "b": 1, "c": 0}, "s2": {"x": 1}, "s3": {"z": 0}}  # s3 has nothing relevant
    run = {"s1": ["b", "q", "a"], "s2": ["y", "w"]}
    got = metrics(run, qrels, k=3)
    dcg = (2**1 - 1) / math.log2(2) + (2**2 - 1) / math.log2(4)
    idcg = (2**2 - 1) / math.log2(2) + (2**1 - 1) / math.log2(3)
    assert got["nDCG@3"] == pytest.approx((dcg / idcg + 0.0) / 2)
    assert got["Recall@3"] == pytest.approx((2 / 2 + 0) / 2)
    assert got["MRR"] == pytest.approx((1 / 1 + 0) / 2)


def test_cutoff_applies() -> None:
    got = metrics({"s": ["x", "y", "a"]}, {"s": {"a": 1}}, k=2)
    assert got == {"nDCG@2": 0.0, "Recall@2": 0.0, "MRR": 0.0}


def test_split_by_group_keeps_relevance_groups_whole_and_is_deterministic() -> None:
    from matchmaker.matching import OfferDoc, StudentDoc
    from matchmaker.matching.evaluate import split_by_group

    offers = [OfferDoc(f"o{i}", description="x") for i in range(12)]
    students = [StudentDoc(f"s{i}", about="x") for i in range(6)]
    # Six groups: student i finds offers 2i and 2i+1 relevant; s0 and s1 share o1, so they are one group.
    qrels = {f"s{i}": {f"o{2 * i}": 2, f"o{2 * i + 1}": 1, "o11": 0} for i in range(6)}
    qrels["s1"]["o1"] = 1
    a, b = split_by_group(offers, students, qrels, seed=3)
    assert split_by_group(offers, students, qrels, seed=3) == (a, b)
    assert {o.id for o in a[0]} | {o.id for o in b[0]} == {o.id for o in offers}
    assert not {o.id for o in a[0]} & {o.id for o in b[0]}
    assert {s.id for s in a[1]} | {s.id for s in b[1]} == {s.id for s in students}
    for offers_half, students_half, q in (a, b):
        ids = {o.id for o in offers_half}
        for s in students_half:
            assert {o for o, g in qrels[s.id].items() if g > 0} <= ids  # nothing relevant left on the other side
            assert set(q[s.id]) <= ids
    side = {s.id: "a" for s in a[1]} | {s.id: "b" for s in b[1]}
    assert side["s0"] == side["s1"]
