"""Steps a person takes in the browser (English UI), shared by the browser tests.

Every step goes through the visible UI: links and buttons by their accessible name, inputs by their label.
"""

from __future__ import annotations

import itertools
import re
import time
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect

from matchmaker.core.validation import org_number_with_check_digit

from .a11y import assert_accessible
from .conftest import ARTIFACTS, PASSWORD

_seq = itertools.count(1)


@dataclass
class Person:
    """Who is at one browser."""

    name: str
    email: str
    password: str = PASSWORD


def unique() -> int:
    """A number unique within the test run (the live database lives as long as the run)."""
    return next(_seq)


def new_student(first: str = "Alva") -> Person:
    n = unique()
    return Person(name=f"{first} Student{n}", email=f"student{n}.browser@example.org")


def new_employer(first: str = "Bo") -> Person:
    n = unique()
    return Person(name=f"{first} Employer{n}", email=f"employer{n}.browser@example.org")


def new_org_number() -> str:
    """A valid organisationsnummer nobody has registered in this run."""
    return org_number_with_check_digit(f"559{unique():06d}")


def nav(page: Page) -> Locator:
    """The main menu."""
    return page.get_by_role("navigation", name="Main menu")


def heading(page: Page) -> Locator:
    """The page's h1."""
    return page.get_by_role("heading", level=1)


def flash(page: Page, text: str) -> Locator:
    """A status message shown after a redirect."""
    return page.get_by_role("status").filter(has_text=text)


def expect_logged_in(page: Page) -> None:
    expect(nav(page).get_by_role("button", name="Log out")).to_be_visible()


def open_registration(page: Page) -> None:
    page.goto("/")
    nav(page).get_by_role("link", name="Register").click()
    expect(heading(page)).to_have_text("Register")
    assert_accessible(page)


def fill_account(page: Page, person: Person, *, confirm: str | None = None) -> None:
    """The fields every registration has."""
    page.get_by_label("Your name").fill(person.name)
    page.get_by_label("Email").fill(person.email)
    page.get_by_label("Password", exact=True).fill(person.password)
    page.get_by_label("Repeat password").fill(person.password if confirm is None else confirm)


def mailed_link(email: str, path: str, deadline_s: float = 20) -> str:
    """The last link to `path` in a mail to `email`, read from the server's log (mail is printed there)."""
    pattern = re.compile(rf"--- mail to {re.escape(email)}:[^\n]*\n(?:(?!\n---).)*?https?://[^/\s]+({path}[^\s]+)",
                         re.S)
    end = time.monotonic() + deadline_s
    while time.monotonic() < end:
        found = pattern.findall((ARTIFACTS / "server.log").read_text(errors="replace"))
        if found:
            return str(found[-1])
        time.sleep(0.2)  # the worker thread sends the mail just after the request; polling, not waiting blind
    raise AssertionError(f"no mail to {email} with a link to {path}")


def confirm_mailed_registration(page: Page, person: Person) -> None:
    """After the registration form: the "check your mail" page, then the mailed link and its button."""
    expect(heading(page)).to_have_text("Check your mail")
    assert_accessible(page)
    page.goto(mailed_link(person.email, "/register/confirm/"))
    expect(heading(page)).to_have_text("Create your account")
    page.get_by_role("button", name="Create account").click()


def register_student(page: Page, person: Person, program: str | None = None) -> None:
    """Register as a student through the form; ends on the student's start page."""
    open_registration(page)
    page.get_by_label("a student").check()
    fill_account(page, person)
    if program:
        page.get_by_label("Study program").select_option(label=program)
    page.get_by_role("button", name="Create account").click()
    confirm_mailed_registration(page, person)
    expect(flash(page, "Welcome to Matchmaker!")).to_be_visible()
    expect(heading(page)).to_have_text(f"Welcome, {person.name}")
    expect_logged_in(page)


def register_employer(
    page: Page, person: Person, org_name: str, municipality: str = "Umeå (Västerbottens län)"
) -> None:
    """Register as an employer with a new organisation; ends on the employer's start page."""
    open_registration(page)
    page.get_by_label("an employer").check()
    fill_account(page, person)
    page.get_by_label("Organisation name").fill(org_name)
    page.get_by_label("Organisation number").fill(new_org_number())
    page.get_by_label("Sector").select_option(label="Company")
    page.get_by_label("Municipality", exact=True).select_option(label=municipality)
    page.get_by_role("button", name="Create account").click()
    confirm_mailed_registration(page, person)
    expect(flash(page, "Welcome to Matchmaker!")).to_be_visible()
    expect(heading(page)).to_have_text(f"Welcome, {person.name}")
    expect_logged_in(page)


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    """Log in through the menu's link and the login form."""
    page.goto("/")
    with page.expect_navigation():  # checked once the login page is there, not while it is loading
        nav(page).get_by_role("link", name="Log in").click()
    assert_accessible(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    # Wait for the answer page: the next step may look for something the login page has too (a language button).
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()


def log_out(page: Page) -> None:
    nav(page).get_by_role("button", name="Log out").click()
    expect(flash(page, "You are logged out.")).to_be_visible()
    expect(nav(page).get_by_role("link", name="Log in")).to_be_visible()


def use_english(page: Page) -> None:
    """Switch the UI to English if it is in Swedish (accounts made by the CLI start in Swedish)."""
    english = page.get_by_role("button", name="English")
    if english.count():
        english.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
