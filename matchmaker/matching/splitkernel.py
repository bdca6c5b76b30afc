"""Compiled candidate product over the offers in filter order (layout.py): shared and per-mask columns.

Columns [0, n_all) are the offers open to all programs, which every row may see: each row accumulates
them, the frequent features as dense rows (cut to those columns), the others from their postings up to
split[f]. A row's other allowed offers (those naming its program) come from its mask's own small matrix
(features x those offers) and are accumulated after n_all. So the accumulator is n_all + the largest such
set wide instead of one float per offer, and postings of offers a row may not see are never touched.
Features are visited in ascending order and each (row, offer) sum gets one term per shared feature, from
one of the three sources: the same float32 sums, in the same order, as kernel._top_m's.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .jit import compiled
from .kernel import emit_best, push_candidate
from .pairterms import pair_terms


@compiled
def _collect_split(acc, allowed, n_all, cols, threshold, m, cand_val, cand_col, heap, out_col, out_val, pos):  # noqa: ANN001, ANN202
    # kernel._collect over the shared columns (allowed: the row's mask) then the mask's own ones (cols: their
    # offer columns, ascending, all above n_all), resetting the accumulator as it goes.
    c = 0
    for j in range(n_all + len(cols)):
        s = acc[j]
        acc[j] = 0.0
        if s > threshold and (j >= n_all or allowed[j]):
            c = push_candidate(s, j if j < n_all else cols[j - n_all], c, m, cand_val, cand_col, heap)
    return emit_best(c, m, cand_val, cand_col, heap, out_col, out_val, pos)


@compiled
def _top_m_split(x_ptr, x_ind, x_val, y_ptr, y_split, y_ind, y_val, n_all, m, threshold, mask_of_row, masks,  # noqa: ANN001, ANN202
                 dense_of, dense_rows, block, r_ptr, r_ind, r_val, r_cols, r_start):
    # BLOCK rows at a time, their entries in ascending feature order across the block (stable: each row's own
    # order), so each dense row is loaded once per block. Per entry the shared columns (a dense row, or the
    # postings before split[f]), then its mask's own columns (r_ptr[k, f]:r_ptr[k, f + 1] of r_ind, local
    # positions after n_all, and r_val).
    n_rows = len(x_ptr) - 1
    width = n_all
    for k in range(len(r_start) - 1):
        width = max(width, n_all + r_start[k + 1] - r_start[k])
    acc = np.zeros((block, max(width, 1)), dtype=np.float32)
    cand_val = np.empty(max(width, 1), dtype=np.float32)
    cand_col = np.empty(max(width, 1), dtype=np.int32)
    heap = np.empty(max(m, 1), dtype=np.float32)
    out_ptr = np.zeros(n_rows + 1, dtype=np.int64)
    out_col = np.empty(n_rows * m, dtype=np.int32)
    out_val = np.empty(n_rows * m, dtype=np.float32)
    pos = 0
    for r0 in range(0, n_rows, block):
        r1 = min(r0 + block, n_rows)
        lo = x_ptr[r0]
        n = x_ptr[r1] - lo
        row_of = np.empty(n, dtype=np.int64)
        for r in range(r0, r1):
            row_of[x_ptr[r] - lo:x_ptr[r + 1] - lo] = r - r0
        for i in np.argsort(x_ind[lo:lo + n], kind="mergesort"):  # stable: a row's own order within a feature
            f, v, a = x_ind[lo + i], x_val[lo + i], acc[row_of[i]]
            d = dense_of[f]
            if d >= 0:
                dense = dense_rows[d]
                for j in range(n_all):
                    a[j] += v * dense[j]  # + 0.0 where the offer lacks the feature: the sum is unchanged
            else:
                for b in range(y_ptr[f], y_split[f]):
                    a[y_ind[b]] += v * y_val[b]
            k = mask_of_row[r0 + row_of[i]]
            for b in range(r_ptr[k, f], r_ptr[k, f + 1]):
                a[n_all + r_ind[b]] += v * r_val[b]
        for r in range(r0, r1):
            k = mask_of_row[r]
            pos = _collect_split(acc[r - r0], masks[k], n_all, r_cols[r_start[k]:r_start[k + 1]], threshold, m,
                                 cand_val, cand_col, heap, out_col, out_val, pos)
            out_ptr[r + 1] = pos
    return out_ptr, out_col[:pos].copy(), out_val[:pos].copy()


def top_m_split(x_ptr: np.ndarray, x_ind: np.ndarray, x_val: np.ndarray, shared: tuple, n_all: int, m: int,
                threshold: float, mask_of_row: np.ndarray, masks: np.ndarray, own: tuple, block: int
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(row pointers, columns, scores) of each row's m best allowed offers above threshold.

    shared: (y_ptr, y_split, y_ind, y_val, dense_of, dense_rows) of the features x offers matrix in filter
    order; own: (r_ptr, r_ind, r_val, r_cols, r_start), the masks' own columns (layout.own_columns).
    """
    y_ptr, y_split, y_ind, y_val, dense_of, dense_rows = shared
    r_ptr, r_ind, r_val, r_cols, r_start = own
    return _top_m_split(x_ptr, x_ind, x_val, y_ptr, y_split, y_ind, y_val, n_all, m, np.float32(max(threshold, 0.0)),
                        mask_of_row, masks, dense_of, dense_rows, block, r_ptr, r_ind, r_val, r_cols, r_start)


def warm_up() -> None:
    """Compile (or load from numba's cache) the batch's kernels for the layout's array types before forking, so
    worker processes inherit the machine code: this product and the term reasons (pairterms.py)."""
    i32, i64, f32 = np.int32, np.int64, np.float32
    ptr = np.array([0, 1], dtype=i32)
    shared = (ptr, np.ones(1, dtype=i32), np.zeros(1, dtype=i32), np.ones(1, dtype=f32), np.zeros(1, dtype=i64),
              np.ones((1, 1), dtype=f32))
    own = (np.zeros((1, 2), dtype=i64), np.zeros(0, dtype=i32), np.zeros(0, dtype=f32), np.zeros(0, dtype=i32),
           np.zeros(2, dtype=i64))
    top_m_split(ptr, np.zeros(1, dtype=i32), np.ones(1, dtype=f32), shared, 1, 1, 0.0, np.zeros(1, dtype=i64),
                np.ones((1, 1), dtype=np.bool_), own, 1)
    one = sp.csr_matrix(np.ones((1, 1), dtype=np.float32))
    pair_terms(one, one, np.zeros(1, dtype=i64), np.zeros(1, dtype=i64), np.ones(1, dtype=i64), 2, 1)
