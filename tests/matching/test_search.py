"""Karriärsök at the engine level on the demo offers (issue 12, items 6 and 7): what people mean."""

from __future__ import annotations

import pytest

from matchmaker.matching import Ranker

from .demo_corpus import demo_offers, demo_queries

IT_THESES = {"nb-exjobb-ml", "nb-exjobb-integration", "nb-thesis-anomaly", "pc-thesis-vision",
             "hs-exjobb-ai-kundtjanst"}
FORESTRY = {"gs-exjobb-laserdata", "gs-sommar-skogsskotsel", "gs-trainee-skogsforvaltare", "at-exjobb-kltra"}


@pytest.fixture(scope="module")
def ranker() -> Ranker:
    return Ranker().fit(demo_offers())


def search(r: Ranker, query: str, k: int = 10, language: str | None = None) -> list:
    """As Karriärsök asks: a query, no profile, the search's own filters already applied (none here)."""
    return r.rank_offers(None, query=query, k=k, apply_filters=False, language=language)


def ids(r: Ranker, query: str, k: int = 10) -> list[str]:
    return [m.offer_id for m in search(r, query, k)]


@pytest.mark.parametrize("query", ["teacher", "lärare"])
def test_teacher_finds_the_swedish_teaching_placements(ranker: Ranker, query: str) -> None:
    assert "sk-vfu-larare" in ids(ranker, query, 3)


def test_lärare_never_ranks_the_offer_that_only_says_lär_känna_first(ranker: Ranker) -> None:
    # "ni lär känna kodbasen" (the summer internship) is the verb 'learn', not the teacher.
    found = ids(ranker, "lärare")
    assert found[0] != "nb-sommar-etjanst"
    assert "nb-sommar-etjanst" not in found


def test_forestry_thesis_finds_the_forestry_offers(ranker: Ranker) -> None:
    found = ids(ranker, "forestry thesis", 5)
    assert found and found[0] in FORESTRY
    assert "gs-exjobb-laserdata" in found


def test_examensarbete_skog_ranks_forestry_above_it(ranker: Ranker) -> None:
    found = ids(ranker, "examensarbete skog")
    first_it = min((found.index(o) for o in IT_THESES if o in found), default=len(found))
    assert found.index("gs-exjobb-laserdata") < first_it
    assert all(found.index(o) < first_it for o in FORESTRY if o in found)


def test_sjukgymnast_finds_the_physiotherapy_placements(ranker: Ranker) -> None:
    found = ids(ranker, "sjukgymnast", 3)
    assert found[0] == "rv-vfu-fysio" and "ss-vfu-ortopedrehab" in found


@pytest.mark.parametrize(("typo", "meant"), [("pyhton", "python"), ("sjukskötersak", "sjuksköterska"),
                                             ("maskininlärnig", "maskininlärning"), ("pyhton gis", "python gis")])
def test_did_you_mean(ranker: Ranker, typo: str, meant: str) -> None:
    assert ranker.suggest(typo) == meant
    assert ids(ranker, ranker.suggest(typo))  # the suggestion finds something


@pytest.mark.parametrize("query", ["python", "teacher", "sjukgymnast", "gis", "xq"])
def test_no_suggestion_for_known_or_short_words(ranker: Ranker, query: str) -> None:
    assert ranker.suggest(query) is None


def test_reasons_hide_filler_words_and_name_the_concept_once_in_the_users_language(ranker: Ranker) -> None:
    generic = {"kommunens", "regionen", "vill", "bygger", "sommar", "och", "i"}
    for q in demo_queries():
        for m in search(ranker, q["query"], 5):
            terms = [r.label for r in m.reasons if r.kind == "term"]
            assert not generic & set(terms), (q["query"], terms)
            assert len(terms) == len(set(terms))
    en = [r.label for r in search(ranker, "lärare", 1, language="en")[0].reasons if r.kind == "term"]
    sv = [r.label for r in search(ranker, "teacher", 1, language="sv")[0].reasons if r.kind == "term"]
    assert "teacher" in en and "lärare" in sv


def test_engine_beats_plain_tf_idf_on_the_demo_query_set(ranker: Ranker) -> None:
    from matchmaker.matching import StudentDoc
    from matchmaker.matching.evaluate import baseline_run, metrics

    queries = demo_queries()
    assert len(queries) >= 40
    qrels = {q["id"]: q["relevant"] for q in queries}
    eng = {q["id"]: ids(ranker, q["query"]) for q in queries}
    base = baseline_run(demo_offers(), [StudentDoc(id=q["id"], about=q["query"]) for q in queries])
    assert metrics(eng, qrels)["nDCG@10"] > metrics(base, qrels)["nDCG@10"] + 0.1
