"""Allocating mentees to mentors with capacities: stable (deferred acceptance) or "everyone matched" (coverage).

A pure module on ids and scores. `scores[(mentee, mentor)] = (mentee_side, mentor_side)`: how well the mentor's
expertise meets the mentee's goals, and how well the mentee fits the mentor's preferences (both 0..1).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from scipy.optimize import linear_sum_assignment

from matchmaker.services.allocation.deferred_acceptance import deferred_acceptance

Scores = Mapping[tuple[int, int], tuple[float, float]]


def reciprocal(mentee_side: float, mentor_side: float) -> float:
    """The harmonic mean of both sides: high only when both find the pair a good one."""
    total = mentee_side + mentor_side
    return 0.0 if total <= 0 else 2 * mentee_side * mentor_side / total


def preference_lists(mentees: list[int], mentors: list[int], scores: Scores
                     ) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Strict lists, best first, of acceptable partners (both sides above zero); ties broken by id."""
    def ok(a: int, b: int) -> bool:
        pair = scores.get((a, b), (0.0, 0.0))
        return pair[0] > 0 and pair[1] > 0

    mentee_prefs = {a: sorted((b for b in mentors if ok(a, b)), key=lambda b: (-scores[(a, b)][0], b))
                    for a in mentees}
    mentor_prefs = {b: sorted((a for a in mentees if ok(a, b)), key=lambda a: (-scores[(a, b)][1], a))
                    for b in mentors}
    return mentee_prefs, mentor_prefs


def stable(mentees: list[int], mentors: list[int], capacities: Mapping[int, int], scores: Scores
           ) -> dict[int, int | None]:
    """The mentee-optimal stable allocation: no mentee and mentor would both rather be together."""
    mentee_prefs, mentor_prefs = preference_lists(mentees, mentors, scores)
    return deferred_acceptance(mentee_prefs, mentor_prefs, capacities)


def coverage(mentees: list[int], mentors: list[int], capacities: Mapping[int, int], scores: Scores
             ) -> dict[int, int | None]:
    """As many mentees matched as the capacities allow, and among those the largest total reciprocal score."""
    seats = [b for b in mentors for _ in range(max(0, capacities.get(b, 0)))]
    result: dict[int, int | None] = dict.fromkeys(mentees)
    if not mentees or not seats:
        return result
    value = np.array([[reciprocal(*scores.get((a, b), (0.0, 0.0))) for b in seats] for a in mentees])
    # Every assignment is allowed (a zero score too), so the optimum assigns min(mentees, seats) pairs: the
    # most mentees covered, with the largest total score among such assignments.
    rows, cols = linear_sum_assignment(value, maximize=True)
    for row, col in zip(rows, cols, strict=True):
        result[mentees[row]] = seats[col]
    return result
