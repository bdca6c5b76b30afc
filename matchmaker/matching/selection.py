"""Shared by single and batch ranking: filter, boost and order candidate pairs, then explain the top k."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from . import reasons as R
from .documents import Match, Reason, StudentDoc  # noqa: F401 - Reason re-exported for callers
from .scoring import StudentArrays, harmonic, max_boost, offer_fit

if TYPE_CHECKING:
    from .ranker import Ranker


@dataclass
class Selection:
    """Candidate pairs sorted by (row, -fit, offer id); `top` indexes the k best per row."""

    rows: np.ndarray
    idx: np.ndarray
    text: np.ndarray
    fit: np.ndarray
    applied: dict[str, np.ndarray]
    top: np.ndarray
    kept: np.ndarray
    redo: np.ndarray


def select(ranker: Ranker, rows: np.ndarray, idx: np.ndarray, text: np.ndarray, n_rows: int,
           sa: StudentArrays, k: int, floor: np.ndarray, today: date, apply_filters: bool) -> Selection:
    """Filter and boost candidate (row, offer) pairs and keep the k best per row.

    floor[r] is the lowest text score fetched for row r when offers below it were left out (else -1);
    rows whose k-th score could be beaten by a left-out offer are flagged in `redo`.
    """
    table, sizes = ranker.table_, ranker.boosts_
    if apply_filters and len(idx):
        keep = table.filter_pairs(rows, idx, sa, today)
        rows, idx, text = rows[keep], idx[keep], text[keep]
    boost, applied = table.boost_pairs(rows, idx, sa, sizes)
    scale = 1 + max_boost(sizes)
    fit = text * (1 + boost) / scale
    order = np.lexsort((ranker.id_rank_[idx], -fit, rows))
    rows, idx, text, fit = rows[order], idx[order], text[order], fit[order]
    applied = {name: hit[order] for name, hit in applied.items()}
    starts = np.searchsorted(rows, np.arange(n_rows + 1))
    rank = np.arange(len(rows)) - starts[rows] if len(rows) else np.zeros(0, dtype=np.int64)
    top = np.flatnonzero(rank < k)
    kept = np.minimum(np.diff(starts), k)
    kth = np.full(n_rows, np.inf)
    has = kept > 0
    kth[has] = fit[starts[:-1][has] + kept[has] - 1]
    # A left-out offer has text <= floor, so its fit is at most floor * (1 + best boost for this student).
    bound = floor * (1 + sa.best_boost(sizes)) / scale
    redo = (floor > 0) & ((kept < k) | (kth <= bound))
    return Selection(rows, idx, text, fit, applied, top, kept, redo)


BOOST_ORDER = ("municipality", "county", "remote", "relocate", "contract", "sparse")


@dataclass
class Explained:
    """Top pairs with components and reasons as flat arrays: cheap to pickle between processes."""

    row: np.ndarray  # student row of each pair, pairs ordered by (row, rank)
    offer: np.ndarray
    text: np.ndarray
    fit: np.ndarray
    offer_fit: np.ndarray
    term_ptr: np.ndarray  # term reasons of pair p: term_label/term_weight[term_ptr[p]:term_ptr[p + 1]]
    term_label: np.ndarray
    term_weight: np.ndarray
    have: np.ndarray  # bit i set: the offer's skill i is covered (first 63 skills)
    boosts: np.ndarray  # bit i set: boost BOOST_ORDER[i] applied


def explain(ranker: Ranker, X: sp.csr_matrix, sel: Selection, students: Sequence[StudentDoc | None],
            sa: StudentArrays, with_reasons: bool) -> Explained:
    """Offer-side fit, skills covered, boosts and top terms for the top pairs of each row."""
    top = sel.top
    rows, idx = sel.rows[top], sel.idx[top]
    n = len(top)
    term_ptr = np.zeros(n + 1, dtype=np.int64)
    term_label = np.zeros(0, dtype=np.int32)
    term_weight = np.zeros(0, dtype=np.float32)
    if with_reasons and n:
        products = sp.csr_matrix(X[rows].multiply(ranker.offer_matrix_[idx]))
        vec = ranker.vectorizer_
        term_ptr, term_label, term_weight = R.top_terms(products, vec.label_ids_, len(vec.label_names_),
                                                        ranker.n_terms)
    prog = ranker.table_.program_pairs(rows, idx, sa)
    cover = np.ones(n)
    have_bits = np.zeros(n, dtype=np.int64)
    skill_cache: dict[int, tuple] = {}
    names = ranker.vectorizer_.feature_names_
    for j, (r, o) in enumerate(zip(rows.tolist(), idx.tolist(), strict=True)):
        offer_skills = ranker.offer_skills_[o]
        if not offer_skills:
            continue
        skills = skill_cache.get(r)
        if skills is None:
            s = students[r]
            words = frozenset(names[i] for i in X.indices[X.indptr[r]:X.indptr[r + 1]])
            skills = skill_cache[r] = R.student_skill_sets(ranker.analyzer_, s.skills if s else (), words)
        bits = R.skill_bits(offer_skills, *skills)
        have_bits[j] = bits
        cover[j] = bits.bit_count() / len(offer_skills)
    t = sel.text[top]
    boosts = np.zeros(n, dtype=np.int8)
    for b, name in enumerate(BOOST_ORDER):
        boosts |= (sel.applied[name][top].astype(np.int8) << b)
    return Explained(rows, idx, t, sel.fit[top], offer_fit(t, prog, cover), term_ptr, term_label, term_weight,
                     have_bits, boosts)


def materialize(ranker: Ranker, student_ids: Sequence[str], ex: Explained, with_reasons: bool
                ) -> list[list[Match]]:
    """Build Match and Reason objects from Explained arrays."""
    out: list[list[Match]] = [[] for _ in student_ids]
    labels = ranker.vectorizer_.label_names_
    sizes = ranker.boosts_
    ptr = ex.term_ptr.tolist()
    tl, tw = ex.term_label.tolist(), ex.term_weight.tolist()
    for j, (r, o, t, f, of, hv, bs) in enumerate(zip(
            ex.row.tolist(), ex.offer.tolist(), ex.text.tolist(), ex.fit.tolist(), ex.offer_fit.tolist(),
            ex.have.tolist(), ex.boosts.tolist(), strict=True)):
        reasons = []
        if with_reasons:
            reasons = [Reason("term", labels[tl[i]], tw[i]) for i in range(ptr[j], ptr[j + 1])]
            reasons += R.skill_reasons(ranker.offer_skills_[o], hv)
            if bs:
                reasons.extend(R.boost_reasons(bs, sizes, ranker.offers_[o], BOOST_ORDER))
        out[r].append(Match(ranker.offer_ids_[o], student_ids[r], f, t, f, of, harmonic(f, of), reasons))
    return out
