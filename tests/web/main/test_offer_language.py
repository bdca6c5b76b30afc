"""Offer texts carry the language they are written in, so a Swedish screen reader voice does not read English."""

from __future__ import annotations

import re

import pytest

from matchmaker.models import Locale

pytestmark = pytest.mark.db


def test_an_english_offer_in_the_swedish_ui_is_marked_english_and_the_page_stays_swedish(client, factory) -> None:
    offer = factory.offer(title="Summer internship in data engineering", description="You will build pipelines.",
                          language=Locale.EN)
    html = client.get(f"/offers/{offer.id}", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert '<html lang="sv">' in html
    assert '<h1 lang="en">Summer internship in data engineering</h1>' in html
    assert re.search(r'<div class="offer-description pre" lang="en">\s*You will build pipelines.', html)
    search = client.get("/offers?q=pipelines", headers={"Accept-Language": "sv"}).get_data(as_text=True)
    assert re.search(rf'href="/offers/{offer.id}" lang="en">Summer internship in data engineering</a>', search)


def test_a_swedish_offer_in_the_english_ui_is_marked_swedish(client, factory) -> None:
    offer = factory.offer(title="Sommarjobb i hemtjänsten", language=Locale.SV)
    html = client.get(f"/offers/{offer.id}", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en">' in html and '<h1 lang="sv">Sommarjobb i hemtjänsten</h1>' in html
