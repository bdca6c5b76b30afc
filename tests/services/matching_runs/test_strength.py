"""Match strength in words: calibrated on the current matching run's scores, defaults before any run."""

from __future__ import annotations

import pytest

from matchmaker.models import MatchRun, RunStatus
from matchmaker.services.matching_runs import strength as match_strength
from matchmaker.services.matching_runs.strength import Bands, bands_from_scores

pytestmark = pytest.mark.db


def test_levels_follow_the_bands() -> None:
    bands = Bands(good=0.1, strong=0.3)
    assert [bands.level(s) for s in (0.0, 0.099, 0.1, 0.29, 0.3, 0.9)] == [1, 1, 2, 2, 3, 3]


def test_bands_are_medians_of_best_and_of_all_scores() -> None:
    best = [0.1 * (i % 5 + 1) for i in range(20)]  # median 0.3
    scores = best + [0.05] * 40  # median 0.05
    assert bands_from_scores(best, scores) == pytest.approx({"good": 0.05, "strong": 0.3})
    assert bands_from_scores(best[:19], scores) is None  # too few students to say anything
    # good never above strong, whatever the spread
    assert bands_from_scores([0.2] * 20, [0.9] * 100) == {"good": 0.2, "strong": 0.2}


def test_current_bands_come_from_the_current_run(db_session) -> None:
    assert match_strength.current_bands(db_session) == Bands()
    db_session.add(MatchRun(status=RunStatus.SUCCEEDED, is_current=True,
                            counts={"score_bands": {"good": 0.04, "strong": 0.07}}))
    db_session.flush()
    assert match_strength.current_bands(db_session) == Bands(good=0.04, strong=0.07)


def test_words_name_the_same_levels_for_every_caller() -> None:
    bands = Bands(good=0.1, strong=0.3)
    assert [bands.word(s) for s in (None, 0.05, 0.1, 0.3)] == [None, "some", "good", "strong"]
