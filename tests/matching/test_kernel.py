"""The compiled candidate product keeps exactly the m best entries above the threshold of each row."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from matchmaker.matching import jit, kernel
from matchmaker.matching.kernel import top_m_product
from matchmaker.matching.pairterms import pair_terms


def _random(rows: int, cols: int, density: float, seed: int) -> sp.csr_matrix:
    m = sp.random(rows, cols, density=density, format="csr", dtype=np.float32, random_state=seed)
    m.indices = m.indices.astype(np.int32)
    m.indptr = m.indptr.astype(np.int32)
    return m


@pytest.mark.parametrize(("m", "threshold"), [(1, 0.0), (5, 0.0), (5, 0.3), (40, 0.0), (500, 0.1)])
def test_each_row_holds_its_m_best_scores_above_threshold(m: int, threshold: float) -> None:
    X, Y = _random(30, 200, 0.1, 1), _random(200, 60, 0.2, 2)
    C = top_m_product(X, Y, m, threshold)
    dense = (X @ Y).toarray()
    assert C.shape == (30, 60) and C.format == "csr"
    for r in range(30):
        cols, vals = C.indices[C.indptr[r]:C.indptr[r + 1]], C.data[C.indptr[r]:C.indptr[r + 1]]
        above = np.sort(dense[r][dense[r] > threshold])[::-1]
        assert len(vals) == min(m, len(above))
        assert np.allclose(np.sort(vals)[::-1], above[:len(vals)], rtol=1e-6)
        assert np.allclose(vals, dense[r][cols], rtol=1e-6)  # each value sits at its own column


def test_allowed_masks_keep_only_allowed_columns_per_row() -> None:
    X, Y = _random(30, 200, 0.1, 7), _random(200, 60, 0.2, 8)
    rng = np.random.default_rng(1)
    masks = rng.random((3, 60)) < 0.4
    of_row = rng.integers(0, 3, 30)
    C = top_m_product(X, Y, 5, 0.0, (of_row, masks))
    dense = (X @ Y).toarray()
    for r in range(30):
        cols, vals = C.indices[C.indptr[r]:C.indptr[r + 1]], C.data[C.indptr[r]:C.indptr[r + 1]]
        assert masks[of_row[r]][cols].all()
        allowed = dense[r][masks[of_row[r]] & (dense[r] > 0)]
        assert np.allclose(np.sort(vals)[::-1], np.sort(allowed)[::-1][:5], rtol=1e-6)
    with pytest.raises(ValueError, match="one mask index per row"):
        top_m_product(X, Y, 5, 0.0, (of_row[:3], masks))


def test_ties_at_the_cut_keep_the_lowest_columns() -> None:
    X = sp.csr_matrix(np.array([[1.0]], dtype=np.float32))
    Y = sp.csr_matrix(np.array([[0.5, 0.25, 0.5, 0.5, 0.75]], dtype=np.float32))  # exact in float32
    C = top_m_product(X, Y, 3)
    assert sorted(zip(C.indices.tolist(), C.data.tolist(), strict=True)) == [(0, 0.5), (2, 0.5), (4, 0.75)]


def _reference_row(scores: np.ndarray, m: int, threshold: float) -> list[tuple[int, float]]:
    """The documented order of a row: all candidates in column order when at most m, else those above the
    m-th value in column order, then ties with it, lowest columns first, up to m."""
    cols = [j for j in range(len(scores)) if scores[j] > threshold]
    if len(cols) <= m:
        return [(j, float(scores[j])) for j in cols]
    kth = sorted((scores[j] for j in cols), reverse=True)[m - 1]
    above = [j for j in cols if scores[j] > kth]
    ties = [j for j in cols if scores[j] == kth][:m - len(above)]
    return [(j, float(scores[j])) for j in above + ties]


@pytest.mark.parametrize(("m", "threshold"), [(1, 0.0), (3, 0.0), (7, 0.0), (7, 0.5), (12, 0.0), (80, 0.0)])
def test_rows_with_many_ties_keep_the_documented_entries_in_the_documented_order(m: int, threshold: float) -> None:
    # Few distinct values (sums of quarters, exact in float32): the m-th value has many ties, and rows hold
    # fewer, exactly or more than m candidates.
    rng = np.random.default_rng(5)
    X = sp.csr_matrix((rng.random((40, 6)) < 0.4).astype(np.float32))
    Y = sp.csr_matrix(((rng.random((6, 80)) < 0.5) * rng.integers(1, 3, (6, 80)) / 4).astype(np.float32))
    dense = (X @ Y).toarray()
    C = top_m_product(X, Y, m, threshold)
    for r in range(40):
        got = list(zip(C.indices[C.indptr[r]:C.indptr[r + 1]].tolist(), C.data[C.indptr[r]:C.indptr[r + 1]].tolist(),
                       strict=True))
        assert got == _reference_row(dense[r], m, threshold), r


def test_empty_inputs_give_an_empty_matrix_of_the_right_shape() -> None:
    Y = _random(10, 7, 0.5, 3)
    assert top_m_product(sp.csr_matrix((0, 10), dtype=np.float32), Y, 3).shape == (0, 7)
    assert top_m_product(sp.csr_matrix((4, 10), dtype=np.float32), Y, 3).nnz == 0
    assert top_m_product(_random(4, 10, 0.5, 4), Y, 0).nnz == 0


def test_int64_indices_and_float64_values_are_accepted() -> None:
    X, Y = _random(8, 50, 0.3, 5).astype(np.float64), _random(50, 20, 0.3, 6)
    X.indices, X.indptr = X.indices.astype(np.int64), X.indptr.astype(np.int64)
    C = top_m_product(X, Y, 4)
    dense = (X @ Y).toarray()
    for r in range(8):
        assert np.allclose(np.sort(C.data[C.indptr[r]:C.indptr[r + 1]]), np.sort(dense[r])[-4:], rtol=1e-5)


def _terms_by_hand(x: np.ndarray, y: np.ndarray, label_ids: np.ndarray, n: int) -> list[tuple[int, float]]:
    sums: dict[int, float] = {}
    for f in range(len(x)):
        prod = float(np.float32(x[f]) * np.float32(y[f]))
        if label_ids[f] != 0 and prod > 0:
            sums[int(label_ids[f])] = sums.get(int(label_ids[f]), 0.0) + prod
    return sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def test_pair_terms_sum_features_per_label_and_skip_hidden_ones() -> None:
    X, Y = _random(6, 40, 0.5, 7), _random(9, 40, 0.5, 8)
    label_ids = np.array([i % 7 for i in range(40)], dtype=np.int64)  # label 0 is hidden
    rows = np.array([0, 5, 0, 2, 5, 0], dtype=np.int64)  # not grouped by row: still right, only slower
    cols = np.array([1, 4, 8, 0, 3, 4], dtype=np.int64)
    ptr, labels, weights = pair_terms(X, Y, rows, cols, label_ids, 7, 3)
    assert len(ptr) == len(rows) + 1
    for p, (r, c) in enumerate(zip(rows, cols, strict=True)):
        got = list(zip(labels[ptr[p]:ptr[p + 1]].tolist(), weights[ptr[p]:ptr[p + 1]].tolist(), strict=True))
        want = _terms_by_hand(X[r].toarray().ravel(), Y[c].toarray().ravel(), label_ids, 3)
        assert [lab for lab, _ in got] == [lab for lab, _ in want]
        assert np.allclose([w for _, w in got], [w for _, w in want], rtol=1e-6)
        assert 0 not in [lab for lab, _ in got]


def test_pair_terms_break_ties_by_label_and_stop_at_shared_features() -> None:
    X = sp.csr_matrix(np.array([[1.0, 1.0, 1.0, 0.0]], dtype=np.float32))
    Y = sp.csr_matrix(np.array([[0.5, 0.5, 0.0, 0.25]], dtype=np.float32))
    ptr, labels, weights = pair_terms(X, Y, np.array([0]), np.array([0]), np.array([3, 1, 2, 4]), 5, 3)
    assert labels.tolist() == [1, 3] and weights.tolist() == [0.5, 0.5]  # equal sums: lower label first
    assert ptr.tolist() == [0, 2]


def test_without_a_writable_cache_the_kernels_compile_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    real, calls = jit.njit, []

    def njit(**options: bool):  # noqa: ANN202
        if options.get("cache"):
            raise RuntimeError("cannot cache function: no locator available")
        calls.append(options)
        return real(**options)

    monkeypatch.setattr(jit, "njit", njit)
    add_one = jit.compiled(lambda a: a + 1)
    assert add_one(1) == 2 and calls == [{"nogil": True}]


def test_dense_features_pick_the_most_frequent_within_the_byte_budget() -> None:
    Y = sp.csr_matrix(np.array([[1, 1, 1, 1], [1, 0, 0, 0], [1, 1, 1, 0], [0, 0, 0, 0]], dtype=np.float32))
    dense_of, rows = kernel.dense_features(Y, share=0.5)
    assert dense_of.tolist() == [0, -1, 1, -1] and rows.tolist() == [[1, 1, 1, 1], [1, 1, 1, 0]]
    dense_of, rows = kernel.dense_features(Y, share=0.5, max_bytes=16)  # room for one row of 4 float32
    assert dense_of.tolist() == [0, -1, -1, -1] and rows.shape == (1, 4)

