"""A fair in real browsers: the coach creates it, an employer registers and publishes interview slots, a student
registers and books one, and the coach checks the student in with the code under the student's QR code."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from .a11y import assert_accessible
from .flows import flash, heading, nav, new_employer, new_student, register_employer, register_student, unique
from .steps import verify_organization

pytestmark = pytest.mark.browser

_FMT = "%Y-%m-%dT%H:%M"


def _create_fair(page: Page, title: str, start: datetime) -> None:
    now = datetime.now(ZoneInfo("Europe/Stockholm")).replace(tzinfo=None)
    nav(page).get_by_role("link", name="Events").click()
    page.get_by_role("link", name="New event").click()
    expect(heading(page)).to_have_text("New event")
    page.get_by_label("Kind").select_option(label="Fair")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Campus").fill("Sundsvall")
    page.get_by_label("Place", exact=True).fill("Aulan")
    # A wrong end first: the reason is shown on the field and what was typed stays.
    page.get_by_label("Starts").fill(start.strftime(_FMT))
    page.get_by_label("Ends").fill((start - timedelta(hours=1)).strftime(_FMT))
    page.get_by_label("Capacity (empty: no limit)").fill("50")
    page.get_by_label("Student registration opens").fill((now - timedelta(days=1)).strftime(_FMT))
    page.get_by_label("Student registration closes").fill(start.strftime(_FMT))
    page.get_by_label("Employer registration opens (fairs)").fill((now - timedelta(days=1)).strftime(_FMT))
    page.get_by_label("Employer registration closes (fairs)").fill((start - timedelta(days=1)).strftime(_FMT))
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#ends_at-error")).to_contain_text("The event must end after it starts.")
    expect(page.get_by_label("Title")).to_have_value(title)
    assert_accessible(page)
    page.get_by_label("Ends").fill((start + timedelta(hours=6)).strftime(_FMT))
    page.get_by_role("button", name="Save").click()
    expect(flash(page, "The event is saved.")).to_be_visible()
    expect(heading(page)).to_have_text(title)


def test_employer_registers_for_a_fair_publishes_slots_student_books_coach_checks_in(
    new_page: Callable[..., Page], coach_page: Page
) -> None:
    employer_page, student_page = new_page("employer"), new_page("student")
    title = f"Mötesplats Campus {unique()}"
    start = (datetime.now(ZoneInfo("Europe/Stockholm")) + timedelta(days=7)).replace(
        hour=10, minute=0, second=0, microsecond=0, tzinfo=None)
    _create_fair(coach_page, title, start)

    # The employer registers (a coach verifies the new organisation first), then publishes three slots.
    ella = new_employer("Ella")
    org_name = f"Sundsvalls Energi {ella.name} AB"
    register_employer(employer_page, ella, org_name=org_name)
    verify_organization(coach_page, org_name)
    nav(employer_page).get_by_role("link", name="Fairs").click()
    employer_page.get_by_role("link", name=title).click()
    employer_page.get_by_label("Stand wish").fill("Near the entrance")
    employer_page.get_by_label("Number of representatives").fill("2")
    employer_page.get_by_role("button", name="Register for the fair").click()
    expect(flash(employer_page, "Your organisation is registered for the fair.")).to_be_visible()
    expect(employer_page.get_by_label("First slot starts (Swedish time)")).to_have_value(start.strftime(_FMT))
    employer_page.get_by_label("Length").select_option(label="10 minutes")
    employer_page.get_by_label("Number of slots").fill("3")
    employer_page.get_by_role("button", name="Publish slots").click()
    expect(flash(employer_page, "3 interview slots are published.")).to_be_visible()
    schedule = employer_page.get_by_role("region", name="Your interview schedule")
    expect(schedule.get_by_role("row")).to_have_count(4)  # header and three slots
    assert_accessible(employer_page)

    # The student finds the fair among the events in Karriärsök, registers and books the 10:10 slot.
    nils = new_student("Nils")
    register_student(student_page, nils)
    nav(student_page).get_by_role("link", name="Karriärsök").click()
    student_page.get_by_label("Kind").select_option(label="Events")
    student_page.get_by_role("button", name="Search", exact=True).click()
    student_page.get_by_role("link", name=title).click()
    expect(heading(student_page)).to_have_text(title)
    student_page.get_by_role("button", name="Register").click()
    expect(flash(student_page, "You are registered.")).to_be_visible()
    # The registration shows the check-in QR code (an image named by its text) and the code as text.
    code = student_page.locator(".check-in-code").inner_text().strip()
    expect(student_page.get_by_role("img", name=f"QR code for checking in at {title}. Check-in code: {code}")) \
        .to_be_visible()
    assert_accessible(student_page)
    student_page.get_by_role("button", name=f"Book 10:10 with {org_name}").click()
    expect(flash(student_page, "The interview is booked.")).to_be_visible()
    booked = student_page.get_by_role("region", name="My interviews at this fair")
    expect(booked).to_contain_text(org_name)
    # One per employer: the other slots of this employer are no longer offered.
    expect(student_page.get_by_role("button", name=f"Book 10:00 with {org_name}")).to_have_count(0)

    # The employer's schedule shows who booked; the coach checks the student in.
    employer_page.reload()
    expect(schedule.get_by_role("row").filter(has_text="10:10")).to_contain_text(nils.name)
    nav(coach_page).get_by_role("link", name="Events").click()
    coach_page.get_by_role("link", name=title).click()
    # The camera fails: the coach types the code the student reads out (in lower case, as heard).
    coach_page.get_by_label("Check-in code").fill(code.lower())
    coach_page.get_by_role("button", name="Check in by code").click()
    expect(flash(coach_page, f"{nils.name} is checked in.")).to_be_visible()
    checkin = coach_page.get_by_role("region", name="Check-in list")
    expect(checkin.get_by_role("row").filter(has_text=nils.name)).to_contain_text("Checked in")
    expect(coach_page.get_by_role("region", name="Attendance")).to_contain_text("Attended: 1")
    assert_accessible(coach_page)
