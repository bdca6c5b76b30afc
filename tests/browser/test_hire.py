"""The end of the hiring funnel in real browsers: an offered place is heard of, accepted, placed and counted.

Employer offers a place -> the student sees it under the bell and by mail -> accepts (asked first) -> the
placement exists, the coach's contract page counts it -> the offer with all its places taken is filled.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date, timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from .a11y import assert_accessible
from .conftest import ARTIFACTS
from .flows import flash, heading, nav, new_employer, new_student, register_employer, register_student
from .steps import (
    OfferText,
    apply_to_open_offer,
    approve_offer,
    fill_profile,
    post_offer_for_review,
    search_and_open,
    verify_organization,
)

pytestmark = pytest.mark.browser

PROGRAM = "MSc in Computer Engineering"


def _mailed(email: str, subject_part: str, deadline_s: float = 20) -> str:
    """The subject of the last mail to `email` containing `subject_part`, as the server printed it (no SMTP)."""
    pattern = re.compile(rf"--- mail to {re.escape(email)}: ([^\n]*{re.escape(subject_part)}[^\n]*)")
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        found = pattern.findall((ARTIFACTS / "server.log").read_text(errors="replace"))
        if found:
            return str(found[-1])
        time.sleep(0.2)  # the worker thread sends the mail just after the request; polling, not waiting blind
    raise AssertionError(f"no mail to {email} about {subject_part!r}")


def _select_containing(select: Locator, text: str) -> None:
    """Choose the option whose label contains `text` (labels add numbers and counts around the name)."""
    value = select.locator("option", has_text=text).first.get_attribute("value")
    assert value, f"no option with {text!r}"
    select.select_option(value=value)


def _contract_for(coach: Page, org_name: str, title: str) -> None:
    """The coach records a Kompetenskontrakt: one degree project for the program this year."""
    nav(coach).get_by_role("link", name="Contracts").click()
    coach.get_by_role("link", name="New contract").click()
    expect(heading(coach)).to_have_text("New contract")
    _select_containing(coach.get_by_label("Organisation"), org_name)
    coach.get_by_label("Title").fill(title)
    today = date.today()
    coach.get_by_label("Period start").fill((today - timedelta(days=30)).isoformat())
    coach.get_by_label("Period end").fill((today + timedelta(days=300)).isoformat())
    coach.get_by_label("Status").select_option(label="Active")
    coach.get_by_label("Kind").first.select_option(label="Degree project")
    coach.get_by_label("Study program").first.select_option(label=PROGRAM)
    coach.get_by_label("Count").first.fill("1")
    coach.get_by_role("button", name="Save", exact=True).click()
    expect(heading(coach)).to_have_text(title)


def _placements_cell(coach: Page) -> str:
    row = coach.locator("tbody tr").first
    return row.locator("td").nth(6).inner_text().strip()


def test_offered_place_is_told_accepted_placed_counted_and_filled(new_page: Callable[..., Page],
                                                                  coach_page: Page) -> None:
    student_page, employer_page = new_page("student"), new_page("employer")
    stina, erik = new_student("Stina"), new_employer("Erik")
    org_name = f"Kodverket {erik.name} AB"
    contract_title = f"Kompetenskontrakt {erik.name}"
    offer = OfferText(
        title=f"Degree project: route planning for snow clearing {erik.name}",
        description="Degree project in Umeå: optimise route planning for snow clearing with Python and open "
                    "map data, together with our developers.",
        skills="Python, optimisation, GIS", program=PROGRAM,
    )

    register_student(student_page, stina, program=PROGRAM)
    fill_profile(student_page, skills="Python, optimisation, GIS", interests="Route planning and maps",
                 about="Computer engineering student who likes optimisation problems and map data in Python.")
    register_employer(employer_page, erik, org_name=org_name)
    verify_organization(coach_page, org_name)
    _contract_for(coach_page, org_name, contract_title)

    # The offer counts towards the contract line; a coach approves it; the student applies.
    post_offer_for_review(employer_page, offer)
    employer_page.get_by_role("link", name="Edit").click()
    _select_containing(employer_page.get_by_label("Counts towards contract commitment"), contract_title)
    employer_page.get_by_role("button", name="Save", exact=True).click()
    expect(heading(employer_page)).to_have_text(offer.title)
    approve_offer(coach_page, offer.title)
    search_and_open(student_page, "route planning snow clearing", offer.title)
    apply_to_open_offer(student_page, offer.title, "I would like to optimise your routes.")

    # The employer offers the place from the application page.
    nav(employer_page).get_by_role("link", name="Offers").click()
    employer_page.get_by_role("link", name=offer.title).click()
    employer_page.get_by_role("link", name="Applications", exact=True).click()
    employer_page.get_by_role("link", name=stina.name).click()
    employer_page.get_by_label("New status").select_option(label="Offer the place")
    employer_page.get_by_label("Message to the student (optional)").fill("Welcome to our team!")
    employer_page.get_by_role("button", name="Save step").click()
    expect(flash(employer_page, "The application is now: Offered a place.")).to_be_visible()

    # The student hears of it: the bell and a mail.
    student_page.goto("/student/")
    bell = nav(student_page).get_by_role("link", name="Notifications, 1 unread")
    expect(bell).to_be_visible()
    assert "Offered a place" in _mailed(stina.email, offer.title)
    bell.click()
    expect(heading(student_page)).to_have_text("Notifications")
    assert_accessible(student_page)
    student_page.get_by_role("link", name=re.compile(f"offers you a place: “{re.escape(offer.title)}”")).click()
    expect(heading(student_page)).to_have_text("My applications")

    # Accepting asks first, then makes the placement.
    card = student_page.locator("article").filter(has=student_page.get_by_role("link", name=offer.title))
    card.get_by_role("link", name=re.compile("^Accept")).click()
    expect(heading(student_page)).to_have_text(f"Accept the place “{offer.title}”?")
    assert_accessible(student_page)
    student_page.get_by_role("button", name="Accept the place").click()
    expect(flash(student_page, "You have accepted the place.")).to_be_visible()
    expect(heading(student_page)).to_have_text("My placements")
    expect(student_page.get_by_text(offer.title)).to_be_visible()

    # The employer is told; the offer with its one place taken is filled.
    employer_page.goto("/employer/")
    expect(nav(employer_page).get_by_role("link", name=re.compile("^Notifications, [1-9]"))).to_be_visible()
    nav(employer_page).get_by_role("link", name="Offers").click()
    employer_page.get_by_role("link", name=offer.title).click()
    expect(employer_page.locator("main .badge").first).to_have_text("Filled")

    # The coach's contract page counts the placement of an ordinary hire.
    nav(coach_page).get_by_role("link", name="Contracts").click()
    coach_page.get_by_role("link", name=contract_title).click()
    expect(heading(coach_page)).to_have_text(contract_title)
    assert _placements_cell(coach_page).endswith("1")
    expect(coach_page.locator("tbody tr").first.locator(".badge")).to_have_text("Fulfilled")
