"""The Karriärsök walkthrough in real browsers: a student, an employer and a career coach, each in their own."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from .flows import heading, nav, new_employer, new_student, register_employer, register_student
from .steps import (
    apply_to_open_offer,
    approve_offer,
    fill_profile,
    forest_offer,
    post_offer_for_review,
    search_and_open,
    shortlist_application,
    student_sees_status,
)

pytestmark = pytest.mark.browser


def test_student_applies_employer_shortlists_student_sees_it(
    new_page: Callable[..., Page], coach_page: Page
) -> None:
    student_page = new_page("student")
    employer_page = new_page("employer")
    alva, bo = new_student("Alva"), new_employer("Bo")
    offer = forest_offer()

    # A student registers and fills the profile.
    register_student(student_page, alva, program=offer.program)
    fill_profile(
        student_page, skills="Python, machine learning, statistics", interests="Forestry and sensor data",
        about="Computer engineering student who has built machine learning models in Python for sensor data.",
    )

    # An employer registers and posts an offer; it goes to review and students cannot find it yet.
    register_employer(employer_page, bo, org_name=f"Norrskog Data {bo.name} AB")
    offer_path = post_offer_for_review(employer_page, offer)
    student_page.goto("/offers?q=forest+sensor+machine+learning")
    expect(student_page.get_by_role("link", name=offer.title)).to_have_count(0)
    response = student_page.goto(offer_path)
    assert response is not None and response.status == 404  # not even by its address

    # A career coach approves it in the review queue: now it is published.
    approve_offer(coach_page, offer.title)
    employer_page.reload()
    expect(employer_page.locator("main .badge").first).to_have_text("Published")

    # The student finds it, sees why it fits, and applies.
    search_and_open(student_page, "machine learning forest sensor", offer.title)
    apply_to_open_offer(student_page, offer.title, "I would love to work on your forest data.")

    # The employer sees the application and shortlists it with a message.
    shortlist_application(employer_page, offer.title, alva.name, "We would like to meet you next week.")

    # The student sees the new status and the message.
    student_sees_status(student_page, offer.title, "Shortlisted", "We would like to meet you next week.")


def test_offer_list_on_a_phone(new_page: Callable[..., Page], coach_page: Page) -> None:
    """Phone-sized screen (375x667): the offer list is usable without sideways scrolling."""
    employer_page = new_page("employer")
    bo = new_employer("Britt")
    offer = forest_offer()
    register_employer(employer_page, bo, org_name=f"Fjällturism {bo.name} AB")
    post_offer_for_review(employer_page, offer)
    approve_offer(coach_page, offer.title)

    phone = new_page("phone", viewport={"width": 375, "height": 667}, is_mobile=True, has_touch=True)
    phone.goto("/")
    expect(nav(phone).get_by_role("link", name="Karriärsök")).to_be_hidden()  # the menu is folded on a phone
    nav(phone).locator("label", has_text="Menu").tap()
    nav(phone).get_by_role("link", name="Karriärsök").tap()
    expect(heading(phone)).to_have_text("Karriärsök")
    expect(nav(phone).get_by_role("link", name="Log in")).to_be_hidden()
    nav(phone).locator("label", has_text="Menu").tap()
    expect(nav(phone).get_by_role("link", name="Log in")).to_be_visible()
    link = phone.get_by_role("link", name=offer.title)
    expect(link).to_be_visible()
    widths = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways on a phone: {widths[0]}px content in {widths[1]}px"
    search = phone.get_by_label("Search", exact=True)
    box = search.bounding_box()
    assert box is not None and box["width"] <= 375
    link.tap()
    expect(heading(phone)).to_have_text(offer.title)
    expect(phone.get_by_role("link", name="Log in to apply")).to_be_visible()
