"""Invitations in real browsers: only a consenting student is suggested; contact details only after applying."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from .a11y import assert_accessible
from .flows import flash, heading, nav, new_employer, new_student, register_employer, register_student, unique
from .steps import OfferText, approve_offer, fill_profile, post_offer_for_review, verify_organization

pytestmark = pytest.mark.browser

PROGRAM = "BSc in Electrical Power Engineering"


def open_candidates(page: Page, title: str) -> None:
    nav(page).get_by_role("link", name="Offers").click()
    page.get_by_role("link", name=title).click()
    page.get_by_role("link", name="Suggested candidates").click()
    expect(heading(page)).to_have_text("Suggested candidates")


def test_consenting_student_is_invited_accepts_and_applies(new_page: Callable[..., Page], coach_page: Page) -> None:
    student_page = new_page("student")
    employer_page = new_page("employer")
    lina, ove = new_student("Lina"), new_employer("Ove")
    offer = OfferText(
        title=f"Trainee place in power grid operations {unique()}",
        description="Trainee year in our control room in Sundsvall: power grid operations, substations, SCADA.",
        skills="power systems, SCADA, electrical engineering", program=PROGRAM,
        municipality="Sundsvall (Västernorrlands län)", kind="Trainee place",
    )
    register_student(student_page, lina, program=PROGRAM)
    fill_profile(
        student_page, skills="power systems, SCADA, electrical engineering", interests="Power grids",
        about="Electrical power engineering student interested in grid operations and substations.",
        looking_for="Trainee place",
    )
    org_name = f"Sundsvall Elnät {ove.name} AB"
    register_employer(employer_page, ove, org_name=org_name, municipality=offer.municipality)
    post_offer_for_review(employer_page, offer)
    # Candidates are shown only to organisations a coach has verified.
    verify_organization(coach_page, org_name)
    approve_offer(coach_page, offer.title)

    # Not visible yet: the student has not consented.
    open_candidates(employer_page, offer.title)
    expect(employer_page.get_by_role("heading", name=lina.name)).to_have_count(0)

    # The student turns on "visible to employers".
    nav(student_page).get_by_role("link", name="My profile").click()
    student_page.get_by_role("button", name="Turn on: I consent to employers finding my profile").click()
    expect(flash(student_page, "Employers can now find your profile.")).to_be_visible()
    expect(student_page.get_by_role("button", name="Turn off: hide my profile from employers")).to_be_visible()

    # Now the employer finds the student (no contact details) and invites them.
    employer_page.reload()
    card = employer_page.get_by_role("article", name=lina.name)
    expect(card).to_be_visible()
    assert_accessible(employer_page)
    assert lina.email not in employer_page.content()
    card.get_by_label("Message with the invitation (optional)").fill("Your profile fits our control room well.")
    card.get_by_role("button", name="Invite to apply").click()
    expect(flash(employer_page, "The student is invited to apply.")).to_be_visible()
    card = employer_page.get_by_role("article", name=lina.name)
    expect(card.locator(".badge").first).to_have_text("Invited")
    expect(card.get_by_role("button", name="Invite to apply")).to_have_count(0)

    # The student sees the invitation on their page, accepts and applies.
    nav(student_page).get_by_role("link", name="My page").click()
    invitations = student_page.get_by_role("region", name="Invitations from employers")
    invitation = invitations.locator("article").filter(has=student_page.get_by_role("link", name=offer.title))
    expect(invitation).to_contain_text("Your profile fits our control room well.")
    assert_accessible(student_page)
    invitation.get_by_role("button", name="Accept and apply").click()
    expect(flash(student_page, "Thank you! Tell the employer why you are interested.")).to_be_visible()
    expect(heading(student_page)).to_have_text(f"Apply: {offer.title}")
    student_page.get_by_label("Message to the employer").fill("Thank you, I would like to apply.")
    student_page.get_by_role("button", name="Send application").click()
    expect(flash(student_page, "Your application is sent.")).to_be_visible()

    # Having applied, the student's contact details are shown to the employer.
    employer_page.reload()
    card = employer_page.get_by_role("article", name=lina.name)
    expect(card.get_by_text("Has applied")).to_be_visible()
    employer_page.get_by_role("link", name=offer.title).click()
    employer_page.get_by_role("link", name="Applications", exact=True).click()
    employer_page.get_by_role("link", name=lina.name).click()
    expect(heading(employer_page)).to_have_text(lina.name)
    expect(employer_page.get_by_role("link", name=lina.email)).to_be_visible()
