"""The offers in filter order for the candidate product: same candidates, a few column ranges per mask."""

from __future__ import annotations

import numpy as np

from matchmaker.matching import Ranker
from matchmaker.matching.batch import allowed_offers
from matchmaker.matching.documents import OfferDoc
from matchmaker.matching.fastvec import transform_many
from matchmaker.matching.kernel import mask_runs, top_m_product
from matchmaker.matching.layout import candidates, filter_order, offer_layout
from matchmaker.matching.scoring import OfferTable

from .test_batch_persistence import TODAY, _docs


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
    order, Y, _dense = offer_layout(r)
    masks = allowed[1][:, order]
    _ptr, lo, _hi = mask_runs(masks, gap=1)
    # A mask's allowed offers lie in a few ranges in filter order, where the fitted order scatters them.
    assert len(lo) <= 3 * len(masks) < len(mask_runs(allowed[1], gap=1)[1])
    assert Y.shape == r.offer_t_.shape and offer_layout(r)[1] is Y  # built once per fitted ranker
