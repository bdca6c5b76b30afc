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
