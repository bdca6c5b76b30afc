"""Match strength in words ("strong", "good", "some"), calibrated on real scores, the same for every role.

A raw score is a cosine: 0.15 can be the best match a student has, and shown as "15 %" it reads as a poor
one. The words compare a score with the scores of the current matching run instead: *strong* is at least
the median of the students' best scores, *good* at least the median of all their top-k scores. Until a
coach has run matching for enough students, fixed bands measured on the demo data stand in. Students,
employers, coaches and the API all read the level from these bands (coaches also see the number).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from sqlalchemy.orm import Session

from matchmaker.services.matching_runs.runs import current_run

# Best matches on the demo data lie between 0.1 and 0.3 (student-side fit).
DEFAULT_GOOD = 0.10
DEFAULT_STRONG = 0.20
# Fewer students than this say little about the spread of scores.
MIN_STUDENTS = 20
# The level's word in the API (the UI translates its own labels of the same levels).
WORDS = {3: "strong", 2: "good", 1: "some"}


@dataclass(frozen=True)
class Bands:
    """Score thresholds of the levels: 3 strong, 2 good, 1 some."""

    good: float = DEFAULT_GOOD
    strong: float = DEFAULT_STRONG

    def level(self, score: float) -> int:
        """3 (strong), 2 (good) or 1 (some)."""
        return 3 if score >= self.strong else 2 if score >= self.good else 1

    def word(self, score: float | None) -> str | None:
        """"strong", "good" or "some"; None for an unranked result."""
        return None if score is None else WORDS[self.level(score)]


def bands_from_scores(best: Sequence[float], scores: Sequence[float]) -> dict[str, float] | None:
    """Bands from a run: each student's best score and all top-k scores; None when too few students."""
    if len(best) < MIN_STUDENTS or not scores:
        return None
    strong = float(median(best))
    return {"good": min(float(median(scores)), strong), "strong": strong}


def current_bands(session: Session) -> Bands:
    """The bands of the current matching run, else the defaults."""
    run = current_run(session)
    stored = (run.counts or {}).get("score_bands") if run is not None else None
    if not stored:
        return Bands()
    return Bands(good=float(stored["good"]), strong=float(stored["strong"]))
