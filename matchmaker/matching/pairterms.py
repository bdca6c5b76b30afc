"""Compiled (numba) kernel of the term reasons: the readable labels contributing most to each top pair.

One pass per pair over the offer's row against the scattered student row, instead of gathering both rows
of every pair into sparse matrices and grouping their element-wise product.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .jit import compiled, csr_arrays
from .reasons import HIDDEN


@compiled
def _pair_terms(x_ptr, x_ind, x_val, y_ptr, y_ind, y_val, rows, cols, label_ids, n_labels, n_terms):  # noqa: ANN001, ANN202
    n_pairs = len(rows)
    width = max(len(label_ids), 1)
    dense = np.zeros(width, dtype=np.float32)  # the current student row, scattered
    sums = np.zeros(max(n_labels, 1), dtype=np.float64)
    touched = np.empty(width, dtype=np.int64)
    out_ptr = np.zeros(n_pairs + 1, dtype=np.int64)
    out_label = np.empty(n_pairs * n_terms, dtype=np.int32)
    out_weight = np.empty(n_pairs * n_terms, dtype=np.float32)
    pos = 0
    current = -1
    for p in range(n_pairs):
        r = rows[p]
        if r != current:  # pairs come grouped by row: scatter each student row once
            if current >= 0:
                for a in range(x_ptr[current], x_ptr[current + 1]):
                    dense[x_ind[a]] = 0.0
            for a in range(x_ptr[r], x_ptr[r + 1]):
                dense[x_ind[a]] = x_val[a]
            current = r
        c = 0
        o = cols[p]
        for b in range(y_ptr[o], y_ptr[o + 1]):
            f = y_ind[b]
            lab = label_ids[f]
            if lab == HIDDEN:  # counts in the score, never shown as a reason
                continue
            prod = dense[f] * y_val[b]  # float32, as the element-wise product of the two rows
            if prod == 0.0:
                continue
            if sums[lab] == 0.0:
                touched[c] = lab
                c += 1
            sums[lab] += prod  # a word's stem, prefix and compound parts share one label
        for _ in range(n_terms):  # best n: largest sum, ties to the lower (alphabetically first) label
            best = -1
            for i in range(c):
                lab = touched[i]
                if sums[lab] > 0.0 and (best < 0 or sums[lab] > sums[best] or
                                        (sums[lab] == sums[best] and lab < best)):
                    best = lab
            if best < 0:
                break
            out_label[pos] = best
            out_weight[pos] = sums[best]
            pos += 1
            sums[best] = -1.0  # taken
        for i in range(c):
            sums[touched[i]] = 0.0
        out_ptr[p + 1] = pos
    return out_ptr, out_label[:pos].copy(), out_weight[:pos].copy()


def pair_terms(X: sp.csr_matrix, Y: sp.csr_matrix, rows: np.ndarray, cols: np.ndarray, label_ids: np.ndarray,
               n_labels: int, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each pair (X row, Y row), the n readable labels contributing most to their dot product.

    Pairs grouped by X row are fastest (each row is scattered once per group). Features sharing a label
    are summed. Returns (ptr, label ids, weights): pair p's terms are at ptr[p]:ptr[p + 1], best first.
    """
    return _pair_terms(*csr_arrays(X, Y), np.asarray(rows, dtype=np.int64), np.asarray(cols, dtype=np.int64),
                       np.asarray(label_ids, dtype=np.int64), n_labels, max(n, 0))
