"""Coach matching in real browsers: approve an offer, run matching, recommend a match, the student sees it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from .flows import new_employer, new_student, register_employer, register_student, unique
from .steps import (
    OfferText,
    approve_offer,
    fill_profile,
    post_offer_for_review,
    recommend_match,
    run_matching,
    student_sees_coach_recommendation,
)

pytestmark = pytest.mark.browser

PROGRAM = "Master's Programme in Data Science"


def test_coach_runs_matching_and_recommends_a_match_the_student_sees(
    new_page: Callable[..., Page], coach_page: Page
) -> None:
    student_page = new_page("student")
    employer_page = new_page("employer")
    saga, per = new_student("Saga"), new_employer("Per")
    offer = OfferText(
        title=f"Data science internship: energy forecasting {unique()}",
        description="Forecast district heating demand in Luleå with time series models in Python and SQL.",
        skills="Python, time series, forecasting, SQL",
        program=PROGRAM,
        municipality="Luleå (Norrbottens län)",
        kind="Internship",
    )

    register_student(student_page, saga, program=PROGRAM)
    fill_profile(
        student_page, skills="Python, forecasting, time series, SQL", interests="Energy systems and district heating",
        about="Data science student: forecasting energy demand with time series models in Python.",
        looking_for="Internship",
    )
    register_employer(employer_page, per, org_name=f"Luleå Energi Data {per.name} AB", municipality=offer.municipality)
    post_offer_for_review(employer_page, offer)

    approve_offer(coach_page, offer.title)
    run_matching(coach_page)
    recommend_match(coach_page, saga.name, offer.title, PROGRAM)

    student_sees_coach_recommendation(student_page, offer.title)
