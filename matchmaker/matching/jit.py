"""numba compilation with its on-disk cache, and the CSR arrays the compiled kernels take."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numba import njit


def compiled(fn):  # noqa: ANN001, ANN202
    """njit with numba's on-disk cache (next to this file, or NUMBA_CACHE_DIR / the user's cache folder)."""
    try:
        return njit(cache=True, nogil=True)(fn)
    except RuntimeError:  # no writable cache location (read-only install, no home): compile per process
        return njit(nogil=True)(fn)


def csr_arrays(X: sp.csr_matrix, Y: sp.csr_matrix) -> tuple[np.ndarray, ...]:
    """Both matrices' CSR arrays, float32 values, one index type for both.

    The index type is Y's (the fitted offers: int32 unless huge), so the large arrays are never copied, and
    each combination of types would be a separate compilation.
    """
    X = sp.csr_matrix(X, dtype=np.float32)
    Y = sp.csr_matrix(Y, dtype=np.float32)
    itype = Y.indices.dtype
    return (X.indptr.astype(itype, copy=False), X.indices.astype(itype, copy=False), X.data,
            Y.indptr.astype(itype, copy=False), Y.indices, Y.data)
