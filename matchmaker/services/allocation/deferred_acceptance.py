"""Student-proposing deferred acceptance (Gale-Shapley) with capacities: a pure function, no database.

Given strict preferences on both sides and a number of places per offer, it returns the student-optimal
stable allocation: no student and offer would both rather be together than with what they got.
The result does not depend on the order in which students propose; we still process them in sorted
order so every run takes the same steps (easier to debug and log).
"""

from __future__ import annotations

import heapq
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

S = TypeVar("S", bound=Hashable)
T = TypeVar("T", bound=Hashable)


def deferred_acceptance(
    student_prefs: Mapping[S, Sequence[T]],
    offer_prefs: Mapping[T, Sequence[S]],
    capacities: Mapping[T, int],
) -> dict[S, T | None]:
    """Allocate students to offers; each side lists only whom it accepts, best first.

    A student is only ever held by an offer that lists them (unlisted means not acceptable).
    Offers missing from `capacities` have no places. Returns every student of `student_prefs`,
    mapped to an offer or to None when unplaced.
    """
    rank: dict[T, dict[S, int]] = {o: {s: i for i, s in enumerate(prefs)} for o, prefs in offer_prefs.items()}
    # Per offer, a max-heap (by the offer's rank) of the students it holds for now.
    held: dict[T, list[tuple[int, S]]] = {o: [] for o in offer_prefs}
    next_choice: dict[S, int] = {s: 0 for s in student_prefs}
    result: dict[S, T | None] = {s: None for s in student_prefs}
    free: list[S] = sorted(student_prefs, key=_sort_key, reverse=True)  # pop() takes the smallest first

    while free:
        student = free.pop()
        prefs = student_prefs[student]
        while next_choice[student] < len(prefs):
            offer = prefs[next_choice[student]]
            next_choice[student] += 1
            position = rank.get(offer, {}).get(student)
            places = capacities.get(offer, 0)
            if position is None or places <= 0:
                continue  # the offer does not accept this student, or has no places
            heap = held[offer]
            if len(heap) < places:
                heapq.heappush(heap, (-position, student))
                result[student] = offer
                break
            worst_position = -heap[0][0]
            if position < worst_position:
                _, bumped = heapq.heapreplace(heap, (-position, student))
                result[student] = offer
                result[bumped] = None
                free.append(bumped)  # the bumped student proposes further down their list
                break
    return result


def blocking_pairs(
    student_prefs: Mapping[S, Sequence[T]],
    offer_prefs: Mapping[T, Sequence[S]],
    capacities: Mapping[T, int],
    allocation: Mapping[S, T | None],
) -> list[tuple[S, T]]:
    """Every (student, offer) pair that would both rather be together: empty for a stable allocation."""
    rank = {o: {s: i for i, s in enumerate(prefs)} for o, prefs in offer_prefs.items()}
    assigned: dict[T, list[S]] = {o: [] for o in offer_prefs}
    for student, offer in allocation.items():
        if offer is not None:
            assigned.setdefault(offer, []).append(student)
    pairs: list[tuple[S, T]] = []
    for student, prefs in student_prefs.items():
        current = allocation.get(student)
        better = prefs if current is None or current not in prefs else prefs[: list(prefs).index(current)]
        for offer in better:
            if student not in rank.get(offer, {}) or capacities.get(offer, 0) <= 0:
                continue
            holders = assigned.get(offer, [])
            if len(holders) < capacities[offer]:
                pairs.append((student, offer))
            elif any(rank[offer][student] < rank[offer][h] for h in holders):
                pairs.append((student, offer))
    return pairs


def _sort_key(value: object) -> tuple[str, object]:
    # Mixed key types still sort deterministically: by type name first, then by value.
    return (type(value).__name__, value)
