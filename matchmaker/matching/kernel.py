"""Compiled (numba) candidate product: the m best allowed scores of each row of X @ Y, and its parts.

Each student row shares a feature with nearly every offer, so its product row is almost dense. A dense
accumulator per row (one float32 per offer, in L1/L2 cache) then costs less than the linked list of
touched columns a general sparse top-n product keeps: measured 0.19 against 0.25 ms per student on the
10 000-offer speed corpus. top_m_product is the plain kernel (one row at a time, every column); the batch
runs the blocked one over the offers in filter order (layout.py, splitkernel.py), with bit-identical
scores (the same float32 additions in the same order). The term reasons' kernel is in pairterms.py.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .jit import compiled, csr_arrays

# The blocked candidate product (splitkernel.py): features in more than DENSE_SHARE of the offers are
# added as dense rows (a vectorised loop over all offers beats scattering their long postings), BLOCK
# students at a time so each dense row is loaded once per block; at most DENSE_BYTES of dense rows.
# Measured on the 10 000-offer speed corpus: 0.78 against 1.43 s of CPU for the products of 2 000 students
# (docs/matching.md, Speed); blocks of 256 beat 64 and 128 once the students come grouped by mask.
DENSE_SHARE = 1 / 16
DENSE_BYTES = 64 * 2**20
BLOCK = 256


@compiled
def sift_down(heap, h, i):  # noqa: ANN001, ANN202
    # Restore the min-heap property of heap[:h] below position i.
    x = heap[i]
    while True:
        c = 2 * i + 1
        if c >= h:
            break
        if c + 1 < h and heap[c + 1] < heap[c]:
            c += 1
        if heap[c] >= x:
            break
        heap[i] = heap[c]
        i = c
    heap[i] = x


@compiled
def _collect(acc, allowed, threshold, m, cand_val, cand_col, heap, out_col, out_val, pos):  # noqa: ANN001, ANN202
    # The m best allowed offers above the threshold of one accumulated row, reset in the same pass; new pos.
    # Ties: lowest columns first; those strictly above the m-th value first, in column order, then ties with
    # it. The m-th value comes from a min-heap of the m best seen so far: without a threshold a row has
    # thousands of candidates and few of them ever enter the heap, where partitioning them cost more.
    c = 0
    for j in range(len(acc)):
        s = acc[j]
        acc[j] = 0.0
        if s > threshold and allowed[j]:
            c = push_candidate(s, j, c, m, cand_val, cand_col, heap)
    return emit_best(c, m, cand_val, cand_col, heap, out_col, out_val, pos)


@compiled
def push_candidate(s, col, c, m, cand_val, cand_col, heap):  # noqa: ANN001, ANN202
    # Append candidate c (score s at col) and keep the min-heap of the m best seen so far; returns c + 1.
    cand_val[c] = s
    cand_col[c] = col
    if c < m:  # sift up
        k = c
        while k > 0 and heap[(k - 1) // 2] > s:
            heap[k] = heap[(k - 1) // 2]
            k = (k - 1) // 2
        heap[k] = s
    elif s > heap[0]:
        heap[0] = s
        sift_down(heap, m, 0)
    return c + 1


@compiled
def emit_best(c, m, cand_val, cand_col, heap, out_col, out_val, pos):  # noqa: ANN001, ANN202
    # Of a row's c candidates (column order, the m best of them in the min-heap), write the m best; new pos.
    if c <= m:
        out_col[pos:pos + c] = cand_col[:c]
        out_val[pos:pos + c] = cand_val[:c]
        return pos + c
    kth = heap[0]
    kept = 0
    for i in range(c):  # strictly above the m-th value, in column order
        if cand_val[i] > kth:
            out_col[pos + kept] = cand_col[i]
            out_val[pos + kept] = cand_val[i]
            kept += 1
    for i in range(c):  # then ties with it, lowest columns first, up to m
        if kept >= m:
            break
        if cand_val[i] == kth:
            out_col[pos + kept] = cand_col[i]
            out_val[pos + kept] = kth
            kept += 1
    return pos + kept


@compiled
def _top_m(x_ptr, x_ind, x_val, y_ptr, y_ind, y_val, n_cols, m, threshold, mask_of_row, masks):  # noqa: ANN001, ANN202
    n_rows = len(x_ptr) - 1
    acc = np.zeros(n_cols, dtype=np.float32)
    cand_val = np.empty(n_cols, dtype=np.float32)
    cand_col = np.empty(n_cols, dtype=np.int32)
    heap = np.empty(max(m, 1), dtype=np.float32)
    out_ptr = np.zeros(n_rows + 1, dtype=np.int64)
    out_col = np.empty(n_rows * m, dtype=np.int32)
    out_val = np.empty(n_rows * m, dtype=np.float32)
    pos = 0
    for r in range(n_rows):
        for a in range(x_ptr[r], x_ptr[r + 1]):
            f, v = x_ind[a], x_val[a]
            for b in range(y_ptr[f], y_ptr[f + 1]):
                acc[y_ind[b]] += v * y_val[b]
        pos = _collect(acc, masks[mask_of_row[r]], threshold, m, cand_val, cand_col, heap, out_col, out_val, pos)
        out_ptr[r + 1] = pos
    return out_ptr, out_col[:pos].copy(), out_val[:pos].copy()


def dense_features(Y: sp.csr_matrix, share: float = DENSE_SHARE, max_bytes: int = DENSE_BYTES
                   ) -> tuple[np.ndarray, np.ndarray]:
    """The rows of Y (features x offers) in more than `share` of the columns, as dense float32 rows, most
    frequent first up to max_bytes: (dense index per feature or -1, the rows) for top_m_product's `dense`."""
    df = np.diff(Y.indptr)
    picked = np.flatnonzero(df > share * Y.shape[1])
    picked = picked[np.argsort(-df[picked], kind="stable")][:max_bytes // max(4 * Y.shape[1], 1)]
    picked.sort()
    dense_of = np.full(Y.shape[0], -1, dtype=np.int64)
    dense_of[picked] = np.arange(len(picked))
    rows = np.ascontiguousarray(sp.csr_matrix(Y[picked], dtype=np.float32).toarray())
    return dense_of, rows


def top_m_product(X: sp.csr_matrix, Y: sp.csr_matrix, m: int, threshold: float = 0.0,
                  allowed: tuple[np.ndarray, np.ndarray] | None = None) -> sp.csr_matrix:
    """The m largest entries above `threshold` of each row of X @ Y (float32 CSR inputs), as CSR.

    allowed: (mask_of_row, masks): row r may only keep columns j where masks[mask_of_row[r], j] (the offers
    the hard filters let through, so one pass is exact); None allows every column. The reference the batch's
    blocked product (layout.split_product) is tested against.
    """
    n_rows, n_cols = X.shape[0], Y.shape[1]
    m = min(m, n_cols)
    if n_rows == 0 or n_cols == 0 or m <= 0 or X.nnz == 0 or Y.nnz == 0:
        return sp.csr_matrix((n_rows, n_cols), dtype=np.float32)
    if allowed is None:
        mask_of_row, masks = np.zeros(n_rows, dtype=np.int64), np.ones((1, n_cols), dtype=np.bool_)
    else:
        mask_of_row = np.asarray(allowed[0], dtype=np.int64)
        masks = np.ascontiguousarray(allowed[1], dtype=np.bool_)
        if mask_of_row.shape != (n_rows,) or masks.ndim != 2 or masks.shape[1] != n_cols:
            raise ValueError("allowed: one mask index per row and masks of one flag per column")
    ptr, col, val = _top_m(*csr_arrays(X, Y), n_cols, m, np.float32(max(threshold, 0.0)), mask_of_row, masks)
    return sp.csr_matrix((val, col, ptr), shape=(n_rows, n_cols))


def int32_indices(m: sp.csr_matrix) -> sp.csr_matrix:
    """32-bit index arrays: the compiled candidate product is built for them (see top_m_product)."""
    if m.nnz < 2**31 - 1:
        m.indices = m.indices.astype(np.int32, copy=False)
        m.indptr = m.indptr.astype(np.int32, copy=False)
    return m
