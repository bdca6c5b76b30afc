"""The fitted offers laid out for the batch's candidate product: filter order, shared and per-mask columns.

The hard filters let each student through to the offers open to all programs plus those naming their
program (OfferTable.allowed's masks). Here the columns are ordered so the first n_all are the open offers
for all programs, then the offers naming programs by the programs they name, offers not open last. The
product (splitkernel.py) accumulates the first n_all for every student and, per mask, only the other
offers it allows, from a small matrix of those offers' columns built once per mask and process. On the
speed corpus, where half of the offers name programs and a tenth are closed, that is half the postings
and half the accumulator. Candidates come back with the offers' own positions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import scipy.sparse as sp

from .jit import csr_arrays
from .kernel import BLOCK, DENSE_SHARE, dense_features, int32_indices
from .splitkernel import top_m_split

if TYPE_CHECKING:
    from .ranker import Ranker
    from .scoring import OfferTable

Allowed = tuple[np.ndarray, np.ndarray]  # OfferTable.allowed: mask index per student row, offer masks
MAX_MASKS = 256  # per-mask column sets kept per process (one per program and kinds combination in use)


class Layout(NamedTuple):
    """The fitted offers in filter order: order[j] is the offer at column j; Y the features x offers matrix in
    that order, offer_rows its transpose; shared the kernel's arrays for the first n_all columns; own: the
    masks' own columns built so far, by column set."""

    order: np.ndarray
    Y: sp.csr_matrix
    offer_rows: sp.csr_matrix
    n_all: int
    shared: tuple
    own: dict


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


def offer_layout(ranker: Ranker) -> Layout:
    """The ranker's Layout: built once in the parent, shared with forked workers, rebuilt after a refit or
    upsert."""
    got = getattr(ranker, "_layout", None)
    if got is None or got[0] is not ranker.offer_t_ or got[1] is not ranker.table_:
        table = ranker.table_
        order = filter_order(table)
        n_all = int((table.static_open & table.open_to_all).sum())
        # Transposing the offers' rows in that order: a quarter of the time of selecting offer_t_'s columns.
        offer_rows = ranker.offer_matrix_[order]
        Y = int32_indices(offer_rows.T.tocsr())
        Y.sort_indices()
        got = ranker._layout = (ranker.offer_t_, table,
                                Layout(order, Y, offer_rows, n_all, shared_arrays(Y, n_all), {}))
    return got[2]


def shared_arrays(Y: sp.csr_matrix, n_all: int, share: float = DENSE_SHARE) -> tuple[np.ndarray, ...]:
    """The kernel's arrays for the first n_all columns of Y (features x offers, sorted indices): pointers,
    per feature the end of its postings there (split), indices, values, and the dense rows cut to them."""
    row_of = np.repeat(np.arange(Y.shape[0]), np.diff(Y.indptr))
    split = Y.indptr[:-1] + np.bincount(row_of[Y.indices < n_all], minlength=Y.shape[0])
    dense_of, rows = dense_features(Y, share)
    return (Y.indptr, split.astype(Y.indptr.dtype), Y.indices, Y.data, dense_of,
            np.ascontiguousarray(rows[:, :n_all]))


def own_columns(offer_rows: sp.csr_matrix, n_all: int, masks: np.ndarray, cache: dict) -> tuple[np.ndarray, ...]:
    """The kernel's per-mask arrays for masks over the columns in filter order (offer_rows: offers x
    features in that order): r_ptr (per mask and feature, its range of postings in r_ind, a local column,
    and r_val) and r_cols (each mask's own columns, from r_start[k]). Each column set is built once per
    cache."""
    if len(cache) > MAX_MASKS:
        cache.clear()
    parts = []
    for mask in masks:
        cols = n_all + np.flatnonzero(mask[n_all:])
        key = cols.tobytes()
        got = cache.get(key)
        if got is None:
            sub = offer_rows[cols].T.tocsr()  # features x these offers
            got = cache[key] = (sub.indptr.astype(np.int64), sub.indices.astype(np.int32),
                                sub.data.astype(np.float32), cols.astype(np.int32))
        parts.append(got)
    offsets = np.cumsum([0] + [len(p[1]) for p in parts])
    r_ptr = np.empty((len(parts), offer_rows.shape[1] + 1), dtype=np.int64)
    for k, p in enumerate(parts):
        r_ptr[k] = p[0] + offsets[k]
    r_start = np.cumsum([0] + [len(p[3]) for p in parts]).astype(np.int64)
    cat = [np.concatenate([p[i] for p in parts]) if parts else np.zeros(0, dtype=t)
           for i, t in ((1, np.int32), (2, np.float32), (3, np.int32))]
    return r_ptr, cat[0], cat[1], cat[2], r_start


def split_product(X: sp.csr_matrix, Y: sp.csr_matrix, offer_rows: sp.csr_matrix, n_all: int, shared: tuple,
                  cache: dict, m: int, threshold: float, mask_of_row: np.ndarray, masks: np.ndarray
                  ) -> sp.csr_matrix:
    """kernel.top_m_product's result for X (sorted indices) times Y through splitkernel: Y's first n_all
    columns are shared by every mask (which may still refuse some of them), the others come from each mask's
    own column set (own_columns, kept in cache); blocks of BLOCK rows."""
    n_rows = X.shape[0]
    x_ptr, x_ind, x_val = csr_arrays(X, Y)[:3]
    masks = np.ascontiguousarray(masks, dtype=np.bool_)
    ptr, col, val = top_m_split(x_ptr, x_ind, x_val, shared, n_all, m, threshold,
                                np.asarray(mask_of_row, dtype=np.int64), masks,
                                own_columns(offer_rows, n_all, masks, cache), min(BLOCK, n_rows))
    return sp.csr_matrix((val, col, ptr), shape=(n_rows, Y.shape[1]))


def candidates(ranker: Ranker, X: sp.csr_matrix, m: int, threshold: float = 0.0,
               allowed: Allowed | None = None) -> sp.csr_matrix:
    """Top-m text scores above `threshold` per student row among the offers its filters allow (only m
    entries per row are ever stored), columns the offers' positions (not sorted within a row)."""
    lay = offer_layout(ranker)
    n_rows, n_cols = X.shape[0], lay.Y.shape[1]
    m = min(m, n_cols)
    if n_rows == 0 or n_cols == 0 or m <= 0 or X.nnz == 0:
        return sp.csr_matrix((n_rows, n_cols), dtype=np.float32)
    if allowed is None:
        allowed = (np.zeros(n_rows, dtype=np.int64), np.ones((1, n_cols), dtype=bool))
    # Students with the same mask next to each other: a block of them then shares its own columns.
    rows = np.argsort(allowed[0], kind="stable")
    X = X[rows]
    if not X.has_sorted_indices:
        X.sort_indices()
    C = split_product(X, lay.Y, lay.offer_rows, lay.n_all, lay.shared, lay.own, m, threshold,
                      np.asarray(allowed[0])[rows], allowed[1][:, lay.order])
    C.indices = lay.order[C.indices].astype(np.int32)
    back = np.empty_like(rows)
    back[rows] = np.arange(n_rows)
    C = C[back]
    C.has_sorted_indices = False
    return C
