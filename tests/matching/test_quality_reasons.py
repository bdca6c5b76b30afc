"""Term reasons are real words: no single letters (from 'e-tjänst'), numbers or stop words."""

from __future__ import annotations

import pytest

from matchmaker.matching import OfferDoc, Ranker, StudentDoc
from matchmaker.matching.text import Analyzer


@pytest.mark.parametrize(("label", "shown"), [
    ("e", False), ("2024", False), ("b", False), ("och", False), ("the", False), ("3d", False),
    ("tjänst", True), ("c#", True), ("c++", True), ("it", True), ("software developer", True), ("ux", True),
])
def test_readable_labels(label: str, shown: bool) -> None:
    assert Analyzer().readable(label) is shown


def _term_labels(ranker: Ranker, student: StudentDoc, k: int = 3) -> list[list[str]]:
    return [[r.label for r in m.reasons if r.kind == "term"] for m in ranker.rank_offers(student, k=k)]


def test_term_reasons_never_show_letters_or_numbers_in_single_and_batch_ranking() -> None:
    offers = [OfferDoc("o1", title="E-tjänst 2024", description="Utveckla e-tjänster och e-handel 2024, del e."),
              OfferDoc("o2", title="Lager", description="Plock och pack på lager i Umeå."),
              OfferDoc("o3", title="Kock", description="Laga mat i köket.")]
    s = StudentDoc("s", about="Jag har byggt en e-tjänst och e-handel 2024.", interests="e-tjänster")
    ranker = Ranker(n_terms=10).fit(offers, [s])
    single = _term_labels(ranker, s)
    batch = [[r.label for r in m.reasons if r.kind == "term"] for _, ms in ranker.top_k_all([s], k=3, n_jobs=1)
             for m in ms]
    assert single == batch
    labels = {t for terms in single for t in terms}
    assert "e-tjänst" in labels or "tjänst" in labels or "e-tjänster" in labels or "tjänster" in labels
    assert not {"e", "2024"} & labels
    assert all(sum(ch.isalpha() for ch in t) >= 2 for t in labels)
    # The hidden features still count in the score: the match is there, only its explanation is cleaner.
    assert ranker.rank_offers(s, k=1)[0].offer_id == "o1"


def test_hidden_labels_survive_save_and_load(tmp_path) -> None:
    offers = [OfferDoc("o1", description="e-tjänst e-tjänst 2024"), OfferDoc("o2", description="lager plock")]
    s = StudentDoc("s", about="e-tjänst 2024")
    ranker = Ranker(n_terms=10).fit(offers, [s])
    ranker.save(tmp_path / "r.npz")
    loaded = Ranker.load(tmp_path / "r.npz")
    assert _term_labels(loaded, s, 1) == _term_labels(ranker, s, 1)
    assert not {"e", "2024"} & set(_term_labels(loaded, s, 1)[0])
