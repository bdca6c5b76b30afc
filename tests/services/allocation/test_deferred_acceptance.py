"""Deferred acceptance: compared with the `matching` package and checked for stability by brute force."""

from __future__ import annotations

import itertools
import random
import warnings

import pytest
from matching.games import HospitalResident

from matchmaker.services.allocation.deferred_acceptance import blocking_pairs, deferred_acceptance


def _random_instance(rng: random.Random, n_students: int, n_offers: int) -> tuple[dict, dict, dict]:
    students = [f"s{i}" for i in range(n_students)]
    offers = [f"o{j}" for j in range(n_offers)]
    student_prefs = {s: rng.sample(offers, rng.randint(0, n_offers)) for s in students}
    # Offers rank (a random order of) the students who ranked them, sometimes leaving some out.
    offer_prefs = {}
    for o in offers:
        applicants = [s for s in students if o in student_prefs[s]]
        rng.shuffle(applicants)
        offer_prefs[o] = applicants[: len(applicants) - (rng.random() < 0.2)]
    capacities = {o: rng.randint(1, 3) for o in offers}
    return student_prefs, offer_prefs, capacities


def _with_matching(student_prefs: dict, offer_prefs: dict, capacities: dict) -> dict[str, str | None]:
    # The package wants mutual acceptability; give it exactly that (our function needs no such cleaning).
    mutual_s = {s: [o for o in prefs if s in offer_prefs[o]] for s, prefs in student_prefs.items()}
    mutual_o = {o: [s for s in prefs if o in mutual_s[s]] for o, prefs in offer_prefs.items()}
    result: dict[str, str | None] = {s: None for s in student_prefs}
    players_s = {s: p for s, p in mutual_s.items() if p}
    players_o = {o: p for o, p in mutual_o.items() if p}
    if not players_s:
        return result
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(
            players_s, players_o, {o: capacities[o] for o in players_o}, clean=True
        )
        solution = game.solve(optimal="resident")
    for hospital, residents in solution.items():
        for resident in residents:
            result[resident.name] = hospital.name
    return result


@pytest.mark.parametrize("seed", range(200))
def test_agrees_with_matching_package_on_random_instances(seed: int) -> None:
    rng = random.Random(seed)
    instance = _random_instance(rng, rng.randint(1, 25), rng.randint(1, 8))
    assert deferred_acceptance(*instance) == _with_matching(*instance)


def _brute_force_stable(student_prefs: dict, offer_prefs: dict, capacities: dict, allocation: dict) -> bool:
    """Stability checked pair by pair from the definition, independently of blocking_pairs()."""
    for s, prefs in student_prefs.items():
        for o in prefs:
            if s not in offer_prefs[o]:
                continue
            current = allocation[s]
            if current == o:
                continue
            student_prefers = current is None or prefs.index(o) < prefs.index(current)
            holders = [t for t, a in allocation.items() if a == o]
            offer_prefers = len(holders) < capacities[o] or any(
                offer_prefs[o].index(s) < offer_prefs[o].index(t) for t in holders
            )
            if student_prefers and offer_prefers:
                return False
    return True


@pytest.mark.parametrize("seed", range(60))
def test_small_instances_are_stable_feasible_and_student_optimal(seed: int) -> None:
    rng = random.Random(10_000 + seed)
    student_prefs, offer_prefs, capacities = _random_instance(rng, rng.randint(1, 5), rng.randint(1, 3))
    result = deferred_acceptance(student_prefs, offer_prefs, capacities)
    assert _brute_force_stable(student_prefs, offer_prefs, capacities, result)
    assert blocking_pairs(student_prefs, offer_prefs, capacities, result) == []
    for o, cap in capacities.items():
        assert sum(1 for a in result.values() if a == o) <= cap
    for s, a in result.items():
        assert a is None or (a in student_prefs[s] and s in offer_prefs[a])
    # Enumerate every feasible allocation: each stable one is no better for any student than ours.
    students = list(student_prefs)
    options = [[None, *[o for o in student_prefs[s] if s in offer_prefs[o]]] for s in students]
    for combo in itertools.product(*options):
        candidate = dict(zip(students, combo, strict=True))
        if any(sum(1 for a in combo if a == o) > capacities[o] for o in capacities):
            continue
        if not _brute_force_stable(student_prefs, offer_prefs, capacities, candidate):
            continue
        for s in students:
            ours, theirs = result[s], candidate[s]
            if theirs is not None:
                assert ours is not None and student_prefs[s].index(ours) <= student_prefs[s].index(theirs)


def test_blocking_pairs_finds_an_unstable_allocation() -> None:
    student_prefs = {"a": ["X", "Y"], "b": ["X"]}
    offer_prefs = {"X": ["a", "b"], "Y": ["a"]}
    unstable = {"a": "Y", "b": "X"}
    assert blocking_pairs(student_prefs, offer_prefs, {"X": 1, "Y": 1}, unstable) == [("a", "X")]
    assert deferred_acceptance(student_prefs, offer_prefs, {"X": 1, "Y": 1}) == {"a": "X", "b": None}


def test_unlisted_students_and_offers_without_places_are_skipped() -> None:
    result = deferred_acceptance({"a": ["X", "Y", "Z"], "b": ["Y"]}, {"X": ["b"], "Y": ["b", "a"], "Z": ["a"]},
                                 {"X": 1, "Y": 1, "Z": 0})
    assert result == {"a": None, "b": "Y"}


def test_capacity_two_keeps_the_two_best() -> None:
    prefs = {s: ["X"] for s in "abc"}
    assert deferred_acceptance(prefs, {"X": ["c", "a", "b"]}, {"X": 2}) == {"a": "X", "b": None, "c": "X"}
