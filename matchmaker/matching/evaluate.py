"""Ranking quality: nDCG@k, Recall@k and MRR for the engine and a plain TF-IDF cosine baseline."""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from datetime import date

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from .documents import OfferDoc, StudentDoc
from .ranker import Ranker

Run = Mapping[str, Sequence[str]]  # student id -> ranked offer ids
Qrels = Mapping[str, Mapping[str, int]]  # student id -> {offer id: grade}


def metrics(run: Run, qrels: Qrels, k: int = 10) -> dict[str, float]:
    """Mean nDCG@k (gain 2^g - 1), Recall@k and MRR@k over students with at least one relevant offer."""
    ndcg = recall = mrr = 0.0
    n = 0
    for sid, judged in qrels.items():
        relevant = {o: g for o, g in judged.items() if g > 0}
        if not relevant:
            continue
        n += 1
        ranked = list(run.get(sid, ()))[:k]
        dcg = sum((2 ** relevant.get(o, 0) - 1) / math.log2(i + 2) for i, o in enumerate(ranked))
        ideal = sorted(relevant.values(), reverse=True)[:k]
        idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
        ndcg += dcg / idcg
        recall += sum(o in relevant for o in ranked) / len(relevant)
        mrr += next((1 / (i + 1) for i, o in enumerate(ranked) if o in relevant), 0.0)
    n = max(n, 1)
    return {f"nDCG@{k}": ndcg / n, f"Recall@{k}": recall / n, "MRR": mrr / n}


Split = tuple[list[OfferDoc], list[StudentDoc], dict[str, dict[str, int]]]


def split_by_group(offers: Sequence[OfferDoc], students: Sequence[StudentDoc], qrels: Qrels,
                   seed: int = 20261123) -> tuple[Split, Split]:
    """Two disjoint halves of a benchmark, whole relevance groups to one side, for held-out checks.

    A group is a connected component of the graph linking each student to its relevant offers (on the
    dev data: one 2-digit occupation group); offers nobody finds relevant are groups of their own. The
    groups are shuffled with `seed` and dealt into half A (first half of the groups) and half B, so a
    method chosen on A is measured on B on occupations it has never seen.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for sid, judged in qrels.items():
        for oid, grade in judged.items():
            if grade > 0:
                parent[find("s:" + sid)] = find("o:" + oid)
    groups = sorted({find("o:" + o.id) for o in offers} | {find("s:" + s.id) for s in students})
    random.Random(seed).shuffle(groups)
    in_a = set(groups[:len(groups) // 2])

    def half(a: bool) -> Split:
        os_ = [o for o in offers if (find("o:" + o.id) in in_a) == a]
        ss = [s for s in students if (find("s:" + s.id) in in_a) == a]
        ids = {o.id for o in os_}
        return os_, ss, {s.id: {o: g for o, g in qrels.get(s.id, {}).items() if o in ids} for s in ss}

    return half(True), half(False)


def offer_text(o: OfferDoc) -> str:
    """All text of an offer, as a plain pipeline would see it."""
    return " ".join([o.title, " ".join(o.skills), o.description])


def student_text(s: StudentDoc) -> str:
    """All text of a student, as a plain pipeline would see it."""
    return " ".join([" ".join(s.skills), s.interests, s.about])


def baseline_run(offers: Sequence[OfferDoc], students: Sequence[StudentDoc], k: int = 10,
                 chunk: int = 1000) -> dict[str, list[str]]:
    """Plain scikit-learn TfidfVectorizer(sublinear_tf=True) fitted on offers, cosine, top-k by id tie-break."""
    vec = TfidfVectorizer(sublinear_tf=True)
    Y = vec.fit_transform([offer_text(o) for o in offers])
    X = vec.transform([student_text(s) for s in students])
    ids = np.array([o.id for o in offers])
    id_rank = np.argsort(np.argsort(ids, kind="stable"), kind="stable")
    run: dict[str, list[str]] = {}
    YT = Y.T.tocsr()
    for a in range(0, X.shape[0], chunk):
        S = (X[a:a + chunk] @ YT).toarray()
        for r, s in enumerate(students[a:a + chunk]):
            row = S[r]
            order = np.lexsort((id_rank, -row))[:k]
            run[s.id] = [str(ids[j]) for j in order if row[j] > 0]
    return run


def engine_run(ranker: Ranker, students: Sequence[StudentDoc], k: int = 10, n_jobs: int = 2,
               today: date | None = None) -> dict[str, list[str]]:
    """The engine's top-k offer ids per student (filters on, no reasons needed)."""
    return {sid: [m.offer_id for m in ms]
            for sid, ms in ranker.top_k_all(students, k=k, n_jobs=n_jobs, with_reasons=False, today=today)}


def compare(offers: Sequence[OfferDoc], students: Sequence[StudentDoc], qrels: Qrels, k: int = 10,
            ranker: Ranker | None = None, n_jobs: int = 2) -> dict[str, dict[str, float]]:
    """Metrics for the engine (fitted on offers and students) and the baseline, side by side."""
    ranker = ranker if ranker is not None else Ranker()
    ranker.fit(offers, students)
    return {"engine": metrics(engine_run(ranker, students, k, n_jobs), qrels, k),
            "baseline": metrics(baseline_run(offers, students, k), qrels, k)}
