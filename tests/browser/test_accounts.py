"""Accounts in a real browser: register, log out and in, change password, bad input, language switch."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from .conftest import COACH_NAME
from .flows import (
    expect_logged_in,
    fill_account,
    flash,
    heading,
    log_in,
    log_out,
    nav,
    new_employer,
    new_student,
    open_registration,
    register_student,
)

pytestmark = pytest.mark.browser


def test_student_registers_logs_out_and_logs_in_again(page: Page) -> None:
    alva = new_student()
    register_student(page, alva, program="MSc in Computer Engineering")
    expect(page).to_have_url(re.compile(r"/student/$"))
    log_out(page)
    assert page.url.endswith("/")

    log_in(page, alva.email, "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("Wrong email or password.")
    expect(page.get_by_label("Email")).to_have_value(alva.email)
    expect(nav(page).get_by_role("link", name="Log in")).to_be_visible()

    page.get_by_label("Password").fill(alva.password)
    page.get_by_role("button", name="Log in").click()
    expect_logged_in(page)
    expect(heading(page)).to_have_text(f"Welcome, {alva.name}")
    assert page.url.endswith("/student/")


def test_change_password_ends_other_sessions(new_page: Callable[..., Page]) -> None:
    page = new_page("student")
    alva = new_student()
    register_student(page, alva)
    elsewhere = new_page("other-browser")
    log_in(elsewhere, alva.email)
    expect_logged_in(elsewhere)

    nav(page).get_by_role("link", name="Password").click()
    expect(heading(page)).to_have_text("Change password")
    page.get_by_label("Current password").fill(alva.password)
    page.get_by_label("New password", exact=True).fill("a-brand-new-passphrase")
    page.get_by_label("Repeat new password").fill("a-brand-new-passphrase")
    page.get_by_role("button", name="Change password").click()
    expect(flash(page, "Your password is changed.")).to_be_visible()
    expect_logged_in(page)  # this browser stays logged in...

    elsewhere.reload()  # ...the other one is logged out
    expect(nav(elsewhere).get_by_role("link", name="Log in")).to_be_visible()

    log_out(page)
    log_in(page, alva.email, alva.password)
    expect(page.get_by_role("alert")).to_contain_text("Wrong email or password.")
    page.get_by_label("Password").fill("a-brand-new-passphrase")
    page.get_by_role("button", name="Log in").click()
    expect_logged_in(page)


def test_wrong_current_password_is_named_on_its_field(page: Page) -> None:
    alva = new_student()
    register_student(page, alva)
    page.goto("/account/password")
    page.get_by_label("Current password").fill("not-my-password")
    page.get_by_label("New password", exact=True).fill("a-brand-new-passphrase")
    page.get_by_label("Repeat new password").fill("a-brand-new-passphrase")
    page.get_by_role("button", name="Change password").click()
    current = page.get_by_label("Current password")
    expect(current).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#current_password-error")).to_have_text("Current password: is wrong")
    expect(current).to_have_attribute("aria-describedby", "current_password-error")


def test_bad_registration_keeps_typed_values_and_names_the_field(page: Page) -> None:
    alva = new_student()
    open_registration(page)
    page.get_by_label("a student").check()
    fill_account(page, alva, confirm="something-else-entirely")
    page.get_by_label("Study program").select_option(label="Nursing Programme")
    page.get_by_role("button", name="Create account").click()

    expect(heading(page)).to_have_text("Register")
    confirm = page.get_by_label("Repeat password")
    expect(confirm).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#confirm-error")).to_have_text("Repeat password: Passwords differ")
    expect(page.get_by_label("Your name")).to_have_value(alva.name)
    expect(page.get_by_label("Email")).to_have_value(alva.email)
    expect(page.get_by_label("Study program")).to_have_value("sjukskoterska")
    expect(page.get_by_label("a student")).to_be_checked()
    expect(nav(page).get_by_role("link", name="Log in")).to_be_visible()  # nothing was created

    # A rule of the service (not of the form): the password is too short. The field is named with the reason.
    page.get_by_label("Password", exact=True).fill("short1")
    page.get_by_label("Repeat password").fill("short1")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#password-error")).to_contain_text("Password: ")
    expect(page.locator("#password-error")).to_contain_text("at least 8 characters")
    expect(page.get_by_label("Your name")).to_have_value(alva.name)


def test_bad_employer_registration_names_the_organisation_number(page: Page) -> None:
    bo = new_employer()
    open_registration(page)
    page.get_by_label("an employer").check()
    fill_account(page, bo)
    page.get_by_label("Organisation name").fill("Skogsbruk i Norr AB")
    page.get_by_label("Organisation number").fill("556677-8898")  # wrong check digit (…8899 would be right)
    page.get_by_label("Sector").select_option(label="Non-profit")
    page.get_by_role("button", name="Create account").click()

    number = page.get_by_label("Organisation number")
    expect(number).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#org_number-error")).to_have_text("Organisation number: has a wrong check digit")
    expect(number).to_have_value("556677-8898")
    expect(page.get_by_label("Organisation name")).to_have_value("Skogsbruk i Norr AB")
    expect(page.get_by_label("Sector")).to_have_value("non_profit")
    expect(page.get_by_label("an employer")).to_be_checked()


def test_language_switch_swedish_by_default_english_after_switch(new_page: Callable[..., Page]) -> None:
    # A browser that asks for neither Swedish nor English gets the default: Swedish.
    page = new_page("visitor", locale="de-DE")
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(heading(page)).to_have_text("Examensarbeten, praktik, traineeplatser, mentorer och jobb i regionen")
    menu = page.get_by_role("navigation", name="Huvudmeny")
    expect(menu.get_by_role("link", name="Logga in")).to_be_visible()

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(heading(page)).to_have_text("Degree projects, internships, trainee places, mentors and jobs in the region")
    nav(page).get_by_role("link", name="Log in").click()  # the choice holds on the next page
    expect(heading(page)).to_have_text("Log in")
    expect(page.get_by_label("Email")).to_be_visible()

    page.get_by_role("button", name="Svenska").click()  # back, staying on the same page
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(heading(page)).to_have_text("Logga in")
    assert page.url.endswith("/login")


def test_language_choice_is_remembered_on_the_account(new_page: Callable[..., Page]) -> None:
    page = new_page("student")
    alva = new_student()
    register_student(page, alva)  # registered in English
    page.get_by_role("button", name="Svenska").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Välkommen, {alva.name}")

    # Another browser that asks for English: after login the account's Swedish wins.
    other = new_page("other-browser", locale="en")
    log_in(other, alva.email)
    expect(other.locator("html")).to_have_attribute("lang", "sv")
    expect(other.get_by_role("navigation", name="Huvudmeny").get_by_role("button", name="Logga ut")).to_be_visible()


def test_coach_reaches_the_coach_area_and_not_the_student_area(coach_page: Page) -> None:
    coach_page.goto("/")
    nav(coach_page).get_by_role("link", name="Coach").click()
    expect(heading(coach_page)).to_contain_text(COACH_NAME)
    response = coach_page.goto("/student/")
    assert response is not None and response.status == 403
