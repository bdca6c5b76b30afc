"""The offers in filter order for the candidate product: same candidates, a few column ranges per mask."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from matchmaker.matching import Ranker, layout
from matchmaker.matching.batch import allowed_offers
from matchmaker.matching.documents import OfferDoc
from matchmaker.matching.fastvec import transform_many
from matchmaker.matching.kernel import top_m_product
from matchmaker.matching.layout import candidates, filter_order, offer_layout, own_columns
from matchmaker.matching.scoring import OfferTable

from .test_batch_persistence import TODAY, _docs
from .test_kernel import _random


def test_filter_order_puts_open_offers_for_all_first_then_by_program_and_closed_last() -> None:
    specs = [("draft", ()), ("published", ("b", "c")), ("published", ()), ("published", ("a",)),
             ("published", ("c",)), ("draft", ("a",)), ("published", ("a", "c")), ("published", ())]
    offers = [OfferDoc(f"o{i}", title="t", status=status, programs=programs)
              for i, (status, programs) in enumerate(specs)]
    table = OfferTable(offers)
    order = filter_order(table).tolist()
    assert order[:2] == [2, 7]  # published and open to all programs
    assert set(order[-2:]) == {0, 5}  # drafts
    # Named programs (codes in order of first appearance: b, c, a): by first, then second program code, so
    # "a, c" (codes 2, 3) sits between "b, c" (1, 2) and "c" (2), and "a" (3) comes last.
    assert [offers[i].id for i in order[2:6]] == ["o1", "o6", "o4", "o3"]

def test_candidates_in_filter_order_are_the_plain_products_candidates() -> None:
    offers, students = _docs(150, 90)
    r = Ranker().fit(offers, students)
    X = transform_many(r.vectorizer_, students)
    allowed = allowed_offers(r, r.table_.students(students), TODAY, True)
    got = candidates(r, X, 12, 0.0, allowed)
    want = top_m_product(X, r.offer_t_, 12, 0.0, allowed)
    for row in range(len(students)):
        a, b = slice(got.indptr[row], got.indptr[row + 1]), slice(want.indptr[row], want.indptr[row + 1])
        # The same scores (ties at the cut may keep other offers of that score, as the kernel documents).
        assert np.array_equal(np.sort(got.data[a]), np.sort(want.data[b]))
        assert allowed[1][allowed[0][row], got.indices[a]].all()
        lower = got.data[a].min() if got.indptr[row + 1] > got.indptr[row] else np.inf
        same = {int(c) for c, v in zip(want.indices[b], want.data[b], strict=True) if v > lower}
        assert same <= set(got.indices[a].tolist())
    lay = offer_layout(r)
    assert lay is offer_layout(r) and lay.Y.shape == r.offer_t_.shape  # built once per fitted ranker
    table = r.table_
    shared = table.static_open & table.open_to_all
    assert shared[lay.order[:lay.n_all]].all() and not shared[lay.order[lay.n_all:]].any()
    # Each mask's own columns are its allowed offers after the shared ones, kept for the next chunk.
    masks = allowed[1][:, lay.order]
    r_ptr, r_ind, _r_val, r_cols, r_start = own_columns(lay.offer_rows, lay.n_all, masks, {})
    for k, mask in enumerate(masks):
        assert r_cols[r_start[k]:r_start[k + 1]].tolist() == (lay.n_all + np.flatnonzero(mask[lay.n_all:])).tolist()
    assert len(lay.own) == len({m[lay.n_all:].tobytes() for m in masks})
    assert r_ptr.shape == (len(masks), lay.Y.shape[0] + 1) and r_ptr[-1, -1] == len(r_ind)


@pytest.mark.parametrize(("share", "threshold", "rows", "n_all"),
                         [(0.1, 0.0, 70, 40), (0.3, 0.2, 33, 0), (0.0, 0.0, 5, 90), (2.0, 0.0, 40, 25)])
def test_split_product_is_bit_identical_to_the_plain_kernel(share: float, threshold: float, rows: int, n_all: int,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # Dense rows for the frequent features, blocks of BLOCK rows (row counts across a block boundary), masks
    # allowing all of the first n_all columns (but closed ones) and some of the others, ties from repeated
    # values: exactly the entries the plain kernel keeps.
    monkeypatch.setattr(layout, "BLOCK", 16)
    X, Y = _random(rows, 300, 0.08, 11), _random(300, 90, 0.25, 12)
    Y = sp.vstack([Y[:150], _random(150, 90, 0.02, 13)], format="csr")  # frequent and rare features
    X.data = np.round(X.data * 4) / 4 + 0.25  # few distinct values: ties at the cut
    rng = np.random.default_rng(3)
    masks = rng.random((3, 90)) < 0.5
    masks[:, :n_all] = rng.random(n_all) < 0.9  # the shared columns: the same for every mask
    of_row = rng.integers(0, 3, rows)
    offer_rows = Y.T.tocsr()
    shared = layout.shared_arrays(Y, n_all, share)
    assert len(shared[5]) == int((np.diff(Y.indptr) > share * 90).sum())  # none at share 2
    cache: dict = {}
    for m in (1, 7, 90):
        want = top_m_product(X, Y, m, threshold, (of_row, masks))
        got = layout.split_product(X, Y, offer_rows, n_all, shared, cache, m, threshold, of_row, masks)
        assert np.array_equal(got.indptr, want.indptr) and np.array_equal(got.indices, want.indices)
        assert np.array_equal(got.data, want.data)
    assert len(cache) == (1 if n_all == 90 else 3)  # one column set per mask, reused for every m
