"""Mentor allocation against brute force on small random cases: capacities, stability, mentee-optimality, coverage."""

from __future__ import annotations

import itertools
import random

import pytest

from matchmaker.services.mentoring.allocate import coverage, preference_lists, reciprocal, stable


def _case(seed: int) -> tuple[list[int], list[int], dict[int, int], dict[tuple[int, int], tuple[float, float]]]:
    rng = random.Random(seed)
    mentees = list(range(1, rng.randint(1, 5) + 1))
    mentors = list(range(101, 101 + rng.randint(1, 3)))
    capacities = {b: rng.randint(1, 2) for b in mentors}
    # Distinct scores on each side (strict preferences), some zero (not acceptable).
    scores = {}
    for a in mentees:
        for b in mentors:
            zero = rng.random() < 0.2
            scores[(a, b)] = (0.0, 0.0) if zero else (rng.random(), rng.random())
    return mentees, mentors, capacities, scores


def _assignments(mentees, mentors, capacities):
    """Every allocation: each mentee to a mentor or nobody, within capacities."""
    for choice in itertools.product([None, *mentors], repeat=len(mentees)):
        if all(sum(1 for c in choice if c == b) <= capacities[b] for b in mentors):
            yield dict(zip(mentees, choice, strict=True))


def _is_stable(result, mentees, mentors, capacities, scores) -> bool:
    mentee_prefs, mentor_prefs = preference_lists(mentees, mentors, scores)
    for a in mentees:
        if result[a] is not None and result[a] not in mentee_prefs[a]:
            return False  # an unacceptable pair
        for b in mentee_prefs[a]:
            if result[a] is not None and mentee_prefs[a].index(b) >= mentee_prefs[a].index(result[a]):
                break  # a prefers what they have from here on
            held = [x for x in mentees if result[x] == b]
            position = {x: i for i, x in enumerate(mentor_prefs[b])}
            if len(held) < capacities[b] or any(position[a] < position.get(x, len(mentees)) for x in held):
                return False  # a and b would both rather be together
    return True


@pytest.mark.parametrize("seed", range(60))
def test_stable_is_stable_within_capacities_and_mentee_optimal(seed: int) -> None:
    mentees, mentors, capacities, scores = _case(seed)
    result = stable(mentees, mentors, capacities, scores)
    assert set(result) == set(mentees)
    for b in mentors:
        assert sum(1 for v in result.values() if v == b) <= capacities[b]
    assert _is_stable(result, mentees, mentors, capacities, scores)
    all_stable = [m for m in _assignments(mentees, mentors, capacities)
                  if _is_stable(m, mentees, mentors, capacities, scores)]
    assert result in all_stable
    mentee_prefs, _ = preference_lists(mentees, mentors, scores)

    def rank(a, b):
        return len(mentors) if b is None else mentee_prefs[a].index(b)

    for a in mentees:  # no stable allocation gives any mentee a better mentor
        assert rank(a, result[a]) == min(rank(a, m[a]) for m in all_stable)


@pytest.mark.parametrize("seed", range(60))
def test_coverage_matches_the_most_mentees_with_the_best_total(seed: int) -> None:
    mentees, mentors, capacities, scores = _case(seed)
    result = coverage(mentees, mentors, capacities, scores)
    for b in mentors:
        assert sum(1 for v in result.values() if v == b) <= capacities[b]

    def covered(m):
        return sum(1 for v in m.values() if v is not None)

    def total(m):
        return sum(reciprocal(*scores[(a, b)]) for a, b in m.items() if b is not None)

    best = max(_assignments(mentees, mentors, capacities), key=lambda m: (covered(m), total(m)))
    assert covered(result) == covered(best) == min(len(mentees), sum(capacities.values()))
    assert total(result) == pytest.approx(total(best))


def test_reciprocal_needs_both_sides() -> None:
    assert reciprocal(0.9, 0.0) == 0.0
    assert reciprocal(0.5, 0.5) == pytest.approx(0.5)
    assert reciprocal(0.9, 0.1) < reciprocal(0.5, 0.5)
