"""The fitted offers laid out for the batch's candidate product: columns in filter order, dense rows.

The hard filters let each student through to the offers open to all programs plus those naming their
program (kernel's allowed masks). With the offers in the fitted order those are scattered over every
column; here the columns are ordered so they lie in a few ranges: offers open to all first, then the
offers naming programs by the programs they name, offers that are not open last. The kernel then adds the
frequent features' dense rows and scans for the best scores over those ranges only (kernel.mask_runs):
on the speed corpus, where half of the offers name programs and a tenth are closed, about a third less
work for the same scores. Candidates come back with the offers' own positions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

from .kernel import dense_features, int32_indices, top_m_product

if TYPE_CHECKING:
    from .ranker import Ranker
    from .scoring import OfferTable

Allowed = tuple[np.ndarray, np.ndarray]  # OfferTable.allowed: mask index per student row, offer masks


def filter_order(table: OfferTable) -> np.ndarray:
    """Offer positions in filter order: open ones first, among them open to all programs first, then by the
    first and second program they name (an offer naming two programs sits next to others naming both)."""
    n = table.n
    big = np.iinfo(np.int64).max
    first, second = np.full(n, big), np.full(n, big)
    keys = np.sort(table.program_keys)  # offer << 24 | program code: by offer, then code
    offer_of, code_of = keys >> 24, keys & ((1 << 24) - 1)
    if len(keys):
        starts = np.flatnonzero(np.concatenate([[True], offer_of[1:] != offer_of[:-1]]))
        first[offer_of[starts]] = code_of[starts]
        nxt = starts + 1
        two = nxt[nxt < len(keys)]
        two = two[offer_of[two] == offer_of[two - 1]]
        second[offer_of[two]] = code_of[two]
    return np.lexsort((second, first, ~table.open_to_all, ~table.static_open))


def offer_layout(ranker: Ranker) -> tuple[np.ndarray, sp.csr_matrix, tuple[np.ndarray, np.ndarray]]:
    """(order, the terms x offers matrix with its columns in that order, its dense rows): built once in the
    parent, shared with forked workers, rebuilt after a refit or upsert."""
    got = getattr(ranker, "_layout", None)
    if got is None or got[0] is not ranker.offer_t_ or got[1] is not ranker.table_:
        order = filter_order(ranker.table_)
        # Transposing the offers' rows in that order: a quarter of the time of selecting offer_t_'s columns.
        Y = int32_indices(ranker.offer_matrix_[order].T.tocsr())
        Y.sort_indices()
        got = ranker._layout = (ranker.offer_t_, ranker.table_, order, Y, dense_features(Y))
    return got[2:]


def candidates(ranker: Ranker, X: sp.csr_matrix, m: int, threshold: float = 0.0,
               allowed: Allowed | None = None) -> sp.csr_matrix:
    """Top-m text scores above `threshold` per student row among the offers its filters allow (only m
    entries per row are ever stored), columns the offers' positions (not sorted within a row)."""
    order, Y, dense = offer_layout(ranker)
    rows = None
    if allowed is not None:
        # Students with the same mask next to each other: a block of them then streams only its mask's
        # column ranges of the dense rows from memory.
        rows = np.argsort(allowed[0], kind="stable")
        X = X[rows]
        allowed = (allowed[0][rows], allowed[1][:, order])
    C = top_m_product(X, Y, m, threshold, allowed, dense=dense)
    C.indices = order[C.indices].astype(np.int32)
    if rows is not None:
        back = np.empty_like(rows)
        back[rows] = np.arange(len(rows))
        C = C[back]
    C.has_sorted_indices = False
    return C
