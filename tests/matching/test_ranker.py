"""Ranker: estimator contract, scoring, filters, boosts, reasons, reciprocity, both directions."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from sklearn.base import clone

from matchmaker.matching import OfferDoc, Ranker, Reason, ScoredPair, StudentDoc

from .conftest import offer, student

TODAY = date(2026, 3, 1)


def test_estimator_contract() -> None:
    r = Ranker(title_weight=3.0, boosts={"municipality": 0.2})
    params = r.get_params()
    assert params["title_weight"] == 3.0 and params["boosts"] == {"municipality": 0.2}
    assert not [a for a in vars(r) if a.endswith("_")]  # nothing learned before fit
    assert r.fit([offer("o1")]) is r
    assert r.get_params() == params  # fit does not touch parameters
    assert r.boosts == {"municipality": 0.2} and r.boosts_["municipality"] == 0.2
    assert clone(r).get_params() == params
    assert {"vectorizer_", "offer_matrix_", "offers_"} <= set(vars(r))
    assert repr(r) == "Ranker(boosts={'municipality': 0.2}, title_weight=3.0)"  # the changed ones only
    assert r.set_params(n_terms=5) is r and r.get_params()["n_terms"] == 5
    with pytest.raises(ValueError, match="invalid parameter 'n_term'.*'n_terms'"):
        r.set_params(n_term=5)


def test_duplicate_offer_ids_are_refused() -> None:
    with pytest.raises(ValueError, match="unique"):
        Ranker().fit([offer("o1"), offer("o1")])


def test_scores_in_unit_interval_deterministic_and_ties_broken_by_id() -> None:
    offers = [offer(oid, "python utvecklare umeå") for oid in ("b", "c", "a")] + [offer("d", "svetsare")]
    s = student("s", "python utvecklare", municipalities=("Umeå",))
    r = Ranker().fit(offers)
    first = r.rank_offers(s, k=10, today=TODAY)
    assert [m.offer_id for m in first][:3] == ["a", "b", "c"]  # identical scores: by id
    # 'd' (svetsare) shares only the character n-grams of the ending -are with utvecklare (issue 12: sub-word
    # features for compounds); it may follow, far below.
    assert all(m.text < 0.05 * first[0].text for m in first[3:])
    again = Ranker().fit(list(reversed(offers))).rank_offers(s, k=10, today=TODAY)
    assert [m.to_dict() for m in first] == [m.to_dict() for m in again]
    for m in first:
        for v in (m.score, m.text, m.student_fit, m.offer_fit, m.reciprocal):
            assert 0.0 <= v <= 1.0


def test_skills_and_titles_weigh_more_than_free_text() -> None:
    offers = [OfferDoc("in-skills", description="Vi söker en medarbetare.", skills=("Python",)),
              OfferDoc("in-title", title="Python", description="Vi söker en medarbetare."),
              OfferDoc("in-text", description="Vi söker en medarbetare. Python.")]
    r = Ranker(lead_words=0).fit(offers)
    ranked = [m.offer_id for m in r.rank_offers(None, query="python", k=3)]
    assert ranked[-1] == "in-text"


def test_free_text_query_and_candidates() -> None:
    offers = [offer("o1", "sjuksköterska vårdcentral"), offer("o2", "sjuksköterska akuten"), offer("o3", "svets")]
    r = Ranker().fit(offers)
    assert [m.offer_id for m in r.rank_offers(None, query="sjuksköterskor", k=5)] == ["o1", "o2"] or \
        {m.offer_id for m in r.rank_offers(None, query="sjuksköterskor", k=5)} == {"o1", "o2"}
    only = r.rank_offers(None, query="sjuksköterskor", k=5, candidates=["o2", "o3", "missing"])
    assert [m.offer_id for m in only] == ["o2"]
    assert r.rank_offers(None, query="", k=5) == []
    both = r.rank_offers(student("s", "vårdcentral"), query="akuten", k=5)
    assert {m.offer_id for m in both} == {"o1", "o2"}


@pytest.mark.parametrize(("changes", "student_kw", "kept"), [
    ({"status": "draft"}, {}, False),
    ({"deadline": date(2026, 2, 28)}, {}, False),
    ({"deadline": date(2026, 3, 1)}, {}, True),  # open on the deadline day
    ({"places_left": 0}, {}, False),
    ({"places_left": 2}, {}, True),
    ({"programs": ("sjukskoterska",)}, {"program": "datateknik"}, False),
    ({"programs": ("sjukskoterska", "datateknik")}, {"program": "datateknik"}, True),
    ({"programs": ("datateknik",)}, {}, False),  # student with no program
    ({"programs": ()}, {"program": "datateknik"}, True),  # open to all programs
])
def test_hard_filters(changes: dict, student_kw: dict, kept: bool) -> None:
    target = offer("target", **changes)
    r = Ranker().fit([target, offer("other")])
    s = student("s", **student_kw)
    ids = {m.offer_id for m in r.rank_offers(s, k=5, today=TODAY)}
    assert ("target" in ids) is kept
    assert "target" in {m.offer_id for m in r.rank_offers(s, k=5, today=TODAY, apply_filters=False)}


def _boosted(offer_kw: dict, student_kw: dict) -> ScoredPair:
    r = Ranker().fit([offer("plain"), offer("boosted", **offer_kw)])
    matches = {m.offer_id: m for m in r.rank_offers(student("s", **student_kw), k=2, today=TODAY)}
    assert matches["boosted"].text == pytest.approx(matches["plain"].text)
    assert matches["boosted"].score > matches["plain"].score
    assert [m.offer_id for m in matches.values()][0] == "boosted"
    return matches["boosted"]


@pytest.mark.parametrize(("offer_kw", "student_kw", "label"), [
    ({"municipality": "Umeå"}, {"municipalities": ("Umeå",)}, "same municipality: Umeå"),
    ({"municipality": "Vindeln", "county": "Västerbotten"}, {"counties": ("Västerbotten",)},
     "same county: Västerbotten"),
    ({"remote": True}, {"remote_ok": True}, "remote work"),
    ({"municipality": "Kiruna"}, {"relocate": True}, "willing to relocate"),
    ({"has_contract": True}, {}, "employer has a Kompetenskontrakt"),
    ({"sparse": True}, {"prefers_sparse": True}, "sparsely populated municipality"),
])
def test_soft_boosts_raise_the_score_and_are_explained(offer_kw: dict, student_kw: dict, label: str) -> None:
    m = _boosted(offer_kw, student_kw)
    assert [r.label for r in m.reasons if r.kind == "boost"] == [label]


def test_location_boosts_do_not_stack_and_opt_in_matters() -> None:
    r = Ranker().fit([offer("o", municipality="Umeå", county="Västerbotten", remote=True, sparse=True)])
    s = student("s", municipalities=("Umeå",), counties=("Västerbotten",), remote_ok=True)
    m = r.rank_offers(s, k=1)[0]
    assert [x.label for x in m.reasons if x.kind == "boost"] == ["same municipality: Umeå"]
    assert m.score == pytest.approx(m.text * (1 + 0.15) / (1 + r.boosts_["municipality"] + 0.05 + 0.10
                                                            + r.boosts_["kind"]))


def test_reasons_terms_as_written_skills_and_missing_skills() -> None:
    o = OfferDoc("o", title="Sjuksköterska", description="Vårdcentralen söker sjuksköterskor till akuten.",
                 skills=("Akutsjukvård", "Körkort B", "Python"))
    s = StudentDoc("s", about="Jag har jobbat på vårdcentraler.", skills=("körkort b", "python"))
    r = Ranker(n_terms=5).fit([o, offer("x")], [s])
    m = r.rank_offers(s, k=1)[0]
    terms = [x.label for x in m.reasons if x.kind == "term"]
    assert terms and all("~" not in t for t in terms)
    assert any(t.startswith("vårdcentral") for t in terms)  # a written form, not the stem
    assert [x.label for x in m.reasons if x.kind == "skill"] == ["Körkort B", "Python"]
    assert [x.label for x in m.reasons if x.kind == "missing_skill"] == ["Akutsjukvård"]
    weights = [x.weight for x in m.reasons if x.kind == "term"]
    assert weights == sorted(weights, reverse=True) and sum(weights) <= m.text + 1e-6
    assert Reason("term", "a", 0.5).to_dict() == {"kind": "term", "label": "a", "weight": 0.5}
    assert m.to_dict()["reasons"][0]["kind"] == "term"


def test_skill_in_free_text_counts_as_covered() -> None:
    o = OfferDoc("o", description="Utvecklare", skills=("SQL",))
    s = StudentDoc("s", about="Utvecklare som kan SQL")
    m = Ranker().fit([o]).rank_offers(s, k=1)[0]
    assert [x.label for x in m.reasons if x.kind == "skill"] == ["SQL"]


def test_reciprocal_is_harmonic_mean_and_offer_side_uses_requirements() -> None:
    o = OfferDoc("o", description="python utvecklare", skills=("Python", "Rust"), programs=("data",),
                 municipality="Umeå")
    s_good = StudentDoc("good", about="python utvecklare", skills=("Python", "Rust"), program="data")
    s_weak = StudentDoc("weak", about="python utvecklare", program="data", municipalities=("Umeå",))
    r = Ranker().fit([o])
    for m in r.rank_students(o, [s_weak, s_good], k=2):
        assert m.reciprocal == pytest.approx(2 * m.student_fit * m.offer_fit / (m.student_fit + m.offer_fit))
        assert m.score == m.offer_fit
    good, weak = r.rank_students(o, [s_weak, s_good], k=2)
    assert (good.student_id, weak.student_id) == ("good", "weak")  # same text; skills covered decide
    assert good.offer_fit > weak.offer_fit
    assert weak.student_fit > good.student_fit  # the weak one lives in Umeå
    from_student_side = r.rank_offers(s_good, k=1)[0]
    assert from_student_side.offer_fit == pytest.approx(good.offer_fit, rel=1e-5)
    assert from_student_side.reciprocal == pytest.approx(good.reciprocal, rel=1e-5)


def test_rank_students_filters_on_kinds_and_programs() -> None:
    o = OfferDoc("o", description="python", kind="job", programs=("data",))
    students = [StudentDoc("a", about="python", program="data"),
                StudentDoc("b", about="python", program="ekonomi"),
                StudentDoc("c", about="python", program="data", kinds=("internship",)),
                StudentDoc("d", about="svetsning", program="data")]
    r = Ranker(kind_preference="filter").fit([o])
    assert [m.student_id for m in r.rank_students(o, students)] == ["a"]
    assert {m.student_id for m in r.rank_students(o, students, apply_filters=False)} == {"a", "b", "c"}
    # Issue 12: by default a preferred kind is a preference, so c (who prefers internships) is a candidate
    # too; the offer's programs still filter b out.
    assert {m.student_id for m in Ranker().fit([o]).rank_students(o, students)} == {"a", "c"}


def test_preferred_kinds_order_offers_and_say_when_one_is_of_another_kind() -> None:
    # Issue 12, item 5: a student's preferred kinds are a boost, not a filter.
    job = offer("job", "python utvecklare backend", kind="job")
    intern = offer("intern", "python utvecklare backend", kind="internship")
    s = student("s", "python utvecklare backend", kinds=("internship",))
    r = Ranker().fit([job, intern])
    ms = r.rank_offers(s, k=5, today=TODAY)
    assert [m.offer_id for m in ms] == ["intern", "job"]  # both shown, the preferred kind first
    assert ms[1].text == pytest.approx(ms[0].text)  # same text: the preference decides
    by_id = {m.offer_id: m for m in ms}
    assert ("boost", "preferred kind: internship") in {(x.kind, x.label) for x in by_id["intern"].reasons}
    assert ("preference", "not one of your preferred kinds: job") in {(x.kind, x.label)
                                                                      for x in by_id["job"].reasons}
    # The old behaviour, for callers that want it: other kinds are hidden.
    hidden = Ranker(kind_preference="filter").fit([job, intern]).rank_offers(s, k=5, today=TODAY)
    assert [m.offer_id for m in hidden] == ["intern"]
    # A student who names no kind gets neither the boost nor the note.
    plain = r.rank_offers(student("p", "python utvecklare backend"), k=5, today=TODAY)
    assert not [x for m in plain for x in m.reasons if x.kind in ("preference",) or "kind" in x.label]
    with pytest.raises(ValueError, match="kind_preference"):
        Ranker(kind_preference="hide").fit([job])


def test_rank_students_widens_when_requirements_reorder() -> None:
    o = OfferDoc("o", description="python utvecklare", skills=("Rust",))
    many = [StudentDoc(f"s{i:03d}", about="python utvecklare" + " python" * (i % 3)) for i in range(120)]
    many.append(StudentDoc("rust", about="python utvecklare annat", skills=("Rust",)))
    r = Ranker(overfetch=1).fit([o], many)
    best = r.rank_students(o, many, k=3)
    assert best[0].student_id == "rust"


def test_upsert_and_remove_without_refit() -> None:
    r = Ranker().fit([offer("o1", "python utvecklare"), offer("o2", "sjuksköterska vårdcentral")])
    vocab, idf = dict(r.vectorizer_.vocabulary_), r.vectorizer_.idf_.copy()
    s = student("s", "sjuksköterska på vårdcentral")
    r.upsert_offers([offer("o3", "sjuksköterska vårdcentral akuten"), offer("o1", "sjuksköterska")])
    assert r.vectorizer_.vocabulary_ == vocab and np.array_equal(r.vectorizer_.idf_, idf)
    ids = [m.offer_id for m in r.rank_offers(s, k=5)]
    assert set(ids) == {"o1", "o2", "o3"} and len(r.offers_) == 3
    r.remove_offers(["o2", "nope"])
    assert {m.offer_id for m in r.rank_offers(s, k=5)} == {"o1", "o3"}
    assert r.offer_matrix_.shape[0] == 2


def test_student_without_text_gets_nothing() -> None:
    r = Ranker().fit([offer("o1")])
    assert r.rank_offers(StudentDoc("empty"), k=5) == []
    assert r.rank_students(offer("o1"), [StudentDoc("empty")], k=5) == []


def test_upserted_and_kept_offers_keep_their_filters_and_boosts() -> None:
    r = Ranker().fit([offer("a", programs=("data",)), offer("b", municipality="Umeå"), offer("c")])
    r.upsert_offers([offer("d", programs=("ekonomi",), municipality="Umeå"), offer("c", status="draft")])
    r.remove_offers(["b"])
    s = student("s", program="data", municipalities=("Umeå",))
    assert [m.offer_id for m in r.rank_offers(s, k=5, today=TODAY)] == ["a"]
    e = student("e", program="ekonomi", municipalities=("Umeå",))
    (m,) = r.rank_offers(e, k=5, today=TODAY)
    assert m.offer_id == "d" and [x.label for x in m.reasons if x.kind == "boost"] == ["same municipality: Umeå"]


def test_max_terms_prunes_each_row_to_its_strongest_features() -> None:
    text = "python java sql rust golang kotlin swift scala haskell erlang elixir clojure"
    r = Ranker(max_terms=4, prefix_len=0, decompound=False).fit([offer("o", text), offer("p", "python")])
    assert max(r.offer_matrix_.getnnz(axis=1)) == 4
    assert abs(float(r.offer_matrix_[0].multiply(r.offer_matrix_[0]).sum()) - 1.0) < 1e-5
