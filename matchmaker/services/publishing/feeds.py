"""RSS 2.0 and Atom feeds of new open offers (Karriärsök's filters), built with the standard library's XML."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from matchmaker.models import Offer

ATOM = "http://www.w3.org/2005/Atom"


def _when(offer: Offer) -> datetime:
    return (offer.published_at or offer.created_at).astimezone(UTC)


def rss(offers: Sequence[Offer], *, title: str, link: str, self_url: str, url_of: Callable[[Offer], str]) -> bytes:
    """An RSS 2.0 document listing the offers."""
    ET.register_namespace("atom", ATOM)
    root = ET.Element("rss", version="2.0")
    channel = ET.SubElement(root, "channel")
    ET.SubElement(channel, "title").text = title
    ET.SubElement(channel, "link").text = link
    ET.SubElement(channel, "description").text = title
    ET.SubElement(channel, f"{{{ATOM}}}link", href=self_url, rel="self", type="application/rss+xml")
    for offer in offers:
        item = ET.SubElement(channel, "item")
        ET.SubElement(item, "title").text = f"{offer.title} ({offer.organization.name})"
        ET.SubElement(item, "link").text = url_of(offer)
        ET.SubElement(item, "guid", isPermaLink="true").text = url_of(offer)
        ET.SubElement(item, "description").text = offer.description[:1000]
        ET.SubElement(item, "pubDate").text = format_datetime(_when(offer))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def atom(offers: Sequence[Offer], *, title: str, link: str, self_url: str, url_of: Callable[[Offer], str]) -> bytes:
    """An Atom document listing the offers."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}id").text = self_url
    ET.SubElement(feed, f"{{{ATOM}}}link", href=link)
    ET.SubElement(feed, f"{{{ATOM}}}link", href=self_url, rel="self")
    updated = max((_when(o) for o in offers), default=datetime(2026, 1, 1, tzinfo=UTC))
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = updated.isoformat()
    for offer in offers:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}title").text = f"{offer.title} ({offer.organization.name})"
        ET.SubElement(entry, f"{{{ATOM}}}id").text = url_of(offer)
        ET.SubElement(entry, f"{{{ATOM}}}link", href=url_of(offer))
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = _when(offer).isoformat()
        author = ET.SubElement(entry, f"{{{ATOM}}}author")
        ET.SubElement(author, f"{{{ATOM}}}name").text = offer.organization.name
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = offer.description[:1000]
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)
