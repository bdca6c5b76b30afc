"""Shared by single and batch ranking: filter, boost and order candidate pairs, then explain the top k."""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import repeat, starmap
from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from . import reasons as R
from .documents import Reason, ScoredPair, StudentDoc
from .pairterms import pair_terms
from .scoring import StudentArrays, max_boost, member, offer_fit

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
        keep = table.filter_pairs(rows, idx, sa, today, ranker.kind_preference == "filter")
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


class SkillIndex:
    """Offers' skill keys as integer arrays, so coverage of many pairs is a few numpy operations.

    A skill is covered when the student lists a skill with the same key, or when every word feature of
    the key is in the student's vector (reasons.skill_bits, vectorised). Only the first 63 skills of an
    offer get a bit, as in skill_bits.
    """

    def __init__(self, ranker: Ranker) -> None:
        self.src = ranker.offer_skills_
        self.vectorizer = ranker.vectorizer_
        vocab = ranker.vectorizer_.vocabulary_
        self.key_ids: dict[frozenset[str], int] = {}
        self.key_feats: list[tuple[int, ...] | None] = []  # None: a word outside the vocabulary
        self.by_text: dict[str, int] = {}  # a student's skill as written -> key id (-1: no key)
        n = len(self.src)
        self.n_skills = np.array([len(sk) for sk in self.src], dtype=np.int64)
        self.n_bits = np.minimum(self.n_skills, 63)
        self.ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(self.n_bits, out=self.ptr[1:])
        self.keys = np.array([self._key_id(key, vocab) for sk in self.src for _label, key in sk[:63]],
                             dtype=np.int64)
        self._arrays()

    def _key_id(self, key: frozenset[str], vocab: dict[str, int]) -> int:
        k = self.key_ids.get(key)
        if k is None:
            k = self.key_ids[key] = len(self.key_feats)
            feats = [vocab.get(f) for f in sorted(key)]
            self.key_feats.append(None if None in feats else tuple(feats))
        return k

    def _arrays(self) -> None:
        lens = [len(f) if f is not None else 0 for f in self.key_feats]
        self.kf_ptr = np.zeros(len(lens) + 1, dtype=np.int64)
        np.cumsum(lens, out=self.kf_ptr[1:])
        self.kf = np.array([j for f in self.key_feats if f is not None for j in f], dtype=np.int64)
        self.kf_ok = np.array([f is not None and len(f) > 0 for f in self.key_feats], dtype=bool)

    def student_keys(self, analyzer, students: Sequence[StudentDoc | None]) -> np.ndarray:  # noqa: ANN001
        """Sorted (row * n_keys + key id) of each student's listed skills that some offer also lists."""
        by_text, out = self.by_text, []
        width = len(self.key_feats) + 1
        for r, s in enumerate(students):
            if s is None:
                continue
            for text in s.skills:
                k = by_text.get(text)
                if k is None:
                    keys = R.skill_keys(analyzer, (text,))
                    k = self.key_ids.get(keys[0][1], -1) if keys else -1
                    by_text[text] = k
                if k >= 0:
                    out.append(r * width + k)
        return np.unique(np.array(out, dtype=np.int64))


_SKILLS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def skill_index(ranker: Ranker) -> SkillIndex:
    """The ranker's SkillIndex, rebuilt when its offers or vocabulary change."""
    ix = _SKILLS.get(ranker)
    if ix is None or ix.src is not ranker.offer_skills_ or ix.vectorizer is not ranker.vectorizer_:
        ix = _SKILLS[ranker] = SkillIndex(ranker)
    return ix


def skill_cover(ranker: Ranker, X: sp.csr_matrix, rows: np.ndarray, idx: np.ndarray,
                students: Sequence[StudentDoc | None]) -> tuple[np.ndarray, np.ndarray]:
    """Per pair: bit mask of the offer's skills the student covers, and the share covered (1: no skills)."""
    n = len(rows)
    cover = np.ones(n)
    have = np.zeros(n, dtype=np.int64)
    if not n:
        return have, cover
    ix = skill_index(ranker)
    nb = ix.n_bits[idx]
    total = int(nb.sum())
    if not total:
        return have, cover
    pair = np.repeat(np.arange(n, dtype=np.int64), nb)
    bit = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(nb) - nb, nb)
    kid = ix.keys[ix.ptr[idx][pair] + bit]
    prow = rows[pair].astype(np.int64)
    # Listed: the student lists a skill with the same key.
    width = len(ix.key_feats) + 1
    covered = member(prow * width + kid, ix.student_keys(ranker.analyzer_, students))
    # In their text: every word feature of the key is a non-zero of the student's row.
    nf = np.where(ix.kf_ok[kid], ix.kf_ptr[kid + 1] - ix.kf_ptr[kid], 0)
    nft = int(nf.sum())
    if nft:
        X = sp.csr_matrix(X)
        X.sort_indices()
        n_cols = X.shape[1]
        xkeys = np.repeat(np.arange(X.shape[0], dtype=np.int64), np.diff(X.indptr)) * n_cols + X.indices
        q = np.repeat(np.arange(total, dtype=np.int64), nf)
        off = np.arange(nft, dtype=np.int64) - np.repeat(np.cumsum(nf) - nf, nf)
        feat = ix.kf[np.repeat(ix.kf_ptr[kid], nf) + off]
        hit = member(prow[q] * n_cols + feat, xkeys)
        found = np.bincount(q, weights=hit, minlength=total)
        covered |= (nf > 0) & (found == nf)
    # Bits of one pair are distinct, so their sum is their union; each pair's bits are contiguous.
    vals = np.where(covered, np.left_shift(np.int64(1), bit), np.int64(0))
    with_sk = np.flatnonzero(nb > 0)
    have[with_sk] = np.add.reduceat(vals, (np.cumsum(nb) - nb)[with_sk])
    counts = np.bincount(pair[covered], minlength=n)
    has = ix.n_skills[idx] > 0
    cover[has] = counts[has] / ix.n_skills[idx][has]
    return have, cover


BOOST_ORDER = ("municipality", "county", "remote", "relocate", "contract", "sparse", "kind", "other_kind")


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
        vec = ranker.vectorizer_
        term_ptr, term_label, term_weight = pair_terms(X, ranker.offer_matrix_, rows, idx, vec.label_ids_,
                                                       len(vec.label_names_), ranker.n_terms)
    prog = ranker.table_.program_pairs(rows, idx, sa)
    have_bits, cover = skill_cover(ranker, X, rows, idx, students)
    t = sel.text[top]
    boosts = np.zeros(n, dtype=np.int16)
    for b, name in enumerate(BOOST_ORDER):
        boosts |= (sel.applied[name][top].astype(np.int16) << b)
    return Explained(rows, idx, t, sel.fit[top], offer_fit(t, prog, cover), term_ptr, term_label, term_weight,
                     have_bits, boosts)


def materialize(ranker: Ranker, student_ids: Sequence[str], ex: Explained, with_reasons: bool,
                cache: dict | None = None) -> list[list[ScoredPair]]:
    """Build ScoredPair and Reason objects from Explained arrays.

    Skill reasons depend only on (offer, skill bits) and boost reasons on (offer, boost bits): their
    (kind, label, weight) are computed once per distinct key (in `cache`, which a batch run passes from
    chunk to chunk) and every pair gets its own new Reason objects from them.
    """
    sizes = ranker.boosts_
    offer_ids = ranker.offer_ids_
    n = len(ex.row)
    if cache is None:
        cache = {}
    skill_tpl = cache.setdefault("skill", {})
    boost_tpl = cache.setdefault("boost", {})
    lists: list[list[Reason]]
    if with_reasons:
        ptr = ex.term_ptr.tolist()
        names = ranker.vectorizer_.label_names_
        tl = [names[i] for i in ex.term_label.tolist()]
        # All term reasons of the chunk in one C-level pass; each pair then takes its slice.
        terms = list(map(Reason, repeat("term", len(tl)), tl, ex.term_weight.tolist()))
        lists = []
        for j, (o, hv, bs) in enumerate(zip(ex.offer.tolist(), ex.have.tolist(), ex.boosts.tolist(),
                                            strict=True)):
            reasons = terms[ptr[j]:ptr[j + 1]]
            key = (o, hv)
            tpl = skill_tpl.get(key)
            if tpl is None:
                tpl = skill_tpl[key] = tuple((x.kind, x.label, x.weight)
                                             for x in R.skill_reasons(ranker.offer_skills_[o], hv))
            if tpl:
                reasons.extend(starmap(Reason, tpl))
            if bs:
                key = (o, bs)
                tpl = boost_tpl.get(key)
                if tpl is None:
                    tpl = boost_tpl[key] = tuple((x.kind, x.label, x.weight) for x in R.boost_reasons(
                        bs, sizes, ranker.offers_[o], BOOST_ORDER))
                reasons.extend(starmap(Reason, tpl))
            lists.append(reasons)
    else:
        lists = [[] for _ in range(n)]
    fit, ofit = ex.fit.astype(np.float64), ex.offer_fit.astype(np.float64)
    both = fit + ofit
    # harmonic(), vectorised with the same operations in the same order.
    recip = np.divide(2 * fit * ofit, both, out=np.zeros(n), where=both > 0).tolist()
    f, of = fit.tolist(), ofit.tolist()
    sids = [student_ids[r] for r in ex.row.tolist()]
    oids = [offer_ids[o] for o in ex.offer.tolist()]
    matches = list(map(ScoredPair, oids, sids, f, ex.text.tolist(), f, of, recip, lists))
    # Pairs are ordered by row: each student's matches are one slice.
    bounds = np.searchsorted(ex.row, np.arange(len(student_ids) + 1)).tolist()
    return [matches[bounds[i]:bounds[i + 1]] for i in range(len(student_ids))]
