"""The review loop in real browsers: a flagged offer, a coach asks for changes, the employer edits and resends."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from .a11y import assert_accessible
from .flows import flash, heading, nav, new_employer, register_employer, unique
from .steps import OfferText, approve_offer, post_offer_for_review

pytestmark = pytest.mark.browser

MONEY_FLAG = "Asks for money or bank details"


def test_coach_asks_for_changes_employer_resends_coach_verifies_and_approves(
    new_page: Callable[..., Page], coach_page: Page
) -> None:
    employer_page = new_page("employer")
    eva = new_employer("Eva")
    org_name = f"Åre Fjällstuga {eva.name} AB"
    offer = OfferText(
        title=f"Summer internship at a mountain lodge {unique()}",
        description="Help our guests this summer. Before you start, you pay a fee to our bank account.",
        skills="customer service, Excel", program="Bachelor's Programme in Tourism Studies",
        municipality="Åre (Jämtlands län)", kind="Summer internship",
    )
    register_employer(employer_page, eva, org_name=org_name, municipality=offer.municipality)
    expect(employer_page.get_by_text("Not yet verified")).to_be_visible()
    post_offer_for_review(employer_page, offer)

    # The coach sees the automatic flag in the queue and on the offer, and asks for changes.
    nav(coach_page).get_by_role("link", name="Coach").click()
    coach_page.get_by_role("link", name="Open the review queue").click()
    row = coach_page.get_by_role("row").filter(has=coach_page.get_by_role("link", name=offer.title))
    expect(row).to_contain_text(MONEY_FLAG)
    row.get_by_role("link", name=offer.title).click()
    flags = coach_page.get_by_role("region", name="Automatic flags")
    expect(flags).to_contain_text(MONEY_FLAG)
    for word in ("pay", "fee"):  # the words found are quoted
        expect(flags.locator("q").filter(has_text=word)).to_have_count(1)
    assert_accessible(coach_page)
    coach_page.get_by_label("What should the employer change?").fill("Students never pay anything. Remove the fee.")
    coach_page.get_by_role("button", name="Request changes").click()
    expect(flash(coach_page, "The employer has been asked to change the offer.")).to_be_visible()
    expect(coach_page.get_by_role("link", name=offer.title)).to_have_count(0)

    # The employer reads the comment, edits the offer and sends it again.
    employer_page.reload()
    expect(employer_page.locator("main .badge").first).to_have_text("Changes requested")
    expect(employer_page.get_by_role("note")).to_contain_text("Students never pay anything. Remove the fee.")
    employer_page.get_by_role("link", name="Edit", exact=True).click()
    expect(heading(employer_page)).to_have_text("Edit offer")
    expect(employer_page.get_by_role("note")).to_contain_text("Remove the fee.")
    expect(employer_page.get_by_label("Title")).to_have_value(offer.title)  # the form starts from the saved offer
    employer_page.get_by_label("Description").fill("Help our guests this summer. Lodging and meals are included.")
    employer_page.get_by_role("button", name="Save and send for review").click()
    expect(flash(employer_page, "Saved and sent to a career coach for review.")).to_be_visible()
    expect(employer_page.locator("main .badge").first).to_have_text("In review")

    # The coach verifies the organisation and approves the corrected offer: no money flag any more.
    nav(coach_page).get_by_role("link", name="Coach").click()
    coach_page.get_by_role("link", name="Open the review queue").click()
    row = coach_page.get_by_role("row").filter(has=coach_page.get_by_role("link", name=offer.title))
    expect(row).not_to_contain_text(MONEY_FLAG)
    coach_page.get_by_role("button", name=f"Verify {org_name}").click()
    expect(flash(coach_page, "The organisation is verified.")).to_be_visible()
    approve_offer(coach_page, offer.title)

    employer_page.reload()
    expect(employer_page.locator("main .badge").first).to_have_text("Published")
    nav(employer_page).get_by_role("link", name="My page").click()
    expect(employer_page.get_by_text(org_name)).to_be_visible()
    expect(employer_page.get_by_text("Not yet verified")).to_have_count(0)
