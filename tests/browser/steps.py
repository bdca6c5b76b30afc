"""The Karriärsök steps of the walkthroughs (student, employer, coach), each through the visible UI."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from .a11y import assert_accessible
from .flows import flash, heading, nav, unique


@dataclass
class OfferText:
    """What an employer types into a new offer."""

    title: str
    description: str
    skills: str
    program: str = "MSc in Computer Engineering"
    municipality: str = "Umeå (Västerbottens län)"
    kind: str = "Degree project"


def forest_offer() -> OfferText:
    """A degree project in machine learning on forest data, with a title unique in the run."""
    n = unique()
    return OfferText(
        title=f"Degree project: machine learning on forest sensor data {n}",
        description=(
            "We are a forestry company in Umeå. In this degree project you build a machine learning model in "
            "Python that predicts tree growth from forest sensor data, and you present it to our foresters."
        ),
        skills="Python, machine learning, SQL",
    )


def fill_profile(page: Page, *, skills: str, interests: str, about: str, looking_for: str = "Degree project") -> None:
    """The student fills the profile from the menu and saves it (`looking_for`: the one kind of offer wanted)."""
    nav(page).get_by_role("link", name="My profile").click()
    expect(heading(page)).to_have_text("My profile")
    assert_accessible(page)
    page.get_by_label("Skills", exact=True).fill(skills)
    page.get_by_label("Languages").fill("Swedish, English")
    page.get_by_label("Interests").fill(interests)
    page.get_by_label("About you and your CV").fill(about)
    page.get_by_label("Expected graduation term").select_option(label="Spring term (VT)")
    page.get_by_label("Graduation year").fill(str(date.today().year + 1))
    page.get_by_label(looking_for, exact=True).check()
    page.get_by_label("I am willing to relocate").check()
    page.get_by_role("button", name="Save profile").click()
    expect(flash(page, "Your profile is saved.")).to_be_visible()
    expect(page.get_by_label("Skills", exact=True)).to_have_value(skills)  # saved, shown again
    expect(page.get_by_label(looking_for, exact=True)).to_be_checked()


def post_offer_for_review(page: Page, offer: OfferText) -> str:
    """The employer writes a new offer from the dashboard and sends it for review; returns its public path."""
    nav(page).get_by_role("link", name="My page").click()
    page.get_by_role("link", name="New offer").click()
    expect(heading(page)).to_have_text("New offer")
    assert_accessible(page)
    page.get_by_label("Kind of offer").select_option(label=offer.kind)
    page.get_by_label("Title").fill(offer.title)
    page.get_by_label("Description").fill(offer.description)
    page.get_by_label("Skills").fill(offer.skills)
    page.get_by_role("group", name="Target study programs").get_by_label(offer.program).check()
    page.get_by_label("Municipality").select_option(label=offer.municipality)
    page.get_by_label("Places").fill("1")
    page.get_by_label("Application deadline").fill((date.today() + timedelta(days=45)).isoformat())
    page.get_by_role("button", name="Save and send for review").click()
    expect(flash(page, "Saved and sent to a career coach for review.")).to_be_visible()
    expect(heading(page)).to_have_text(offer.title)
    expect(page.get_by_text("A career coach reviews the offer before students can see it.")).to_be_visible()
    expect(page.locator("main .badge").first).to_have_text("In review")
    match = re.search(r"/employer/offers/(\d+)$", page.url)
    assert match, page.url
    return f"/offers/{match.group(1)}"


def verify_organization(page: Page, org_name: str) -> None:
    """The coach verifies a newly registered organisation from the review queue (before it may see students)."""
    nav(page).get_by_role("link", name="Review", exact=True).click()
    expect(heading(page)).to_have_text("Review queue")
    page.get_by_role("button", name=f"Verify {org_name}").click()
    expect(flash(page, "The organisation is verified.")).to_be_visible()


def approve_offer(page: Page, title: str) -> None:
    """The coach opens the review queue from the menu, reads the offer and approves it."""
    nav(page).get_by_role("link", name="Review", exact=True).click()
    expect(heading(page)).to_have_text("Review queue")
    assert_accessible(page)
    page.get_by_role("link", name=title).click()
    expect(heading(page)).to_have_text(title)
    assert_accessible(page)
    page.get_by_role("button", name="Approve and publish").click()
    expect(flash(page, "The offer is published.")).to_be_visible()
    expect(heading(page)).to_have_text("Review queue")
    expect(page.get_by_role("link", name=title)).to_have_count(0)  # no longer waiting


def search_and_open(page: Page, words: str, title: str) -> None:
    """The student searches Karriärsök from their page and opens the offer."""
    nav(page).get_by_role("link", name="My page").click()
    page.get_by_role("link", name="Search in Karriärsök").first.click()
    expect(heading(page)).to_have_text("Karriärsök")
    page.get_by_label("Search", exact=True).fill(words)
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]q="))
    assert_accessible(page)
    page.get_by_role("link", name=title).click()
    expect(heading(page)).to_have_text(title)
    assert_accessible(page)


def apply_to_open_offer(page: Page, title: str, message: str) -> None:
    """On the offer page: Apply, write a message, send; the application is listed as submitted."""
    fit = page.get_by_role("region", name="How well it fits you")
    expect(fit.locator("meter")).to_have_count(1)
    fit.get_by_role("link", name="Apply").click()
    expect(heading(page)).to_have_text(f"Apply: {title}")
    assert_accessible(page)
    page.get_by_label("Message to the employer").fill(message)
    page.get_by_role("button", name="Send application").click()
    expect(flash(page, "Your application is sent.")).to_be_visible()
    expect(heading(page)).to_have_text("My applications")
    card = page.locator("article").filter(has=page.get_by_role("link", name=title))
    expect(card).to_contain_text("Submitted")
    assert_accessible(page)


def student_sees_status(page: Page, title: str, status: str, message: str = "") -> None:
    """The student's applications page shows the new status (and the employer's message on the timeline)."""
    nav(page).get_by_role("link", name="My applications").click()
    card = page.locator("article").filter(has=page.get_by_role("link", name=title))
    expect(card.locator(".badge").first).to_have_text(status)
    if message:
        expect(card.get_by_role("list")).to_contain_text(message)


def shortlist_application(page: Page, title: str, student_name: str, message: str) -> None:
    """The employer sees the new application, opens it from the offer's pipeline and shortlists it."""
    nav(page).get_by_role("link", name="My page").click()
    new = page.get_by_role("region", name=re.compile("^New applications"))
    expect(new.get_by_role("link", name=student_name)).to_be_visible()
    expect(new).to_contain_text(title)

    nav(page).get_by_role("link", name="Offers").click()
    page.get_by_role("link", name=title).click()
    page.get_by_role("link", name="Applications", exact=True).click()
    expect(heading(page)).to_have_text("Applications")
    assert_accessible(page)
    # One entry per application (a table row or a list item, whichever the page uses) with its status.
    entry = page.locator("tr, li, article").filter(has=page.get_by_role("link", name=student_name)).first
    expect(entry).to_contain_text("New")
    entry.get_by_role("link", name=student_name).click()
    expect(heading(page)).to_have_text(student_name)
    assert_accessible(page)
    page.get_by_label("New status").select_option(label="Shortlist")
    page.get_by_label("Message to the student (optional)").fill(message)
    page.get_by_role("button", name="Save step").click()
    expect(flash(page, "The application is now: Shortlisted.")).to_be_visible()
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline).to_contain_text("Shortlisted")
    expect(timeline).to_contain_text(message)


def run_matching(page: Page, timeout_ms: int = 60_000) -> None:
    """The coach starts a matching run and watches its page (it refreshes itself) until it has succeeded."""
    nav(page).get_by_role("link", name="Matching", exact=True).click()
    expect(heading(page)).to_have_text("Matching")
    assert_accessible(page)
    page.get_by_role("button", name="Start matching").click()
    expect(flash(page, "The matching run has started.")).to_be_visible()
    expect(heading(page)).to_have_text(re.compile(r"^Matching run \d+$"))
    # Bounded wait for the background job; the page reloads itself every 3 s while the run is active.
    expect(page.locator("main .badge").first).to_have_text("Succeeded", timeout=timeout_ms)
    expect(page.get_by_text("Current results")).to_be_visible()
    assert_accessible(page)


def recommend_match(page: Page, student_name: str, title: str, program: str) -> None:
    """The coach browses the current matches of one program and recommends one to the student."""
    page.get_by_role("link", name="Back to matching").click()
    page.get_by_role("link", name="Browse matches").click()
    expect(heading(page)).to_have_text("Matches")
    page.get_by_label("Study program").select_option(label=program)
    page.get_by_role("button", name="Filter").click()
    card = page.locator("article").filter(has=page.get_by_role("heading", name=f"{student_name} → {title}"))
    expect(card).to_have_count(1)
    expect(card.locator(".badge").first).to_have_text("Suggested")  # the first badge is the match's status
    card.get_by_role("button", name="Recommend to the student").click()
    expect(flash(page, "Recommended to the student.")).to_be_visible()
    card = page.locator("article").filter(has=page.get_by_role("heading", name=f"{student_name} → {title}"))
    expect(card.locator(".badge").first).to_have_text("Recommended")
    expect(card.get_by_role("button", name="Recommend to the student")).to_have_count(0)
    assert_accessible(page)


def student_sees_coach_recommendation(page: Page, title: str) -> None:
    """The student's page lists the offer under "Recommended by your career coach"; it opens the offer."""
    nav(page).get_by_role("link", name="My page").click()
    section = page.get_by_role("region", name="Recommended by your career coach")
    assert_accessible(page)
    section.get_by_role("link", name=title).click()
    expect(heading(page)).to_have_text(title)
