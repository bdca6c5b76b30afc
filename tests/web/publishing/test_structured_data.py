"""JobPosting JSON-LD on public offer pages, the sitemap, RSS/Atom with filters, embeddable lists."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from xml.etree import ElementTree as ET

import pytest

from matchmaker.models import OfferKind, OfferStatus, utcnow
from matchmaker.services.publishing.jsonld import RECOMMENDED, REQUIRED, missing

pytestmark = pytest.mark.db


def jsonld_of(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1
    return json.loads(found[0])


def test_offer_page_carries_a_complete_job_posting(client, factory) -> None:
    place = factory.municipality("Sundsvall", county="Västernorrlands län")
    org = factory.organization(name="Norrsken <AB>", website="https://norrsken.example.se")
    offer = factory.offer(org, kind=OfferKind.INTERNSHIP, municipality=place, published_at=utcnow(),
                          title="Praktik </script><b>", skills=["python"])
    html = client.get(f"/offers/{offer.id}").get_data(as_text=True)
    data = jsonld_of(html)
    assert missing(data, REQUIRED) == [] and missing(data, RECOMMENDED) == []
    assert data["@type"] == "JobPosting" and data["employmentType"] == ["INTERN"]
    assert data["title"] == "Praktik </script><b>"  # escaped in the page, intact in the data
    assert data["hiringOrganization"]["name"] == "Norrsken <AB>"
    assert data["jobLocation"]["address"]["addressLocality"] == "Sundsvall"
    assert data["validThrough"].startswith(offer.application_deadline.isoformat())
    assert data["directApply"] is True and data["url"] == f"http://localhost/offers/{offer.id}"


def test_unpublished_previews_carry_no_job_posting(client, factory, login) -> None:
    from matchmaker.models import Role

    employer = factory.user(Role.EMPLOYER)
    draft = factory.offer(employer.organization, status=OfferStatus.DRAFT)
    login(employer)
    html = client.get(f"/offers/{draft.id}").get_data(as_text=True)
    assert "application/ld+json" not in html


def test_sitemap_lists_open_offers_only(client, factory) -> None:
    open_offer = factory.offer(published_at=utcnow())
    closed = factory.offer(status=OfferStatus.CLOSED)
    root = ET.fromstring(client.get("/sitemap.xml").data)
    locs = {e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    assert f"http://localhost/offers/{open_offer.id}" in locs
    assert f"http://localhost/offers/{closed.id}" not in locs and "http://localhost/offers" in locs


def test_feeds_follow_karriarsok_filters(client, factory) -> None:
    internship = factory.offer(kind=OfferKind.INTERNSHIP, title="Praktik på kommunen", published_at=utcnow())
    job = factory.offer(kind=OfferKind.JOB, title="Utvecklare", published_at=utcnow())
    rss = ET.fromstring(client.get("/feeds/offers.rss?kind=internship").data)
    links = {e.text for e in rss.iter("link")}
    assert f"http://localhost/offers/{internship.id}" in links and f"http://localhost/offers/{job.id}" not in links
    atom = client.get("/feeds/offers.atom?kind=job")
    assert atom.mimetype == "application/atom+xml"
    ids = {e.text for e in ET.fromstring(atom.data).iter("{http://www.w3.org/2005/Atom}id")}
    assert f"http://localhost/offers/{job.id}" in ids and f"http://localhost/offers/{internship.id}" not in ids


def test_embeds_list_an_organisations_and_a_municipalitys_open_offers(client, factory) -> None:
    place = factory.municipality("Kramfors", code="2282")
    org = factory.organization(name="Kramfors kommun")
    mine = factory.offer(org, municipality=place, title="Sommarjobb i Kramfors", published_at=utcnow())
    factory.offer(org, status=OfferStatus.DRAFT, title="Hemlig")
    expired = factory.offer(org, application_deadline=date.today() - timedelta(days=1), title="Gammal")
    html = client.get(f"/embed/organizations/{org.id}/offers.html")
    text = html.get_data(as_text=True)
    assert html.status_code == 200 and "Sommarjobb i Kramfors" in text and "Hemlig" not in text
    assert "<script" not in text and expired.title not in text
    data = client.get("/embed/municipalities/2282/offers.json")
    assert data.headers["Access-Control-Allow-Origin"] == "*"
    assert [o["id"] for o in data.get_json()["offers"]] == [mine.id]
    unverified = factory.organization(verified=False)
    assert client.get(f"/embed/organizations/{unverified.id}/offers.json").status_code == 404
    assert client.get("/embed/municipalities/0000/offers.html").status_code == 404
