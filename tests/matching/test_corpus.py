"""The Swedish test corpus: inflection, compounds, synonyms and distractors sharing only generic words."""

from __future__ import annotations

import pytest

from matchmaker.matching import Ranker
from matchmaker.matching.evaluate import baseline_run


def test_every_case_ranks_the_expected_offer_first(corpus: dict, fitted: Ranker) -> None:
    for case in corpus["cases"]:
        matches = fitted.rank_offers(corpus["students"][case["student"]], k=len(corpus["offers"]),
                                     apply_filters=False)
        ids = [m.offer_id for m in matches]
        assert ids and ids[0] == case["expect"], (case["exercises"], ids[:3])
        for d in case["distractors"]:
            assert d not in ids or ids.index(d) > 0, (case["exercises"], d)


def test_distractors_sharing_only_generic_words_score_far_lower(corpus: dict, fitted: Ranker) -> None:
    s = corpus["students"]["s-dev"]
    scores = {m.offer_id: m.text for m in fitted.rank_offers(s, k=20, apply_filters=False)}
    assert scores.get("o-sales", 0.0) < 0.5 * scores["o-sysdev"]
    assert scores.get("o-warehouse", 0.0) < 0.5 * scores["o-sysdev"]


def test_engine_beats_the_plain_baseline_on_the_corpus(corpus: dict, fitted: Ranker) -> None:
    students = list(corpus["students"].values())
    base = baseline_run(corpus["offers"], students, k=1)
    base_hits = sum(base[c["student"]][:1] == [c["expect"]] for c in corpus["cases"])
    engine_hits = sum(fitted.rank_offers(corpus["students"][c["student"]], k=1, apply_filters=False)[0].offer_id
                      == c["expect"] for c in corpus["cases"])
    assert engine_hits == len(corpus["cases"])
    assert base_hits <= len(corpus["cases"]) - 3  # plain TF-IDF misses compounds, synonyms and inflection


@pytest.mark.parametrize(("step", "params", "student", "expect"), [
    ("compounds", {"decompound": False}, "s-dev", "o-sysdev"),
    ("synonyms", {"synonyms": False}, "s-exjobb", "o-exjobb-ml"),
    ("stemming", {"stemming": False, "prefix_len": 0}, "s-nurse", "o-nurse"),
])
def test_each_text_step_is_needed_for_its_case(corpus: dict, step: str, params: dict, student: str,
                                               expect: str) -> None:
    students = list(corpus["students"].values())
    full = Ranker().fit(corpus["offers"], students)
    ablated = Ranker(**params).fit(corpus["offers"], students)
    s = corpus["students"][student]

    def score(r: Ranker) -> float:
        return next((m.text for m in r.rank_offers(s, k=20, apply_filters=False) if m.offer_id == expect), 0.0)

    assert score(ablated) < 0.8 * score(full), step
