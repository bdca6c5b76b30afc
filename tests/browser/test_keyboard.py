"""The main tasks with the keyboard only, on the demo site: search, apply, review an offer, move an application;
and the phone menu, which opens from the keyboard with JavaScript switched off.

Every press of Tab must land on something visible with a visible focus indicator (an outline or a ring).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from .conftest import TIMEOUT_MS
from .site import DemoSite
from .test_accessibility import open_context, switch_locale

pytestmark = pytest.mark.browser

# What has the focus, whether it shows a focus indicator, and whether it is on screen.
_FOCUS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Chromium's own calendar button inside a date field is a tab stop of its own; the field is then not :focus
  // and the button's ring is Chromium's to draw (responsive.css styles it where the browser lets us).
  if (el.type === 'date' && !el.matches(':focus')) {
    return {what: 'calendar button of ' + el.id, ring: true, visible: true};
  }
  const shown = el.id === 'menu-toggle' ? document.querySelector('label[for=menu-toggle]') : el;
  const s = getComputedStyle(shown);
  const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
  const r = shown.getBoundingClientRect();
  return {what: el.tagName.toLowerCase() + ' ' + (el.innerText || el.name || el.id || '').trim().slice(0, 40),
          ring, visible: r.width > 0 && r.height > 0};
}"""


def tab_to(page: Page, target: Locator, limit: int = 80) -> None:
    """Press Tab until `target` has the focus; every stop on the way must show where the focus is."""
    # A page reached by Enter on a link may still be loading its stylesheets (the URL changes first); until they
    # are in, Chromium draws its own thin ring, which is not the indicator under test.
    page.wait_for_load_state("load")
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(_FOCUS)
        assert focus is not None, f"Tab left the page's controls on {page.url}"
        assert focus["visible"], f"the focus is on something invisible: {focus['what']} on {page.url}"
        assert focus["ring"], f"no visible focus indicator on {focus['what']} on {page.url}"
        if target.evaluate("(el) => el === document.activeElement"):
            return
    raise AssertionError(f"{limit} presses of Tab did not reach {target} on {page.url}")


@pytest.fixture
def keyboard_page(browser: Browser, demo_site: DemoSite) -> Iterator[tuple[DemoSite, object]]:
    """make(role): an English page of the role on the demo site (the contexts are closed after the test)."""
    contexts = []

    def make(role: str) -> Page:
        context = open_context(browser, demo_site, role)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        switch_locale(page, "en")  # the demo accounts may be in Swedish
        return page

    yield demo_site, make
    for context in contexts:
        context.close()


def test_search_and_open_an_offer_with_the_keyboard(keyboard_page) -> None:
    _, make = keyboard_page
    page = make("anonymous")
    page.goto("/offers")
    tab_to(page, page.get_by_role("link", name="Skip to content"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("searchbox").first)
    page.keyboard.type("praktik")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"q=praktik"))
    first = page.locator("main .offer-hit h2 a, main .offer-hit h3 a").first
    title = first.inner_text()
    tab_to(page, first, limit=120)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_apply_to_an_offer_with_the_keyboard(keyboard_page) -> None:
    site, make = keyboard_page
    page = make("student")
    apply_path = site.extra["student"][0].path
    page.goto(apply_path.removeprefix("/student").removesuffix("/apply"))
    tab_to(page, page.get_by_role("link", name="Apply", exact=True))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(apply_path) + "$"))
    tab_to(page, page.get_by_label("Message to the employer"))
    page.keyboard.type("I would like to do this internship; I have done similar work before.")
    tab_to(page, page.get_by_role("button", name="Send application"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="Your application is sent.")).to_be_visible()


def test_review_an_offer_with_the_keyboard(keyboard_page) -> None:
    _, make = keyboard_page
    page = make("coach")
    page.goto("/coach/review")
    first = page.locator("main table a[href*='/coach/review/offers/']").first
    title = first.inner_text()
    tab_to(page, first)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    tab_to(page, page.get_by_role("button", name="Approve and publish"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"/coach/review/offers/"))


def test_move_an_application_with_the_keyboard(keyboard_page) -> None:
    _, make = keyboard_page
    page = make("employer")
    page.goto("/employer/")
    first = page.locator("main a[href*='/employer/applications/']").first
    tab_to(page, first)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/employer/applications/\d+$"))
    status = page.get_by_label("New status")
    before = status.input_value()
    tab_to(page, status)
    page.keyboard.press("ArrowDown")
    chosen = status.input_value()
    assert chosen != before, "the arrow key did not choose another status"
    tab_to(page, page.get_by_role("button", name="Save step"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").filter(has_text="The application is now:")).to_be_visible()


def test_the_phone_menu_opens_from_the_keyboard_without_javascript(browser: Browser, demo_site: DemoSite) -> None:
    context = browser.new_context(base_url=demo_site.server.url, locale="en", java_script_enabled=False,
                                  viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto("/")
        menu = page.get_by_role("navigation", name="Main menu")
        log_in = menu.get_by_role("link", name="Log in")
        expect(log_in).to_be_hidden()  # folded away on a phone
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        tab_to(page, page.get_by_role("checkbox", name="Menu"))
        page.keyboard.press("Space")
        expect(log_in).to_be_visible()
        tab_to(page, log_in)
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    finally:
        context.close()
