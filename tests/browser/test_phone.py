"""On a phone a wide table scrolls inside its own box, which shows a cue that there is more to the side."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from .site import DemoSite
from .test_accessibility import open_context

pytestmark = pytest.mark.browser


def test_the_placements_table_scrolls_in_its_own_box_with_a_cue_at_360_px(
    browser: Browser, demo_site: DemoSite
) -> None:
    context = open_context(browser, demo_site, "coach")
    try:
        page = context.new_page()
        page.set_viewport_size({"width": 360, "height": 740})
        page.goto("/coach/placements")
        box = page.locator("main .table-wrap").first
        sizes = box.evaluate("(el) => [el.scrollWidth, el.clientWidth, getComputedStyle(el).backgroundImage]")
        assert sizes[0] > sizes[1], "the table fits; the test needs a table wider than the phone"
        assert "radial-gradient" in sizes[2], "no shadow cue on the scrolling box"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360  # the page itself does not scroll
        assert box.get_attribute("tabindex") == "0"  # keyboard users can scroll it too
        box.evaluate("(el) => { el.scrollLeft = el.scrollWidth; }")
        assert box.evaluate("(el) => el.scrollLeft") > 0
    finally:
        context.close()
